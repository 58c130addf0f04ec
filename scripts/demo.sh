#!/usr/bin/env bash
# The demo: Wardcast's main job on the bundled demo station
# (config/demo/wardcast.toml), in a scratch data directory:
#   plan document -> campaign file -> bulletins (TTS) approved by a second
#   person -> planned air time -> the ward programme played to its outputs.
# Run after building with the default preset. Set WARDCAST_DEMO_DIR to keep
# the data somewhere of your choosing; WARDCAST_DEMO_PLAY=0 skips playing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WARDCAST_BIN:-build/default/cli/wardcast}
data=${WARDCAST_DEMO_DIR:-$(mktemp -d /tmp/wardcast-demo.XXXXXX)}
plan=config/demo/ke-hoach-demo.txt
w() { echo "+ wardcast $*" >&2; "$bin" --data-dir "$data" "$@"; }
toml_values() {  # toml_values KEY FILE: the KEY = "..." values of [[topic]] tables
  awk -v key="$2" '/^\[\[topic\]\]/{t=1} /^\[\[topic\.quota\]\]/{t=0}
    t && $0 ~ "^"key" = \"" {sub("^"key" = \"",""); sub("\"$",""); print}' "$1"
}

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

echo "== 4. Plan air time for the coming week"
from=$(date +%F)
to=$(date -d '+6 days' +%F)
w --user admin plan apply "$data/campaign.toml" --from "$from" --to "$to"
w schedule show --channel ward --date "$(date -d '+1 day' +%F)"
w schedule export --format json --from "$from" --to "$to" > "$data/schedule.json"
w schedule export --format ics --from "$from" --to "$to" > "$data/schedule.ics"
echo "Schedule written to $data/schedule.json and $data/schedule.ics"

if [[ ${WARDCAST_DEMO_PLAY:-1} != 0 ]]; then
  echo "== 5. Play two bulletins on the ward channel (RTP 127.0.0.1:5004, Icecast"
  echo "      127.0.0.1:8000/ward.mp3 when a server runs there, and a recording)"
  w play --channel ward --items "${items[0]},${items[1]}"
  echo "Recording: $(ls "$data"/rec/* 2>/dev/null | head -n1)"
fi
