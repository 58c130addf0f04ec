#!/usr/bin/env bash
# The installed systemd unit, checked by systemd itself (issue 10 point 11):
# `cmake --install` into a scratch prefix, then
#   systemd-analyze verify             : no warning at all (an unknown or
#                                        misspelt key is only a warning, exit 0,
#                                        so any output fails the test), and
#                                        ExecStart names the installed binary;
#   systemd-analyze security --offline : overall exposure 2.0 or lower.
# Usage: systemd_unit_test.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: systemd_unit_test.sh BUILD_DIR}
prefix=$(mktemp -d /tmp/wardcast-unit.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix/usr" > "$prefix/install.log"
unit=$prefix/usr/lib/systemd/system/wardcastd.service
[[ -f $unit ]] || { echo "FAIL: cmake --install put no unit at $unit"; exit 1; }
exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
[[ $exec_start == "$prefix/usr/sbin/wardcastd" && -x $exec_start ]] ||
  { echo "FAIL: ExecStart=$exec_start is not the installed $prefix/usr/sbin/wardcastd"; exit 1; }
for f in "$prefix/usr/lib/sysusers.d/wardcast.conf" "$prefix/usr/lib/tmpfiles.d/wardcast.conf"; do
  [[ -f $f ]] || { echo "FAIL: cmake --install put nothing at $f"; exit 1; }
done

verify=$(systemd-analyze verify "$unit" 2>&1) || { echo "FAIL: systemd-analyze verify: $verify"; exit 1; }
[[ -z $verify ]] || { echo "FAIL: systemd-analyze verify warns:"; echo "$verify"; exit 1; }
echo "systemd-analyze verify: no warning"

security=$(systemd-analyze security --offline=true "$unit" 2>&1 | tail -n 3)
exposure=$(grep -oE 'Overall exposure level for wardcastd.service: [0-9.]+' <<< "$security" | grep -oE '[0-9.]+$') ||
  { echo "FAIL: no exposure level in: $security"; exit 1; }
echo "systemd-analyze security --offline=true: exposure $exposure (at most 2.0)"
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || { echo "FAIL: exposure $exposure is over 2.0"; exit 1; }
