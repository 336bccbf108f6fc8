#!/usr/bin/env bash
# templates.sh YCFG_BINARY TEMPLATES_DIR
#
# One file per template dialect and construct
# (tests/templates/<dialect>-<construct>.<ext>): placeholders in values,
# indexes and names, branches, loops, comments, includes and the
# dialect's own constructs, each with a literal mistake that must still be
# reported.  Every file but *.expected and *.args is linted with
# --no-config (plus the options in <file>.args, if any) and compared with
# <file>.expected.  YCFG_UPDATE_GOLDEN=1 re-pins; review the diff.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY TEMPLATES_DIR" >&2
	exit 2
fi
YCFG=$1
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
cd "$2" || exit 2
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS YCFG_CONFIG

pass=0
fail=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-templates.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

for f in *; do
	case $f in *.expected | *.args) continue ;; esac
	[ -f "$f" ] || continue
	args=()
	if [ -f "$f.args" ]; then
		read -r -a args <"$f.args"
	fi
	"$YCFG" lint --no-config "${args[@]}" "$f" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if [ -n "${YCFG_UPDATE_GOLDEN:-}" ]; then
		cp "$TMP/out" "$f.expected"
	fi
	if [ "$rc" -gt 1 ]; then
		fail=$((fail + 1))
		echo "FAIL: $f: exit $rc"
		head -3 "$TMP/err" | sed 's/^/    /'
	elif ! [ -s "$TMP/out" ]; then
		fail=$((fail + 1))
		echo "FAIL: $f: no findings"
	elif diff -u "$f.expected" "$TMP/out" >"$TMP/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $f: output differs from $f.expected:"
		sed 's/^/    /' "$TMP/diff" | head -20
	fi
done
echo "templates: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
