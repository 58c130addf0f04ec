#!/usr/bin/env bash
# The demo: Wardcast's main job on the bundled demo station, in a scratch
# data directory. Run after building with the default preset.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/default/cli/wardcast
data=${WARDCAST_DEMO_DIR:-$(mktemp -d /tmp/wardcast-demo.XXXXXX)}
w() { echo "+ wardcast $*" >&2; "$bin" --data-dir "$data" "$@"; }

echo "Demo data directory: $data"
w user add admin --role admin
w --user admin user add lan --role editor
w --user admin user add minh --role approver
id=$(w --user lan bulletin add --topic mot-cua --title "Cơ chế một cửa" \
      --text "Ủy ban nhân dân phường thông báo: từ ngày một tháng năm, người dân có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia." | tail -n1)
w --user minh approve "$id"
w bulletin list
