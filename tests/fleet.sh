#!/usr/bin/env bash
# fleet.sh YCFG_BINARY SAMPLES_DIR
#
# The fleet audit: 'ycfg resolve --all' finds every phone lint finds, with
# the same recipe, and gives each exactly what 'ycfg resolve' gives it
# alone (every format, with and without --provenance); its output
# directory is replaced as a whole or not at all.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)

YCFG=$1
SAMPLES=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SAMPLES in /*) ;; *) SAMPLES=$PWD/$SAMPLES ;; esac
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-fleet.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2
mkdir .git   # the repository root: configuration search stops here

# shellcheck source=tests/cli-lib.sh
. "$HERE/cli-lib.sh"

# --- a tree with every kind of recipe ---------------------------------------
# common file with a multi-value key, -1 fallbacks and a secret; a phone
# with its own boot file (overwrite_mode 1, a [MODEL] line); phones that
# override a key a common -1 leads to, blank a common value, spell a
# common key in another case, and set a multi-value key; a phone with only
# a boot file; a subdirectory with its own common file.
mkdir -p tree/site2
cat >tree/y000000000000.cfg <<EOF
$H
account.1.sip_server.1.address = pbx.example.net
account.1.sip_server.1.expires = 600
account.1.outbound_proxy.1.retry_counts = -1
account.1.password = common-secret
custom.note =
custom.other = x
account.1.label = Desk
local_time.time_zone = +1
security.user_password = admin:adminpw
security.user_password = user:userpw
lang.gui = English
features.dnd.enable = 0
EOF
cat >tree/001565000001.cfg <<EOF
$H
account.1.enable = 1
account.1.user_name = 2001
account.1.sip_server.1.expires = 300
account.1.sip_server.1.retry_counts = 5
Custom.Note = x
account.01.enable = 1
EOF
cat >tree/001565000002.cfg <<EOF
$H
Account.1.Label = Reception
account.1.password = own-secret
lang.gui =
EOF
cat >tree/001565000003.cfg <<EOF
$H
security.user_password = admin:other
account.2.enable = 1
EOF
cat >tree/001565000004.boot <<EOF
$H
overwrite_mode = 1
include:config "y000000000000.cfg"
[T54W]include:config "t54w.cfg"
include:config "001565000004.cfg"
EOF
cat >tree/001565000004.cfg <<EOF
$H
account.1.label =
custom.other =
features.dnd.enable = 1
EOF
printf '%s\naccount.3.label = Model\n' "$H" >tree/t54w.cfg
# a multi-value key of the common file written without its colon
printf '%s\nsecurity.user_password = plain\n' "$H" >tree/001565000006.cfg
cat >tree/001565000005.boot <<EOF
$H
include:config "y000000000000.cfg"
EOF
printf '%s\nlocal_time.time_zone = -5\n' "$H" >tree/site2/y000000000000.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >tree/site2/805ec0000001.cfg
printf '%s\naccount.1.outbound_proxy.1.retry_counts = 2\n' "$H" >tree/site2/805ec0000002.cfg

# phone MACs lint finds, as "dir/mac"
phones_of() {
	"$YCFG" lint --list-files "$1" 2>/dev/null |
		sed -n 's|^\(.*\)/[^/]*\t phone \([0-9a-f]\{12\}\) .*|\1/\2|p;
			s|^\(.*\)/[^/]*\tphone \([0-9a-f]\{12\}\) .*|\1/\2|p' |
		sort -u
}

# the single-phone command for dir/mac: its <MAC>.cfg, else its .boot
single() {
	if [ -f "$1.cfg" ]; then echo "$1.cfg"; else echo "$1.boot"; fi
}

# compare_all ROOT OUTDIR EXT ARGS...: each phone's file is what the
# single-phone resolve gives.
compare_all() {
	local root=$1 outd=$2 ext=$3 n=0 p rel
	shift 3
	while read -r p; do
		rel=${p#"$root"}
		rel=${rel#/}
		"$YCFG" resolve "$@" "$(single "$p")" >single.out 2>/dev/null
		if cmp -s single.out "$outd/$rel.$ext"; then ok; else
			bad "$rel.$ext differs from 'ycfg resolve $* $(single "$p")'"
			diff single.out "$outd/$rel.$ext" | head -6
		fi
		n=$((n + 1))
	done < <(phones_of "$root")
	local files
	files=$(find "$outd" -name "*.$ext" | wc -l)
	if [ "$files" -eq "$n" ] && [ "$n" -gt 0 ]; then ok; else
		bad "$outd has $files .$ext files for $n phones of lint"
	fi
}

# 1. every phone lint finds, equal to its single-phone resolve (the tree
# has one error, in 001565000006.cfg: written, exit 1)
phones_of tree >lint-phones
if [ "$(wc -l <lint-phones)" -eq 8 ]; then ok; else
	bad "lint finds $(wc -l <lint-phones) phones in tree, expected 8"
	cat lint-phones
fi
for opts in "" "--provenance" "--show-secrets" "--provenance --show-secrets"; do
	for fmt in yaml json; do
		# shellcheck disable=SC2086
		t 1 resolve --all --format $fmt $opts -o "o-$fmt" tree
		# shellcheck disable=SC2086
		compare_all tree "o-$fmt" $fmt --format $fmt $opts
	done
done
t 1 resolve --all --format cfg --show-secrets -o o-cfg tree
compare_all tree o-cfg cfg --format cfg --show-secrets
# the same over the samples, and with one worker or many
t 0 resolve --all -o o-samples "$SAMPLES"
compare_all "$SAMPLES" o-samples yaml
t 1 resolve --all -j 1 tree
cp out one.txt
t 1 resolve --all -j 8 tree
if cmp -s one.txt out; then ok; else bad "-j 1 and -j 8 differ"; fi

# 2. the stream: one YAML document per phone, in lint's order of phones
t 1 resolve --all -o o-yaml tree
t 1 resolve --all --format json -o o-json tree
t 1 resolve --all tree
if [ "$(grep -c '^--- # phone ' out)" -eq 8 ]; then ok; else
	bad "YAML stream has $(grep -c '^--- # phone ' out) documents, expected 8"
fi
has out "--- # phone 805ec0000001 in site2"
has out "--- # phone 001565000001 in ."
# each document is the phone's file
awk '/^--- # phone 001565000003 in \.$/ { on = 1; next } /^--- / { on = 0 } on' \
	out >doc3
if cmp -s doc3 o-yaml/001565000003.yaml; then ok; else
	bad "the stream's document of 001565000003 is not its file"
fi
# JSON Lines: one line per phone, with its MAC, directory and configuration
t 1 resolve --all --format json tree
if [ "$(wc -l <out)" -eq 8 ]; then ok; else bad "JSON Lines: $(wc -l <out) lines"; fi
if command -v python3 >/dev/null; then
	if python3 - out o-json <<'EOF'
import json, sys, os
seen = 0
for line in open(sys.argv[1]):
    doc = json.loads(line)
    path = os.path.join(sys.argv[2], doc["dir"], doc["phone"] + ".json")
    if json.load(open(path)) != doc["config"]:
        sys.exit("line of %s differs from its file" % doc["phone"])
    seen += 1
sys.exit(0 if seen == 8 else "%d lines" % seen)
EOF
	then ok; else bad "JSON Lines do not match the phone files"; fi
fi

# 3. secrets: masked unless asked for, never in a .cfg masked
t 1 resolve --all tree
if grep -q 'common-secret\|own-secret\|adminpw' out; then
	bad "a secret in the stream"; else ok; fi
t 2 resolve --all --format cfg -o o-cfg2 tree
has err "not writing .cfg files with secrets masked"
if [ ! -e o-cfg2 ]; then ok; else bad "a failed run left o-cfg2"; fi
t 2 resolve --all --format cfg tree
has err "--format cfg with --all needs -o DIR"

# 4. the output directory is replaced as a whole, or not at all
t 1 resolve --all -o o-atomic tree
has o-atomic/.ycfg-output ""
rm tree/site2/805ec0000002.cfg
t 1 resolve --all -o o-atomic tree
if [ ! -e o-atomic/site2/805ec0000002.yaml ] &&
   [ -e o-atomic/site2/805ec0000001.yaml ]; then ok; else
	bad "a phone that left the tree kept its file"; fi
# a failed run leaves the previous contents
printf '%s\naccount.1.outbound_proxy.1.retry_counts = 2\n' "$H" >tree/site2/805ec0000002.cfg
find o-atomic -type f | sort | xargs md5sum >before
t 2 resolve --all --format cfg -o o-atomic tree
find o-atomic -type f | sort | xargs md5sum >after
if cmp -s before after; then ok; else bad "a failed run changed o-atomic"; fi
has err "'o-atomic' is left as it was"
if ls -a . | grep -q 'ycfg-tmp'; then bad "a temporary directory is left"; else ok; fi
# a directory ycfg did not write is not replaced
mkdir precious
echo keep >precious/notes.txt
t 2 resolve --all -o precious tree
if [ "$(cat precious/notes.txt)" = keep ] && [ ! -e precious/.ycfg-output ]
then ok; else bad "a foreign directory was replaced"; fi
# an empty directory may be used
mkdir empty-out
t 1 resolve --all -o empty-out tree
if [ -e empty-out/001565000001.yaml ]; then ok; else bad "empty dir not used"; fi
# the output must not overlap the tree
t 2 resolve --all -o tree/out tree
has err "overlaps the tree"
t 2 resolve --all -o . tree
has err "overlaps the tree"

# 5. usage
t 2 resolve --all tree/001565000001.cfg
has err "is not a directory"
t 2 resolve --all tree tree
has err "--all takes one directory"
t 2 resolve tree
has err "use --all for every phone of it"
t 2 resolve -j 2 tree/001565000001.cfg
has err "--jobs is for --all"
t 2 resolve --all -j x tree
has err "invalid --jobs"
mkdir nothing
t 2 resolve --all nothing
has err "nothing to resolve in 'nothing'"
mkdir common-only
printf '%s\nlang.gui = English\n' "$H" >common-only/y000000000000.cfg
t 2 resolve --all -o o-none common-only
has err "no phone in 'common-only'"
if [ ! -e o-none ]; then ok; else bad "a run with no phone wrote o-none"; fi
# a file with errors: written, exit 1, the error shown
printf '%s\naccount.1.enable = 2\n' "$H" >tree/site2/805ec0000003.cfg
t 1 resolve --all tree
has err "805ec0000003.cfg:2:20: error: invalid boolean '2'"

echo "fleet: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
