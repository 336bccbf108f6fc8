#!/usr/bin/env bash
# fix.sh YCFG_BINARY SAMPLES_DIR CORPUS_DIR
#
# lint --fix, --unsafe-fixes and --diff: one before/after case per
# fixable rule and per case a fix must not touch; then properties over
# the samples and the real corpus: after --fix no safe-fixable finding is
# left, a second --fix changes nothing, resolve gives the same before and
# after a safe fix, --diff applies with patch(1) to what --fix writes,
# and no secret appears in any --diff output.
set -u

YCFG=$1
SAMPLES=$2
CORPUS=$3
for v in YCFG SAMPLES CORPUS; do
	case ${!v} in /*) ;; *) printf -v "$v" '%s' "$PWD/${!v}" ;; esac
done
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-fix.XXXXXX") || exit 2
trap 'chattr -i "$TMP"/ro/* 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2
mkdir .git

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
H='#!version:1.0.0.1'

# case NAME FLAGS BEFORE ARG AFTER ARG: the file BEFORE (a printf format
# and its argument) fixed with FLAGS must read AFTER; a second run must
# change nothing.
case_() {
	local name=$1 flags=$2 before=$3 after=$5
	# shellcheck disable=SC2059
	printf "$before" "$4" >t.cfg
	# shellcheck disable=SC2059
	printf "$after" "$6" >want.cfg
	# shellcheck disable=SC2086
	"$YCFG" lint $flags t.cfg >/dev/null 2>err
	if cmp -s t.cfg want.cfg; then ok; else
		bad "$name: fixed file differs"
		diff <(od -c want.cfg) <(od -c t.cfg) | head -8
	fi
	cp t.cfg again.cfg
	# shellcheck disable=SC2086
	"$YCFG" lint $flags again.cfg >/dev/null 2>&1
	if cmp -s t.cfg again.cfg; then ok; else bad "$name: a second fix changed it"; fi
	if grep -qE 'Sanitizer|runtime error:' err; then bad "$name: sanitizer"; fi
}

S=--fix
U="--fix --unsafe-fixes"

# --- safe fixes ----------------------------------------------------------------
case_ utf8-bom "$S" '\357\273\277%s\nlang.gui = English\n' "$H" '%s\nlang.gui = English\n' "$H"
case_ no-final-newline "$S" '%s\nlang.gui = English' "$H" '%s\nlang.gui = English\n' "$H"
case_ no-final-newline-crlf "$S" '%s\r\nlang.gui = English' "$H" '%s\r\nlang.gui = English\r\n' "$H"
case_ cr-line-ending "$S" '%s\rlang.gui = English\r' "$H" '%s\nlang.gui = English\n' "$H"
case_ trailing-whitespace "$S" '%s\nlang.gui = English \t\n' "$H" '%s\nlang.gui = English\n' "$H"
# blanks after a blank value are no finding (templates write "key = ")
case_ blank-value-blanks "$S" '%s\naccount.1.label =  \n' "$H" '%s\naccount.1.label =  \n' "$H"
case_ leading-whitespace "$S" '%s\n  \tlang.gui = English\n' "$H" '%s\nlang.gui = English\n' "$H"
case_ duplicate-same "$S" '%s\nlang.gui = English\naccount.1.label = A\nlang.gui = English\n' "$H" '%s\naccount.1.label = A\nlang.gui = English\n' "$H"
# a repeat in another case is not the same line (resolve lists both)
case_ duplicate-other-case "$S" '%s\nLang.gui = English\nlang.gui = English\n' "$H" '%s\nLang.gui = English\nlang.gui = English\n' "$H"
# a line's other bytes stay as written
case_ kept-spacing "$S" '%s\nlang.gui=English  \n' "$H" '%s\nlang.gui=English\n' "$H"

# --- what safe fixing leaves ----------------------------------------------------
case_ duplicate-differs-safe "$S" '%s\nlang.gui = English\nlang.gui = French\n' "$H" '%s\nlang.gui = English\nlang.gui = French\n' "$H"
case_ quoted-safe "$S" '%s\nlang.gui = "English"\n' "$H" '%s\nlang.gui = "English"\n' "$H"
case_ port-safe "$S" '%s\naccount.1.sip_server.1.port = +5060\n' "$H" '%s\naccount.1.sip_server.1.port = +5060\n' "$H"

# --- unsafe fixes ---------------------------------------------------------------
case_ duplicate-differs "$U" '%s\nlang.gui = English\nlang.gui = French\n' "$H" '%s\nlang.gui = French\n' "$H"
# a blank later line keeps the earlier value: not removed
case_ duplicate-blank-later "$U" '%s\nlang.gui = English\nlang.gui =\n' "$H" '%s\nlang.gui = English\nlang.gui =\n' "$H"
case_ invalid-port-sign "$U" '%s\naccount.1.sip_server.1.port = +5060\n' "$H" '%s\naccount.1.sip_server.1.port = 5060\n' "$H"
case_ invalid-enum-case "$U" '%s\naccount.1.codec.1.payload_type = pcmu\n' "$H" '%s\naccount.1.codec.1.payload_type = PCMU\n' "$H"
case_ invalid-enum-label "$U" '%s\naccount.1.sip_server.1.transport_type = TLS\n' "$H" '%s\naccount.1.sip_server.1.transport_type = 2\n' "$H"
case_ invalid-bool-word "$U" '%s\naccount.1.enable = yes\naccount.2.enable = Off\n' "$H" '%s\naccount.1.enable = 1\naccount.2.enable = 0\n' "$H"
case_ invalid-host-scheme "$U" '%s\naccount.1.sip_server.1.address = sip:pbx.example.net\n' "$H" '%s\naccount.1.sip_server.1.address = pbx.example.net\n' "$H"
# a value with no single reading is left
case_ invalid-left "$U" '%s\naccount.1.sip_server.1.port = fifty\n' "$H" '%s\naccount.1.sip_server.1.port = fifty\n' "$H"
case_ quoted-value "$U" "%s\\nlang.gui = \"English\"\\naccount.1.label = 'Desk'\\n" "$H" '%s\nlang.gui = English\naccount.1.label = Desk\n' "$H"
case_ inline-comment "$U" '%s\nvoice_mail.number.1 = *97   ## voicemail\naccount.1.label = Desk ; front\n' "$H" '%s\n## voicemail\nvoice_mail.number.1 = *97\n# ; front\naccount.1.label = Desk\n' "$H"
# a '#' inside a token is not a comment
case_ hash-in-token "$U" '%s\nvoice_mail.number.1 = *97#\n' "$H" '%s\nvoice_mail.number.1 = *97#\n' "$H"
case_ renamed-key "$U" '%s\naccount.1.sip_server_host = pbx.example.net\n' "$H" '%s\naccount.1.sip_server.1.address = pbx.example.net\n' "$H"
# the new name already set: a person chooses
case_ renamed-taken "$U" '%s\naccount.1.sip_server_host = a.example.net\naccount.1.sip_server.1.address = b.example.net\n' "$H" '%s\naccount.1.sip_server_host = a.example.net\naccount.1.sip_server.1.address = b.example.net\n' "$H"
# several repairs of one line, in one run
case_ one-line-many "$U" '%s\n  account.1.sip_server.1.port = "+5060"  \n' "$H" '%s\naccount.1.sip_server.1.port = 5060\n' "$H"
# secrets: their value is not repaired
case_ secret-left "$U" '%s\naccount.1.password = "p w"\n' "$H" '%s\naccount.1.password = p w\n' "$H"

# --- what is never fixed ------------------------------------------------------------
printf '%s\naccount.{$n}.label = {$label}  \n' "$H" >tpl.cfg.tpl
cp tpl.cfg.tpl tpl.orig
"$YCFG" lint --fix --unsafe-fixes tpl.cfg.tpl >/dev/null 2>&1
if cmp -s tpl.cfg.tpl tpl.orig; then ok; else bad "a template was rewritten"; fi
printf '[ account ]\npath = /x\n' >legacy.cfg
cp legacy.cfg legacy.orig
"$YCFG" lint --fix legacy.cfg >/dev/null 2>&1
if cmp -s legacy.cfg legacy.orig; then ok; else bad "a legacy-format file was rewritten"; fi
# suppressed and ignored findings are not fixed
printf '%s\nlang.gui = English  \n' "$H" >ign.cfg
cp ign.cfg ign.orig
"$YCFG" lint --fix --ignore trailing-whitespace ign.cfg >/dev/null 2>&1
if cmp -s ign.cfg ign.orig; then ok; else bad "an ignored rule was fixed"; fi
printf '%s\n# ycfg: disable-next-line=trailing-whitespace\nlang.gui = English  \n' "$H" >sup.cfg
cp sup.cfg sup.orig
"$YCFG" lint --fix sup.cfg >/dev/null 2>&1
if cmp -s sup.cfg sup.orig; then ok; else bad "a suppressed finding was fixed"; fi

# --- the command ---------------------------------------------------------------------
printf '%s\nlang.gui = English  \naccount.1.sip_server.1.port = +5060\n' "$H" >m.cfg
chmod 640 m.cfg
"$YCFG" lint --fix m.cfg >out 2>err
rc=$?
if [ $rc -eq 1 ]; then ok; else bad "--fix with an error left: exit $rc"; fi
grep -q "fixed 1 finding in 1 file (1 trailing-whitespace)" err && ok || { bad "fix summary"; cat err; }
grep -q "m.cfg:3:31: error: invalid port '+5060'" out && ok || bad "what is left is not reported"
if [ "$(stat -c %a m.cfg)" = 640 ]; then ok; else bad "mode not kept: $(stat -c %a m.cfg)"; fi
ls -a | grep -q 'ycfg-tmp\|\.tmp' && bad "a temporary file is left" || ok
"$YCFG" lint --fix --unsafe-fixes m.cfg >out 2>err
if [ $? -eq 0 ]; then ok; else bad "--unsafe-fixes left findings"; cat out err; fi
# --diff changes nothing and exits 1 when a fix would change a file
printf '%s\nlang.gui = English  \n' "$H" >dd.cfg
cp dd.cfg dd.orig
"$YCFG" lint --diff dd.cfg >out 2>err
if [ $? -eq 1 ] && cmp -s dd.cfg dd.orig && grep -q '^+lang.gui = English$' out
then ok; else bad "--diff"; cat out err; fi
"$YCFG" lint --diff dd.orig.cfg >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--diff of a missing file"
printf '%s\nlang.gui = English\n' "$H" >clean.cfg
"$YCFG" lint --diff clean.cfg >out 2>err
if [ $? -eq 0 ] && [ ! -s out ]; then ok; else bad "--diff of a clean file"; fi
# usage
for args in "--unsafe-fixes x.cfg" "--fix --diff x.cfg" "--fix -o r.txt x.cfg" \
	"--fix --list-files x.cfg" "--diff --stdin-filename a.cfg -"; do
	# shellcheck disable=SC2086
	"$YCFG" lint $args >/dev/null 2>&1 </dev/null
	[ $? -eq 2 ] && ok || bad "lint $args: not a usage error"
done
# an unwritable file: an error, left as it was
mkdir ro
printf '%s\nlang.gui = English  \n' "$H" >ro/w.cfg
cp ro/w.cfg ro.orig
if [ "$(id -u)" -ne 0 ]; then chmod a-w ro; locked=1
elif chattr +i ro/w.cfg 2>/dev/null; then locked=1
else locked=0; fi
if [ $locked = 1 ]; then
	"$YCFG" lint --fix ro/w.cfg >/dev/null 2>err
	if [ $? -eq 2 ] && grep -q "cannot fix 'ro/w.cfg'" err && cmp -s ro/w.cfg ro.orig
	then ok; else bad "unwritable file"; cat err; fi
	chattr -i ro/w.cfg 2>/dev/null; chmod u+w ro
else
	echo "fix: skipped the unwritable-file case (root without chattr)"
fi

# --- SARIF carries each repair; applied, they give what --fix writes -----------
printf '%s\nlang.gui = English  \n  account.1.label = Desk\naccount.1.password = hunter2  \n' "$H" >sf.cfg
cp sf.cfg sf.orig
"$YCFG" lint --format sarif sf.cfg >sf.sarif 2>/dev/null
"$YCFG" lint --fix sf.cfg >/dev/null 2>&1
if command -v python3 >/dev/null; then
	if python3 - sf.orig sf.sarif sf.cfg <<'EOF'
import json, sys
data = open(sys.argv[1], 'rb').read()
runs = json.load(open(sys.argv[2]))["runs"][0]
reps = []
for r in runs["results"]:
    for f in r.get("fixes", []):
        for c in f["artifactChanges"]:
            for rep in c["replacements"]:
                reg = rep["deletedRegion"]
                reps.append((reg["byteOffset"], reg["byteLength"],
                             rep.get("insertedContent", {}).get("text", "").encode()))
assert len(reps) == 2, reps          # the password line has none
for off, n, text in sorted(reps, reverse=True):
    data = data[:off] + text + data[off + n:]
want = open(sys.argv[3], 'rb').read()
# --fix also strips the password line, which SARIF does not show
assert data.replace(b"hunter2  ", b"hunter2") == want, (data, want)
assert b"hunter2" not in open(sys.argv[2], 'rb').read()
EOF
	then ok; else bad "SARIF fixes"; fi
fi

# --- properties over the samples and the real corpus -------------------------------
SAFE_RULES=$("$YCFG" rules | awk '/\[safe fix\]/ { printf "%s%s", s, $1; s = "," }')
mkdir props
cp -r "$SAMPLES" props/samples
if [ -d "$CORPUS" ]; then
	cp -r "$CORPUS" props/corpus
	min=10
else
	echo "fix: no corpus at $CORPUS: the properties over the samples only"
	min=2
fi
rm -f props/samples/.ycfg.yaml
# resolve every .cfg before
find props -name '*.cfg' | sort >cfgs
while read -r f; do
	"$YCFG" resolve --no-config --show-secrets "$f" >"$f.before" 2>/dev/null
done <cfgs
# --diff must apply with patch to what --fix writes; no secret in it
cp -r props patched
"$YCFG" lint --no-config --diff props >diff.out 2>/dev/null
if grep -q 'not-a-real-password\|S3cr' diff.out; then bad "a secret in --diff output"; else ok; fi
"$YCFG" lint --no-config --diff --unsafe-fixes props >diffu.out 2>/dev/null
if grep -q 'not-a-real-password\|S3cr' diffu.out; then bad "a secret in --diff --unsafe-fixes output"; else ok; fi
"$YCFG" lint --no-config --fix props >/dev/null 2>&1
# the hunks that show no secret apply as --fix wrote them
(cd patched && patch -p1 -s -f --no-backup-if-mismatch <../diff.out >/dev/null 2>&1)
napplied=0
while read -r f; do
	p=patched/${f#props/}
	if grep -q '\*\*\*\*\*\*\*\*' diff.out && ! cmp -s "$f" "$p"; then
		# a hunk with a masked secret does not apply: only such files
		grep -q "^+++ b/$f" diff.out && continue
	fi
	if cmp -s "$f" "$p"; then napplied=$((napplied + 1)); else
		bad "patch of --diff differs from --fix for $f"; fi
done <cfgs
[ "$napplied" -gt "$min" ] && ok || bad "only $napplied files compared with patch"
# no safe-fixable finding left (templates, and files not read whole, are
# not rewritten)
"$YCFG" lint --no-config --select "$SAFE_RULES" props >left.out 2>/dev/null
"$YCFG" lint --no-config --select legacy-format,not-text,file-too-large,nul-byte \
	props 2>/dev/null | cut -d: -f1 | sort -u >unread.files
cut -d: -f1 left.out | sort -u | comm -23 - unread.files >left.files
nleft=0
while read -r f; do
	if "$YCFG" lint --no-config --show-config "$f" 2>/dev/null |
		grep -q 'this file: a .* template'; then continue; fi
	bad "safe-fixable findings left in $f"
	grep "^$f:" left.out | head -3
	nleft=$((nleft + 1))
done <left.files
[ "$nleft" -eq 0 ] && ok
# a second --fix changes nothing
cp -r props props2
"$YCFG" lint --no-config --fix props2 >/dev/null 2>&1
if diff -r props props2 >/dev/null; then ok; else bad "a second --fix changed files"; fi
# resolve gives the same after the safe fixes
nsame=0
while read -r f; do
	"$YCFG" resolve --no-config --show-secrets "$f" >"$f.after" 2>/dev/null
	if cmp -s "$f.before" "$f.after"; then nsame=$((nsame + 1)); else
		bad "resolve of $f changed by the safe fixes"
		diff "$f.before" "$f.after" | head -4
	fi
done <cfgs
[ "$nsame" -gt "$min" ] && ok || bad "only $nsame files resolved"

echo "fix: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
