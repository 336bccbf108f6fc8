#!/usr/bin/env bash
# catalog.sh YCFG_BINARY
#
# The bad-input catalog: every hostile or broken input we know of, each
# pinned to the exact diagnostic lines ycfg prints on standard output
# (file:line:col: severity: message [rule]) and its exit code.  Nothing
# here may crash, hang or print a secret.  Big inputs are generated at test
# time in a temporary directory; nothing large is committed.
#
# Limits pinned here (documented in ycfg(1)):
#   line length   8192 bytes (longer lines: line-too-long, line skipped)
#   key length     255 bytes (longer keys: key-too-long)
#   file size      512 MiB   (larger files: file-too-large, not read)
#   findings      1000 per rule and file, then one summary line
#   fallbacks        4 steps of -1 (a 5th -1 is kept as the value)
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 YCFG_BINARY" >&2
	exit 2
fi
YCFG=$1
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
if [ ! -x "$YCFG" ]; then
	echo "catalog: $YCFG is not an executable" >&2
	exit 2
fi

export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS YCFG_CONFIG

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-catalog.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
cd "$TMP" || exit 2

H='#!version:1.0.0.1'
pass=0
fail=0
ncase=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# run ARGS...: runs ycfg in $TMP; stdout in out, stderr in err, sets rc.
# A crash (signal, sanitizer report) is always a failure.
run() {
	"$YCFG" "$@" >out 2>err </dev/null
	rc=$?
	if [ "$rc" -gt 2 ] || grep -qE 'Sanitizer|runtime error:' err; then
		bad "ycfg $*: crashed (exit $rc):"
		sed 's/^/    /' err | head -20
	fi
}

# expect NAME WANT_RC [ARGS...] <<EOF: runs ycfg ARGS and compares stdout
# with the here-document exactly, and the exit code.
expect() {
	local name=$1 want_rc=$2
	shift 2
	ncase=$((ncase + 1))
	cat >want
	run "$@"
	if [ "$rc" -ne "$want_rc" ]; then
		bad "$name: exit $rc, expected $want_rc"
		sed 's/^/    err: /' err | head -5
	else
		ok
	fi
	if cmp -s want out; then
		ok
	else
		bad "$name: stdout differs (- expected, + actual):"
		diff -u want out | tail -n +3 | head -30 | sed 's/^/    /'
	fi
}

# expect_err NAME TEXT: the last run's stderr is exactly TEXT.
expect_err() {
	if [ "$(cat err)" = "$2" ]; then
		ok
	else
		bad "$1: stderr is:"
		sed 's/^/    /' err | head -10
		echo "    expected: $2"
	fi
}

# no_secret NAME FILE...: none of the planted secret values is in FILE.
no_secret() {
	local name=$1
	shift
	if grep -qE 'S3cret[A-Z]' "$@"; then
		bad "$name: a secret value is printed:"
		grep -hoE '.{0,60}S3cret[A-Z].{0,20}' "$@" | head -5 |
			sed 's/^/    /'
	else
		ok
	fi
}

# bytes N SEED: N deterministic high-entropy bytes (SHA-256 in counter
# mode), standing in for an AES-encrypted Yealink file.
bytes() {
	python3 -c '
import hashlib, sys
n, seed = int(sys.argv[1]), sys.argv[2].encode()
out, i = b"", 0
while len(out) < n:
    out += hashlib.sha256(seed + i.to_bytes(8, "big")).digest()
    i += 1
sys.stdout.buffer.write(out[:n])' "$1" "$2"
}

# ---------------------------------------------------------------------------
# Not text at all
# ---------------------------------------------------------------------------

: >empty.cfg
expect "empty file" 1 lint empty.cfg <<EOF
empty.cfg:1:1: error: the file is empty; the first line must be '$H' [missing-header]
EOF
expect_err "empty file" "ycfg: 1 error in 1 file"

printf '\000\001\002\003\004\005\006\007\010\016\017\020' >binary.cfg
expect "binary data" 1 lint binary.cfg <<EOF
binary.cfg:1:1: error: the file is binary (an AES-encrypted Yealink configuration?); nothing in it is checked [not-text]
EOF

printf '%s\naccount.1.enable = 1\n' "$H" | gzip -9n >gzip.cfg
expect "gzip file" 1 lint gzip.cfg <<EOF
gzip.cfg:1:1: error: the file is gzip-compressed; lint the uncompressed file [not-text]
EOF

# UTF-16, as Windows editors save "Unicode": not ciphertext
printf '%s\r\naccount.1.enable = 1\r\n' "$H" | iconv -f UTF-8 -t UTF-16 >utf16.cfg
printf '%s\naccount.1.enable = 1\n' "$H" | iconv -f UTF-8 -t UTF-16BE >utf16be.cfg
expect "UTF-16 files" 1 lint utf16.cfg utf16be.cfg <<EOF
utf16.cfg:1:1: error: the file is UTF-16 (little-endian); configuration files are UTF-8: convert it (iconv -f UTF-16 -t UTF-8) [not-text]
utf16be.cfg:1:1: error: the file is UTF-16 (big-endian); configuration files are UTF-8: convert it (iconv -f UTF-16 -t UTF-8) [not-text]
EOF

printf 'PK\003\004rest of a zip' >zip.cfg
expect "zip file" 1 lint zip.cfg <<EOF
zip.cfg:1:1: error: the file is a zip archive; lint the files inside it [not-text]
EOF

bytes 4096 ycfg-aes >encrypted.cfg
expect "encrypted-looking file" 1 lint encrypted.cfg <<EOF
encrypted.cfg:1:1: error: the file is binary (an AES-encrypted Yealink configuration?); nothing in it is checked [not-text]
EOF

# Ciphertext has ~11% control bytes (29 of 256 values); a 1 KiB sample
# falls below a 10% threshold about one time in eleven.  This one has 96
# control bytes in its first KiB (9.4%) and is still ciphertext.
bytes 8192 ycfg-aes-2 | python3 -c '
import sys
b = bytearray(sys.stdin.buffer.read())
ctrl = [i for i in range(1024) if b[i] < 0x20 and b[i] not in (9, 10, 13)]
for i in ctrl[96:]:
    b[i] |= 0x80
sys.stdout.buffer.write(bytes(b))' >encrypted-low.cfg
expect "encrypted-looking file, fewer control bytes" 1 lint encrypted-low.cfg <<EOF
encrypted-low.cfg:1:1: error: the file is binary (an AES-encrypted Yealink configuration?); nothing in it is checked [not-text]
EOF

# ---------------------------------------------------------------------------
# Bytes inside lines
# ---------------------------------------------------------------------------

printf '%s\naccount.1.label = a\000b\naccount.1.enable = 2\n' "$H" >nul.cfg
expect "NUL byte" 1 lint nul.cfg <<EOF
nul.cfg:2:20: error: line contains a NUL byte; the line is skipped [nul-byte]
nul.cfg:3:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF

{
	echo "$H"
	printf 'account.1.label = '
	head -c 10485760 /dev/zero | tr '\0' a
	printf '\naccount.1.enable = 2\n'
} >longline.cfg
expect "10 MB line" 1 lint longline.cfg <<EOF
longline.cfg:2:1: error: line is 10485778 bytes long; the limit is 8192, the line is skipped [line-too-long]
longline.cfg:3:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF

# 8192 bytes is the longest line read; one more byte and it is skipped
{
	echo "$H"
	printf 'account.1.custom_ua = '
	head -c 8170 /dev/zero | tr '\0' b
	printf '\naccount.2.custom_ua = '
	head -c 8171 /dev/zero | tr '\0' b
	printf '\n'
} >line8192.cfg
expect "lines of 8192 and 8193 bytes" 1 lint line8192.cfg <<EOF
line8192.cfg:3:1: error: line is 8193 bytes long; the limit is 8192, the line is skipped [line-too-long]
EOF

{
	echo "$H"
	head -c 102400 /dev/zero | tr '\0' k
	printf ' = 1\n'
} >key100k.cfg
expect "100 KB key" 1 lint key100k.cfg <<EOF
key100k.cfg:2:1: error: line is 102404 bytes long; the limit is 8192, the line is skipped [line-too-long]
EOF

{
	echo "$H"
	head -c 256 /dev/zero | tr '\0' k
	printf ' = 1\n'
	head -c 255 /dev/zero | tr '\0' k
	printf ' = 1\n'
} >key256.cfg
k255=$(head -c 255 /dev/zero | tr '\0' k)
# the 255-byte key is read, and is no Yealink key
expect "256-byte key, 255-byte key" 1 lint key256.cfg <<EOF
key256.cfg:2:1: error: key is 256 bytes long; the limit is 255 [key-too-long]
key256.cfg:3:1: warning: unknown key '$k255' [unknown-key]
EOF

printf '%s\naccount.1.label = caf\303\251 \303\050x\n' "$H" >utf8.cfg
expect "invalid UTF-8" 0 lint utf8.cfg <<EOF
utf8.cfg:2:24: warning: invalid UTF-8; save the file as UTF-8 [invalid-utf8]
EOF

# "你好" in GBK: C4E3 BAC3
printf '%s\naccount.1.label = \304\343\272\303\n' "$H" >gbk.cfg
expect "GBK bytes" 0 lint gbk.cfg <<EOF
gbk.cfg:2:19: warning: invalid UTF-8; save the file as UTF-8 [invalid-utf8]
EOF

printf '%s\raccount.1.label = x\raccount.1.enable = 2\r' "$H" >cr.cfg
expect "lone CR" 1 lint cr.cfg <<EOF
cr.cfg:1:18: warning: line ends with a lone CR; use LF or CRLF line endings (reported once per file) [cr-line-ending]
cr.cfg:3:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF

printf '%s\r\naccount.1.enable = 1\r\n' "$H" >crlf.cfg
expect "CRLF is fine" 0 lint crlf.cfg </dev/null

printf '\357\273\277%s\naccount.1.enable = 1\n' "$H" >bom.cfg
expect "UTF-8 BOM" 0 lint bom.cfg <<EOF
bom.cfg:1:1: warning: the file starts with a UTF-8 byte order mark; save it without BOM so the header is the first thing in the file [utf8-bom]
EOF

# ---------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------

printf '\n%s\naccount.1.enable = 1\n' "$H" >header2.cfg
expect "header not on line 1" 1 lint header2.cfg <<EOF
header2.cfg:1:1: error: the first line must be '$H' [missing-header]
header2.cfg:2:1: error: version header on line 2; it only counts on line 1 [misplaced-header]
EOF

printf '#!version:1.0.0.0\naccount.1.enable = 1\n' >header-v.cfg
expect "header with another version" 1 lint header-v.cfg <<EOF
header-v.cfg:1:1: error: version header is '#!version:1.0.0.0'; it must be exactly '$H' [bad-header]
EOF

# ---------------------------------------------------------------------------
# Malformed lines
# ---------------------------------------------------------------------------

printf '%s\naccount.1.enable 1\n = 1\n=1\naccount .1.enable = 1\naccount.1.user name = x\n' "$H" >lines.cfg
expect "missing =, empty key, spaces in key" 1 lint lines.cfg <<EOF
lines.cfg:2:1: error: line is neither a comment nor 'key = value' [missing-equals]
lines.cfg:3:1: info: whitespace before the key [leading-whitespace]
lines.cfg:3:2: error: nothing before '='; the line sets no parameter [empty-key]
lines.cfg:4:1: error: nothing before '='; the line sets no parameter [empty-key]
lines.cfg:5:8: error: whitespace inside the key after 'account' [space-in-key]
lines.cfg:6:15: error: whitespace inside the key after 'account.1.user' [space-in-key]
EOF

# ---------------------------------------------------------------------------
# Account indexes and numbers
# ---------------------------------------------------------------------------

printf '%s\naccount.0.enable = 1\naccount.-1.enable = 1\naccount.01.enable = 1\naccount.99999999999999999999.enable = 1\naccount.17.enable = 1\naccount.16.enable = 1\n' "$H" >index.cfg
expect "account indexes" 1 lint index.cfg <<EOF
index.cfg:2:9: error: account index 0 does not exist; accounts are numbered from 1 [account-index]
index.cfg:3:9: error: account index '-1' is not a positive number [account-index]
index.cfg:4:9: error: account index '01' has a leading zero; the phone does not match it to account 1 [account-index]
index.cfg:5:9: error: account index 99999999999999999999 is beyond 16, the most accounts any model has [account-index]
index.cfg:6:9: error: account index 17 is beyond 16, the most accounts any model has [account-index]
EOF

printf '%s\naccount.1.sip_server.1.port = +5060\naccount.1.sip_server.2.port = 0x13c4\naccount.1.sip_server.1.expires = 3600.5\naccount.1.sip_server.2.expires = -0\naccount.2.sip_server.1.port = 99999999999999999999\n' "$H" >numbers.cfg
expect "numbers" 1 lint numbers.cfg <<EOF
numbers.cfg:2:31: error: invalid port '+5060' for account.1.sip_server.1.port: a sign '+' is not allowed; expected 0..65535 [invalid-value]
numbers.cfg:3:31: error: invalid port '0x13c4' for account.1.sip_server.2.port: hexadecimal is not allowed; expected 0..65535 [invalid-value]
numbers.cfg:4:34: error: invalid integer '3600.5' for account.1.sip_server.1.expires: a fraction is not allowed; expected 30..2147483647 [invalid-value]
numbers.cfg:5:34: error: invalid integer '-0' for account.1.sip_server.2.expires: '-0' is not a number; write 0; expected 30..2147483647 [invalid-value]
numbers.cfg:6:31: error: invalid port '99999999999999999999' for account.2.sip_server.1.port: the number is too large; expected 0..65535 [invalid-value]
EOF

# ---------------------------------------------------------------------------
# Volume: a million duplicate lines, 50,000 dots
# ---------------------------------------------------------------------------

{
	echo "$H"
	yes 'account.1.enable = 1' | head -n 1000000
} >dup.cfg
start=$(date +%s)
run lint dup.cfg
took=$(($(date +%s) - start))
ncase=$((ncase + 1))
if [ "$rc" -eq 0 ]; then ok; else bad "1,000,000 duplicates: exit $rc, expected 0"; fi
if [ "$(wc -l <out)" -eq 1001 ] &&
	[ "$(sed -n 1p out)" = "dup.cfg:3:1: warning: 'account.1.enable' is already set on line 2; this later line wins [duplicate-key]" ] &&
	[ "$(sed -n 1000p out)" = "dup.cfg:1002:1: warning: 'account.1.enable' is already set on line 1001; this later line wins [duplicate-key]" ] &&
	[ "$(sed -n 1001p out)" = "dup.cfg:1003:1: warning: 998999 more duplicate-key findings in this file are not listed (limit 1000 per rule and file) [duplicate-key]" ]; then
	ok
else
	bad "1,000,000 duplicates: not 1000 findings and the cap summary:"
	sed -n '1p;1000,$p' out | head -5 | sed 's/^/    /'
fi
# generous: a few tenths of a second in a release build, under ASan too
if [ "$took" -le 30 ]; then ok; else bad "1,000,000 duplicates took ${took}s"; fi

{
	echo "$H"
	printf 'account.1'
	head -c 50000 /dev/zero | tr '\0' .
	printf 'x = 1\n'
	printf 'account.1'
	head -c 200 /dev/zero | tr '\0' .
	printf 'x = 1\n'
} >dots.cfg
expect "50,000 dots in a key, 200 dots in a key" 1 lint dots.cfg <<EOF
dots.cfg:2:1: error: line is 50014 bytes long; the limit is 8192, the line is skipped [line-too-long]
dots.cfg:3:1: warning: unknown key 'account.1$(head -c 200 /dev/zero | tr '\0' .)x' [unknown-key]
EOF

# ---------------------------------------------------------------------------
# Legacy files
# ---------------------------------------------------------------------------

printf '[ account1 ]\nEnable = 1\nLabel = x\n' >legacy.cfg
# one diagnostic for the whole file: no missing-header on top
expect "legacy file" 1 lint legacy.cfg <<EOF
legacy.cfg:1:1: error: legacy '[ section ]' format of pre-v70 firmware is not supported; this line and the 2 after it are not checked [legacy-format]
EOF

printf '%s\naccount.1.enable = 2\n[ account ]\npath = /config/voip/sipAccount0.cfg\nEnable = 1\n' "$H" >legacy2.cfg
expect "legacy section after a header" 1 lint legacy2.cfg <<EOF
legacy2.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
legacy2.cfg:3:1: error: legacy '[ section ]' format of pre-v70 firmware is not supported; this line and the 2 after it are not checked [legacy-format]
EOF

# ---------------------------------------------------------------------------
# Boot files: cycles, missing files, traversal, URLs
# ---------------------------------------------------------------------------

mkdir -p boot/sub
printf '%s\naccount.1.enable = 1\n' "$H" >boot/common.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >outside.cfg
printf '%s\ninclude:config self.boot\ninclude:config "other.boot"\ninclude:config missing.cfg\ninclude:config ../outside.cfg\ninclude:config /etc/passwd.cfg\ninclude:config http://example.com/a.cfg\ninclude:config sub/../common.cfg\ninclude:config common.cfg\n' "$H" >boot/self.boot
printf '%s\ninclude:config self.boot\n' "$H" >boot/other.boot
expect "boot includes itself, another boot, missing, ../, absolute, URL" 1 \
	lint boot/self.boot <<EOF
boot/self.boot:2:16: error: 'self.boot' is a boot file; include:config must name a .cfg file (boot files including boot files would loop) [include-cycle]
boot/self.boot:3:17: error: 'other.boot' is a boot file; include:config must name a .cfg file (boot files including boot files would loop) [include-cycle]
boot/self.boot:4:16: error: included file 'missing.cfg' does not exist [missing-include]
boot/self.boot:5:16: warning: '../outside.cfg' is outside the boot file's directory; it is not read [include-outside-tree]
boot/self.boot:6:16: warning: '/etc/passwd.cfg' is outside the boot file's directory; it is not read [include-outside-tree]
boot/self.boot:7:16: info: 'http://example.com/a.cfg' is a URL; ycfg never fetches anything, so it is not checked [url-include]
EOF
expect "boot includes a boot that includes it" 1 lint boot/other.boot <<EOF
boot/other.boot:2:16: error: 'self.boot' is a boot file; include:config must name a .cfg file (boot files including boot files would loop) [include-cycle]
EOF
# resolve follows only the readable .cfg includes, never the boot files
expect "resolve a cyclic boot file" 1 resolve boot/self.boot <<EOF
account.1.enable: 1
EOF

# an include that is a directory or a FIFO exists: it is not "missing"
mkdir -p boot/dir.cfg
mkfifo boot/fifo.cfg
printf '%s\ninclude:config dir.cfg\ninclude:config fifo.cfg\n' "$H" >boot/odd.boot
expect "include of a directory and of a FIFO" 1 lint boot/odd.boot <<EOF
boot/odd.boot:2:16: error: included file 'dir.cfg' is a directory, not a regular file; it is not read [missing-include]
boot/odd.boot:3:16: error: included file 'fifo.cfg' is a FIFO or device, not a regular file; it is not read [missing-include]
EOF
rm -f boot/fifo.cfg

printf '%s\ninclude:config common.cfg\n' "$H" >boot/in.cfg
expect "include:config in a .cfg file" 1 lint boot/in.cfg <<EOF
boot/in.cfg:2:1: error: 'include:config' only works in .boot files; in a .cfg file it is ignored [include-in-cfg]
EOF

# ---------------------------------------------------------------------------
# Paths: directories named x.cfg, unreadable files, missing files
# ---------------------------------------------------------------------------

mkdir -p tree/x.cfg
printf '%s\naccount.1.enable = 2\n' "$H" >tree/x.cfg/a.cfg
# given explicitly, a directory is searched (lint) or refused (resolve)
expect "directory named x.cfg given to lint" 1 lint tree/x.cfg <<EOF
tree/x.cfg/a.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF
mkdir -p tree/empty.cfg
# nothing to lint is trouble, not a silent success
expect "empty directory named x.cfg given to lint" 2 lint tree/empty.cfg </dev/null
expect_err "empty directory named x.cfg given to lint" "ycfg: nothing to lint in 'tree/empty.cfg': no .cfg or .boot files and no templates"
expect "directory named x.cfg given to resolve" 2 resolve tree/x.cfg </dev/null
expect_err "directory named x.cfg given to resolve" "ycfg: 'tree/x.cfg' is a directory; give the files of one phone (or its .boot file), or use --all for every phone of it
Try 'ycfg resolve --help' for more information."
# inside a tree, x.cfg is a directory to search, never a file to read
expect "directory named x.cfg inside a tree" 1 lint tree <<EOF
tree/x.cfg/a.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF

expect "missing file" 2 lint missing.cfg </dev/null
expect_err "missing file" "ycfg: cannot read 'missing.cfg': No such file or directory"

# A path through a regular file cannot be read even by root.
expect "unreadable path (through a non-directory)" 2 lint empty.cfg/x.cfg </dev/null
expect_err "unreadable path (through a non-directory)" \
	"ycfg: cannot read 'empty.cfg/x.cfg': Not a directory"

printf '%s\naccount.1.enable = 1\n' "$H" >locked.cfg
chmod 000 locked.cfg
if [ "$(id -u)" -ne 0 ] && ! cat locked.cfg >/dev/null 2>&1; then
	expect "unreadable file (chmod 000)" 2 lint locked.cfg </dev/null
	expect_err "unreadable file (chmod 000)" \
		"ycfg: cannot read 'locked.cfg': Permission denied"
else
	# root reads mode 000 files: the case above stands in for it
	echo "catalog: running as root, chmod 000 case skipped"
fi
chmod 644 locked.cfg

# the other files are still linted and reported
expect "unreadable file among good ones" 2 lint missing.cfg nul.cfg <<EOF
nul.cfg:2:20: error: line contains a NUL byte; the line is skipped [nul-byte]
nul.cfg:3:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF

# Walks: a directory that cannot be read stops nothing else; links never
# take the walk out of the tree.
mkdir -p walk/a walk/c
printf '%s\naccount.1.enable = 2\n' "$H" >walk/a/x.cfg
printf '%s\naccount.1.enable = 2\n' "$H" >walk/c/z.cfg
printf '%s\naccount.1.enable = 1\n' "$H" >outside-walk.cfg
ln -sf ../../outside-walk.cfg walk/a/out.cfg
ln -sf nowhere.cfg walk/a/dangling.cfg
# deeper than PATH_MAX below walk/b: unreadable even for root
( mkdir -p walk/b && cd walk/b &&
  for i in $(seq 1 25); do d=$(printf 'd%.0s' $(seq 1 200)); mkdir "$d" && cd "$d" || exit 1; done )
deep=walk/b/$(printf 'd%.0s' $(seq 1 200))
expect "walk past an unreadable directory, links out of the tree" 2 lint walk <<EOF
walk/a/dangling.cfg: warning: a link to nothing (No such file or directory) [link-not-followed]
walk/a/out.cfg: warning: a link to '$TMP/outside-walk.cfg', outside 'walk'; not read [link-not-followed]
walk/a/x.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
walk/c/z.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF
if grep -q "^ycfg: cannot read directory 'walk/b/dd*\.\.\.dd*': File name too long$" err; then ok; else
	bad "the unreadable directory is not named:"
	head -2 err | cut -c1-120 | sed 's/^/    /'
fi
( cd walk/b && for i in $(seq 1 25); do cd d* || exit; done
  for i in $(seq 1 25); do cd .. && rm -rf d*; done )

mkdir -p walk2/locked walk2/open
printf '%s\naccount.1.enable = 2\n' "$H" >walk2/open/z.cfg
chmod 000 walk2/locked
if [ "$(id -u)" -ne 0 ] && ! ls walk2/locked >/dev/null 2>&1; then
	expect "walk past a directory without permission" 2 lint walk2 <<EOF
walk2/open/z.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF
	expect_err "walk past a directory without permission" \
		"ycfg: cannot read directory 'walk2/locked': Permission denied
ycfg: 1 error in 1 file"
else
	echo "catalog: running as root, chmod 000 directory case skipped (the PATH_MAX case stands in)"
fi
chmod 755 walk2/locked

# 513 MiB, sparse: refused by size before anything is read
if truncate -s 513M huge.cfg 2>/dev/null; then
	expect "file over 512 MiB" 1 lint huge.cfg <<EOF
huge.cfg:1:1: error: file is larger than 512 MiB and was not read [file-too-large]
EOF
fi
rm -f huge.cfg

# A file truncated while it is read: files were mapped, and a page past
# the new end killed the process (SIGBUS, 7 in 40 runs).  Read, a file
# only comes out shorter; the run must never crash.
{
	echo "$H"
	seq 1 60000 | sed 's/^/account.1.label = abcdefghijklmnopqrstuvwxyz/'
} >shrink.base
( while :; do cat shrink.base >shrink.cfg; truncate -s 100 shrink.cfg; done ) &
shrinker=$!
ncase=$((ncase + 1))
crashes=0
for i in $(seq 1 40); do
	"$YCFG" lint shrink.cfg >/dev/null 2>&1 </dev/null
	[ $? -gt 2 ] && crashes=$((crashes + 1))
done
kill "$shrinker"
wait "$shrinker" 2>/dev/null
if [ "$crashes" -eq 0 ]; then ok; else bad "file truncated while read: $crashes crashes in 40 runs"; fi
rm -f shrink.base shrink.cfg

# Inputs that are not regular files: a device is refused before anything
# is read (/dev/zero was read up to 1 GiB); a FIFO is read once, with the
# same limit as a file, and never waited for when nobody writes.
expect "device input" 2 lint /dev/zero </dev/null
expect_err "device input" "ycfg: cannot read '/dev/zero': not a regular file (a device)"
mkfifo fifo.cfg
# timed: a hang is a failure, not a stuck test
ncase=$((ncase + 1))
timeout 20 "$YCFG" lint fifo.cfg >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'missing-header' out; then ok; else
	bad "FIFO without a writer: exit $rc"
fi
# SARIF re-read every input for its fingerprints: a FIFO whose writer had
# gone blocked forever
# gone blocked forever.  The writer must be there before ycfg reads (else
# the FIFO is empty): a few tries; a hang on any try is a failure.
printf '%s\naccount.1.enable = 2\n' "$H" >fifo.txt
for try in 1 2 3 4 5; do
	timeout 10 sh -c 'cat fifo.txt >fifo.cfg' &
	sleep 0.2
	timeout 20 "$YCFG" lint --format sarif fifo.cfg >out 2>err </dev/null
	rc=$?
	wait
	if [ "$rc" -gt 2 ] || grep -q invalid-value out; then break; fi
done
if [ "$rc" -eq 1 ] && grep -q '"ruleId":"invalid-value"' out; then ok; else
	bad "FIFO read once for SARIF: exit $rc"
fi
timeout 20 "$YCFG" lint --schema fifo.cfg empty.cfg >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'empty schema file' err; then ok; else
	bad "FIFO as a schema: exit $rc"
fi
timeout 20 "$YCFG" lint --schema /dev/zero empty.cfg >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'not a regular file' err; then ok; else
	bad "schema /dev/zero: exit $rc"
fi

# An exclude glob from the linted repository's .ycfg.yaml, built to
# backtrack: each '*' retried at every position took minutes on a
# 60-character name.  Matching is linear in name and pattern.
mkdir -p globbomb
printf '%s\n' "$H" >"globbomb/$(printf 'a%.0s' $(seq 1 60)).cfg"
printf 'exclude: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n' >globbomb/.ycfg.yaml
ncase=$((ncase + 1))
timeout 20 "$YCFG" lint globbomb >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "backtracking exclude glob: exit $rc (124: timed out)"; fi

# ---------------------------------------------------------------------------
# Outputs that cannot be written
# ---------------------------------------------------------------------------

printf '%s\naccount.1.enable = 1\n' "$H" >good.cfg
expect "output in a missing directory" 2 resolve -o /nonexistent/dir/x.yaml good.cfg </dev/null
expect_err "output in a missing directory" \
	"ycfg: cannot write '/nonexistent/dir/x.yaml': No such file or directory"
if [ -e /nonexistent/dir/x.yaml ]; then bad "output file created"; else ok; fi

mkdir -p outdir outdir/d.yaml
echo previous >outdir/x.yaml
expect "failing run (missing input) keeps the old output" 2 \
	resolve -o outdir/x.yaml missing.cfg </dev/null
expect "failing run (bad option) keeps the old output" 2 \
	resolve -o outdir/x.yaml --format bogus good.cfg </dev/null
expect "output path is a directory" 2 resolve -o outdir/d.yaml good.cfg </dev/null
expect_err "output path is a directory" "ycfg: cannot write 'outdir/d.yaml': Is a directory"
expect "output path through a file" 2 resolve -o good.cfg/x.yaml good.cfg </dev/null
expect_err "output path through a file" "ycfg: cannot write 'good.cfg/x.yaml': Not a directory"
if [ "$(cat outdir/x.yaml)" = previous ]; then ok; else bad "old output overwritten"; fi
if [ "$(ls -A outdir)" = "$(printf 'd.yaml\nx.yaml')" ]; then ok; else
	bad "temporary files left behind: $(ls -A outdir | tr '\n' ' ')"
fi
expect "successful run replaces the output" 0 resolve -o outdir/x.yaml good.cfg </dev/null
if [ "$(cat outdir/x.yaml)" = "account.1.enable: 1" ]; then ok; else bad "output not written"; fi

# Outputs that are not plain files, or are inputs
printf '%s\naccount.1.enable = 2\n' "$H" >bad.cfg
echo previous >outdir/lint.txt
expect "lint failing with trouble keeps the old report" 2 \
	lint -o outdir/lint.txt bad.cfg missing.cfg </dev/null
expect_err "lint failing with trouble keeps the old report" \
	"ycfg: cannot read 'missing.cfg': No such file or directory
ycfg: not writing 'outdir/lint.txt': the run failed
ycfg: 1 error in 1 file"
if [ "$(cat outdir/lint.txt)" = previous ]; then ok; else bad "partial report replaced the old one"; fi

cp good.cfg input.cfg
expect "output is the input (lint)" 2 lint -o input.cfg input.cfg </dev/null
expect_err "output is the input (lint)" "ycfg: not writing 'input.cfg': it is the input 'input.cfg'"
expect "output is the input (resolve)" 2 resolve -o ./input.cfg input.cfg </dev/null
expect_err "output is the input (resolve)" "ycfg: not writing './input.cfg': it is the input 'input.cfg'"
ln -sf input.cfg alias.txt
expect "output is a link to the input" 2 lint -o alias.txt input.cfg </dev/null
if cmp -s good.cfg input.cfg; then ok; else bad "the input was overwritten"; fi

# a device is written through, never replaced by a regular file (as root
# a rename over /dev/null succeeded).  Root tests on a null device of its
# own, so that a faulty binary cannot break the machine's /dev/null.
dev=
if [ "$(id -u)" -ne 0 ]; then
	dev=/dev/null
elif mknod null.dev c 1 3 2>/dev/null; then
	dev=null.dev
else
	echo "catalog: cannot make a device as root here, device output case skipped"
fi
if [ -n "$dev" ]; then
	expect "output to a device" 1 lint -o "$dev" bad.cfg </dev/null
	if [ -c "$dev" ]; then ok; else bad "$dev is no longer a device"; fi
fi
# a symbolic link stays a link; its target gets the report
echo old >target.txt
ln -sf target.txt link.txt
expect "output through a symbolic link" 1 lint -o link.txt bad.cfg </dev/null
if [ -L link.txt ] && grep -q invalid-value target.txt; then ok; else
	bad "the link was replaced or its target not written"
fi
# names of 246-255 bytes (the longest a file system takes)
long=$(printf 'r%.0s' $(seq 1 251)).txt
expect "output name of 255 bytes" 1 lint -o "$long" bad.cfg </dev/null
if [ -s "$long" ]; then ok; else bad "255-byte output name not written"; fi
rm -f "$long"

# modes: the umask for new files, an existing file's mode kept
rm -f secret.yaml
( umask 077; "$YCFG" resolve -o secret.yaml good.cfg </dev/null )
ncase=$((ncase + 1))
if [ "$(stat -c %a secret.yaml)" = 600 ]; then ok; else
	bad "umask 077 output has mode $(stat -c %a secret.yaml)"
fi
chmod 640 secret.yaml
( umask 022; "$YCFG" resolve -o secret.yaml good.cfg </dev/null )
if [ "$(stat -c %a secret.yaml)" = 640 ]; then ok; else
	bad "existing 0640 output became $(stat -c %a secret.yaml)"
fi

# ---------------------------------------------------------------------------
# File names are data: escaped like messages in every format
# ---------------------------------------------------------------------------

# no_raw NAME FILE...: no ESC byte and no line that a GitHub runner would
# take for a workflow command other than ycfg's own annotations.
no_raw() {
	local name=$1
	shift
	if grep -q "$(printf '\033')" "$@"; then
		bad "$name: an ESC byte is printed"
	elif grep -vE '^::(error|warning|notice) (file=|title=ycfg::)' "$@" |
		grep -q '^::'; then
		bad "$name: a workflow command is injected:"
		grep '^::' "$@" | head -3 | sed 's/^/    /'
	else
		ok
	fi
}

mkdir -p names
evil=$(printf 'names/a\n::add-mask::x\n::error file=p.cfg::pwn\033]0;t\007.cfg')
printf '%s\naccount.1.enable = 2\n' "$H" >"$evil"
printf '%s\naccount.1.enable = 2\n' "$H" >"$(printf 'names/caf\351.cfg')"
for fmt in text json github sarif; do
	ncase=$((ncase + 1))
	run lint --format "$fmt" names
	no_raw "file names, --format $fmt" out err
done
run lint --format json names
if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' out 2>/dev/null; then ok; else
	bad "a non-UTF-8 file name makes --format json invalid"
fi
expect "file name with a newline, text" 1 lint "$evil" <<EOF
names/a\x0a::add-mask::x\x0a::error file=p.cfg::pwn\x1b]0;t\x07.cfg:2:20: error: invalid boolean '2' for account.1.enable: expected 1 or 0 [invalid-value]
EOF
expect "non-UTF-8 file name, resolve --provenance" 1 resolve --provenance "$(printf 'names/caf\351.cfg')" <<EOF
account.1.enable: {value: 2, source: "names/caf\\\\xe9.cfg:2"}
EOF
run lint "$evil.missing"
no_raw "file names in messages on stderr" err
run lint --list-files names
no_raw "file names, --list-files" out

# Every command's output is checked: a full disk is exit 2, never 0.
if [ -w /dev/full ]; then
	for cmd in "explain account.1.enable" "explain invalid-value" rules \
		schema "schema --models" --help --version help "lint --help" \
		"resolve --help" "explain --help" "rules --help" \
		"schema --help" "lint --list-files good.cfg" \
		"lint --show-config good.cfg" "lint bad.cfg" \
		"lint --format sarif bad.cfg" "resolve good.cfg"; do
		ncase=$((ncase + 1))
		"$YCFG" $cmd >/dev/full 2>/dev/null </dev/null
		rc=$?
		if [ "$rc" -eq 2 ]; then ok; else bad "ycfg $cmd >/dev/full: exit $rc, expected 2"; fi
	done
else
	echo "catalog: no /dev/full, full-disk cases skipped"
fi

# ---------------------------------------------------------------------------
# explain: only keys that exist
# ---------------------------------------------------------------------------

expect "explain an index no phone has" 2 explain account.1.sip_server.3.address </dev/null
expect_err "explain an index no phone has" \
	"ycfg: no such key 'account.1.sip_server.3.address': server index in 'account.1.sip_server.3.address' must be 1 or 2"
expect "explain account index 0" 2 explain account.0.enable </dev/null
expect_err "explain account index 0" \
	"ycfg: no such key 'account.0.enable': account index 0 does not exist; accounts are numbered from 1"
run explain account.2.sip_server.2.address
if [ "$rc" -eq 0 ]; then ok; else bad "explain of a valid index fails: exit $rc"; fi

# ---------------------------------------------------------------------------
# Fallback depth
# ---------------------------------------------------------------------------

{
	echo 'version: "1"'
	echo 'params:'
	for k in a b c d e; do
		next=$(echo "$k" | tr 'a-e' 'b-f')
		printf '  - key: account.X.chain_%s\n    type: int\n    default: "-1"\n    fallback: account.X.chain_%s\n    summary: "chain"\n    unverified: true\n' "$k" "$next"
	done
	printf '  - key: account.X.chain_f\n    type: int\n    default: "42"\n    summary: "chain end"\n    unverified: true\n'
} >chain.yaml
printf '%s\naccount.1.chain_b = -1\n' "$H" >chain.cfg
# chain_a would need 5 steps: a schema error at load, never a silent -1
expect "fallback chain longer than 4" 2 resolve --schema chain.yaml chain.cfg </dev/null
expect_err "fallback chain longer than 4" "chain.yaml:6: error: fallback chain of account.X.chain_a is longer than 4 steps [schema-error]
ycfg: cannot load the schema"
# without chain_a, chain_b reaches chain_f in exactly 4 steps
awk '/^  - key: account.X.chain_a$/ { skip = 1; next } /^  - key:/ { skip = 0 } !skip' chain.yaml >chain4.yaml
expect "fallback depth 4" 0 resolve --schema chain4.yaml --provenance chain.cfg <<EOF
account.1.chain_b: {value: 42, source: "-1 (chain.cfg:2) -> account.1.chain_c -1 (default) -> account.1.chain_d -1 (default) -> account.1.chain_e -1 (default) -> account.1.chain_f (default)"}
EOF

# ---------------------------------------------------------------------------
# Secrets never printed unless asked for
# ---------------------------------------------------------------------------

{
	echo "$H"
	echo "account.1.password = S3cretA"
	printf 'account.2.password = \377S3cretB\n'
	echo "account.3.password = S3cretC"
	echo "account.3.password = S3cretD "
	echo "account.17.password = S3cretE"
	echo "account.01.password = S3cretF"
	echo "account.4.auth_password = S3cretG"
	echo "security.user_password = admin:S3cretH"
	echo "account.5.password = $(head -c 300 /dev/zero | tr '\0' x)S3cretI"
	echo "account.6.password S3cretJ"
} >secret.cfg
# secrets the schema does not mark: a PIN, provisioning AES keys, URL
# credentials (in values, and quoted by messages about bad hosts),
# misspelled and suffixed names
{
	echo "$H"
	echo "phone_setting.phone_lock.unlock_pin = 12S3cretK"
	echo "static.auto_provision.aes_key_16.com = S3cretL"
	echo "static.auto_provision.aes_key_16.mac = S3cretM"
	echo "static.autoprovision.1.com_aes = S3cretN"
	echo "static.autoprovision.1.mac_aes = S3cretO"
	echo "static.auto_provision.server.url = https://admin:S3cretP@prov.example.com/"
	echo "account.1.sip_server.1.address = sip:1001:S3cretQ@pbx.example.com"
	echo "account.1.outbound_proxy.1.address = 1001:S3cretR@proxy"
	echo "foo.pasword = S3cretS"
	echo "foo.password.1 = S3cretT"
	echo "foo.pwd = S3cretU"
	echo "foo.passcode = S3cretV"
	echo "foo.token = S3cretW"
	echo "static.wifi.1.psk = S3cretX"
	echo "snmp.community = S3cretY"
} >secret2.cfg
for fmt in text json github sarif; do
	run lint --format "$fmt" secret.cfg secret2.cfg
	no_secret "lint --format $fmt" out err
done
for fmt in yaml json cfg; do
	run resolve --format "$fmt" --provenance --defaults secret.cfg
	no_secret "resolve --format $fmt" out err
	run resolve --format "$fmt" --provenance --defaults secret2.cfg
	no_secret "resolve --format $fmt, secrets the schema does not mark" out err
done
expect "resolve --format cfg refuses masked URL credentials" 2 resolve --format cfg secret2.cfg </dev/null
run resolve --show-secrets secret2.cfg
ncase=$((ncase + 1))
if grep -q 'admin:S3cretP@' out; then ok; else bad "--show-secrets hides a URL password"; fi

# a project schema's condition on a secret key, and a -1 falling back to
# one: the value is still never shown
cat >secret-schema.yaml <<'EOF'
version: "1"
params:
  - {key: test.pin_gate, type: int, range: "0..9", default: "0", secret: true,
     summary: s, unverified: true}
  - {key: test.feature, type: int, range: "0..9", default: "0",
     requires: "test.pin_gate in 1..3", summary: s, unverified: true}
  - {key: test.copy, type: int, range: "-1..9999", default: "-1",
     fallback: test.pin_gate, summary: s, unverified: true}
EOF
printf '%s\ntest.pin_gate = 7\ntest.feature = 5\ntest.copy = -1\n' "$H" >cond.cfg
run lint --schema secret-schema.yaml cond.cfg
ncase=$((ncase + 1))
if grep -q 'ineffective-setting' out && ! grep -q 'is 7 from' out; then ok; else
	bad "a condition on a secret key shows its value:"
	sed 's/^/    /' out | head -3
fi
run resolve --schema secret-schema.yaml --defaults cond.cfg
ncase=$((ncase + 1))
if grep -qx 'test.copy: "\*\*\*\*\*\*\*\*"' out; then ok; else
	bad "a -1 fallback shows a secret under another key:"
	sed 's/^/    /' out | head -5
fi

# --format cfg writes each value's bytes: a tab or a byte that is not UTF-8
# came out as the text \x09 / \xe9, which lints clean and changes the value
printf '%s\naccount.1.label = a\tb\351\n' "$H" >bytes.cfg
ncase=$((ncase + 1))
"$YCFG" resolve --format cfg bytes.cfg >out 2>err </dev/null
if grep -q "$(printf 'account.1.label = a\tb\351')" out; then ok; else
	bad "resolve --format cfg changed the value's bytes:"
	od -c out | tail -3 | sed 's/^/    /'
fi
ncase=$((ncase + 1))
run resolve --show-secrets secret.cfg
if grep -q 'S3cretA' out; then ok; else bad "--show-secrets hides the secret"; fi

# ---------------------------------------------------------------------------
# Schema and configuration bombs
# ---------------------------------------------------------------------------

# "Billion laughs": nine levels of nine aliases.  Expanded, 41 KB took
# 59 s and 787 MB; aliases are refused.
{
	echo 'version: "1"'
	echo 'params:'
	echo '  - &p0 {key: bomb.a, type: bool, summary: s, unverified: true}'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf '  - &p%s [' "$i"
		for j in 1 2 3 4 5 6 7 8 9; do printf '*p%s, ' $((i - 1)); done
		echo '*p0]'
	done
} >laughs.yaml
printf '%s\n' "$H" >plain.cfg
ncase=$((ncase + 1))
timeout 20 "$YCFG" lint --schema laughs.yaml plain.cfg >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 2 ]; then ok; else bad "schema of nested aliases: exit $rc (124: timed out)"; fi
printf 'version: "1"\nparams:\n  - &p {key: a.b, type: bool, summary: s, unverified: true}\n  - *p\n' >alias.yaml
expect "schema with an alias" 2 lint --schema alias.yaml plain.cfg </dev/null
expect_err "schema with an alias" "alias.yaml:4: error: YAML aliases (*name) are not allowed in a schema; write the entry out [schema-error]
ycfg: cannot load the schema"
printf 'exclude: &e ["a.cfg"]\nschema: *e\n' >alias.ycfg.yaml
expect "configuration with an alias" 2 lint --config alias.ycfg.yaml plain.cfg </dev/null
expect_err "configuration with an alias" \
	"ycfg: alias.ycfg.yaml:2:9: YAML aliases (*name) are not allowed; write the value out"

# A repository's .ycfg.yaml names a schema outside the repository (or a
# file that is no schema): nothing of that file is quoted, and a path out
# of the configuration's directory is refused.
mkdir -p proj
printf 'root:$6$S3cretZ:19000:0:99999:7:::\n' >shadow.txt
printf '%s\n' "$H" >proj/a.cfg
for spec in "$TMP/shadow.txt" ../shadow.txt sub/../../shadow.txt; do
	printf 'schema: ["%s"]\n' "$spec" >proj/.ycfg.yaml
	expect "configuration schema '$spec'" 2 lint proj/a.cfg </dev/null
	expect_err "configuration schema '$spec'" "ycfg: $TMP/proj/.ycfg.yaml:1:10: schema '$spec' is outside the configuration's directory; schema files of a configuration stay in its directory (give others with --schema)"
done
ln -sf ../shadow.txt proj/link.yaml
printf 'schema: ["link.yaml"]\n' >proj/.ycfg.yaml
expect "configuration schema through a link out" 2 lint proj/a.cfg </dev/null
expect_err "configuration schema through a link out" "ycfg: $TMP/proj/.ycfg.yaml: schema 'link.yaml' leads outside '$TMP/proj' (through a link); schema files of a configuration stay in its directory"
cp shadow.txt proj/notes.yaml
printf 'schema: ["notes.yaml"]\n' >proj/.ycfg.yaml
expect "configuration schema that is no schema" 2 lint proj/a.cfg </dev/null
no_secret "configuration schema that is no schema" out err
rm -f proj/.ycfg.yaml

# 100,000 enum values and 50,000 models: duplicate checks were quadratic
# (22 s); now hashed.  ASan binaries get a tenth of it: libcyaml grows a
# sequence one entry at a time, and ASan's realloc always copies.
scale=1
if grep -qa __asan_init "$YCFG"; then scale=10; fi
python3 - "$scale" <<'PY'
import sys
k = int(sys.argv[1])
with open('big-lists.yaml', 'w') as f:
    f.write('version: "1"\nmodels:\n')
    for i in range(50000 // k):
        f.write(f'  - {{name: "M{i}", kind: desk}}\n')
    f.write('params:\n  - key: bomb.e\n    type: enum\n    summary: s\n'
            '    unverified: true\n    values:\n')
    for i in range(100000 // k):
        f.write(f'      - "{i} v{i}"\n')
    f.write('      - "7 again"\n')
PY
ncase=$((ncase + 1))
timeout 30 "$YCFG" lint --schema big-lists.yaml plain.cfg >out 2>err </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q "value '7' is listed twice for bomb.e" err; then ok; else
	bad "100,000 enum values: exit $rc (124: timed out)"
	head -3 err | sed 's/^/    /'
fi
rm -f big-lists.yaml

# ---------------------------------------------------------------------------
# Memory: repeated and aliased includes
# ---------------------------------------------------------------------------

# A boot file repeating one include 20,000 times (1 MB) is the same phone
# as one include.  No limit on includes per boot file: every repetition
# became a layer of its own (~90 KB each), 100,000 of them took 23 GB and
# the OOM killer.  Run under a 1 GiB address-space limit, which ASan
# binaries cannot take (their shadow memory alone is larger): skipped there.
if grep -qa __asan_init "$YCFG"; then
	echo "catalog: ASan binary, include-flood case skipped"
else
	mkdir -p flood
	printf '%s\naccount.1.enable = 1\naccount.1.label = x\n' "$H" >flood/common.cfg
	{
		echo "$H"
		yes 'include:config common.cfg' | head -n 20000
	} >flood/flood.boot
	ncase=$((ncase + 1))
	(
		ulimit -v 1048576
		exec timeout 60 "$YCFG" resolve flood/flood.boot >out 2>err </dev/null
	)
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(cat out)" = "$(printf 'account.1.enable: 1\naccount.1.label: "x"')" ]; then
		ok
	else
		bad "20,000 identical includes: exit $rc, expected 0 and the one-include output:"
		head -3 err | sed 's/^/    /'
	fi
fi

# One 3 MB file included under 256 spellings (./a.cfg, ././a.cfg, ...)
# and through a link: one file, one layer.  Compared by path string, each
# spelling became a layer of its own (6.4 GB for resolve, 5.1 GB for lint
# of the tree).  Under a 1 GiB address space, as above.
if ! grep -qa __asan_init "$YCFG"; then
	mkdir -p alias
	{
		echo "$H"
		seq 1 60000 | sed 's/^/account.1.label = label-of-forty-characters-long-/'
	} >alias/a.cfg
	ln -sf a.cfg alias/link.cfg
	{
		echo "$H"
		p=a.cfg
		for i in $(seq 1 256); do echo "include:config \"$p\""; p="./$p"; done
		echo 'include:config "link.cfg"'
	} >alias/alias.boot
	for cmd in "resolve alias/alias.boot" "lint alias"; do
		ncase=$((ncase + 1))
		(
			ulimit -v 1048576
			exec timeout 60 "$YCFG" $cmd >out 2>err </dev/null
		)
		rc=$?
		if [ "$rc" -le 1 ]; then ok; else
			bad "one file under 256 names, $cmd: exit $rc"
			head -3 err | sed 's/^/    /'
		fi
	done
fi

echo "catalog: $ncase cases, $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
