#!/usr/bin/env bash
# Fails, naming each file, when a C++ source of the tree is not formatted as
# .clang-format says. CTest runs it (test "format: ..."), so `.ci/run`
# checks formatting with the README's test command. To mend:
#   scripts/check-format.sh --fix
# clang-format is Debian 12's (14); scripts/setup.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=${CLANG_FORMAT:-clang-format}
command -v "$fmt" > /dev/null || { echo "check-format: $fmt is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mapfile -t files < <(find bench cli config content daemon drivers media scheduler tests util \
  -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
if [[ ${1:-} == --fix ]]; then
  "$fmt" -i "${files[@]}"
  exit 0
fi
# --dry-run prints "FILE:LINE:COL: error: code should be clang-formatted" per
# place; one line per file is enough to act on.
report=$("$fmt" --dry-run --Werror "${files[@]}" 2>&1 || true)
bad=$(grep -oE '^[^:]+:[0-9]+:[0-9]+: error' <<< "$report" | cut -d: -f1 | sort -u || true)
if [[ -n $bad ]]; then
  echo "not formatted as .clang-format says (scripts/check-format.sh --fix mends them):"
  while read -r f; do
    echo "  $f:$(grep -m1 -oE "^$f:[0-9]+" <<< "$report" | cut -d: -f2)"
  done <<< "$bad"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
