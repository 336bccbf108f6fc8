#!/usr/bin/env bash
# precommit.sh YCFG_BINARY SOURCE_ROOT
#
# The pre-commit hook of .pre-commit-hooks.yaml, called the way pre-commit
# calls it: with the staged .cfg/.boot files of a repository.  With
# pre-commit installed and the source a git repository, through
# `pre-commit try-repo` itself; otherwise by running the hook's entry with
# the files its pattern selects, as pre-commit does.
#
# What must hold: a mistake in a staged file fails the commit; an edit to
# the common file re-checks the phones that load it (the finding is in a
# <MAC>.cfg that was not staged); the configuration's exclude applies.
set -u

YCFG=$1
SRC=$2
case $YCFG in /*) ;; *) YCFG=$PWD/$YCFG ;; esac
case $SRC in /*) ;; *) SRC=$PWD/$SRC ;; esac
export NO_COLOR=1 LC_ALL=C
unset GITHUB_ACTIONS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ycfg-precommit.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# ycfg on PATH, as "language: system" hooks expect
mkdir -p "$TMP/bin"
ln -s "$YCFG" "$TMP/bin/ycfg"
export PATH="$TMP/bin:$PATH"

entry=$(python3 -c 'import sys, yaml; h = yaml.safe_load(open(sys.argv[1]))[0]; print(h["entry"])' "$SRC/.pre-commit-hooks.yaml") || {
	echo "precommit: cannot read $SRC/.pre-commit-hooks.yaml" >&2
	exit 2
}
pattern=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[0]["files"])' "$SRC/.pre-commit-hooks.yaml")

mode=emulated
if command -v pre-commit >/dev/null 2>&1 && git -C "$SRC" rev-parse >/dev/null 2>&1; then
	mode=pre-commit
	export PRE_COMMIT_HOME="$TMP/pre-commit-home"
fi
echo "precommit: running the hook through $mode"

# A repository of provisioning files: a common file and one phone.
R=$TMP/repo
mkdir -p "$R/old"
H='#!version:1.0.0.1'
printf '%s\naccount.1.sip_server.1.register_on_enable = 1\naccount.1.sip_server.1.failback_mode = 2\n' "$H" >"$R/y000000000000.cfg"
printf '%s\naccount.1.enable = 1\naccount.1.sip_server.1.address = pbx.example.com\naccount.1.sip_server.1.only_signal_with_registered = 1\n' "$H" >"$R/001122334455.cfg"
printf 'account.1.enable = broken\n' >"$R/old/retired.cfg"
printf 'exclude: ["old/**"]\n' >"$R/.ycfg.yaml"
printf 'notes\n' >"$R/README.txt"
(cd "$R" && git init -q && git config user.email t@example.com &&
	git config user.name t && git add -A && git commit -qm init) || {
	echo "precommit: git failed" >&2
	exit 2
}

# hook FILE...: the hook on these staged files; output in $TMP/out.
hook() {
	(
		cd "$R" || exit 2
		git add -A
		if [ "$mode" = pre-commit ]; then
			pre-commit try-repo "$SRC" ycfg --verbose --files "$@"
		else
			sel=()
			for f in "$@"; do
				if printf '%s' "$f" | grep -Eq "$pattern"; then
					sel+=("$f")
				fi
			done
			[ ${#sel[@]} -eq 0 ] && exit 0
			# shellcheck disable=SC2086
			$entry "${sel[@]}"
		fi
	) >"$TMP/out" 2>&1
	rc=$?
}

# 1. A clean phone passes.
hook y000000000000.cfg 001122334455.cfg README.txt
if [ "$rc" -eq 0 ]; then ok; else bad "clean tree: exit $rc"; sed 's/^/    /' "$TMP/out"; fi

# 2. A mistake in the staged <MAC>.cfg fails the commit.
sed -i 's/^account.1.enable = 1/account.1.enable = yes/' "$R/001122334455.cfg"
hook 001122334455.cfg
if [ "$rc" -ne 0 ] && grep -q "invalid boolean 'yes'" "$TMP/out"; then ok
else bad "bad value in a staged phone file: exit $rc"; sed 's/^/    /' "$TMP/out"; fi
sed -i 's/^account.1.enable = yes/account.1.enable = 1/' "$R/001122334455.cfg"

# 3. Only the common file is staged; the phone that loads it is judged:
#    failback_mode 0 makes only_signal_with_registered of the phone's own
#    file ineffective.
sed -i 's/failback_mode = 2/failback_mode = 0/' "$R/y000000000000.cfg"
hook y000000000000.cfg
if grep -q "001122334455.cfg:4:1: warning: .*has no effect.*\[ineffective-setting\]" "$TMP/out"; then ok
else bad "common file edit does not re-check its phone"; sed 's/^/    /' "$TMP/out"; fi
sed -i 's/failback_mode = 0/failback_mode = 2/' "$R/y000000000000.cfg"

# 4. An excluded file passed by pre-commit is not linted.
printf 'account.1.enable = also-broken\n' >"$R/old/retired.cfg"
hook old/retired.cfg
if [ "$rc" -eq 0 ] && ! grep -q "invalid boolean" "$TMP/out"; then ok
else bad "excluded file was linted: exit $rc"; sed 's/^/    /' "$TMP/out"; fi

# 5. A staged template is linted as one: its placeholders are fine, its
#    literal mistake is not.
mkdir -p "$R/templates"
printf '%s\naccount.{{ n }}.label = {{ name }}\naccount.{{ n }}.enable = yes\n' "$H" >"$R/templates/phone.j2"
hook templates/phone.j2
if [ "$rc" -ne 0 ] && grep -q "phone.j2:3:.*invalid boolean 'yes'" "$TMP/out" &&
	! grep -q "space-in-key" "$TMP/out"; then ok
else bad "staged template: exit $rc"; sed 's/^/    /' "$TMP/out"; fi
rm -r "$R/templates"

# 6. The README's .pre-commit-config.yaml snippet, as pre-commit runs it
#    (its repo made this source at its HEAD: no network).
if [ "$mode" = pre-commit ] && [ -f "$SRC/README.md" ] &&
	git -C "$SRC" rev-parse HEAD >/dev/null 2>&1; then
	awk '/^### pre-commit/ { on = 1 } on && /^```yaml/ { y = 1; next }
		y && /^```/ { exit } y' "$SRC/README.md" |
		sed "s|repo: https://github.com/OWNER/ycfg|repo: $SRC|;
			s|rev: v[0-9.]*|rev: $(git -C "$SRC" rev-parse HEAD)|" \
		>"$R/.pre-commit-config.yaml"
	if grep -q "id: ycfg" "$R/.pre-commit-config.yaml"; then ok
	else bad "no pre-commit snippet in README.md"; fi
	sed -i 's/^account.1.enable = 1/account.1.enable = yes/' "$R/001122334455.cfg"
	(cd "$R" && git add -A &&
		PRE_COMMIT_HOME="$TMP/pch" pre-commit run --files 001122334455.cfg) \
		>"$TMP/out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "invalid boolean 'yes'" "$TMP/out"; then ok
	else bad "README snippet: exit $rc"; sed 's/^/    /' "$TMP/out" | head; fi
	sed -i 's/^account.1.enable = yes/account.1.enable = 1/' "$R/001122334455.cfg"
	(cd "$R" && git add -A &&
		PRE_COMMIT_HOME="$TMP/pch" pre-commit run --files 001122334455.cfg) \
		>"$TMP/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then ok
	else bad "README snippet on a clean file: exit $rc"; sed 's/^/    /' "$TMP/out" | head; fi
fi

echo "precommit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
