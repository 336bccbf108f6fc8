#!/bin/sh
# Loads the fish completion into fish and checks a few completions.
#   tests/check-fish.sh COMPLETION_FILE YCFG_EXE
# Exit 77 (skipped) when fish is not installed (scripts/setup --dev
# installs it).
set -u

if ! command -v fish >/dev/null 2>&1; then
	echo "check-fish: fish is not installed; skipping" >&2
	exit 77
fi
exe=$2
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
fish --no-config -c "
source '$1'; or exit 1
set -l fails 0
function expect
    set -l line \$argv[1]
    set -l want \$argv[2]
    if contains -- \$want (complete -C \"\$line\" | string split -f1 \t)
        echo \"ok: [\$line] -> \$want\"
    else
        echo \"FAIL: [\$line] gave [\"(complete -C \"\$line\" | string split -f1 \t | string join ' ')\"], wanted \$want\" >&2
        return 1
    end
end
expect 'ycfg l' lint; or set fails (math \$fails + 1)
expect 'ycfg d' diff; or set fails (math \$fails + 1)
expect 'ycfg lint --fo' --format; or set fails (math \$fails + 1)
expect 'ycfg lint --format s' sarif; or set fails (math \$fails + 1)
expect 'ycfg lint --fi' --fix; or set fails (math \$fails + 1)
expect 'ycfg resolve --al' --all; or set fails (math \$fails + 1)
expect 'ycfg diff --format m' markdown; or set fails (math \$fails + 1)
expect 'ycfg completion f' fish; or set fails (math \$fails + 1)
expect '$exe explain duplicate' duplicate-key; or set fails (math \$fails + 1)
expect '$exe lint --model T54' T54W; or set fails (math \$fails + 1)
exit \$fails
"
