#!/usr/bin/env bash
# Checks each compile-fail test more strictly than CTest does (GCC only):
#   1. the file fails to compile, and the FIRST `error:` line carries the `brian:` text
#      matching the file's `// expect:` regex (so it fails for the right reason);
#   2. where the file has a BRIAN_COMPILE_FAIL_FIX variant (the corrected code), that
#      variant compiles.
# Also prints the number of diagnostic lines. Usage: tests/compile_fail/verify.sh [g++]
set -uo pipefail
cd "$(dirname "$0")"
cxx=${1:-g++-12}
include=../../include
status=0
for file in *.cpp; do
    regex=$(head -1 "$file" | sed -E 's#^//[ \t]*expect:[ \t]*##')
    out=$(LC_ALL=C "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I"$include" "$file" 2>&1)
    rc=$?
    first=$(grep -m1 'error:' <<<"$out")
    lines=$(wc -l <<<"$out")
    if [[ $rc -eq 0 ]]; then
        echo "FAIL $file: compiled"; status=1; continue
    fi
    if ! grep -q 'brian: ' <<<"$first" || ! grep -Eq -- "$regex" <<<"$first"; then
        echo "FAIL $file: first error is not the expected diagnostic: $first"; status=1; continue
    fi
    if grep -q BRIAN_COMPILE_FAIL_FIX "$file" &&
        ! LC_ALL=C "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I"$include" \
            -DBRIAN_COMPILE_FAIL_FIX "$file" >/dev/null 2>&1; then
        echo "FAIL $file: the fixed variant does not compile"; status=1; continue
    fi
    echo "ok   $file ($lines lines)"
done
exit $status
