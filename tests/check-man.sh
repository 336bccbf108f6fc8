#!/bin/sh
# Renders man pages and fails on any warning from man/groff.
#   tests/check-man.sh PAGE...
# Exit 77 (skipped) when neither man nor groff is installed.
set -u

if command -v man >/dev/null 2>&1; then
	tool=man
elif command -v groff >/dev/null 2>&1; then
	tool=groff
else
	echo "check-man: neither man nor groff is installed; skipping" >&2
	exit 77
fi

# a fixed, always-present UTF-8 locale and width: warnings such as
# "cannot adjust line" depend on both
export LC_ALL=C.UTF-8 MANWIDTH=80
# man-db's seccomp sandbox fails in some containers
export MAN_DISABLE_SECCOMP=1
unset MANOPT MANPAGER PAGER MAN_KEEP_FORMATTING

status=0
for page in "$@"; do
	if [ ! -s "$page" ]; then
		echo "check-man: $page: missing or empty" >&2
		status=1
		continue
	fi
	if [ "$tool" = man ]; then
		warnings=$(man --warnings -E UTF-8 -l -Tutf8 "$page" 2>&1 >/dev/null)
	else
		warnings=$(groff -man -ww -z -K utf8 "$page" 2>&1)
	fi
	rc=$?
	ok=1
	if [ $rc -ne 0 ] || [ -n "$warnings" ]; then
		echo "check-man: $page: $tool exited $rc with:" >&2
		printf '%s\n' "$warnings" >&2
		ok=0
	fi
	# every substitution was made
	if grep -n '@[A-Z_]*@' "$page" >&2; then
		echo "check-man: $page: unsubstituted placeholder" >&2
		ok=0
	fi
	if [ $ok = 1 ]; then
		echo "check-man: $page: ok ($tool)"
	else
		status=1
	fi
done
exit $status
