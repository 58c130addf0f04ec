#!/usr/bin/env bash
# Playout cost and fan-out (SPEC §7), Wardcast against Liquidsoap 2.1 in the
# same run, same file, codec and bit rate, over the same wall time.
#   bench/playout/run.sh BUILD_DIR [SECONDS] [SECTIONS]
# SECTIONS (default all): any of peer, decode, forward, gst-forward, comma-separated.
#   peer         one programme against Liquidsoap (MP3 to Icecast, Opus)
#   decode       fan-out with LoudspeakerProgram (decode + encode per programme)
#   forward      fan-out with ForwardProgram (air rendition rendered once,
#                packets forwarded), N = 20, 50, 100, 200; the N = 100 line is
#                the "memory at 100 channels" figure
#   gst-forward  the same forwarding with one GStreamer pipeline per programme
#   peer-fanout  Liquidsoap with 20 and 50 distinct Opus 64 kbit/s programmes
#                (to Ogg files: it has no RTP output) in one process
#   rt           forward (N = 100, 200) and decode (N = 20, 50) again under
#                chrt -r 10 (real-time round robin, as the daemon's unit could
#                run): what is left when other processes cannot delay the
#                sending thread. Needs root or CAP_SYS_NICE; skipped otherwise.
# Prints one line per measurement. Run it on an otherwise idle machine: CPU
# figures are whole-process user+system time over a fixed wall time.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
sections=${3:-peer,decode,forward,gst-forward,peer-fanout,rt}
want() { [[ ",$sections," == *",$1,"* ]]; }
bench="$build/bench/playout/bench_playout"
work=$(mktemp -d)
trap 'kill ${ice_pid:-} ${liq_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT

# The same programme material for both: 10 minutes of speech-like noise
# bursts at 44.1 kHz stereo WAV (decoding cost is the same kind for both).
ffmpeg -v error -y -f lavfi -i "anoisesrc=d=600:c=pink:r=44100:a=0.2" \
  -af "volume='0.5+0.5*sin(2*PI*t/3)':eval=frame" -ac 2 "$work/programme.wav"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/log"; chmod 777 "$work" "$work/log"
cat > "$work/icecast.xml" <<XML
<icecast><location>bench</location><admin>bench@localhost</admin>
<limits><sources>256</sources><clients>16</clients></limits>
<authentication><source-password>bench</source-password><admin-user>admin</admin-user><admin-password>bench</admin-password></authentication>
<listen-socket><port>$port</port><bind-address>127.0.0.1</bind-address></listen-socket>
<paths><basedir>/usr/share/icecast2</basedir><logdir>$work/log</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
<logging><errorlog>error.log</errorlog><loglevel>1</loglevel></logging>
<security><chroot>0</chroot>$( [ "$(id -u)" = 0 ] && echo '<changeowner><user>nobody</user><group>nogroup</group></changeowner>')</security></icecast>
XML
icecast2 -c "$work/icecast.xml" >/dev/null 2>&1 & ice_pid=$!
sleep 1

cpu_of() {  # user+system seconds of a pid, from /proc
  awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"
}

# Liquidsoap: one programme over a fixed wall time, CPU measured after start-up.
liquidsoap_run() {  # $1 label, $2 output line
  cat > "$work/bench.liq" <<LIQ
settings.log.stdout.set(false)
settings.log.file.set(false)
settings.init.allow_root.set(true)
s = single("$work/programme.wav")
$2
LIQ
  liquidsoap_measure "$1"
}

liquidsoap_measure() {  # runs $work/bench.liq; $1 label
  liquidsoap "$work/bench.liq" >/dev/null 2>&1 & liq_pid=$!
  sleep 15  # liquidsoap 2.1 needs seconds to load its standard library
  local c0; c0=$(cpu_of $liq_pid)
  sleep "$seconds"
  local c1; c1=$(cpu_of $liq_pid)
  local rss; rss=$(awk '/VmRSS/{print $2/1024}' "/proc/$liq_pid/status")
  kill $liq_pid; wait $liq_pid 2>/dev/null || true; liq_pid=
  awk -v a="$c0" -v b="$c1" -v s="$seconds" -v r="$rss" -v l="$1" \
    'BEGIN{printf "liquidsoap %s: cpu_s=%.2f cpu_core_pct=%.1f cpu_s_per_audio_hour=%.1f rss_mb=%.1f\n", l, b-a, 100*(b-a)/s, (b-a)/s*3600, r}'
}

if want peer; then
echo "== one programme, MP3 128 kbit/s to Icecast: decoding path, forwarding path (MP3 air rendition rendered once: render_* figures), Liquidsoap"
"$bench" --programs 1 --seconds "$seconds" --file "$work/programme.wav" \
  --output "icecast://source:bench@127.0.0.1:$port/wardcast{n}.mp3?bitrate=128"
"$bench" --mode forward --data-dir "$work/data" --programs 1 --seconds "$seconds" --file "$work/programme.wav" \
  --output "icecast://source:bench@127.0.0.1:$port/forward{n}.mp3?bitrate=128" > "$work/fwd_mp3.txt"
cat "$work/fwd_mp3.txt"
liquidsoap_run "mp3-icecast" "output.icecast(%mp3(bitrate=128), host=\"127.0.0.1\", port=$port, password=\"bench\", mount=\"liquidsoap.mp3\", s)" > "$work/liq_mp3.txt"
cat "$work/liq_mp3.txt"
fwd_mp3=$(cat "$work/fwd_mp3.txt"); liq_mp3=$(cat "$work/liq_mp3.txt")
# The SPEC §7 figure: forwarded playout CPU against Liquidsoap's (target <= 0.5);
# and with the one-time render spread over a single play of the item.
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
awk -v f="$(field cpu_s_per_audio_hour_per_program "$fwd_mp3")" -v l="$(field cpu_s_per_audio_hour "$liq_mp3")" \
    -v r="$(field render_cpu_s_per_audio_hour "$fwd_mp3")" \
  'BEGIN{ if (l > 0) printf "ratio mp3-icecast: forward/liquidsoap playout=%.2f (target <= 0.50); forward with its render paid on one play=%.2f\n", f/l, (f+r)/l }'

echo "== one programme, Opus 64 kbit/s (Wardcast: RTP; Liquidsoap: Ogg/Opus file, no RTP output of its own)"
"$bench" --programs 1 --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus&bitrate=64"
"$bench" --mode forward --data-dir "$work/data" --programs 1 --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus&bitrate=64"
liquidsoap_run "opus-file" "output.file(%opus(bitrate=64), \"$work/liquidsoap.opus\", s)"
fi

if want decode; then
echo "== fan-out, decoding: distinct RTP/Opus programmes on one io_context (late = >40 ms behind its RTP timestamp)"
for n in 20 50 100; do
  "$bench" --programs "$n" --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus"
done
fi

if want forward; then
echo "== fan-out, forwarding: air rendition rendered once (render_* figures), then N programmes forward it"
for n in 20 50 100 200; do
  "$bench" --mode forward --data-dir "$work/data" --programs "$n" --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus"
done
fi

if want gst-forward; then
echo "== fan-out, forwarding with one GStreamer pipeline (and streaming thread) per programme, for comparison"
for n in 100 200; do
  "$bench" --mode gst-forward --programs "$n" --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus"
done
fi

if want peer-fanout; then
echo "== Liquidsoap fan-out: N distinct Opus 64 kbit/s programmes in one process (Ogg files)"
for n in 20 50; do
  {
    echo 'settings.log.stdout.set(false)'
    echo 'settings.log.file.set(false)'
    echo 'settings.init.allow_root.set(true)'
    for i in $(seq 1 "$n"); do
      echo "output.file(%opus(bitrate=64), \"$work/liq$i.opus\", single(\"$work/programme.wav\"))"
    done
  } > "$work/bench.liq"
  liquidsoap_measure "opus-fanout-$n"
  rm -f "$work"/liq*.opus
done
fi

if want rt; then
if chrt -r 10 true 2>/dev/null; then
  echo "== under chrt -r 10 (SCHED_RR): forwarding, then decoding"
  for n in 100 200; do
    chrt -r 10 "$bench" --mode forward --data-dir "$work/data" --programs "$n" --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus"
  done
  for n in 20 50; do
    chrt -r 10 "$bench" --programs "$n" --seconds "$seconds" --file "$work/programme.wav" --output "rtp://127.0.0.1:{port}?codec=opus"
  done
else
  echo "== rt skipped: chrt -r needs root or CAP_SYS_NICE"
fi
fi
