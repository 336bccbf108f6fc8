#!/usr/bin/env bash
# diff.sh YCFG_BINARY
#
# 'ycfg diff': what a change does to each phone's effective configuration.
# A common-file change on exactly the phones that inherit it, phones added
# and removed, defaults and -1 fallbacks applied, secrets compared but
# never shown (every format), --git against a commit of a temporary
# repository, identical trees exit 0, and every bad use exit 2.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)

YCFG=$1
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-diff.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2

# shellcheck source=tests/cli-lib.sh
. "$HERE/cli-lib.sh"

# --- the old tree ------------------------------------------------------------
mkdir -p old/site2
cat >old/y000000000000.cfg <<EOF
$H
lang.gui = English
local_time.time_zone = +1
account.1.sip_server.1.retry_counts = 4
account.1.password = common-secret
account.1.sip_server.1.address = sip:alice:urlpw1@pbx.example.net
security.user_password = admin:adminpw1
EOF
# 01: inherits everything; 02: overrides the time zone; 03: its proxy
# retries follow a -1 to the common value; 04: removed later
printf '%s\naccount.1.enable = 1\n' "$H" >old/001565000001.cfg
printf '%s\nlocal_time.time_zone = -5\n' "$H" >old/001565000002.cfg
printf '%s\naccount.1.outbound_proxy.1.retry_counts = -1\n' "$H" >old/001565000003.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >old/001565000004.cfg
printf '%s\nlang.gui = French\n' "$H" >old/site2/y000000000000.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >old/site2/805ec0000001.cfg
cp -r old new

# 1. identical trees: no difference, exit 0, in every format
t 0 diff old new
if [ ! -s out ]; then ok; else bad "identical trees printed something"; fi
has err "no difference in 5 phones"
t 0 diff --format json old new
has out '"compared": 5, "changed": 0, "added": 0, "removed": 0'
t 0 diff --format markdown old new
has out "### ycfg diff: no change in the effective configuration of 5 phones"

# 2. a common-file change: exactly the phones that inherit it
sed -i 's/^local_time.time_zone = +1/local_time.time_zone = +2/' new/y000000000000.cfg
t 1 diff old new
has out "phone 001565000001 in .: 1 key changed"
has out '  local_time.time_zone: "+1" -> "+2"'
hasnt out "001565000002"          # overrides it
hasnt out "805ec0000001"          # another directory, its own common file
has err "3 of 5 phones differ: 3 changed, 0 added, 0 removed"

# 3. a value the phone reaches through -1 changes with its target
sed -i 's/retry_counts = 4/retry_counts = 6/' new/y000000000000.cfg
t 1 diff --provenance old new
has out '  account.1.outbound_proxy.1.retry_counts: "4" (-1 (old/001565000003.cfg:2) -> account.1.sip_server.1.retry_counts (old/y000000000000.cfg:4)) -> "6" (-1 (new/001565000003.cfg:2) -> account.1.sip_server.1.retry_counts (new/y000000000000.cfg:4))'
cp old/y000000000000.cfg new/y000000000000.cfg

# 4. setting a key to its default is no change; a removed key falls back
printf 'account.1.sip_server.1.expires = 3600\n' >>new/001565000001.cfg
t 0 diff old new
printf 'account.1.sip_server.1.expires = 60\n' >>new/001565000001.cfg
t 1 diff old new
has out '  account.1.sip_server.1.expires: "3600" (default) -> "60"'
cp old/001565000001.cfg new/001565000001.cfg

# 4b. overwrite_mode 1: a blank resets a key without default to nothing
printf '%s\ncustom.other = x\n' "$H" >>old/y000000000000.cfg
cp old/y000000000000.cfg new/y000000000000.cfg
printf '%s\noverwrite_mode = 1\ninclude:config "y000000000000.cfg"\ninclude:config "001565000004.cfg"\n' "$H" >old/001565000004.boot
cp old/001565000004.boot new/
printf 'custom.other =\n' >>new/001565000004.cfg
t 1 diff old new
has out "phone 001565000004 in .: 1 key changed"
has out '  custom.other: "x" -> (unset)'
cp old/001565000004.cfg new/001565000004.cfg
rm old/001565000004.boot new/001565000004.boot

# 5. phones added and removed (also one that moves to another directory)
rm new/001565000004.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >new/site2/805ec0000009.cfg
t 1 diff old new
has out "phone 001565000004 in .: removed"
has out "phone 805ec0000009 in site2: added"
has err "2 of 6 phones differ: 0 changed, 1 added, 1 removed"
t 1 diff --format json old new
has out '"phone": "001565000004", "dir": ".", "status": "removed"'
has out '"compared": 6, "changed": 0, "added": 1, "removed": 1'
cp old/001565000004.cfg new/
rm new/site2/805ec0000009.cfg

# 6. secrets: compared, never shown, in every format
sed -i 's/common-secret/new-common-secret/; s/urlpw1/urlpw2/; s/adminpw1/adminpw2/' \
	new/y000000000000.cfg
for fmt in text json markdown; do
	t 1 diff --provenance --format $fmt old new
	for s in common-secret urlpw1 urlpw2 adminpw1 adminpw2; do
		hasnt out "$s"
	done
done
t 1 diff old new
has out "  account.1.password: changed (secret, not shown)"
has out "  account.1.sip_server.1.address: changed (secret, not shown)"
has out "  security.user_password: changed (secret, not shown)"
t 1 diff --format json old new
has out '"key": "account.1.password", "secret": true, "old": "********"'
t 1 diff --format markdown old new
has out '| `account.1.password` | *secret* | *changed* |'
cp old/y000000000000.cfg new/y000000000000.cfg

# 7. a multi-value key: one line of it changed
printf 'security.user_password = user:userpw\n' >>new/001565000002.cfg
t 1 diff old new
has out "phone 001565000002 in .: 1 key changed"
has out "  security.user_password: changed (secret, not shown)"
cp old/001565000002.cfg new/001565000002.cfg

# 8. the formats: JSON parses, markdown keeps a '|' inside its cell
sed -i 's/^lang.gui = English/lang.gui = a|b`c/' new/y000000000000.cfg
t 1 diff --format markdown old new
has out '| `lang.gui` | `English` | ``a\|b`c`` |'
t 1 diff --format json --provenance old new
if command -v python3 >/dev/null; then
	if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["changed"] == 4, d' out
	then ok; else bad "JSON output does not parse or count"; fi
fi
cp old/y000000000000.cfg new/y000000000000.cfg

# 9. one phone against another: a <MAC>.cfg with its directory's common file
sed -i 's/^local_time.time_zone = +1/local_time.time_zone = +3/' new/y000000000000.cfg
t 1 diff old/001565000001.cfg new/001565000001.cfg
has out "phone 001565000001 in .: 1 key changed"
has out '  local_time.time_zone: "+1" -> "+3"'
t 0 diff old/001565000002.cfg new/001565000002.cfg
cp old/y000000000000.cfg new/y000000000000.cfg

# 10. --git: the tree at a revision against the work tree
if command -v git >/dev/null; then
	mkdir repo
	cp -r old repo/prov
	(cd repo && git init -q && git add -A &&
	 git -c user.name=t -c user.email=t@example.net commit -qm one) ||
		bad "git set-up"
	sed -i 's/^lang.gui = English/lang.gui = German/' repo/prov/y000000000000.cfg
	t 1 diff --git HEAD repo/prov
	has out '  lang.gui: "English" -> "German"'
	has err "4 of 5 phones differ"
	(cd repo/prov && "$YCFG" diff --provenance --git HEAD >../../out 2>../../err)
	has out '"English" (HEAD:y000000000000.cfg:2) -> "German" (./y000000000000.cfg:2)'
	# the work tree and the index are untouched, nothing is left behind
	(cd repo && git status --porcelain) >status
	if [ "$(cat status)" = " M prov/y000000000000.cfg" ]; then ok; else
		bad "git status changed: $(cat status)"; fi
	t 1 diff --git HEAD repo/prov/001565000001.cfg
	has out '  lang.gui: "English" -> "German"'
	(cd repo && git checkout -q -- prov)
	t 0 diff --git HEAD repo/prov
	t 2 diff --git nosuchrev repo/prov
	has err "'nosuchrev' is not a commit of the repository of 'repo/prov'"
	mkdir notrepo
	t 2 diff --git HEAD notrepo
	has err "is not in a git work tree"
	mkdir repo/later
	printf '%s\naccount.1.enable = 1\n' "$H" >repo/later/001565000001.cfg
	t 2 diff --git HEAD repo/later
	has err "is not in revision HEAD"
	if ls "${TMPDIR:-/tmp}" | grep -q '^ycfg-git-'; then
		bad "a temporary checkout is left"; else ok; fi
fi

# 11. bad use
t 2 diff old
has err "give OLD and NEW"
t 2 diff old new new
has err "give only OLD and NEW"
t 2 diff old new/001565000001.cfg
has err "compare a tree with a tree, or a phone with a phone"
t 2 diff --format xml old new
has err "invalid --format 'xml'"
t 2 diff - new/001565000001.cfg
has err "standard input cannot be compared"
t 2 diff old missing
has err "cannot read 'missing'"
t 2 diff --git HEAD a b
has err "--git takes one PATH"
t 2 diff -j x old new
has err "invalid --jobs"
mkdir e1 e2
t 2 diff e1 e2
has err "no phone in 'e1' or 'e2'"
t 2 diff --format markdown e1 e2
if [ ! -s out ]; then ok; else bad "a failed markdown diff printed a summary"; fi
t 0 diff --help
has out "usage: ycfg diff [OPTIONS] OLD NEW"

echo "diff: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
