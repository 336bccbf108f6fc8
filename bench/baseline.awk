# baseline.awk - the smallest awk linter worth comparing against: checks
# the header on line 1, duplicate keys within a file, and one range
# (account.X.sip_server.Y.expires in 30..2147483647).  Prints findings in
# ycfg's text format.  Usage: awk -f baseline.awk FILE...
FNR == 1 {
	delete seen
	if ($0 != "#!version:1.0.0.1")
		printf "%s:1:1: error: missing header [missing-header]\n", FILENAME
}
/^[ \t]*#/ || !/=/ { next }
{
	eq = index($0, "=")
	key = substr($0, 1, eq - 1); gsub(/[ \t]+$/, "", key)
	val = substr($0, eq + 1); gsub(/^[ \t]+|[ \t\r]+$/, "", val)
	if (key in seen)
		printf "%s:%d:1: warning: duplicate key %s (line %d) [duplicate-key]\n", FILENAME, FNR, key, seen[key]
	seen[key] = FNR
	if (key ~ /^account\.[0-9]+\.sip_server\.[12]\.expires$/ &&
	    (val !~ /^[0-9]+$/ || val + 0 < 30 || val + 0 > 2147483647))
		printf "%s:%d:1: error: expires out of range [out-of-range]\n", FILENAME, FNR
}
