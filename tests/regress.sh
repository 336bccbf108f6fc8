#!/usr/bin/env bash
# regress.sh YCFG_BINARY REGRESS_DIR
#
# Inputs that once crashed, hung or tripped a sanitizer (minimised by the
# fuzz harnesses in fuzz/, one file each, named after the harness and the
# bug) are run through `ycfg lint`, as found and as a layer of `ycfg
# resolve`.  Any exit code of the contract (0 clean, 1 findings, 2 unreadable)
# is fine; a signal, a sanitizer report or more than 20 s is a failure.
# Files ending in .boot are linted with boot syntax.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY REGRESS_DIR" >&2
	exit 2
fi
YCFG=$1
DIR=$2
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-regress.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

pass=0
fail=0

check() {
	local name=$1
	shift
	timeout 20 "$YCFG" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	local rc=$?
	if [ "$rc" -le 2 ] && ! grep -qE 'Sanitizer|runtime error:' "$TMP/err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: exit $rc"
		sed 's/^/    /' "$TMP/err" | head -30
	fi
}

n=0
for f in "$DIR"/*; do
	case $f in *.md | *README*) continue ;; esac
	[ -f "$f" ] || continue
	n=$((n + 1))
	check "lint $(basename "$f")" lint "$f"
	check "lint --format json $(basename "$f")" lint --format json "$f"
	case $f in
	*.boot) check "resolve $(basename "$f")" resolve "$f" ;;
	*) check "resolve $(basename "$f")" resolve --defaults --provenance "$f" "$f" ;;
	esac
done
echo "regress: $n inputs, $pass runs passed, $fail failed"
[ "$fail" -eq 0 ]
