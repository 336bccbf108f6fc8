#!/usr/bin/env bash
# phones.sh YCFG_BINARY
#
# Every file judged inside the phones that load it, each run with the
# configuration of its files, and no silent success: phone recipes (the
# guides' load order, model-specific common files, [MODEL] lines, exclude
# mode), file targets (a <MAC> file alone, a common file and its phones),
# configuration per file, and the options of the trustworthy-runs issue
# (--list-files, --show-config, --select/--ignore, --quiet,
# --min-severity, --statistics, --stdin-filename, --force-exclude).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)

YCFG=$1
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-phones.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2
mkdir .git   # the repository root: configuration search stops here

# shellcheck source=tests/cli-lib.sh
. "$HERE/cli-lib.sh"

# --- a tree: common file, a phone with its boot file, a plain phone --------
mkdir tree
printf '%s\naccount.1.sip_server.1.register_on_enable = 1\naccount.1.sip_server.1.failback_mode = 2\n' "$H" >tree/y000000000000.cfg
printf '%s\ninclude:config "y000000000000.cfg"\n[T54W]include:config "t54w.cfg"\ninclude:config "aaaaaaaaaaaa.cfg"\n' "$H" >tree/aaaaaaaaaaaa.boot
printf '%s\naccount.1.enable = 1\naccount.1.sip_server.1.only_signal_with_registered = 1\n' "$H" >tree/aaaaaaaaaaaa.cfg
printf '%s\naccount.2.label = Desk\n' "$H" >tree/t54w.cfg
printf '%s\naccount.1.enable = 1\naccount.1.sip_server.1.only_signal_with_registered = 1\naccount.1.enable = 1\n' "$H" >tree/bbbbbbbbbbbb.cfg

# 1. a <MAC>.cfg named alone gets the findings a directory run gives it
t 0 lint --fail-on error tree
grep '^tree/bbbbbbbbbbbb.cfg:' out >dir.txt
t 0 lint tree/bbbbbbbbbbbb.cfg
if cmp -s dir.txt out; then ok; else bad "<MAC>.cfg alone differs from the directory run"; diff dir.txt out | head; fi
has err "in 1 file (1 phone)"

# 2. naming the common file lints every phone that loads it
sed -i 's/failback_mode = 2/failback_mode = 0/' tree/y000000000000.cfg
t 0 lint tree/y000000000000.cfg
has out "tree/aaaaaaaaaaaa.cfg:3:1: warning: account.1.sip_server.1.only_signal_with_registered"
has out "tree/bbbbbbbbbbbb.cfg:3:1: warning:"
has err "(2 phones)"
# ... and a phone whose own file overrides the value is not reported
printf 'account.1.sip_server.1.failback_mode = 3\n' >>tree/bbbbbbbbbbbb.cfg
t 0 lint tree/y000000000000.cfg
hasnt out "tree/bbbbbbbbbbbb.cfg:3:1"
has out "tree/aaaaaaaaaaaa.cfg:3:1"
sed -i 's/failback_mode = 0/failback_mode = 2/' tree/y000000000000.cfg

# 3. a boot file names the phone's files: its [MODEL] lines need a model
t 0 lint --fail-on warning tree/aaaaaaaaaaaa.boot
has out "tree/aaaaaaaaaaaa.boot:3:1: info: the model of phone aaaaaaaaaaaa is unknown, so 1 [MODEL] include line is not followed"
t 0 lint --fail-on info --model T54W tree/aaaaaaaaaaaa.boot
t 0 lint --list-files --model T54W tree/aaaaaaaaaaaa.cfg
has out "phone aaaaaaaaaaaa (T54W from --model): tree/aaaaaaaaaaaa.boot -> tree/y000000000000.cfg, tree/t54w.cfg, tree/aaaaaaaaaaaa.cfg"

# 4. phones: in the configuration gives each phone its model
printf 'phones:\n  "aaaaaaaaaaaa": T54W\n  "bbbb*": T31P\n' >tree/.ycfg.yaml
t 0 lint --list-files tree
has out "phone aaaaaaaaaaaa (T54W from phones:)"
has out "phone bbbbbbbbbbbb (T31P from phones:)"
printf 'account.3.enable = 1\n' >>tree/bbbbbbbbbbbb.cfg
t 1 lint tree/bbbbbbbbbbbb.cfg
has out "account index 3 is beyond the 2 accounts of model T31P"
t 2 lint --config tree/.ycfg.yaml --model T99 tree
t 0 lint --model T54W tree/bbbbbbbbbbbb.cfg   # --model wins: 16 accounts
hasnt out "account-index"
rm tree/.ycfg.yaml
sed -i '/^account.3.enable/d' tree/bbbbbbbbbbbb.cfg

# 5. a phone its boot file does not load
printf '%s\ninclude:config "y000000000000.cfg"\n' "$H" >tree/y000000000000.boot
t 0 lint tree/bbbbbbbbbbbb.cfg
has out "tree/bbbbbbbbbbbb.cfg:1:1: warning: phone bbbbbbbbbbbb does not load this file: it follows tree/y000000000000.boot, which does not include it [not-loaded]"
rm tree/y000000000000.boot

# 6. model-specific common files (older firmware, no boot files)
mkdir old
printf '%s\naccount.1.label = common\n' "$H" >old/y000000000036.cfg
printf '%s\naccount.7.enable = 1\n' "$H" >old/cccccccccccc.cfg
t 1 lint old/cccccccccccc.cfg
has out "account index 7 is beyond the 6 accounts of model T41P"
t 0 lint --list-files old
has out "phone cccccccccccc (T41P from y000000000036.cfg): old/y000000000036.cfg, old/cccccccccccc.cfg"
# with y000000000000.cfg too, the model's own file is only used for a
# phone of that model
printf '%s\n' "$H" >old/y000000000000.cfg
t 0 lint --list-files old
has out "phone cccccccccccc (model unknown): old/y000000000000.cfg, old/cccccccccccc.cfg"
t 0 lint --list-files --model T41P old
has out "old/y000000000036.cfg, old/cccccccccccc.cfg"

# 7. exclude mode: a phone with [MODEL] lines of its own loads only those
mkdir ex
printf '%s\naccount.1.label = general\n' "$H" >ex/general.cfg
printf '%s\naccount.1.label = t46u\n' "$H" >ex/t46u.cfg
printf '%s\ninclude:config "general.cfg"\n[T46U]include:config "t46u.cfg"\nstatic.specific_model.excluded_mode = 1\n' "$H" >ex/dddddddddddd.boot
t 0 lint --list-files --model T46U ex/dddddddddddd.boot
has out "ex/dddddddddddd.boot -> ex/t46u.cfg"
t 0 lint --list-files --model T54W ex/dddddddddddd.boot
has out "ex/dddddddddddd.boot -> ex/general.cfg"

# --- configuration per file -------------------------------------------------
mkdir -p cfg/a cfg/b cfg/b/inner
printf '%s\naccount.1.enable = 1  \n' "$H" >cfg/a/x.cfg
cp cfg/a/x.cfg cfg/b/x.cfg
cp cfg/a/x.cfg cfg/b/inner/x.cfg
printf 'rules:\n  trailing-whitespace: error\n' >cfg/a/.ycfg.yaml
printf 'rules:\n  trailing-whitespace: off\n' >cfg/b/.ycfg.yml
printf 'rules:\n  trailing-whitespace: warning\n' >cfg/b/inner/.ycfg.yaml
t 1 lint cfg/a/x.cfg cfg/b/x.cfg cfg/b/inner/x.cfg
cp out ab.txt
t 1 lint cfg/b/inner/x.cfg cfg/b/x.cfg cfg/a/x.cfg
if cmp -s ab.txt out; then ok; else bad "the order of PATHs changes the result"; fi
has out "cfg/a/x.cfg:2:21: error: trailing whitespace"
has out "cfg/b/inner/x.cfg:2:21: warning: trailing whitespace"
hasnt out "cfg/b/x.cfg"
t 1 lint cfg
has out "cfg/b/inner/x.cfg:2:21: warning:"
# both names in one directory: which one? refused
printf 'rules: {}\n' >cfg/a/.ycfg.yml
t 2 lint cfg/a/x.cfg
has err "both .ycfg.yaml and .ycfg.yml in"
rm cfg/a/.ycfg.yml
# --config applies to every file
t 0 lint --config cfg/b/.ycfg.yml cfg
t 0 lint --show-config cfg/b/inner/x.cfg
grep -E '^config: +.*cfg/b/inner/.ycfg.yaml$' out >/dev/null && ok || bad "--show-config: the configuration"
grep -E '^  trailing-whitespace +warning +.*cfg/b/inner/.ycfg.yaml$' out >/dev/null && ok || bad "--show-config: rule level and its source"
grep -E '^  duplicate-key +warning +default' out >/dev/null && ok || bad "--show-config: a default level"
t 0 lint --model T54W --ignore duplicate-key --show-config cfg/a/x.cfg
has out "model:        T54W (--model)"
grep -E '^  duplicate-key +off +--ignore' out >/dev/null && ok || bad "--show-config: --ignore"

# --- display options --------------------------------------------------------
printf '%s\naccount.1.enable = yes\naccount.1.enable = 1\naccount.1.label = x  \n' "$H" >d.cfg
t 1 lint d.cfg
has out "[invalid-value]"
has out "[duplicate-key]"
has out "[trailing-whitespace]"
t 1 lint --quiet d.cfg
has out "[invalid-value]"
hasnt out "[duplicate-key]"
if [ ! -s err ]; then ok; else bad "--quiet printed a summary"; fi
t 1 lint --min-severity warning d.cfg
has out "[duplicate-key]"
hasnt out "[trailing-whitespace]"
has err "1 error and 1 warning"
t 0 lint --min-severity error --ignore invalid-value d.cfg
if [ ! -s out ]; then ok; else bad "--min-severity error --ignore: output"; fi
t 1 lint --fail-on warning --min-severity error --ignore invalid-value d.cfg
t 0 lint --select duplicate-key d.cfg
has out "[duplicate-key]"
hasnt out "[invalid-value]"
t 2 lint --select no-such-rule d.cfg
has err "unknown rule 'no-such-rule' in --select"
t 1 lint --statistics d.cfg
grep -E '^ +1  error +invalid-value ' out >/dev/null && ok || bad "--statistics: a rule's count"
t 2 lint --statistics --format json d.cfg

# --- standard input under a name --------------------------------------------
last="lint --stdin-filename"
"$YCFG" lint --stdin-filename tree/bbbbbbbbbbbb.cfg - <tree/bbbbbbbbbbbb.cfg >out 2>err
has err "in 1 file (1 phone)"
printf '%s\naccount.1.enable = maybe\n' "$H" | "$YCFG" lint --stdin-filename tree/bbbbbbbbbbbb.cfg - >out 2>err
has out "tree/bbbbbbbbbbbb.cfg:2:20: error: invalid boolean 'maybe'"
printf '%s\ninclude:config "missing.cfg"\n' "$H" | "$YCFG" lint --stdin-filename tree/new.boot - >out 2>err
has out "tree/new.boot:2:17: error: included file 'missing.cfg' does not exist"

# --- exclude and nothing to lint ---------------------------------------------
mkdir -p ex2/bad
printf '%s\naccount.1.enable = 2\n' "$H" >ex2/bad/b.cfg
printf 'exclude: ["bad/**"]\n' >ex2/.ycfg.yaml
t 2 lint ex2/bad
has err "nothing to lint in 'ex2/bad': all 1 files are excluded by"
t 1 lint ex2/bad/b.cfg
t 0 lint --force-exclude ex2/bad/b.cfg
has err "every file named is excluded"
mkdir empty
t 2 lint empty
has err "nothing to lint in 'empty': no .cfg or .boot files and no templates"
t 2 lint empty tree
has err "nothing to lint in 'empty'"
has out "tree/"

# a clean run says so
printf '%s\naccount.1.enable = 1\n' "$H" >clean.cfg
t 0 lint clean.cfg
has err "ycfg: no problems in 1 file"

echo "phones: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
