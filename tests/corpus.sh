#!/usr/bin/env bash
# corpus.sh YCFG_BINARY CORPUS_DIR EXPECTED_DIR
#
# Robustness and regression run over the real-world corpus
# (../shared/corpus/real relative to the repository root):
#   1. every file of the corpus (templates and rendered files alike:
#      .cfg, .boot, .tpl, .tmpl, .conf; only *.md documentation is left
#      out) is linted on its own, from cwd = CORPUS_DIR with a relative
#      path, under a timeout.  The exit code must be 0 or 1 (never 2, never
#      a crash, a signal or a hang) and stderr must hold nothing but the
#      one-line summary;
#   2. a few selected files, each showing a different oddity, must give
#      exactly the output pinned in EXPECTED_DIR/<path with / -> __>.expected.
# Exits 77 (Meson's "skipped") when the corpus is not there.
set -u

if [ $# -ne 3 ]; then
	echo "usage: $0 YCFG_BINARY CORPUS_DIR EXPECTED_DIR" >&2
	exit 2
fi

YCFG=$1
CORPUS=$2
EXPECTED=$3
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $EXPECTED in /*) ;; *) EXPECTED=$PWD/$EXPECTED ;; esac

if [ ! -d "$CORPUS" ]; then
	echo "corpus: $CORPUS does not exist; skipping"
	exit 77
fi
if [ ! -x "$YCFG" ]; then
	echo "corpus: $YCFG is not an executable" >&2
	exit 2
fi

TIMEOUT=${YCFG_CORPUS_TIMEOUT:-20}

# Pinned files: each shows a different oddity of the corpus.
PINNED=(
	# modern v86 file, mostly clean; %NULL% values, one duplicate
	wazo-provd-plugins/wazo-yealink-v86_base.rendered.cfg
	# W52P common file with 38 %NULL% values and v70 legacy keys
	wazo-provd-plugins/xivo-yealink-20.0_common_model.rendered.cfg
	# CRLF, duplicate keys, legacy keys, notes, bad values
	fusionpbx/t46s_MAC.rendered.cfg
	# legacy [ section ] file of old firmware, no final newline
	provisioner/t3x_y0000000000SUFFIX.cfg
	# boot template with [MODEL]include:config lines, CRLF, placeholders
	# (clean: a template's includes name the files it is served with)
	fusionpbx/t4x_MAC.boot
	# Smarty template: GBK bytes in comments, trailing spaces, inline ifs
	# (one condition written twice: a real duplicate)
	fusionpbx/t28p_MAC_2014.cfg
	# key=value without spaces, sip_server1.port typo
	astlinux/yealink.rendered.cfg
	# large file: -1 fallbacks, duplicates, placeholder 'x' index
	tancredi/yealink.rendered.cfg
)

export NO_COLOR=1
unset GITHUB_ACTIONS
export LC_ALL=C

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-corpus.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

cd "$CORPUS" || exit 2

# ------------------------------------------------------------------ 1.
files=()
while IFS= read -r f; do
	files+=("$f")
done < <(find . -type f ! -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)

if [ ${#files[@]} -eq 0 ]; then
	bad "no files found under $CORPUS"
fi

summary_re='^ycfg: (no problems|([0-9]+ (error|warning|info)s?(, | and )?)+) in 1 file$'
for f in "${files[@]}"; do
	timeout "$TIMEOUT" "$YCFG" lint "$f" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if [ "$rc" -ge 124 ]; then
		bad "$f: exit $rc (timeout, crash or signal)"
		continue
	fi
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		bad "$f: exit $rc, expected 0 or 1; stderr:"
		sed 's/^/    /' "$TMP/err" | head -5
		continue
	fi
	# stderr: the one-line summary, nothing else
	nerr=$(wc -l <"$TMP/err" | tr -d ' ')
	if [ "$nerr" -eq 1 ] && grep -Eq "$summary_re" "$TMP/err"; then
		ok
	else
		bad "$f: stderr is not a one-line summary:"
		sed 's/^/    /' "$TMP/err" | head -5
		continue
	fi
	# every stdout line is FILE:LINE:COL: SEVERITY: MESSAGE [RULE]
	if awk -v f="$f:" '
		index($0, f) != 1 ||
		substr($0, length(f) + 1) !~ /^[0-9]+:[0-9]+: (error|warning|info): .* \[[a-z0-9-]+\]$/ {
			print "    " $0; bad = 1; n++; if (n >= 3) exit
		}
		END { exit bad }' "$TMP/out" >"$TMP/malformed"; then
		ok
	else
		bad "$f: malformed output line(s):"
		cat "$TMP/malformed"
	fi
	# exit 1 exactly when an error is reported (default --fail-on error)
	if grep -q ': error: ' "$TMP/out"; then want=1; else want=0; fi
	if [ "$rc" -eq "$want" ]; then
		ok
	else
		bad "$f: exit $rc but expected $want from the findings"
	fi
done

# The whole corpus at once, as a directory (only *.cfg and *.boot are
# searched): must not fail either.
timeout $((TIMEOUT * 3)) "$YCFG" lint . >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
	ok
else
	bad "lint . (whole corpus): exit $rc"
fi

# ------------------------------------------------------------------ 2.
for f in "${PINNED[@]}"; do
	exp=$EXPECTED/$(printf '%s' "$f" | sed 's|/|__|g').expected
	if [ ! -f "$f" ]; then
		bad "pinned $f: not in the corpus"
		continue
	fi
	if [ ! -f "$exp" ]; then
		bad "pinned $f: no $exp"
		continue
	fi
	timeout "$TIMEOUT" "$YCFG" lint "$f" >"$TMP/out" 2>/dev/null </dev/null
	if [ -n "${YCFG_UPDATE_GOLDEN:-}" ]; then
		cp "$TMP/out" "$exp"   # re-pin: review each new finding by hand
	fi
	if diff -u "$exp" "$TMP/out" >"$TMP/diff"; then
		ok
	else
		bad "pinned $f: output differs from ${exp##*/}:"
		sed 's/^/    /' "$TMP/diff" | head -60
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
