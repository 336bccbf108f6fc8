#!/usr/bin/env bash
# valgrind.sh YCFG_BINARY [SOURCE_ROOT [CORPUS_DIR]]
#
# Runs ycfg under valgrind memcheck over every file of the real corpus
# (../shared/corpus/real beside the source tree) and of samples/, as single
# files, as directory trees (the threaded path) and as JSON, plus resolve
# of every samples boot file in each output format.  Any memcheck error
# and any definite or indirect leak fails the run (valgrind exits 99);
# ycfg's own exit codes 0, 1 and 2 are all fine here.
#
# The binary must be a plain build (valgrind cannot run ASan binaries).
set -u

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
	echo "usage: $0 YCFG_BINARY [SOURCE_ROOT [CORPUS_DIR]]" >&2
	exit 2
fi
YCFG=$1
ROOT=${2:-$(cd "$(dirname "$0")/.." && pwd)}
CORPUS=${3:-$ROOT/../shared/corpus/real}

if ! command -v valgrind >/dev/null; then
	echo "valgrind.sh: valgrind is not installed" >&2
	exit 2
fi
if [ ! -x "$YCFG" ]; then
	echo "valgrind.sh: $YCFG is not an executable" >&2
	exit 2
fi

export NO_COLOR=1 LC_ALL=C YCFG_SCHEMA_DIR="$ROOT/schema"
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

runs=0
fail=0

# vg NAME ARGS...: one ycfg run under memcheck (standard input passed on).
vg() {
	local name=$1
	shift
	runs=$((runs + 1))
	valgrind --quiet --leak-check=full --error-exitcode=99 \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --track-origins=yes \
		--log-file="$TMP/vg.log" "$YCFG" "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	if [ "$rc" -gt 2 ] || [ -s "$TMP/vg.log" ]; then
		fail=$((fail + 1))
		echo "FAIL: $name (exit $rc)"
		sed 's/^/    /' "$TMP/vg.log" | head -60
	fi
}

files=()
while IFS= read -r f; do
	files+=("$f")
done < <(find "$ROOT/samples" -type f \( -name '*.cfg' -o -name '*.boot' \) | sort
	[ -d "$CORPUS" ] && find "$CORPUS" -type f ! -name '*.md' | sort)

if [ -d "$CORPUS" ]; then
	ncorpus=$(find "$CORPUS" -type f ! -name '*.md' | wc -l)
else
	echo "valgrind.sh: no corpus at $CORPUS; samples only" >&2
	ncorpus=0
fi

exec </dev/null
# every file, one process per file: a leak is pinned to its input
for f in "${files[@]}"; do
	vg "lint $f" lint "$f"
done
# all at once, with a model and as JSON
vg "lint all files, json, --model T54W" lint --format json --model T54W "${files[@]}"
# directory trees: the threaded path and device stacks
vg "lint samples tree" lint "$ROOT/samples"
[ -d "$CORPUS" ] && vg "lint corpus tree" lint "$CORPUS"
# standard input
vg "lint stdin" lint - <"$ROOT/samples/y000000000000.cfg"

# resolve every samples boot file in every format
for b in "$ROOT"/samples/*.boot; do
	for fmt in yaml json cfg; do
		vg "resolve $b --format $fmt" resolve --format "$fmt" \
			--provenance --defaults "$b"
	done
done
vg "resolve layered files -o" resolve -o "$TMP/out.yaml" \
	"$ROOT/samples/y000000000000.cfg" "$ROOT/samples/001565d4e5f6.cfg"
vg "resolve, unwritable output" resolve -o /nonexistent/dir/x.yaml \
	"$ROOT/samples/y000000000000.cfg"
vg "resolve, missing input" resolve "$TMP/missing.cfg"

# every phone of the tree, into a directory and as a stream; diff of two
# trees (threads, shared bases) and of two phones
vg "resolve --all -o" resolve --all --provenance -o "$TMP/audit" "$ROOT/samples"
vg "resolve --all json lines" resolve --all --format json "$ROOT/samples"
cp -r "$ROOT/samples" "$TMP/new"
sed -i 's/^local_time.time_zone = .*/local_time.time_zone = +3/' "$TMP/new/y000000000000.cfg"
rm -f "$TMP/new/249ad8123456.boot" "$TMP/new/249ad8123456.cfg"
vg "diff trees" diff --provenance "$ROOT/samples" "$TMP/new"
vg "diff trees markdown" diff --format markdown "$ROOT/samples" "$TMP/new"
vg "diff phones json" diff --format json "$ROOT/samples/805ec0a1b2c3.cfg" \
	"$TMP/new/805ec0a1b2c3.cfg"
# the fixes, shown and made (on copies), and SARIF with its fixes
vg "lint --diff --unsafe-fixes" lint --diff --unsafe-fixes "$ROOT/samples/bad"
cp -r "$ROOT/samples/bad" "$TMP/bad"
vg "lint --fix --unsafe-fixes" lint --fix --unsafe-fixes "$TMP/bad"
vg "lint sarif with fixes" lint --format sarif "$ROOT/samples/bad"
vg "completion fish" completion fish

# the other commands
vg "explain key" explain account.1.sip_server.1.port
vg "explain rule" explain duplicate-key
vg "explain unknown" explain account.1.sip_server.1.adress
vg "schema" schema
vg "rules" rules

echo "valgrind.sh: $runs runs (${#files[@]} files, $ncorpus from the corpus), $fail failed"
[ "$fail" -eq 0 ]
