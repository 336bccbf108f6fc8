#!/bin/sh
# `ycfg completion SHELL` prints exactly the installed script of the shell;
# a missing or unknown shell is a usage error.
#   tests/check-completion-command.sh YCFG_EXE BASH ZSH FISH
set -u

exe=$1
fails=0
check() {
	if "$exe" completion "$1" | cmp -s - "$2"; then
		echo "ok: completion $1"
	else
		echo "FAIL: 'ycfg completion $1' differs from $2" >&2
		fails=$((fails + 1))
	fi
}
check bash "$2"
check zsh "$3"
check fish "$4"
for args in "" "tcsh" "bash zsh"; do
	# shellcheck disable=SC2086
	"$exe" completion $args >/dev/null 2>&1
	rc=$?
	if [ $rc -eq 2 ]; then echo "ok: completion '$args' exit 2"; else
		echo "FAIL: 'ycfg completion $args' exit $rc, expected 2" >&2
		fails=$((fails + 1))
	fi
done
"$exe" completion --help | grep -q "usage: ycfg completion" ||
	{ echo "FAIL: completion --help" >&2; fails=$((fails + 1)); }
exit $((fails > 0))
