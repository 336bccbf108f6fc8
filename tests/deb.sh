#!/bin/sh
# deb.sh SOURCE_DIR
#
# The Debian package, end to end, as .ci/run runs it on Debian 12 (as
# root): dpkg-buildpackage -b on a copy of the tree, lintian without an
# error or warning, apt-get install of the .deb, the installed ycfg on
# the samples, explain, its man pages and the three completions from the
# installed files, then removal leaving nothing.  Exit 77 (skipped) when
# not root or without dpkg-buildpackage, debhelper, lintian or apt-get
# (scripts/setup --dev installs them).
set -u

SRC=$(cd "$1" && pwd) || exit 2
if [ "$(id -u)" -ne 0 ]; then
	echo "deb: not root: skipping" >&2
	exit 77
fi
for t in dpkg-buildpackage dh lintian apt-get; do
	command -v $t >/dev/null 2>&1 || { echo "deb: no $t: skipping" >&2; exit 77; }
done
if dpkg-query -W -f='${Status}' ycfg 2>/dev/null | grep -q "ok installed"; then
	echo "deb: a ycfg package is installed already: skipping" >&2
	exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-deb.XXXXXX") || exit 2
trap 'dpkg -P ycfg >/dev/null 2>&1; rm -rf "$TMP"' EXIT
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

version=$(sed -n "s/^ *version: '\([^']*\)'.*/\1/p" "$SRC/meson.build" | head -1)
mkdir "$TMP/ycfg-$version"
# the tree as committed (no build directories)
(cd "$SRC" && git ls-files -z 2>/dev/null || find . -type f -print0) |
	(cd "$SRC" && xargs -0 tar -cf -) | (cd "$TMP/ycfg-$version" && tar -xf -)
if (cd "$TMP/ycfg-$version" && dpkg-buildpackage -b -us -uc) >"$TMP/build.log" 2>&1
then ok "dpkg-buildpackage"; else bad "dpkg-buildpackage"; tail -20 "$TMP/build.log"; exit 1; fi
deb=$(ls "$TMP"/ycfg_"$version"_*.deb)
[ -f "$deb" ] && ok "built $(basename "$deb")" || { bad "no .deb"; exit 1; }

# lintian: no error, no warning
lintian "$deb" 2>/dev/null >"$TMP/lintian.out"
if grep -qE '^[EW]: ' "$TMP/lintian.out"; then
	bad "lintian:"; cat "$TMP/lintian.out"
else ok "lintian clean"; fi

# install it as a user would
if apt-get install -y -qq "$deb" >"$TMP/apt.log" 2>&1; then ok "apt-get install"
else bad "apt-get install"; tail "$TMP/apt.log"; exit 1; fi
[ -x /usr/bin/ycfg ] && ok "/usr/bin/ycfg" || bad "no /usr/bin/ycfg"
cd "$TMP" || exit 1
cp -r "$SRC/samples" samples
/usr/bin/ycfg lint samples/ >out 2>err && grep -q "no problems in 9 files" err &&
	ok "ycfg lint samples/" || { bad "ycfg lint samples/"; cat out err; }
/usr/bin/ycfg explain account.X.sip_server.Y.port | grep -q "^type: *port" &&
	ok "ycfg explain" || bad "ycfg explain"
/usr/bin/ycfg --version | grep -q "$version" && ok "version" || bad "--version"
MANWIDTH=80 man ycfg 2>/dev/null | grep -q "ycfg lint" && ok "man ycfg" || bad "man ycfg"
man -w ycfg-schema >/dev/null 2>&1 && ok "man ycfg-schema" || bad "man ycfg-schema"
# completions, from the installed files
bash -c '. /usr/share/bash-completion/completions/ycfg
	COMP_WORDS=(ycfg l); COMP_CWORD=1; _ycfg; [ "${COMPREPLY[*]}" = lint ]' &&
	ok "bash completion" || bad "bash completion"
if command -v fish >/dev/null 2>&1; then
	fish --no-config -c 'source /usr/share/fish/vendor_completions.d/ycfg.fish
		complete -C "ycfg d" | string match -q "diff*"' &&
		ok "fish completion" || bad "fish completion"
fi
[ -s /usr/share/zsh/vendor-completions/_ycfg ] && ok "zsh completion" ||
	bad "no zsh completion"
/usr/bin/ycfg completion bash | cmp -s - /usr/share/bash-completion/completions/ycfg &&
	ok "ycfg completion bash" || bad "ycfg completion bash"

# removed cleanly
apt-get remove --purge -y -qq ycfg >"$TMP/apt.log" 2>&1 || bad "apt-get remove"
[ ! -e /usr/bin/ycfg ] && [ ! -e /usr/share/ycfg ] &&
	[ ! -e /usr/share/man/man1/ycfg.1.gz ] && ok "removed" || bad "files left after removal"

echo "deb: $fails failed"
[ "$fails" -eq 0 ]
