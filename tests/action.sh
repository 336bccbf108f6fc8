#!/usr/bin/env bash
# action.sh YCFG_BINARY SOURCE_DIR
#
# The steps of the GitHub Action (scripts/action.sh) run as GitHub runs
# them: GITHUB_ACTIONS, GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH,
# GITHUB_STEP_SUMMARY, RUNNER_TEMP and the inputs as environment.  Lint
# writes annotations, SARIF and the summary from one run; inputs are
# never evaluated; diff on a pull request adds the effective-configuration
# change to the summary; bad inputs are errors.
set -u

YCFG=$1
SRC=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SRC in /*) ;; *) SRC=$PWD/$SRC ;; esac
export NO_COLOR=1 LC_ALL=C

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-action.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { if grep -qF -- "$2" "$1"; then ok; else bad "'$2' not in $1"; sed 's/^/    /' "$1" | head -8; fi; }

# what the runner sets; ycfg on PATH (install: none)
mkdir bin runner
ln -s "$YCFG" bin/ycfg
export PATH="$TMP/bin:$PATH"
export GITHUB_ACTIONS=true GITHUB_ACTION_PATH=$SRC RUNNER_TEMP=$TMP/runner
export GITHUB_OUTPUT=$TMP/output GITHUB_PATH=$TMP/path
export GITHUB_STEP_SUMMARY=$TMP/summary
: >"$GITHUB_OUTPUT"; : >"$GITHUB_PATH"; : >"$GITHUB_STEP_SUMMARY"
step() { "$SRC/scripts/action.sh" "$@" >out 2>err; rc=$?; }

# install
YCFG_INSTALL=none step install
[ $rc -eq 0 ] && ok || bad "install none: exit $rc"
YCFG_INSTALL=bogus step install
[ $rc -eq 2 ] && ok || bad "install bogus: exit $rc"
has err "::error title=ycfg action::install must be build, none or the path of a .deb"
YCFG_INSTALL=missing.deb step install
[ $rc -eq 2 ] && ok || bad "install of a missing .deb: exit $rc"

# lint: one run, three outputs
cp -r "$SRC/samples" samples
rm -f samples/.ycfg.yaml
(cd samples && YCFG_PATHS="bad" YCFG_SARIF="$TMP/ycfg.sarif" YCFG_SUMMARY=true \
	YCFG_FAIL_ON=error "$SRC/scripts/action.sh" lint >"$TMP/out" 2>"$TMP/err")
rc=$?
[ $rc -eq 1 ] && ok || bad "lint of samples/bad: exit $rc"
has out "::error file=bad/account-index.cfg,line=3,col=9,title=account-index::"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"][0]["results"]' ycfg.sarif 2>/dev/null
then ok; else bad "no SARIF with results"; fi
has output "sarif=$TMP/ycfg.sarif"
has summary "### ycfg lint: "
has summary "| \`invalid-value\` | error |"
# a clean tree passes, and --fail-on is honoured
: >"$GITHUB_STEP_SUMMARY"
YCFG_PATHS="samples/001565d4e5f6.cfg samples/805ec0a1b2c3.cfg" YCFG_SARIF= step lint
[ $rc -eq 0 ] && ok || bad "lint of good files: exit $rc"
has summary "no problems in"
has output "sarif="
(cd samples && YCFG_PATHS=bad/whitespace.cfg YCFG_FAIL_ON=info YCFG_SARIF= \
	"$SRC/scripts/action.sh" lint >/dev/null 2>&1); rc=$?
[ $rc -eq 1 ] && ok || bad "fail-on info: exit $rc"
# summary false: nothing appended
: >"$GITHUB_STEP_SUMMARY"
YCFG_PATHS=samples YCFG_SUMMARY=false YCFG_SARIF= step lint
[ ! -s "$GITHUB_STEP_SUMMARY" ] && ok || bad "summary false wrote a summary"
YCFG_SUMMARY=maybe step lint
[ $rc -eq 2 ] && ok || bad "summary maybe: exit $rc"
# inputs are data, never shell
YCFG_PATHS='$(touch pwned) `touch pwned2`' YCFG_SARIF= step lint
[ ! -e pwned ] && [ ! -e pwned2 ] && ok || bad "an input was evaluated"
[ $rc -eq 2 ] && ok || bad "lint of missing paths: exit $rc"
# a configuration and a template mode pass through
printf 'rules:\n  trailing-whitespace: error\n' >cfg.yaml
YCFG_PATHS=samples/bad/whitespace.cfg YCFG_CONFIG=cfg.yaml YCFG_SARIF= step lint
has out "title=trailing-whitespace"
YCFG_PATHS=samples YCFG_TEMPLATE=bogus YCFG_SARIF= step lint
[ $rc -eq 2 ] && ok || bad "template bogus: exit $rc"

# diff on a pull request: the base branch fetched as origin/BASE
if command -v git >/dev/null; then
	mkdir upstream
	cp -r "$SRC/samples" upstream/prov
	rm -rf upstream/prov/bad upstream/prov/.ycfg.yaml
	(cd upstream && git init -q -b main && git add -A &&
	 git -c user.name=t -c user.email=t@example.net commit -qm base)
	git clone -q upstream pr
	sed -i 's/^local_time.time_zone = .*/local_time.time_zone = +3/' pr/prov/y000000000000.cfg
	: >"$GITHUB_STEP_SUMMARY"
	(cd pr && YCFG_BASE_REF=main YCFG_DIFF_PATH=prov \
		"$SRC/scripts/action.sh" diff >"$TMP/out" 2>"$TMP/err"); rc=$?
	[ $rc -eq 0 ] && ok || { bad "diff step: exit $rc"; cat err; }
	has summary "### ycfg diff: 3 of 3 phones change"
	has summary '| `local_time.time_zone` |'
	(cd pr && YCFG_BASE_REF=nosuch "$SRC/scripts/action.sh" diff >/dev/null 2>"$TMP/err"); rc=$?
	[ $rc -eq 2 ] && ok || bad "diff with an unfetched base: exit $rc"
	has err "origin/nosuch is not fetched"
	(cd pr && YCFG_BASE_REF='x;rm -rf /' "$SRC/scripts/action.sh" diff >/dev/null 2>"$TMP/err"); rc=$?
	[ $rc -eq 2 ] && ok || bad "diff with an odd base: exit $rc"
fi
"$SRC/scripts/action.sh" bogus >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown step"
# the options behind the step: unwritable outputs are trouble
"$YCFG" lint --summary "$TMP/no/such/dir/s.md" samples >/dev/null 2>err; rc=$?
[ $rc -eq 2 ] && ok || bad "--summary to a missing directory: exit $rc"
has err "cannot write '$TMP/no/such/dir/s.md'"
"$YCFG" lint --sarif "$TMP/no/such/dir/s.sarif" samples >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "--sarif to a missing directory: exit $rc"

# action.yml names the steps and inputs the script reads
for v in YCFG_INSTALL YCFG_PATHS YCFG_FAIL_ON YCFG_CONFIG YCFG_TEMPLATE YCFG_SARIF YCFG_SUMMARY YCFG_DIFF_PATH YCFG_BASE_REF; do
	has "$SRC/action.yml" "$v:"
done
if python3 -c 'import yaml,sys; a=yaml.safe_load(open(sys.argv[1])); assert a["runs"]["using"] == "composite"' "$SRC/action.yml" 2>/dev/null
then ok; else bad "action.yml is not a composite action"; fi

echo "action: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
