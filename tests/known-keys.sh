#!/usr/bin/env bash
# known-keys.sh YCFG_BINARY CORPUS_KEYS_TSV
#
# The whole-schema promise: of the key patterns that appear in two or more
# files of the real corpus (reference/corpus-keys.tsv, every namespace,
# legacy "[section]/Key" rows counted as unknown), the schema knows at
# least 95%.  Each pattern becomes a concrete key (X, Y, N -> 1), all are
# linted as one file, and every key lint calls unknown is counted.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 YCFG_BINARY CORPUS_KEYS_TSV" >&2
	exit 2
fi
YCFG=$1
TSV=$2
if [ ! -f "$TSV" ]; then
	echo "known-keys: $TSV does not exist; skipping"
	exit 77
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-known.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

awk -F'\t' '!/^#/ && $2 >= 2 { print $1 "\t" $3 }' "$TSV" >"$TMP/rows"
total=$(wc -l <"$TMP/rows" | tr -d ' ')
legacy=$(awk -F'\t' '$2 != "modern"' "$TMP/rows" | wc -l | tr -d ' ')
{
	echo '#!version:1.0.0.1'
	awk -F'\t' '$2 == "modern" {
		n = split($1, s, ".")
		k = ""
		for (i = 1; i <= n; i++)
			k = k (i > 1 ? "." : "") (s[i] ~ /^[XYN]$/ ? "1" : s[i])
		print k " ="
	}' "$TMP/rows"
} >"$TMP/keys.cfg"
"$YCFG" lint --no-config "$TMP/keys.cfg" >"$TMP/out" 2>/dev/null </dev/null
unknown=$(grep -c '\[unknown-key\]$' "$TMP/out")
known=$((total - legacy - unknown))
pct=$((known * 1000 / total))
echo "known-keys: $known of $total patterns in 2+ corpus files ($((pct / 10)).$((pct % 10))%; $legacy legacy, $unknown unknown)"
grep '\[unknown-key\]$' "$TMP/out" | sed 's/^[^ ]* /    /' | head -20
[ "$pct" -ge 950 ]
