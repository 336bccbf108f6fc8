#!/usr/bin/env bash
# cli.sh YCFG_BINARY SAMPLES_DIR
#
# Command-line surface not pinned elsewhere: every option and usage error
# of every command, each report and output format, and the error paths of
# reading and writing.  Checks exit codes and the lines that matter; the
# exact diagnostics of bad inputs live in catalog.sh and golden.sh.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY SAMPLES_DIR" >&2
	exit 2
fi
YCFG=$1
SAMPLES=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$PWD/$SAMPLES ;; esac

export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-cli.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
cd "$TMP" || exit 2

H='#!version:1.0.0.1'
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# t WANT_RC ARGS...: runs ycfg (stdout in out, stderr in err), checks the
# exit code and that nothing crashed.
t() {
	local want=$1
	shift
	"$YCFG" "$@" >out 2>err </dev/null
	rc=$?
	if [ "$rc" -eq "$want" ] && ! grep -qE 'Sanitizer|runtime error:' err; then
		ok
	else
		bad "ycfg $*: exit $rc, expected $want"
		sed 's/^/    /' err | head -5
	fi
}

# has FILE TEXT: FILE contains TEXT (fixed string).
has() {
	if grep -qF -- "$2" "$1"; then ok; else
		bad "'$2' not in $1 (after: ycfg ${last:-})"
		cut -c1-200 "$1" | head -5 | sed 's/^/    /'
	fi
}

printf '%s\naccount.1.enable = 1\naccount.1.label = a\naccount.1.label = b\naccount.1.password = S3cretX\naccount.1.sip_server.1.port = 99999\naccount.1.sip_server.1.expires = 3600 \n' "$H" >f.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >clean.cfg
printf '%s\naccount.1.sip_server.1.failback_timeout = 30\n' "$H" >adjust.cfg

# --- top level -------------------------------------------------------------
t 2
has err "no command given"
t 0 --help
has out "commands:"
t 0 help
t 0 -h
t 0 --version
has out "ycfg "
t 0 -V
t 2 frobnicate
has err "unknown command 'frobnicate'"

# --- lint options ----------------------------------------------------------
t 0 lint --help
has out "usage: ycfg lint"
t 2 lint
has err "no PATH given"
t 2 lint --bogus f.cfg
t 2 lint --fail-on fatal f.cfg
has err "invalid --fail-on 'fatal'"
t 2 lint --format xml f.cfg
has err "invalid --format 'xml'"
t 2 lint --color sometimes f.cfg
has err "invalid --color 'sometimes'"
t 2 lint --model T99X f.cfg
has err "unknown model 'T99X'"
t 2 lint --jobs x f.cfg
t 2 lint --jobs 5x f.cfg
t 1 lint -j 1 f.cfg
# samples/.ycfg.yaml excludes bad/: clean
t 0 lint --jobs 2 "$SAMPLES"
t 1 lint --no-config --jobs 2 "$SAMPLES"
t 1 lint --model T54W f.cfg
t 0 lint --fail-on error clean.cfg
t 1 lint --fail-on warning adjust.cfg
t 1 lint --fail-on info f.cfg
t 0 lint --exit-zero f.cfg
t 1 lint --color always f.cfg
has out $'\033['
t 1 lint --color never f.cfg
t 1 lint --color auto f.cfg
t 2 lint --schema /nonexistent.yaml f.cfg
has err "cannot load the schema"
printf 'version: "1"\nparams:\n  - key: account.X.cli_test\n    type: int\n    range: "1..5"\n    summary: "test"\n    unverified: true\n' >extra.yaml
printf '%s\naccount.1.cli_test = 9\n' "$H" >extra.cfg
t 1 lint --schema extra.yaml extra.cfg
has out "account.1.cli_test"
printf 'version: "1"\nparams: [\n' >broken.yaml
t 2 lint --schema broken.yaml f.cfg
has err "[schema-error]"

# formats
for fmt in text json github sarif; do
	t 1 lint --format "$fmt" f.cfg
	if grep -q S3cretX out err; then bad "secret in --format $fmt"; else ok; fi
done
t 1 lint --format json f.cfg
has out '"rule":"duplicate-key"'
t 1 lint --format github f.cfg
has out "::error file=f.cfg,line=6"
t 1 lint --format sarif f.cfg
has out '"version":"2.1.0"'
t 0 lint --format sarif clean.cfg
t 0 lint --format json clean.cfg
has out '"files":1'
GITHUB_ACTIONS=true "$YCFG" lint f.cfg >out 2>err
if grep -q '^::' out; then ok; else bad "GITHUB_ACTIONS=true: no annotations"; fi

# -o for the report
t 1 lint -o report.txt f.cfg
has report.txt "[duplicate-key]"
t 1 lint --format sarif -o report.sarif f.cfg
has report.sarif '"results"'
t 2 lint -o /nonexistent/dir/r.txt f.cfg
has err "cannot write '/nonexistent/dir/r.txt'"

# standard input, several paths, directories
"$YCFG" lint - <f.cfg >out 2>err
has out "<stdin>:4:1:"
t 1 lint clean.cfg f.cfg "$SAMPLES"
t 2 lint clean.cfg missing.cfg

# configuration files and suppressions
printf 'rules:\n  duplicate-key: off\n  out-of-range: warning\n' >cfg.yaml
t 0 lint --config cfg.yaml --fail-on error f.cfg
t 0 lint --no-config clean.cfg
t 2 lint --config /nonexistent/ycfg.yaml f.cfg
printf 'rules: [\n' >badcfg.yaml
t 2 lint --config badcfg.yaml f.cfg
printf '%s\n# ycfg: disable-next-line=out-of-range\naccount.1.sip_server.1.port = 99999\n# ycfg: disable=duplicate-key\naccount.1.label = a\naccount.1.label = b\n# ycfg: enable=duplicate-key\n' "$H" >sup.cfg
t 0 lint --fail-on warning sup.cfg
printf '%s\n# ycfg: disable-file=all\naccount.1.sip_server.1.port = 99999\n' "$H" >supall.cfg
t 0 lint --fail-on info supall.cfg

# a discovered configuration: model, rules, exclude globs, extra schema
mkdir -p proj/.git proj/sub/skip proj/extra
printf 'model: T54W\nrules:\n  duplicate-key: error\n  trailing-whitespace: off\nexclude: [skip, "*.tmp.cfg"]\nschema: [extra/site.yaml]\n' >proj/.ycfg.yaml
cp extra.yaml proj/extra/site.yaml
cp f.cfg proj/sub/f.cfg
cp f.cfg proj/sub/skip/f.cfg
cp f.cfg proj/sub/x.tmp.cfg
cp extra.cfg proj/sub/extra.cfg
t 1 lint proj/sub
has out "proj/sub/f.cfg:4:1: error:"
has out "account.1.cli_test"
if grep -q "skip/\|tmp.cfg\|7:38" out; then bad "config exclude/rules ignored"; else ok; fi
t 1 lint --no-config proj/sub/f.cfg
has out "proj/sub/f.cfg:4:1: warning:"
for c in 'model: [a]' 'rules: {nope: off}' 'rules: {duplicate-key: loud}' \
	'frobnicate: 1' 'exclude: 3' 'schema: {a: b}' 'model: T99X' \
	'rules: [duplicate-key]' 'exclude: [[a]]' ': : :'; do
	printf '%s\n' "$c" >proj/.ycfg.yaml
	t 2 lint proj/sub/f.cfg
done
rm -f proj/.ycfg.yaml
# malformed and unused suppressions
printf '%s\n# ycfg: disable-next-line=no-such-rule\naccount.1.enable = 1\n# ycfg: frobnicate=duplicate-key\n# ycfg: enable=duplicate-key\n# ycfg: disable-next-line=duplicate-key,all\naccount.1.enable = 0\n# ycfg: disable=out-of-range\n' "$H" >sup2.cfg
t 0 lint sup2.cfg
t 1 lint --fail-on info sup2.cfg
has out "[unknown-suppression]"
has out "[unused-suppression]"

# --- resolve options -------------------------------------------------------
t 0 resolve --help
t 2 resolve
has err "no FILE given"
t 2 resolve --bogus f.cfg
t 2 resolve --format toml f.cfg
t 2 resolve --overwrite-mode 2 f.cfg
has err "invalid --overwrite-mode '2'"
t 2 resolve --model T99X f.cfg
t 2 resolve --schema /nonexistent.yaml f.cfg
for fmt in yaml json; do
	t 1 resolve --format "$fmt" f.cfg
	t 1 resolve --format "$fmt" --provenance --defaults f.cfg
	t 1 resolve --format "$fmt" --show-secrets f.cfg
	has out "S3cretX"
done
# a .cfg is fed to phones: never written with masked secrets
t 2 resolve --format cfg f.cfg
has err "use --show-secrets"
t 1 resolve --format cfg --show-secrets f.cfg
has out "S3cretX"
# repeated multi-value keys, quoting, escapes, invalid UTF-8 in values
printf '%s\nsecurity.user_password = admin:pw1\nsecurity.user_password = user:pw2\naccount.1.label = say "hi" \\ back\naccount.1.display_name = caf\303\251 \377\naccount.1.user_name = 0123\naccount.1.auth_name = yes\naccount.1.sip_server.1.port = %%NULL%%\naccount.1.sip_server.1.expires =\n' "$H" >emit.cfg
for fmt in yaml json cfg; do
	t 0 resolve --format "$fmt" --show-secrets --provenance emit.cfg
	has out "pw2"
done
for fmt in yaml json; do
	t 0 resolve --format "$fmt" emit.cfg
done
t 0 resolve --format json emit.cfg
has out '"say \"hi\" \\ back"'
t 0 resolve --format yaml emit.cfg
has out '"0123"'
has out 'café \\xff'
t 0 resolve --overwrite-mode 1 "$SAMPLES/y000000000000.cfg" "$SAMPLES/001565d4e5f6.cfg"
t 0 resolve --model T54W "$SAMPLES/y000000000000.boot"
t 0 resolve --schema extra.yaml clean.cfg
"$YCFG" resolve - <clean.cfg >out 2>err
if [ $? -eq 0 ]; then ok; else bad "resolve -: not exit 0"; fi
has out "account.1.enable: 1"
t 0 resolve -o out.yaml clean.cfg
has out.yaml "account.1.enable: 1"
t 2 resolve "$SAMPLES"
t 2 resolve missing.boot

# --- explain, rules, schema ------------------------------------------------
t 0 explain --help
t 0 explain -h
t 2 explain
t 2 explain a b
t 0 explain duplicate-key
has out "default severity"
for key in account.1.sip_server.1.port account.X.sip_server.Y.port \
	account.1.sip_server.1.expires account.1.outbound_proxy.1.retry_counts \
	account.1.sip_server.1.failback_timeout account.1.password \
	account.1.sip_server.1.transport_type account.1.label \
	account.1.sip_server.1.address account.1.enable; do
	t 0 explain "$key"
done
t 0 explain account.1.sip_server.1.failback_timeout
has out "adjusted:"
t 0 explain account.1.outbound_proxy.1.retry_counts
has out "fallback:"
t 2 explain account.1.sip_server.1.adress
has err "did you mean 'account.1.sip_server.1.address'?"
t 2 explain no.such.thing
t 2 explain "$(head -c 300 /dev/zero | tr '\0' k)"
has err "key too long"
t 0 rules
has out "duplicate-key"
t 2 rules extra
t 0 schema
has out "account.X.sip_server.Y.port"
t 0 schema --models
has out "T54W"
t 0 schema --help
t 2 schema --bogus
YCFG_SCHEMA_DIR=/nonexistent "$YCFG" schema >out 2>err
if [ $? -eq 2 ]; then ok; else bad "schema with a missing schema dir: not exit 2"; fi

# --- the command table -----------------------------------------------------
t 2 lnt f.cfg
has err "unknown command 'lnt'; did you mean 'lint'?"
t 2 zzzzzz
has err "unknown command 'zzzzzz'"
t 0 --help
for c in lint resolve explain rules schema; do has out "  $c"; done

# --- boot directives come from the schema (excluded_mode was once missed) ----
printf '%s\nstatic.specific_model.excluded_mode = 1\noverwrite_mode = 1\n' "$H" >dir.boot
t 0 lint --fail-on info dir.boot
printf '%s\nstatic.specific_model.excluded_mod = 1\n' "$H" >typo.boot
t 0 lint typo.boot
has out "'static.specific_model.excluded_mod' is not a boot-file directive"
printf '%s\nstatic.specific_model.excluded_mode = 2\n' "$H" >bad.boot
t 1 lint bad.boot
has out "[invalid-value]"

# --- templates ---------------------------------------------------------------
mkdir -p tpl/sub
printf '%s\naccount.{{ n }}.label = {{ name }}\naccount.{{ n }}.enable = 1\n' "$H" >tpl/a.j2
printf '%s\naccount.{$n}.label = {$name}\naccount.{$n}.enable = {$on}\n' "$H" >tpl/b.cfg
printf '\\%s\naccount.@N@.label = @NAME@\n' "$H" >tpl/sub/c.conf
t 2 lint --template bogus tpl/a.j2
has err "invalid --template 'bogus'; expected auto, none or a dialect"
t 0 lint --no-config tpl/a.j2
t 0 lint --no-config tpl/b.cfg
# read as plain files, the placeholders are findings
t 1 lint --no-config --template none tpl/a.j2
has out "[space-in-key]"
t 1 lint --no-config --template none tpl/b.cfg
has out "[account-index]"
# a dialect for every file: b.cfg read as Jinja keeps {$n} literal
t 1 lint --no-config --template jinja tpl/b.cfg
has out "[account-index]"
t 0 lint --no-config --template fusionpbx tpl/b.cfg
# a directory: templates by name are found, .conf only when named
t 0 lint --no-config tpl
has err "in 2 files"
t 2 lint --no-config --template none tpl/sub
has err "nothing to lint in 'tpl/sub': no .cfg or .boot files and no templates"
t 1 lint --no-config --template none tpl
has err "in 1 file"
printf 'templates: ["sub/*.conf"]\n' >tpl/.ycfg.yaml
t 0 lint tpl
has err "in 3 files"
t 0 lint --show-config tpl/sub/c.conf
has out "templates:    sub/*.conf"
has out "this file: a atvar template (named in templates:)"
t 0 lint --show-config tpl/a.j2
has out "template:     auto (default)"
has out "this file: a jinja template (by its name)"
printf 'template: none\n' >tpl/.ycfg.yaml
t 1 lint tpl/b.cfg
has out "[account-index]"
t 0 lint --template auto tpl/b.cfg
t 0 lint --show-config tpl/b.cfg
has out "template:     none ($TMP/tpl/.ycfg.yaml)"
has out "this file: not a template"
t 2 lint tpl/sub
has err "nothing to lint in 'tpl/sub': no .cfg or .boot files and no templates"
printf 'template: smartie\n' >tpl/.ycfg.yaml
t 2 lint tpl/b.cfg
has err "tpl/.ycfg.yaml:1:11: 'template' must be auto, none or a dialect"
printf 'templates: sub\n' >tpl/.ycfg.yaml
t 2 lint tpl/b.cfg
has err "'templates' must be a list of glob patterns"
rm tpl/.ycfg.yaml
# standard input is a template by the name it is given
printf '%s\naccount.{{ n }}.label = {{ x }}\n' "$H" | "$YCFG" lint --no-config --stdin-filename t.j2 - >out 2>err
if [ $? -eq 0 ]; then ok; else bad "a template on standard input: not clean"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
