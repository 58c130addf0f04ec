#!/usr/bin/env bash
# The demo: Wardcast's main job on the bundled demo station
# (config/demo/wardcast.toml), in a scratch data directory:
#   plan document -> campaign file -> bulletins (TTS) approved by a second
#   person -> planned air time -> a bulletin pinned 20 s ahead on the whole
#   ward group and a clip on the LED screens -> wardcastd, the station
#   daemon, puts every channel on air and plays them at their second to the
#   channels' outputs (RTP on 127.0.0.1, a recording, RTSP for the screens,
#   and Icecast http://127.0.0.1:8000/ward.mp3 on a local Icecast2 this
#   script starts: config/demo/icecast.xml) -> the as-run log says what
#   aired. The daemon and Icecast2 stop when the script ends.
# Run after building with the default preset. Set WARDCAST_DEMO_DIR to keep
# the data somewhere of your choosing; WARDCAST_DEMO_PLAY=0 stops before the
# daemon; WARDCAST_DEMO_KEEP=1 keeps the daemon on air until Ctrl-C.
#
#   scripts/demo.sh icecast   only runs the demo's Icecast2 in the foreground
#                             (logs in $WARDCAST_DEMO_DIR/icecast), for
#                             README's "Hear it"; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WARDCAST_BIN:-build/default/cli/wardcast}
daemon=${WARDCASTD_BIN:-build/default/daemon/wardcastd}
config=config/demo/wardcast.toml
data=${WARDCAST_DEMO_DIR:-$(mktemp -d /tmp/wardcast-demo.XXXXXX)}
mkdir -p "$data"
data=$(cd "$data" && pwd)
plan=config/demo/ke-hoach-demo.txt
zone=Asia/Ho_Chi_Minh  # [station] timezone of config/demo/wardcast.toml: --at and --date are local to it
w() { echo "+ wardcast $*" >&2; "$bin" --config "$config" --data-dir "$data" "$@"; }
toml_values() {  # toml_values KEY FILE: the KEY = "..." values of [[topic]] tables
  awk -v key="$2" '/^\[\[topic\]\]/{t=1} /^\[\[topic\.quota\]\]/{t=0}
    t && $0 ~ "^"key" = \"" {sub("^"key" = \"",""); sub("\"$",""); print}' "$1"
}

# A local Icecast2 on 127.0.0.1:8000 for the ward channel's ward.mp3 mount.
# Never fatal: if it cannot run, the demo says why and plays to its other
# outputs (the program keeps retrying the mount in the background).
icecast_pid=
daemon_pid=
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start_icecast() {
  if ! command -v icecast2 >/dev/null; then
    echo "icecast2 is not installed (scripts/setup.sh installs it): no Icecast output"; return 0
  fi
  if listening 8000; then
    echo "port 8000 is busy (another Icecast?): not starting the demo's Icecast2"; return 0
  fi
  mkdir -p "$data/icecast"
  local conf=$PWD/config/demo/icecast.xml
  if [[ $(id -u) -eq 0 ]]; then
    # Icecast2 refuses to run as root: as root it drops to nobody, which
    # must be able to reach and write its log folder.
    conf=$data/icecast/icecast.xml
    sed 's|<chroot>0</chroot>|<chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner>|' \
      config/demo/icecast.xml > "$conf"
    chmod a+x "$data"
    chown nobody:nogroup "$data/icecast"
  fi
  (cd "$data" && exec icecast2 -c "$conf" > "$data/icecast/console.log" 2>&1) &
  icecast_pid=$!
  trap stop_icecast EXIT
  for _ in $(seq 50); do
    listening 8000 && break
    kill -0 "$icecast_pid" 2>/dev/null || break
    sleep 0.1
  done
  if listening 8000; then
    echo "Icecast2 (pid $icecast_pid) on http://127.0.0.1:8000/, logs in $data/icecast/"
  else
    echo "icecast2 did not start ($(tail -n1 "$data/icecast/console.log" 2>/dev/null)): no Icecast output"
    stop_icecast
  fi
}
stop_icecast() {
  [[ -n $icecast_pid ]] || return 0
  kill "$icecast_pid" 2>/dev/null || true
  wait "$icecast_pid" 2>/dev/null || true
  icecast_pid=
}

if [[ ${1:-} == icecast ]]; then
  start_icecast
  [[ -n $icecast_pid ]] || exit 1
  echo "Listen: ffplay -nodisp http://127.0.0.1:8000/ward.mp3 (while wardcast plays). Ctrl-C stops Icecast2."
  trap 'stop_icecast; exit 0' INT TERM
  wait "$icecast_pid" || true
  exit 0
fi

# The demo creates the station's first users: it needs a data directory
# without a store (an earlier run's directory already has its admin).
if [[ -e $data/wardcast.db ]]; then
  echo "demo: $data already holds a Wardcast store (an earlier run?);" \
       "give WARDCAST_DEMO_DIR a new directory, or leave it unset for a fresh one" >&2
  exit 1
fi

echo "== Demo data directory: $data"
echo "== 1. Users: an administrator, an editor who writes, an approver who checks"
w user add admin --role admin
w --user admin user add lan --role editor
w --user admin user add minh --role approver

echo "== 2. Import the ward's plan ($plan) into a campaign file"
w plan import "$plan" -o "$data/campaign.toml"
w plan check "$data/campaign.toml"

echo "== 3. A spoken bulletin for every topic, approved by someone else"
mapfile -t topics < <(toml_values "$data/campaign.toml" id)
mapfile -t texts < <(toml_values "$data/campaign.toml" description)
items=()
for i in "${!topics[@]}"; do
  id=$(w --user lan bulletin add --topic "${topics[$i]}" --title "Bản tin ${topics[$i]}" \
        --text "${texts[$i]}" | tail -n1)
  w --user minh approve "$id"
  items+=("$id")
done
w bulletin list

echo "== 4. Plan air time for the coming week (from tomorrow: today is for step 5)"
from=$(TZ=$zone date -d '+1 day' +%F)
to=$(TZ=$zone date -d '+7 days' +%F)
w --user admin plan apply "$data/campaign.toml" --from "$from" --to "$to"
w schedule show --channel ward --date "$from"
w schedule export --format json --from "$from" --to "$to" > "$data/schedule.json"
w schedule export --format ics --from "$from" --to "$to" > "$data/schedule.ics"
echo "Schedule written to $data/schedule.json and $data/schedule.ics"

if [[ ${WARDCAST_DEMO_PLAY:-1} == 0 ]]; then exit 0; fi

echo "== 5. The station on air by itself: wardcastd plays every channel"
start_icecast
# A short clip for the LED screens, approved like any other item.
clip=$data/demo-clip.mp4
ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=1280x720:rate=25 \
  -f lavfi -i sine=frequency=440:sample_rate=48000 -t 8 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$clip"
cid=$(w --user lan clip add --topic "${topics[0]}" --title "Clip ${topics[0]}" --video "$clip" | tail -n1)
w --user minh approve "$cid"
# Both pinned 20 s ahead: the bulletin on the whole ward group (the ward
# channel and the five neighbourhood clusters start it at the same
# instant), the clip on every LED screen.
at=$(TZ=$zone date -d '+20 seconds' +%FT%T)
w --user admin pin "${items[0]}" --channel group:ward --at "$at"
w --user admin pin "$cid" --channel kind:led --at "$at"

echo "+ wardcastd --config $config --data-dir $data   (log: $data/wardcastd.log)"
"$daemon" --config "$config" --data-dir "$data" > "$data/wardcastd.log" 2>&1 &
daemon_pid=$!
stop_daemon() {
  [[ -n $daemon_pid ]] || return 0
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=
}
trap 'stop_daemon; stop_icecast' EXIT
socket=$data/wardcastd.sock
for _ in $(seq 300); do
  [[ -S $socket ]] && w status > /dev/null 2>&1 && break
  kill -0 "$daemon_pid" 2>/dev/null || { echo "wardcastd stopped:" >&2; tail -n5 "$data/wardcastd.log" >&2; exit 1; }
  sleep 0.1
done
w status
cat <<EOT
On air until the pinned bulletin and clip have played, from $at:
  ward channel   RTP 127.0.0.1:5004 (opus), http://127.0.0.1:8000/ward.mp3, $data/rec/ward.ogg
  clusters to-1..to-5  RTP 127.0.0.1:5006, 5008, 5010, 5012, 5014
  LED screens    rtsp://127.0.0.1:8554/led-sanh, rtsp://127.0.0.1:8554/led-quay
  (ffplay -nodisp http://127.0.0.1:8000/ward.mp3, or ffplay rtsp://127.0.0.1:8554/led-sanh)
EOT
played() {  # played CHANNEL ITEM: the as-run log shows ITEM played on CHANNEL
  w asrun --channel "$1" --format json 2>/dev/null |
    python3 -c 'import json,sys; item=sys.argv[1]; sys.exit(0 if any(r["item"]==item and r["status"]=="played" for r in json.load(sys.stdin)["records"]) else 1)' "$2"
}
deadline=$((SECONDS + 150))
aired=1
until played ward "${items[0]}" && played led-sanh "$cid"; do
  if ((SECONDS > deadline)); then
    echo "demo: the pinned items did not play within 150 s; see $data/wardcastd.log" >&2
    aired=0
    break
  fi
  kill -0 "$daemon_pid" 2>/dev/null || { echo "wardcastd stopped:" >&2; tail -n5 "$data/wardcastd.log" >&2; exit 1; }
  sleep 1
done
w status
if [[ ${WARDCAST_DEMO_KEEP:-0} != 0 ]]; then
  echo "WARDCAST_DEMO_KEEP: wardcastd stays on air (pid $daemon_pid); Ctrl-C stops it."
  wait "$daemon_pid" || true
fi
stop_daemon
echo "== What aired today (the as-run log)"
w asrun
echo "Recordings: $(ls "$data"/rec/ 2>/dev/null | tr '\n' ' ')(in $data/rec)"
((aired)) || exit 1
