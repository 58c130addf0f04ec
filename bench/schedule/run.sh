#!/usr/bin/env bash
# Scheduled start accuracy (SPEC §7), Wardcast against Liquidsoap 2.1 in the
# same run, on the same planned wall-clock instants.
#   bench/schedule/run.sh BUILD_DIR [ITEMS] [SPACING_S]
# Builds nothing. ITEMS (default 100) one-second 440 Hz tones, SPACING_S
# (default 3) seconds apart, the first 30 s from now (Liquidsoap needs ~15 s
# to start). Both play at once, so they see the same machine load:
#   - bench_schedule: a LoudspeakerProgram, enqueueAt() 3 s ahead, RTP/Opus
#     to a loopback receiver in the same process ("wardcast"); and the
#     forwarding path, a ForwardProgram with ForwardItem::start_at 3 s ahead,
#     to another ("wardcast-forward");
#   - Liquidsoap: the script below, output.udp with raw PCM to a second
#     receiver in bench_schedule (Liquidsoap 2.1 has no RTP output).
# Prints one summary line each (the full per-item output is kept in
# BUILD_DIR/bench/schedule/last_run.txt, with the Liquidsoap script and its
# log beside it), and the load average before/after.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [ITEMS] [SPACING_S]}
items=${2:-100}
spacing=${3:-3}
bench="$build/bench/schedule/bench_schedule"
[ -x "$bench" ] || { echo "no $bench: build it first (ninja -C $build bench_schedule)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill ${liq_pid:-} ${bench_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
log="$build/bench/schedule/last_run.txt"

sox -n -r 48000 -c 2 -b 16 "$work/tone.wav" synth 1 sine 440 gain -6
peer_port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(( $(date +%s) + 30 ))

# One switch case per item: item({HHhMMmSSs-HHhMMmSSs}, i), the
# range from the planned second to 2 s later (the 1 s item ends inside it;
# the range ends before the next item's).
cases=""
for ((i = 0; i < items; i++)); do
  t=$((start + i * spacing))
  cases+="  item({$(date -d "@$t" +%Hh%Mm%Ss)-$(date -d "@$((t + 2))" +%Hh%Mm%Ss)}, $i),"$'\n'
done

cat > "$work/schedule.liq" <<LIQ
# "Play this item at 14:03:05" the Liquidsoap way: a switch with a time
# predicate, ({14h03m05s-14h03m07s}, item). switch(track_sensitive=false)
# evaluates its predicates on every frame (40 ms by default), so the item
# goes on air in the first frame computed after its second begins. It is
# what an operator writes into a script for timed items. (The other common
# way, an automation system pushing into a request.queue over the telnet
# server at the instant, ends up at the same frame-boundary decision, plus
# the push and the request's resolution; and a queue pushed ahead of time
# would play at once, not at the instant.) Each item is its own
# once(single(file)), so its file is resolved when the script starts, as
# Wardcast's decoder is prepared 3 s ahead: at the instant the switch only
# has to select it. Outside the predicates: blank() (digital silence), so
# the output runs without a break.
settings.log.stdout.set(false)
settings.log.file.set(false)
settings.init.allow_root.set(true)
settings.frame.audio.samplerate.set(48000)
# The case of item i: its predicate, which also prints time() when it first
# holds (the switch's decision), so run.sh can time the output path on its
# own: first tone datagram's arrival - decision.
def item(p, i)
  fired = ref(false)
  def due()
    v = p()
    if v and not !fired then
      fired := true
      # (seconds since the first instant: time() itself prints with 10 ms resolution)
      print("decided #{i} #{time() - $start.}")
    end
    v
  end
  (due, once(single("$work/tone.wav")))
end
s = switch(track_sensitive=false, [
$cases  ({true}, blank())])
# Raw S16LE (no header) in one datagram per frame: no encoder delay, no
# container, no buffering between the frame and the receiver.
output.udp(host="127.0.0.1", port=$peer_port, %wav(header=false, stereo=true, samplerate=48000), s)
LIQ

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); first item $(date -d "@$start" +%T), $items items every $spacing s"
"$bench" --items "$items" --spacing "$spacing" --start "$start" --tone "$work/tone.wav" --peer-port "$peer_port" \
  --forward > "$log" 2>&1 & bench_pid=$!
liquidsoap "$work/schedule.liq" > "$work/liquidsoap.log" 2>&1 & liq_pid=$!
status=0
wait $bench_pid || status=$?
bench_pid=
kill $liq_pid 2>/dev/null || true; wait $liq_pid 2>/dev/null || true; liq_pid=
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^(wardcast|wardcast-forward|liquidsoap):' "$log" || { cat "$log"; tail -20 "$work/liquidsoap.log"; }
# Liquidsoap's own path: its switch's decision (time() when an item's
# predicate first held) against the planned instant, and the first tone
# datagram's arrival against the decision.
grep '^decided ' "$work/liquidsoap.log" >> "$log" || true
awk -v spacing="$spacing" '
  /^decided / { decided[$2] = ($3 - $2 * spacing) * 1000; next }
  /^liquidsoap item .* first tone packet/ { arrival[$3] = $9 + 0 }
  END { for (i in decided) if (i in arrival) printf "%.2f %.2f\n", decided[i], arrival[i] - decided[i] }' "$log" > "$work/path.txt"
stats() {  # column $1 of path.txt: p50 min max
  cut -d' ' -f"$1" "$work/path.txt" | sort -g | awk '{v[NR] = $1} END {
    if (NR) printf "p50=%+.1f min=%+.1f max=%+.1f", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
if [ -s "$work/path.txt" ]; then
  echo "liquidsoap path: items=$(wc -l < "$work/path.txt") decision-planned_ms $(stats 1); arrival-decision_ms $(stats 2)"
else
  echo "liquidsoap path: no decisions logged"
fi
cp "$work/schedule.liq" "$work/liquidsoap.log" "$build/bench/schedule/"
echo "(per item: $log)"
exit $status
