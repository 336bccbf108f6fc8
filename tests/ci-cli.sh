#!/usr/bin/env bash
# ci-cli.sh YCFG_BINARY SAMPLES_DIR
#
# The CI-facing command line end to end: .ycfg.yaml discovery, --config,
# --no-config, exclude, -o (atomic, exit 2 when unwritable), --exit-zero,
# the GitHub format under GITHUB_ACTIONS, and suppression comments.
set -u
YCFG=$1
SAMPLES=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$PWD/$SAMPLES ;; esac
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-ci.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check_rc() { if [ "$rc" -eq "$2" ]; then ok; else bad "$1: exit $rc, expected $2"; cat "$TMP/err"; fi; }
check_grep() { if grep -qF -- "$2" "$3"; then ok; else bad "$1: '$2' not in $3"; sed 's/^/    /' "$3" | head -5; fi; }

# samples/.ycfg.yaml excludes bad/: the directory lints clean
"$YCFG" lint --fail-on info "$SAMPLES" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "samples/ with its configuration" 0
"$YCFG" lint --no-config "$SAMPLES" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "samples/ with --no-config" 1
# a file named on the command line is linted even when excluded
"$YCFG" lint "$SAMPLES/bad/missing-header.cfg" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "excluded file given explicitly" 1

# a project of our own: repository root, configuration, one bad file
mkdir -p "$TMP/repo/.git" "$TMP/repo/phones/old"
printf '#!version:1.0.0.1\naccount.1.sip_server.1.adress = x\n' >"$TMP/repo/phones/a.cfg"
printf 'account.1.enable = 1\n' >"$TMP/repo/phones/old/b.cfg"
printf 'rules:\n  unknown-key: error\nexclude: [old]\n' >"$TMP/repo/.ycfg.yaml"
(cd "$TMP/repo/phones" && "$YCFG" lint . >"$TMP/out" 2>"$TMP/err"); rc=$?
check_rc "rule level from .ycfg.yaml" 1
check_grep "rule level from .ycfg.yaml" "error: unknown key" "$TMP/out"
if grep -q "b.cfg" "$TMP/out"; then bad "exclude: old/b.cfg was linted"; else ok; fi
"$YCFG" lint --no-config "$TMP/repo/phones" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "--no-config" 1
check_grep "--no-config lints old/b.cfg" "b.cfg:1:1: error" "$TMP/out"
"$YCFG" lint --exit-zero "$TMP/repo/phones" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "--exit-zero" 0
printf 'rules:\n  unknown-key: loud\n' >"$TMP/broken.yaml"
"$YCFG" lint --config "$TMP/broken.yaml" "$TMP/repo/phones" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "--config with a bad level" 2
check_grep "--config error names file:line" "broken.yaml:2:16: invalid level 'loud'" "$TMP/err"
"$YCFG" lint --config "$TMP/broken.yaml" --no-config "$TMP/repo/phones" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "--config with --no-config" 2

# suppression comments end to end
printf '#!version:1.0.0.1\n# ycfg: disable-next-line=unknown-key -- vendor key\naccount.1.sip_server.1.adress = x\n' >"$TMP/repo/phones/a.cfg"
"$YCFG" lint --fail-on info "$TMP/repo/phones/a.cfg" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "suppressed finding" 0

# -o: atomic report, exit 2 when the file cannot be written
"$YCFG" lint --no-config --format sarif -o "$TMP/r.sarif" "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "-o sarif" 1
check_grep "-o wrote SARIF" "\"version\":\"2.1.0\"" "$TMP/r.sarif"
if [ -s "$TMP/out" ]; then bad "-o: report also on stdout"; else ok; fi
"$YCFG" lint --no-config -o "$TMP/missing/dir/r.txt" "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "-o into a missing directory" 2
if ls "$TMP/missing" >/dev/null 2>&1; then bad "-o left something"; else ok; fi

# GitHub Actions: the github format by default, text when asked
GITHUB_ACTIONS=true "$YCFG" lint --no-config "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err"
check_grep "GITHUB_ACTIONS picks github" "::error file=" "$TMP/out"
check_grep "github summary notice" "::notice title=ycfg::ycfg: " "$TMP/out"
GITHUB_ACTIONS=true "$YCFG" lint --no-config --format text "$SAMPLES/bad/bad-values.cfg" >"$TMP/out" 2>"$TMP/err"
if grep -q '^::' "$TMP/out"; then bad "--format text under GITHUB_ACTIONS"; else ok; fi

# -j
"$YCFG" lint --no-config -j 2 "$SAMPLES" >/dev/null 2>&1; rc=$?
check_rc "-j 2" 1
"$YCFG" lint -j x "$SAMPLES" >/dev/null 2>"$TMP/err"; rc=$?
check_rc "-j x" 2

# directory runs: suppressions also cover the notes judged on a device's
# effective config (common layer + <MAC>.cfg), and only those
mkdir -p "$TMP/dev"
printf '#!version:1.0.0.1\naccount.1.sip_server.1.failback_mode = 0\n' >"$TMP/dev/y000000000000.cfg"
printf '#!version:1.0.0.1\n# ycfg: disable-next-line=ineffective-setting\naccount.1.sip_server.1.only_signal_with_registered = 1\naccount.2.sip_server.1.only_signal_with_registered = 1\n' >"$TMP/dev/805ec0a1b2c3.cfg"
"$YCFG" lint --no-config --fail-on warning "$TMP/dev" >"$TMP/out" 2>"$TMP/err"; rc=$?
check_rc "device notes in a tree" 1
if grep -q "805ec0a1b2c3.cfg:3:" "$TMP/out"; then bad "suppressed device note reported"; else ok; fi
check_grep "unsuppressed device note" "805ec0a1b2c3.cfg:4:1: warning: account.2.sip_server.1.only_signal_with_registered" "$TMP/out"
if grep -q "unused-suppression" "$TMP/out"; then bad "device suppression called unused"; else ok; fi
"$YCFG" lint --no-config -j 1 --fail-on warning "$TMP/dev" >"$TMP/out1" 2>/dev/null
if cmp -s "$TMP/out" "$TMP/out1"; then ok; else bad "-j 1 and -j N differ"; fi

# rules and explain list the new rules
"$YCFG" rules >"$TMP/out"; check_grep "rules" "unused-suppression       info" "$TMP/out"
"$YCFG" explain unknown-suppression >"$TMP/out"; check_grep "explain" "bad:" "$TMP/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
