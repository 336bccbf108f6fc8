#!/usr/bin/env bash
# resolve.sh YCFG_BINARY SAMPLES_DIR - ycfg resolve end to end: boot file
# order and model lines, type-safe YAML read back by a YAML parser, JSON,
# round trip through --format cfg, redaction, atomic -o, error exits.
set -u

YCFG=$(realpath "$1")
SAMPLES=$2
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-resolve.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

cd "$SAMPLES" || exit 99

# --- boot recipe: includes in order, [T54W] only with --model --------------
"$YCFG" resolve --model T54W 805ec0a1b2c3.boot >"$TMP/t54w.yaml" 2>"$TMP/err"
rc=$?
check "resolve boot exits 0 ($(cat "$TMP/err"))" '[ $rc -eq 0 ]'
"$YCFG" resolve --provenance --model T54W 805ec0a1b2c3.boot >"$TMP/prov.yaml" 2>/dev/null
rc=$?
check "t54w.cfg applies with --model T54W" 'grep -q "t54w.cfg:" "$TMP/prov.yaml"'
"$YCFG" resolve --no-config --provenance 805ec0a1b2c3.boot >"$TMP/nomodel.yaml" 2>/dev/null
rc=$?
check "[T54W] include skipped without --model or phones:" '! grep -q "t54w.cfg:" "$TMP/nomodel.yaml"'
check "device file wins over the common file" \
	'grep -q "^account.1.sip_server.1.address: {value: \"pbx1.example.com\", source: \"805ec0a1b2c3.cfg:" "$TMP/prov.yaml"'
check "fallback provenance names the chain" \
	'grep -q "account.1.outbound_proxy.1.retry_counts: {value: 3, source: \"-1 (805ec0a1b2c3.cfg:41) -> account.1.sip_server.1.retry_counts (805ec0a1b2c3.cfg:20)\"}" "$TMP/prov.yaml"'

# --- types survive a YAML parser; JSON has the same data ---------------------
if [ -x "$PY" ] && "$PY" -c 'import yaml' 2>/dev/null; then
	"$YCFG" resolve --format json --model T54W 805ec0a1b2c3.boot >"$TMP/t54w.json" 2>/dev/null
rc=$?
	check "YAML reads back equal to JSON" "\"$PY\" - \"$TMP/t54w.yaml\" \"$TMP/t54w.json\" <<'PYEOF'
import json, sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
j = json.load(open(sys.argv[2]))
assert y == j, set(y.items()) ^ set(j.items())
assert y['account.1.sip_server.1.port'] == 5060
assert y['account.1.enable'] == 1
assert y['account.1.label'] == 'Reception'
assert y['account.1.password'] == '********'
PYEOF"
	# strings that YAML 1.1 would turn into bools, numbers or null
	printf '#!version:1.0.0.1\naccount.1.label = 0123\naccount.2.label = yes\naccount.3.label = on\naccount.4.label = 1e3\naccount.5.label = %%NULL%%\naccount.6.label = ~\naccount.7.label = null\naccount.1.sip_server.1.port = 5060\n' >"$TMP/types.cfg"
	"$YCFG" resolve "$TMP/types.cfg" >"$TMP/types.yaml" 2>/dev/null
rc=$?
	check "tricky strings stay strings" "\"$PY\" - \"$TMP/types.yaml\" <<'PYEOF'
import sys, yaml
y = yaml.safe_load(open(sys.argv[1]))
assert y['account.1.label'] == '0123', y
assert y['account.2.label'] == 'yes', y
assert y['account.3.label'] == 'on', y
assert y['account.4.label'] == '1e3', y
assert y['account.5.label'] == '', y
assert y['account.6.label'] == '~', y
assert y['account.7.label'] == 'null', y
assert y['account.1.sip_server.1.port'] == 5060, y
keys = list(y)
assert keys.index('account.2.label') < keys.index('account.7.label')
PYEOF"
	# invalid UTF-8 is escaped, never emitted raw
	printf '#!version:1.0.0.1\naccount.1.label = caf\xe9\n' >"$TMP/latin1.cfg"
	"$YCFG" resolve "$TMP/latin1.cfg" >"$TMP/latin1.yaml" 2>/dev/null
rc=$?
	check "invalid UTF-8 escaped in YAML" "\"$PY\" - \"$TMP/latin1.yaml\" <<'PYEOF'
import sys, yaml
v = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))['account.1.label']
assert v == 'caf' + chr(92) + 'xe9', repr(v)
PYEOF"
else
	echo "note: python3-yaml missing, YAML read-back checks skipped"
fi

# --- the phone's model from phones: in samples/.ycfg.yaml ---------------------
"$YCFG" resolve --provenance 805ec0a1b2c3.boot >"$TMP/cfgmodel.yaml" 2>/dev/null
check "[T54W] include followed with the model from phones:" 'grep -q "t54w.cfg:" "$TMP/cfgmodel.yaml"'
# --- a <MAC>.cfg named alone is its phone, as lint judges it ---------------
"$YCFG" resolve --provenance 805ec0a1b2c3.cfg >"$TMP/bymac.yaml" 2>/dev/null
check "<MAC>.cfg alone resolves its phone" 'cmp -s "$TMP/bymac.yaml" "$TMP/cfgmodel.yaml"'
"$YCFG" resolve --provenance 249ad8123456.cfg >"$TMP/t31p.yaml" 2>/dev/null
check "<MAC>.cfg alone takes its boot file's common layer" 'grep -q "y000000000000.cfg:" "$TMP/t31p.yaml"'
# --- several phones, or a boot file with more: refused ----------------------
"$YCFG" resolve 805ec0a1b2c3.cfg 001565d4e5f6.cfg >/dev/null 2>"$TMP/err"
rc=$?
check "two phones: exit 2" '[ $rc -eq 2 ] && grep -q "resolve --all" "$TMP/err"'
"$YCFG" resolve 805ec0a1b2c3.boot y000000000000.cfg >/dev/null 2>"$TMP/err"
rc=$?
check "a boot file with more: exit 2" '[ $rc -eq 2 ] && grep -q "give it alone" "$TMP/err"'
# --- a cfg file is never written with masked secrets -------------------------
"$YCFG" resolve --format cfg 805ec0a1b2c3.boot >"$TMP/masked.cfg" 2>"$TMP/err"
rc=$?
check "--format cfg with secrets, no --show-secrets: exit 2" '[ $rc -eq 2 ] && [ ! -s "$TMP/masked.cfg" ] && grep -q "use --show-secrets" "$TMP/err"'

# --- round trip through --format cfg ----------------------------------------
"$YCFG" resolve --format cfg --show-secrets --model T54W 805ec0a1b2c3.boot >"$TMP/round.cfg" 2>/dev/null
rc=$?
check "cfg output starts with the header" '[ "$(head -n 1 "$TMP/round.cfg")" = "#!version:1.0.0.1" ]'
"$YCFG" lint --no-config "$TMP/round.cfg" >"$TMP/out" 2>&1
rc=$?
check "cfg output lints clean ($(head -n 3 "$TMP/out"))" '[ $rc -eq 0 ]'
"$YCFG" resolve --format json --show-secrets "$TMP/round.cfg" >"$TMP/round.json" 2>/dev/null
rc=$?
"$YCFG" resolve --format json --show-secrets --model T54W 805ec0a1b2c3.boot >"$TMP/orig.json" 2>/dev/null
rc=$?
check "cfg round trip resolves to the same values" 'cmp -s "$TMP/round.json" "$TMP/orig.json"'

# --- redaction ---------------------------------------------------------------
for fmt in yaml json; do
	"$YCFG" resolve --format $fmt --model T54W 805ec0a1b2c3.boot >"$TMP/red" 2>&1
rc=$?
	check "no password in $fmt output" '! grep -q "not-a-real-password" "$TMP/red" && grep -q "\*\*\*\*\*\*\*\*" "$TMP/red"'
done
"$YCFG" resolve --show-secrets --model T54W 805ec0a1b2c3.boot >"$TMP/shown" 2>/dev/null
rc=$?
check "--show-secrets shows it" 'grep -q "account.1.password: \"$(sed -n "s/^account.1.password = //p" 805ec0a1b2c3.cfg)\"" "$TMP/shown"'

# --- atomic -o ----------------------------------------------------------------
echo previous >"$TMP/out.yaml"
"$YCFG" resolve -o "$TMP/out.yaml" 805ec0a1b2c3.boot 2>/dev/null
rc=$?
check "-o writes the file" 'grep -q "^account.1.enable: 1$" "$TMP/out.yaml"'
check "-o leaves no temporary file" '[ "$(ls "$TMP" | grep -c "out.yaml.tmp")" -eq 0 ]'
cp "$TMP/out.yaml" "$TMP/before.yaml"
"$YCFG" resolve -o "$TMP/out.yaml" "$TMP/does-not-exist.cfg" 2>"$TMP/err"
rc=$?
check "unreadable input exits 2" '[ $rc -eq 2 ]'
check "a failed run keeps the previous output" 'cmp -s "$TMP/out.yaml" "$TMP/before.yaml"'
"$YCFG" resolve -o "$TMP/no/such/dir/x.yaml" 805ec0a1b2c3.boot 2>"$TMP/err"
rc=$?
check "unwritable output exits 2" '[ $rc -eq 2 ]'
check "unwritable output is named on stderr" 'grep -q "cannot write" "$TMP/err"'
check "no partial file" '[ ! -e "$TMP/no/such/dir/x.yaml" ]'

# --- usage errors -------------------------------------------------------------
"$YCFG" resolve >/dev/null 2>"$TMP/err"
rc=$?
check "resolve without FILE exits 2" '[ $rc -eq 2 ]'
"$YCFG" resolve --format xml 805ec0a1b2c3.boot >/dev/null 2>"$TMP/err"
rc=$?
check "unknown format exits 2" '[ $rc -eq 2 ]'
"$YCFG" resolve --model NOPE 805ec0a1b2c3.boot >/dev/null 2>"$TMP/err"
rc=$?
check "unknown model exits 2" '[ $rc -eq 2 ]'
"$YCFG" resolve . >/dev/null 2>"$TMP/err"
rc=$?
check "a directory exits 2" '[ $rc -eq 2 ]'

# --- a boot file with more than 256 different files ---------------------------
mkdir -p "$TMP/many"
{
	echo '#!version:1.0.0.1'
	for i in $(seq 1 300); do
		printf '#!version:1.0.0.1\naccount.1.label = f%d\n' "$i" >"$TMP/many/f$i.cfg"
		echo "include:config f$i.cfg"
	done
} >"$TMP/many/many.boot"
"$YCFG" resolve "$TMP/many/many.boot" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "more than 256 files: exit 1" '[ $rc -eq 1 ]'
check "more than 256 files: reported at the 257th" 'grep -q "many.boot:258:16: error: more than 256 different files included; this one and the rest are ignored \[bad-include\]" "$TMP/err"'
check "the first 256 files apply" 'grep -q "^account.1.label: \"f256\"$" "$TMP/out"'

# --- defaults -----------------------------------------------------------------
"$YCFG" resolve --defaults --model T54W 805ec0a1b2c3.boot >"$TMP/def.yaml" 2>/dev/null
rc=$?
check "--defaults adds defaults of enabled accounts" 'grep -q "^account.2.sip_server.2.expires: 3600$" "$TMP/def.yaml"'
check "--defaults skips disabled accounts" '! grep -q "^account.3\." "$TMP/def.yaml"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
