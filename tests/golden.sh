#!/usr/bin/env bash
# golden.sh YCFG_BINARY SAMPLES_DIR
#
# End-to-end checks of the ycfg command line against samples/:
#   (a) every good file (outside bad/) lints clean even at --fail-on info,
#       one at a time, all together, as a directory and with its model;
#   (b) every bad/*.cfg and bad/*.boot gives exactly bad/<name>.expected on
#       stdout (run from inside bad/, so paths are bare names) and exits
#       with bad/<name>.exit;
#   (c) standard input is named <stdin>;
#   (d) command-line behaviour: unreadable input, directories named *.cfg,
#       --fail-on, colour, --help, --version, unknown options, secrets.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY SAMPLES_DIR" >&2
	exit 2
fi

YCFG=$1
SAMPLES=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$PWD/$SAMPLES ;; esac

if [ ! -x "$YCFG" ]; then
	echo "golden: $YCFG is not an executable" >&2
	exit 2
fi
if [ ! -d "$SAMPLES/bad" ]; then
	echo "golden: $SAMPLES/bad is not a directory" >&2
	exit 2
fi

# No colour, no GitHub annotations, whatever the caller's environment.
export NO_COLOR=1
unset GITHUB_ACTIONS
export LC_ALL=C

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-golden.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# run OUT ERR ARGS...: runs ycfg, stdout to OUT, stderr to ERR; sets rc.
run() {
	local out=$1 err=$2
	shift 2
	"$YCFG" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
}

# expect_rc NAME WANT: checks $rc.
expect_rc() {
	if [ "$rc" -eq "$2" ]; then ok; else bad "$1: exit $rc, expected $2"; fi
}

# expect_empty NAME FILE
expect_empty() {
	if [ ! -s "$2" ]; then
		ok
	else
		bad "$1: expected no output, got:"
		sed 's/^/    /' "$2" | head -20
	fi
}

# expect_grep NAME PATTERN FILE (fixed string)
expect_grep() {
	if grep -qF -- "$2" "$3"; then
		ok
	else
		bad "$1: '$2' not found in:"
		sed 's/^/    /' "$3" | head -10
	fi
}

# expect_lines NAME N FILE
expect_lines() {
	local n
	n=$(wc -l <"$3" | tr -d ' ')
	if [ "$n" -eq "$2" ]; then
		ok
	else
		bad "$1: expected $2 line(s), got $n:"
		sed 's/^/    /' "$3" | head -10
	fi
}

# expect_clean NAME FILE: stderr holds only the summary of a clean run
expect_clean() {
	expect_lines "$1" 1 "$2"
	expect_grep "$1" "ycfg: no problems in " "$2"
}

# ---------------------------------------------------------------- (a)
# Good files: everything under SAMPLES_DIR except bad/.
good=()
while IFS= read -r f; do
	good+=("$f")
done < <(cd "$SAMPLES" && find . -path ./bad -prune -o -type f \
	\( -name '*.cfg' -o -name '*.boot' \) -print | sed 's|^\./||' | sort)

if [ ${#good[@]} -lt 5 ]; then
	bad "good samples: found only ${#good[@]} files under $SAMPLES"
fi

for f in "${good[@]}"; do
	run "$TMP/out" "$TMP/err" lint --fail-on info "$SAMPLES/$f"
	expect_rc "good $f" 0
	expect_empty "good $f (stdout)" "$TMP/out"
	expect_clean "good $f (stderr)" "$TMP/err"
done

# All good files at once, relative paths from the samples directory.
(cd "$SAMPLES" && "$YCFG" lint --fail-on info ./*.cfg ./*.boot \
	>"$TMP/out" 2>"$TMP/err" </dev/null)
rc=$?
expect_rc "good *.cfg *.boot together" 0
expect_empty "good *.cfg *.boot together (stdout)" "$TMP/out"
"$YCFG" lint --fail-on info "$SAMPLES"/*.cfg >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
expect_rc "good SAMPLES_DIR/*.cfg" 0
expect_empty "good SAMPLES_DIR/*.cfg (stdout)" "$TMP/out"

# Each good file with the model it is written for (see samples/README.md):
# the model's account range must hold.  The model is read from the
# "## Yealink MODEL ..." comment of each <MAC>.cfg.
for f in "${good[@]}"; do
	case $f in
	[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].cfg) ;;
	*) continue ;;
	esac
	model=$(sed -n 's/^## Yealink \([A-Z0-9_]*\) .*/\1/p' "$SAMPLES/$f" | head -1)
	if [ -z "$model" ]; then
		bad "good $f: no '## Yealink MODEL' comment"
		continue
	fi
	run "$TMP/out" "$TMP/err" lint --model "$model" --fail-on info "$SAMPLES/$f"
	expect_rc "good $f --model $model" 0
	expect_empty "good $f --model $model (stdout)" "$TMP/out"
done

# The good tree as a directory (bad/ copied away first), with its
# configuration (the phones' models).
mkdir -p "$TMP/goodtree"
grep -v '^exclude' "$SAMPLES/.ycfg.yaml" >"$TMP/goodtree/.ycfg.yaml"
for f in "${good[@]}"; do
	mkdir -p "$TMP/goodtree/$(dirname "$f")"
	cp "$SAMPLES/$f" "$TMP/goodtree/$f"
done
run "$TMP/out" "$TMP/err" lint --fail-on info "$TMP/goodtree"
expect_rc "good tree as a directory" 0
expect_empty "good tree as a directory (stdout)" "$TMP/out"
expect_clean "good tree as a directory (stderr)" "$TMP/err"
expect_grep "good tree: every phone judged" "(3 phones)" "$TMP/err"

# JSON of a clean run: an empty list and the file count.
run "$TMP/out" "$TMP/err" lint --format json "$TMP/goodtree"
expect_rc "good tree --format json" 0
expect_grep "good tree --format json" "\"diagnostics\":[" "$TMP/out"
expect_grep "good tree --format json" "\"files\":${#good[@]}," "$TMP/out"

# ---------------------------------------------------------------- (b)
nbad=0
for path in "$SAMPLES"/bad/*.cfg "$SAMPLES"/bad/*.boot; do
	[ -e "$path" ] || continue
	name=${path##*/}
	nbad=$((nbad + 1))
	if [ ! -f "$path.expected" ] || [ ! -f "$path.exit" ]; then
		bad "bad/$name: missing $name.expected or $name.exit"
		continue
	fi
	(cd "$SAMPLES/bad" && "$YCFG" lint "$name" >"$TMP/out" 2>"$TMP/err" \
		</dev/null)
	rc=$?
	if [ -n "${YCFG_UPDATE_GOLDEN:-}" ]; then
		cp "$TMP/out" "$path.expected"   # re-pin: review the diff
		echo "$rc" >"$path.exit"
	fi
	if diff -u "$path.expected" "$TMP/out" >"$TMP/diff"; then
		ok
	else
		bad "bad/$name: stdout differs from $name.expected:"
		sed 's/^/    /' "$TMP/diff"
	fi
	want=$(tr -d ' \n' <"$path.exit")
	expect_rc "bad/$name" "$want"
	# stderr: only the one-line summary ("ycfg: N errors ... in 1 file")
	expect_lines "bad/$name (stderr)" 1 "$TMP/err"
	expect_grep "bad/$name (stderr)" " in 1 file" "$TMP/err"
done
if [ "$nbad" -lt 10 ]; then
	bad "bad samples: found only $nbad files in $SAMPLES/bad"
fi

# Every machine format pinned on the whole bad set (run from samples/ so
# paths read bad/NAME); the version in SARIF is masked so that a release
# bump does not rewrite the pin.
for fmt in json sarif github; do
	pin="$SAMPLES/../tests/golden-formats/bad.$fmt"
	(cd "$SAMPLES" && "$YCFG" lint --no-config --format "$fmt" bad \
		2>/dev/null </dev/null) |
		sed 's/"version":"[0-9][0-9.]*","semanticVersion":"[0-9][0-9.]*"/"version":"X","semanticVersion":"X"/' \
		>"$TMP/out"
	if [ -n "${YCFG_UPDATE_GOLDEN:-}" ]; then
		cp "$TMP/out" "$pin"   # deliberate re-pin: review the diff
	fi
	if [ ! -f "$pin" ]; then
		bad "format $fmt: no pinned $pin"
	elif cmp -s "$pin" "$TMP/out"; then
		ok
	else
		bad "format $fmt: output differs from $pin:"
		diff -u "$pin" "$TMP/out" | head -n 20 | cut -c1-300 |
			sed 's/^/    /'
	fi
done

# Secrets: no value of secret.cfg may appear, in any format.
if [ -f "$SAMPLES/bad/secret.cfg" ]; then
	for fmt in text json github sarif; do
		(cd "$SAMPLES/bad" && "$YCFG" lint --format "$fmt" secret.cfg \
			>"$TMP/out" 2>&1 </dev/null)
		if grep -q hunter2 "$TMP/out"; then
			bad "secret.cfg --format $fmt: a secret value is printed:"
			grep hunter2 "$TMP/out" | sed 's/^/    /'
		else
			ok
		fi
	done
fi

# ---------------------------------------------------------------- (c)
# Standard input is named <stdin>: same findings as the file, renamed.
for name in bad-values.cfg duplicates.cfg; do
	path=$SAMPLES/bad/$name
	[ -f "$path" ] || continue
	"$YCFG" lint - <"$path" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect_rc "stdin $name" "$(tr -d ' \n' <"$path.exit")"
	sed "s|^$name:|<stdin>:|" "$path.expected" >"$TMP/want"
	if diff -u "$TMP/want" "$TMP/out" >"$TMP/diff"; then
		ok
	else
		bad "stdin $name: output differs:"
		sed 's/^/    /' "$TMP/diff"
	fi
done
# A clean file on stdin.
"$YCFG" lint --fail-on info - <"$SAMPLES/y000000000000.cfg" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_rc "stdin clean" 0
expect_empty "stdin clean (stdout)" "$TMP/out"
# A file without header on stdin.
printf 'account.1.enable = 1\n' | "$YCFG" lint - >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_rc "stdin missing header" 1
expect_grep "stdin missing header" "<stdin>:1:1: error: " "$TMP/out"

# ---------------------------------------------------------------- (d)
# A missing file: exit 2, stderr names it, stdout empty.
run "$TMP/out" "$TMP/err" lint "$TMP/missing.cfg"
expect_rc "missing file" 2
expect_grep "missing file (stderr)" "missing.cfg" "$TMP/err"
expect_empty "missing file (stdout)" "$TMP/out"

# A missing file next to a good one: the good one is still linted.
run "$TMP/out" "$TMP/err" lint "$TMP/missing.cfg" "$SAMPLES/bad/missing-header.cfg"
expect_rc "missing file + bad file" 2
expect_grep "missing file + bad file" "missing-header.cfg:1:1: error:" "$TMP/out"

# A directory named x.cfg inside a tree is searched, not read as a file.
mkdir -p "$TMP/tree/x.cfg/sub" "$TMP/tree/other"
cp "$SAMPLES/y000000000000.cfg" "$TMP/tree/x.cfg/sub/inner.cfg"
cp "$SAMPLES/y000000000000.cfg" "$TMP/tree/other/a.cfg"
printf 'not a provisioning file\n' >"$TMP/tree/other/notes.txt"
run "$TMP/out" "$TMP/err" lint --fail-on info "$TMP/tree"
expect_rc "directory named x.cfg" 0
expect_empty "directory named x.cfg (stdout)" "$TMP/out"
expect_clean "directory named x.cfg (stderr)" "$TMP/err"
run "$TMP/out" "$TMP/err" lint --format json "$TMP/tree"
expect_grep "directory named x.cfg: 2 files" "\"files\":2," "$TMP/out"
# The x.cfg directory given directly is searched too.
run "$TMP/out" "$TMP/err" lint --fail-on info "$TMP/tree/x.cfg"
expect_rc "directory x.cfg given as PATH" 0
expect_clean "directory x.cfg given as PATH (stderr)" "$TMP/err"
# ... and a bad file inside that directory is found.
cp "$SAMPLES/bad/missing-header.cfg" "$TMP/tree/x.cfg/sub/broken.cfg"
run "$TMP/out" "$TMP/err" lint "$TMP/tree"
expect_rc "bad file under x.cfg/" 1
expect_grep "bad file under x.cfg/" "x.cfg/sub/broken.cfg:1:1: error:" "$TMP/out"

# --fail-on: a warning-only file exits 0 by default, 1 at warning.
warn=$SAMPLES/bad/unknown-keys.cfg
run "$TMP/out" "$TMP/err" lint "$warn"
expect_rc "warning-only file, default --fail-on" 0
run "$TMP/out" "$TMP/err" lint --fail-on warning "$warn"
expect_rc "warning-only file, --fail-on warning" 1
run "$TMP/out" "$TMP/err" lint --fail-on error "$warn"
expect_rc "warning-only file, --fail-on error" 0
# An info-only file: 0 at warning, 1 at info.
info=$TMP/info.cfg
printf '#!version:1.0.0.1\naccount.1.label = Desk  \n' >"$info"
run "$TMP/out" "$TMP/err" lint --fail-on warning "$info"
expect_rc "info-only file, --fail-on warning" 0
run "$TMP/out" "$TMP/err" lint --fail-on info "$info"
expect_rc "info-only file, --fail-on info" 1
run "$TMP/out" "$TMP/err" lint --fail-on fatal "$info"
expect_rc "--fail-on fatal" 2

# No escape codes: NO_COLOR, a non-terminal, and --color never.
esc=$(printf '\033')
for mode in nocolor pipe never; do
	case $mode in
	nocolor) NO_COLOR=1 "$YCFG" lint "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err" ;;
	pipe) env -u NO_COLOR "$YCFG" lint "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err" ;;
	never) env -u NO_COLOR "$YCFG" lint --color never "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err" ;;
	esac
	if grep -q "$esc" "$TMP/out" "$TMP/err"; then
		bad "color $mode: output holds escape codes"
	else
		ok
	fi
	if [ -s "$TMP/out" ]; then ok; else bad "color $mode: no output"; fi
done
# ... while --color always does colour.
run "$TMP/out" "$TMP/err" lint --color always "$SAMPLES/bad/bad-values.cfg"
if grep -q "$esc" "$TMP/out"; then ok; else bad "--color always: no escape codes"; fi

# --help and --version.
run "$TMP/out" "$TMP/err" --help
expect_rc "--help" 0
expect_grep "--help (stdout)" "usage: ycfg" "$TMP/out"
expect_empty "--help (stderr)" "$TMP/err"
run "$TMP/out" "$TMP/err" lint --help
expect_rc "lint --help" 0
expect_grep "lint --help (stdout)" "--fail-on" "$TMP/out"
run "$TMP/out" "$TMP/err" --version
expect_rc "--version" 0
if grep -Eq '^ycfg [0-9]+\.[0-9]+\.[0-9]+' "$TMP/out"; then
	ok
else
	bad "--version: unexpected output: $(head -1 "$TMP/out")"
fi

# Unknown option: exit 2, nothing on stdout, a message and a one-line hint.
run "$TMP/out" "$TMP/err" lint --no-such-option "$SAMPLES/y000000000000.cfg"
expect_rc "unknown option" 2
expect_empty "unknown option (stdout)" "$TMP/out"
expect_grep "unknown option (hint)" "Try 'ycfg lint --help'" "$TMP/err"
if [ "$(grep -c "Try '" "$TMP/err")" -eq 1 ]; then ok; else bad "unknown option: hint not on exactly one line"; fi
run "$TMP/out" "$TMP/err" --no-such-option
expect_rc "unknown top-level option" 2
expect_grep "unknown top-level option (hint)" "Try 'ycfg --help'" "$TMP/err"
run "$TMP/out" "$TMP/err" frobnicate
expect_rc "unknown command" 2
run "$TMP/out" "$TMP/err"
expect_rc "no command" 2
run "$TMP/out" "$TMP/err" lint
expect_rc "lint without PATH" 2
run "$TMP/out" "$TMP/err" lint --model T99X "$SAMPLES/y000000000000.cfg"
expect_rc "unknown --model" 2
run "$TMP/out" "$TMP/err" lint --format xml "$SAMPLES/y000000000000.cfg"
expect_rc "unknown --format" 2

# --model narrows the account range: account 3 on a 2-account T31P.
printf '#!version:1.0.0.1\naccount.3.enable = 1\n' >"$TMP/three.cfg"
run "$TMP/out" "$TMP/err" lint --fail-on info "$TMP/three.cfg"
expect_rc "account 3 without --model" 0
run "$TMP/out" "$TMP/err" lint --model T31P "$TMP/three.cfg"
expect_rc "account 3 with --model T31P" 1
expect_grep "account 3 with --model T31P" "[account-index]" "$TMP/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
