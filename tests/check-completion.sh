#!/bin/sh
# Loads the bash completion into a plain (non-interactive) bash and checks a
# few completions.   tests/check-completion.sh COMPLETION_FILE YCFG_EXE
set -u

if ! command -v bash >/dev/null 2>&1; then
	echo "check-completion: bash is not installed; skipping" >&2
	exit 77
fi

exec bash -c '
set -u
source "$1" || exit 1
exe=$2
fails=0
# expect WORDS... -- EXPECTED: completes the last word of WORDS and checks
# that EXPECTED is among the results
expect() {
	local w=() want
	while [ "$1" != -- ]; do w+=("$1"); shift; done
	want=$2
	COMP_WORDS=("${w[@]}")
	COMP_CWORD=$((${#w[@]} - 1))
	COMPREPLY=()
	_ycfg
	case " ${COMPREPLY[*]-} " in
	*" $want "*) echo "ok: [${w[*]}] -> $want" ;;
	*) echo "FAIL: [${w[*]}] gave [${COMPREPLY[*]-}], wanted $want" >&2
	   fails=$((fails + 1)) ;;
	esac
}
complete -p ycfg >/dev/null || { echo "FAIL: no complete -F for ycfg" >&2; exit 1; }
expect ycfg l -- lint
expect ycfg r -- resolve
expect ycfg lint --fo -- --format
expect ycfg lint --format s -- sarif
expect ycfg lint --format = j -- json
expect ycfg lint --color "" -- never
expect ycfg resolve --format c -- cfg
expect ycfg d -- diff
expect ycfg completion b -- bash
expect ycfg resolve --al -- --all
expect ycfg diff --format m -- markdown
expect ycfg diff --g -- --git
expect "$exe" explain duplicate -- duplicate-key
expect "$exe" lint --model T54 -- T54W
expect ycfg lint --temp -- --template
expect ycfg lint --template sm -- smarty
expect ycfg lint --min-severity w -- warning
exit $((fails > 0))
' check-completion "$1" "$2"
