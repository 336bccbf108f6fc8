# cli-lib.sh - what the command-line test scripts share; sourced, with
# $YCFG set to the binary and the current directory a scratch one.
#   t WANT_RC ARGS...   runs ycfg; stdout in ./out, stderr in ./err, exit
#                       status in $rc; a sanitizer report fails it
#   has FILE TEXT       TEXT is in FILE
#   hasnt FILE TEXT     TEXT is not in FILE
# Counts in $pass and $fail; ok and bad count one more.

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
H='#!version:1.0.0.1'

t() {
	local want=$1
	shift
	"$YCFG" "$@" >out 2>err </dev/null
	rc=$?
	last="$*"
	if [ "$rc" -eq "$want" ] && ! grep -qE 'Sanitizer|runtime error:' err
	then ok
	else
		bad "ycfg $*: exit $rc, expected $want"
		sed 's/^/    /' out err | head -10
	fi
}
has() {
	if grep -qF -- "$2" "$1"; then ok; else
		bad "'$2' not in $1 (after: ycfg $last)"
		sed 's/^/    /' "$1" | head -12
	fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then
		bad "'$2' in $1 (after: ycfg $last)"
		sed 's/^/    /' "$1" | head -12
	else ok; fi
}
