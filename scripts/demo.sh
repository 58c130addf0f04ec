#!/usr/bin/env bash
# The demo: Wardcast's main job on the bundled demo station
# (config/demo/wardcast.toml), in a scratch data directory:
#   plan document -> campaign file -> bulletins (TTS) approved by a second
#   person -> planned air time -> a bulletin pinned a few seconds ahead, and
#   the day's programme played at its planned times to the ward channel's
#   outputs: RTP 127.0.0.1:5004, a recording, and Icecast
#   http://127.0.0.1:8000/ward.mp3 on a local Icecast2 this script starts
#   (config/demo/icecast.xml; stopped again when the script ends).
# Run after building with the default preset. Set WARDCAST_DEMO_DIR to keep
# the data somewhere of your choosing; WARDCAST_DEMO_PLAY=0 skips playing.
#
#   scripts/demo.sh icecast   only runs the demo's Icecast2 in the foreground
#                             (logs in $WARDCAST_DEMO_DIR/icecast), for
#                             README's "Hear it"; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WARDCAST_BIN:-build/default/cli/wardcast}
data=${WARDCAST_DEMO_DIR:-$(mktemp -d /tmp/wardcast-demo.XXXXXX)}
mkdir -p "$data"
data=$(cd "$data" && pwd)
plan=config/demo/ke-hoach-demo.txt
zone=Asia/Ho_Chi_Minh  # [station] timezone of config/demo/wardcast.toml: --at and --date are local to it
w() { echo "+ wardcast $*" >&2; "$bin" --data-dir "$data" "$@"; }
toml_values() {  # toml_values KEY FILE: the KEY = "..." values of [[topic]] tables
  awk -v key="$2" '/^\[\[topic\]\]/{t=1} /^\[\[topic\.quota\]\]/{t=0}
    t && $0 ~ "^"key" = \"" {sub("^"key" = \"",""); sub("\"$",""); print}' "$1"
}

# A local Icecast2 on 127.0.0.1:8000 for the ward channel's ward.mp3 mount.
# Never fatal: if it cannot run, the demo says why and plays to its other
# outputs (the program keeps retrying the mount in the background).
icecast_pid=
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

if [[ ${WARDCAST_DEMO_PLAY:-1} != 0 ]]; then
  echo "== 5. Today's programme on the ward channel: a bulletin pinned 8 s from now,"
  echo "      played at that second (silence until then) to RTP 127.0.0.1:5004,"
  echo "      Icecast http://127.0.0.1:8000/ward.mp3 and a recording"
  start_icecast
  at=$(TZ=$zone date -d '+8 seconds' +%FT%T)
  w --user admin pin "${items[0]}" --channel ward --at "$at"
  w play --channel ward --date "${at%T*}"
  stop_icecast
  echo "Recording: $(ls "$data"/rec/* 2>/dev/null | head -n1)"
fi
