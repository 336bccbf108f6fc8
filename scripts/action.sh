#!/usr/bin/env bash
# The steps of the ycfg GitHub Action (action.yml), one per argument:
#   install   YCFG_INSTALL: build | PATH.deb | none
#   lint      YCFG_PATHS, YCFG_FAIL_ON, YCFG_CONFIG, YCFG_TEMPLATE,
#             YCFG_SARIF, YCFG_SUMMARY
#   diff      YCFG_DIFF_PATH, YCFG_BASE_REF
# They use what GitHub sets: GITHUB_ACTION_PATH, GITHUB_PATH,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.  tests/action.sh runs
# them with such an environment.  Inputs are never evaluated as shell.
set -euo pipefail

die() { echo "::error title=ycfg action::$*" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)

install() {
	case ${YCFG_INSTALL:-build} in
	none)
		command -v ycfg >/dev/null || die "install: none, but no ycfg on PATH"
		;;
	build)
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		"$here/scripts/setup"
		bin=${RUNNER_TEMP:-/tmp}/ycfg-bin
		mkdir -p "$bin"
		cp "$here/build/ycfg" "$bin/ycfg"
		echo "$bin" >>"${GITHUB_PATH:?}"
		export PATH="$bin:$PATH"
		;;
	*.deb)
		[ -f "$YCFG_INSTALL" ] || die "install: no such .deb: $YCFG_INSTALL"
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo=sudo
		deb=$YCFG_INSTALL
		case $deb in /*) ;; *) deb=./$deb ;; esac
		$sudo apt-get install -y -qq "$deb" >/dev/null
		;;
	*)
		die "install must be build, none or the path of a .deb, not '$YCFG_INSTALL'"
		;;
	esac
	ycfg --version
}

lint() {
	local args=(lint --format github --fail-on "${YCFG_FAIL_ON:-error}"
		--template "${YCFG_TEMPLATE:-auto}")
	local paths=() rc=0

	[ -n "${YCFG_CONFIG:-}" ] && args+=(--config "$YCFG_CONFIG")
	[ -n "${YCFG_SARIF:-}" ] && args+=(--sarif "$YCFG_SARIF")
	case ${YCFG_SUMMARY:-true} in
	true) [ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY") ;;
	false) ;;
	*) die "summary must be true or false, not '$YCFG_SUMMARY'" ;;
	esac
	# paths split at blanks, never globbed or evaluated
	read -r -a paths <<<"${YCFG_PATHS:-.}"
	[ ${#paths[@]} -gt 0 ] || paths=(.)
	ycfg "${args[@]}" -- "${paths[@]}" || rc=$?
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		if [ -n "${YCFG_SARIF:-}" ] && [ -f "$YCFG_SARIF" ]; then
			echo "sarif=$YCFG_SARIF" >>"$GITHUB_OUTPUT"
		else
			echo "sarif=" >>"$GITHUB_OUTPUT"
		fi
	fi
	return $rc
}

diff() {
	local base=${YCFG_BASE_REF:-}
	local rc=0

	[ -n "$base" ] || die "diff: no base branch (not a pull request?)"
	case $base in -* | *[!A-Za-z0-9._/-]*) die "diff: odd base branch '$base'" ;; esac
	git rev-parse --verify --quiet "origin/$base^{commit}" >/dev/null ||
		die "diff: origin/$base is not fetched; use actions/checkout with fetch-depth: 0"
	{
		ycfg diff --git "origin/$base" --format markdown \
			-- "${YCFG_DIFF_PATH:-.}" || rc=$?
	} >>"${GITHUB_STEP_SUMMARY:?}"
	# 1 is "some phone changed": the job goes on
	[ $rc -le 1 ] || exit $rc
}

case ${1:-} in
install | lint | diff) "$1" ;;
*) echo "usage: $0 install|lint|diff" >&2; exit 2 ;;
esac
