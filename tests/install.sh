#!/bin/sh
# Install layout test (meson test --suite install).
#
#   tests/install.sh MESON BUILDDIR SOURCEDIR BINDIR DATADIR MANDIR
#
# BINDIR, DATADIR and MANDIR are the absolute install directories
# (prefix joined with the option).  Installs the build into a temporary
# DESTDIR (the build itself is not touched: --no-rebuild), checks the
# installed tree, then runs the installed binary with no environment (the
# schema is compiled in: it needs no file at all) and with YCFG_SCHEMA_DIR
# set to the installed schema files, and the build-tree binary with no
# environment.
set -u

meson=$1 builddir=$2 srcdir=$3 bindir=$4 datadir=$5 mandir=$6

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
dest=$tmp/dest
fails=0

fail() {
	echo "install.sh: FAIL: $*" >&2
	fails=$((fails + 1))
}

ok() {
	echo "install.sh: ok: $*"
}

if ! $meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet \
	>"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log" >&2
	echo "install.sh: FAIL: meson install" >&2
	exit 1
fi

# --- layout ----------------------------------------------------------------
exe=$dest$bindir/ycfg
schema=$dest$datadir/ycfg

if [ -x "$exe" ]; then ok "$bindir/ycfg"; else fail "no executable $bindir/ycfg"; fi

nsrc=$(ls "$srcdir"/schema/*.yaml | wc -l)
ninst=$(ls "$schema"/*.yaml 2>/dev/null | wc -l)
if [ "$ninst" -gt 0 ] && [ "$ninst" -eq "$nsrc" ]; then
	ok "$datadir/ycfg: $ninst schema files"
else
	fail "$datadir/ycfg holds $ninst *.yaml files, the source tree $nsrc"
fi
for f in "$srcdir"/schema/*.yaml; do
	cmp -s "$f" "$schema/${f##*/}" || fail "$datadir/ycfg/${f##*/} differs from the source"
done

version=$("$builddir/ycfg" --version | sed 's/^ycfg //')
for page in man1/ycfg.1 man5/ycfg-schema.5; do
	p=$dest$mandir/$page
	if [ ! -s "$p" ]; then
		fail "no $mandir/$page"
	elif grep -q '@[A-Z_]*@' "$p"; then
		fail "$mandir/$page has unsubstituted @PLACEHOLDERS@"
	elif ! grep -q "^\.TH .*\"ycfg $version\"" "$p"; then
		fail "$mandir/$page does not name version $version in .TH"
	else
		ok "$mandir/$page"
	fi
done

for c in bash-completion/completions/ycfg zsh/site-functions/_ycfg \
	fish/vendor_completions.d/ycfg.fish; do
	if [ -s "$dest$datadir/$c" ]; then ok "$datadir/$c"; else fail "no $datadir/$c"; fi
done

# --- the installed binary, schema from the DESTDIR ---------------------------
cat >"$tmp/good.cfg" <<'CFG'
#!version:1.0.0.1
account.1.enable = 1
account.1.sip_server.1.address = pbx.example.com
account.1.sip_server.1.port = 5060
CFG
cat >"$tmp/bad.cfg" <<'CFG'
#!version:1.0.0.1
account.1.sip_server.1.port = +5060
CFG
key=account.X.sip_server.Y.port

# from_dir DIR: the 'schema:' line of an explain output in $tmp/out names a
# file of DIR
from_dir() {
	case $(sed -n 's/^schema: *//p' "$tmp/out") in
	"$1"/*) return 0 ;;
	*) return 1 ;;
	esac
}

# built_in: the 'schema:' line of an explain output names a compiled-in
# entry
built_in() {
	sed -n 's/^schema: *//p' "$tmp/out" | grep -q ' (built in)$'
}

# run NAME EXPECTED_STATUS CMD...: runs CMD (output in $tmp/out), checks status
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit status $got, expected $want:"
		sed 's/^/    /' "$tmp/out" >&2
		return 1
	fi
	return 0
}

if [ -x "$exe" ]; then
	run "installed lint (clean file)" 0 \
		env -u YCFG_SCHEMA_DIR "$exe" lint --quiet --fail-on info "$tmp/good.cfg" &&
		if [ -s "$tmp/out" ]; then fail "installed lint printed findings:"; cat "$tmp/out" >&2
		else ok "installed lint: clean file"; fi

	# a value check: only works when the schema was loaded
	run "installed lint (bad value)" 1 \
		env -u YCFG_SCHEMA_DIR "$exe" lint "$tmp/bad.cfg" &&
		if grep -q '\[invalid-value\]' "$tmp/out"; then ok "installed lint: invalid-value found"
		else fail "installed lint: no invalid-value finding:"; cat "$tmp/out" >&2; fi

	run "installed explain" 0 \
		env -u YCFG_SCHEMA_DIR "$exe" explain "$key" &&
		if built_in; then ok "installed explain: entry built in"
		else fail "installed explain: entry not built in:"; cat "$tmp/out" >&2; fi
	run "installed explain, YCFG_SCHEMA_DIR" 0 \
		env YCFG_SCHEMA_DIR="$schema" "$exe" explain "$key" &&
		if from_dir "$schema"; then ok "installed explain: entry from $datadir/ycfg with YCFG_SCHEMA_DIR"
		else fail "installed explain did not use $schema:"; cat "$tmp/out" >&2; fi

	# YCFG_SCHEMA_DIR is honoured: an empty directory is no schema
	mkdir "$tmp/empty"
	run "installed lint, empty YCFG_SCHEMA_DIR" 2 \
		env YCFG_SCHEMA_DIR="$tmp/empty" "$exe" lint "$tmp/good.cfg" &&
		ok "installed lint: YCFG_SCHEMA_DIR is honoured"
fi

# --- the build-tree binary, no environment ---------------------------------
run "build-tree explain" 0 \
	env -u YCFG_SCHEMA_DIR "$builddir/ycfg" explain "$key" &&
	if built_in; then ok "build-tree explain: entry built in"
	else fail "build-tree explain: entry not built in:"; cat "$tmp/out" >&2; fi
run "build-tree lint (bad value)" 1 \
	env -u YCFG_SCHEMA_DIR "$builddir/ycfg" lint "$tmp/bad.cfg" &&
	ok "build-tree lint finds the schema"

if [ "$fails" -ne 0 ]; then
	echo "install.sh: $fails check(s) failed" >&2
	exit 1
fi
echo "install.sh: all checks passed"
