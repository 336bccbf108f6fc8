#!/usr/bin/env bash
# fuzz/run-short.sh BUILD_DIR SECONDS
#
# Runs each libFuzzer harness of BUILD_DIR (configured with -Dfuzz=true)
# for SECONDS on a temporary copy of its seed corpus, with the dictionary.
# The committed corpus never grows.  Fails when a harness finds a crash, a
# leak, a timeout (10 s per input) or a sanitizer report; the reproducer
# is kept as BUILD_DIR/fuzz-artifacts/<harness>/crash-* (or leak-, timeout-,
# oom-) and its stack is printed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
BUILD=$(cd "$1" && pwd) || exit 2
SECONDS_EACH=$2
SRC=$(cd "$(dirname "$0")" && pwd)

case $SECONDS_EACH in
'' | *[!0-9]*)
	echo "run-short.sh: SECONDS must be a whole number" >&2
	exit 2
	;;
esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export YCFG_SCHEMA_DIR=${YCFG_SCHEMA_DIR:-$SRC/../schema}

fail=0
for h in lexer lint resolve schema report suppress config template fix; do
	exe=$BUILD/fuzz/fuzz_$h
	if [ ! -x "$exe" ]; then
		echo "run-short.sh: $exe missing; configure with -Dfuzz=true" >&2
		exit 2
	fi
	mkdir -p "$TMP/$h" "$BUILD/fuzz-artifacts/$h"
	cp "$SRC/corpus/$h"/* "$TMP/$h/"
	"$exe" -dict="$SRC/ycfg.dict" -max_total_time="$SECONDS_EACH" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$BUILD/fuzz-artifacts/$h/" \
		"$TMP/$h" >"$TMP/$h.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$h.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$TMP/$h.log")
	if [ "$rc" -ne 0 ]; then
		fail=$((fail + 1))
		echo "FAIL: fuzz_$h (exit $rc); artifacts in $BUILD/fuzz-artifacts/$h:"
		grep -E -A40 '==[0-9]+==ERROR|runtime error|deadly signal|ALARM|out-of-memory' \
			"$TMP/$h.log" | head -60 | sed 's/^/    /'
		ls "$BUILD/fuzz-artifacts/$h" | sed 's/^/    /'
	else
		echo "fuzz_$h: ${SECONDS_EACH}s, ${execs:-?} runs, ${speed:-?} exec/s, no crash"
	fi
done
[ "$fail" -eq 0 ]
