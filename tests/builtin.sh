#!/usr/bin/env bash
# builtin.sh YCFG_BINARY SCHEMA_DIR
#
# The schema compiled into ycfg and a run-time load of schema/ must be the
# same schema: every entry with its type, values, default, fallback and
# flags, the model table, and the findings on every sample and family
# file.  A YAML file missing from meson.build's schema_files, or a field
# the generator forgets, shows up here.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY SCHEMA_DIR" >&2
	exit 2
fi
YCFG=$1
DIR=$2
SRC=$(cd "$DIR/.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-builtin.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
export NO_COLOR=1 LC_ALL=C
unset YCFG_CONFIG GITHUB_ACTIONS

fail=0
same() {
	local name=$1
	shift
	# where an entry came from is the one thing allowed to differ
	env -u YCFG_SCHEMA_DIR "$YCFG" "$@" 2>&1 | grep -v '^schema: ' >"$TMP/a"
	YCFG_SCHEMA_DIR=$DIR "$YCFG" "$@" 2>&1 | grep -v '^schema: ' >"$TMP/b"
	if cmp -s "$TMP/a" "$TMP/b"; then
		echo "ok: $name"
	else
		fail=$((fail + 1))
		echo "FAIL: $name differs (- built in, + loaded):"
		diff -u "$TMP/a" "$TMP/b" | tail -n +3 | head -20 | sed 's/^/    /'
	fi
}

same "schema" schema
same "schema --models" schema --models
same "lint samples" lint --no-config "$SRC/samples" "$SRC/samples/bad"
same "lint families" lint --no-config --model W60B "$SRC/tests/families"
same "explain a named enum entry" explain linekey.3.type
same "explain a family" explain account.1.codec
same "resolve with defaults" resolve --defaults --provenance \
	"$SRC/samples/805ec0a1b2c3.boot"
# an extra file on top of the built-in tables: the same as on the loaded
# ones (the stage clones the static arrays)
printf 'version: "1"\nparams:\n  - {key: local_time.time_zone, type: string, summary: s, unverified: true}\n' >"$TMP/over.yaml"
printf '#!version:1.0.0.1\nlocal_time.time_zone = +25\n' >"$TMP/tz.cfg"
same "extra schema over the built-in one" lint --no-config --schema "$TMP/over.yaml" "$TMP/tz.cfg"
[ "$fail" -eq 0 ]
