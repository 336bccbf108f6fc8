# fish completion for ycfg(1); installed in
# <datadir>/fish/vendor_completions.d/ycfg.fish, or printed by
# `ycfg completion fish`.

# The ycfg being completed (./build/ycfg lists its own rules and models).
function __ycfg_prog
    set -l cmd (commandline -opc)
    if string match -q -- '*/*' $cmd[1]
        echo $cmd[1]
    else
        echo ycfg
    end
end

function __ycfg_models
    set -l prog (__ycfg_prog)
    $prog schema --models 2>/dev/null | string split -f1 \t
end

function __ycfg_rules
    set -l prog (__ycfg_prog)
    $prog rules 2>/dev/null | string split -f1 ' '
end

function __ycfg_explain_targets
    __ycfg_rules
    set -l prog (__ycfg_prog)
    $prog schema 2>/dev/null | tail -n +2 | string split -f1 \t
end

set -l commands lint resolve diff explain rules schema completion
complete -c ycfg -f
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'show usage'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'show the version'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a lint -d 'report mistakes in provisioning files'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a resolve -d 'effective configuration of one phone or every phone'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a diff -d 'what a change does to each phone'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a explain -d 'what a parameter accepts or a rule checks'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a rules -d 'list every rule'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a schema -d 'dump the parameter table'
complete -c ycfg -n "not __fish_seen_subcommand_from $commands" -a completion -d 'print a shell completion script'

# lint
set -l lint "__fish_seen_subcommand_from lint"
complete -c ycfg -n $lint -F
complete -c ycfg -n $lint -l model -x -a '(__ycfg_models)' -d 'judge account indexes against this model'
complete -c ycfg -n $lint -l fail-on -x -a 'error warning info' -d 'exit 1 at this level'
complete -c ycfg -n $lint -l format -x -a 'text json sarif github' -d 'report format'
complete -c ycfg -n $lint -l schema -r -F -d 'load extra schema entries'
complete -c ycfg -n $lint -l color -x -a 'auto always never' -d 'colour the report'
complete -c ycfg -n $lint -l exit-zero -d 'exit 0 even with findings'
complete -c ycfg -n $lint -l config -r -F -d 'project configuration file'
complete -c ycfg -n $lint -l no-config -d 'ignore .ycfg.yaml'
complete -c ycfg -n $lint -s j -l jobs -x -d 'worker threads (0: one per CPU)'
complete -c ycfg -n $lint -s o -l output -r -F -d 'write the report to a file'
complete -c ycfg -n $lint -l select -x -a '(__ycfg_rules)' -d 'report only these rules'
complete -c ycfg -n $lint -l ignore -x -a '(__ycfg_rules)' -d 'do not report these rules'
complete -c ycfg -n $lint -l min-severity -x -a 'error warning info' -d 'show findings of at least this level'
complete -c ycfg -n $lint -s q -l quiet -d 'errors only, no summary'
complete -c ycfg -n $lint -l statistics -d 'count findings per rule'
complete -c ycfg -n $lint -l list-files -d 'print each file with its phones'
complete -c ycfg -n $lint -l show-config -r -F -d 'print the settings in force for a path'
complete -c ycfg -n $lint -l stdin-filename -r -F -d 'read - as this file'
complete -c ycfg -n $lint -l force-exclude -d 'apply exclude globs to named files'
complete -c ycfg -n $lint -l template -x -a 'auto none smarty jinja provisioner 3cx blade shell atvar brace' -d 'how templates are read'
complete -c ycfg -n $lint -l fix -d 'repair what has a safe fix'
complete -c ycfg -n $lint -l unsafe-fixes -d 'also the fixes that change a wrong value'
complete -c ycfg -n $lint -l diff -d 'print the diff --fix would make'

# resolve
set -l resolve "__fish_seen_subcommand_from resolve"
complete -c ycfg -n $resolve -F
complete -c ycfg -n $resolve -l all -d 'every phone of a tree'
complete -c ycfg -n $resolve -l model -x -a '(__ycfg_models)' -d 'phone model'
complete -c ycfg -n $resolve -l format -x -a 'yaml json cfg' -d 'output format'
complete -c ycfg -n $resolve -l provenance -d 'give each value with the line it came from'
complete -c ycfg -n $resolve -l defaults -d 'add the schema defaults of enabled accounts'
complete -c ycfg -n $resolve -l show-secrets -d 'print passwords instead of a mask'
complete -c ycfg -n $resolve -l overwrite-mode -x -a '0 1' -d 'overwrite mode when no boot file says'
complete -c ycfg -n $resolve -s o -l output -r -F -d 'write to a file (a directory with --all)'
complete -c ycfg -n $resolve -s j -l jobs -x -d 'worker threads for --all'
complete -c ycfg -n $resolve -l schema -r -F -d 'load extra schema entries'
complete -c ycfg -n $resolve -l config -r -F -d 'project configuration file'
complete -c ycfg -n $resolve -l no-config -d 'ignore .ycfg.yaml'

# diff
set -l diff "__fish_seen_subcommand_from diff"
complete -c ycfg -n $diff -F
complete -c ycfg -n $diff -l git -x -a '(git for-each-ref --format="%(refname:short)" 2>/dev/null; echo HEAD)' -d 'compare with this git revision'
complete -c ycfg -n $diff -l format -x -a 'text json markdown' -d 'output format'
complete -c ycfg -n $diff -l provenance -d 'give each value with the line it came from'
complete -c ycfg -n $diff -s j -l jobs -x -d 'worker threads'
complete -c ycfg -n $diff -l schema -r -F -d 'load extra schema entries'
complete -c ycfg -n $diff -l config -r -F -d 'project configuration file'
complete -c ycfg -n $diff -l no-config -d 'ignore .ycfg.yaml'

# explain, schema, completion
complete -c ycfg -n "__fish_seen_subcommand_from explain" -x -a '(__ycfg_explain_targets)'
complete -c ycfg -n "__fish_seen_subcommand_from schema" -l models -d 'print the model table'
complete -c ycfg -n "__fish_seen_subcommand_from completion" -x -a 'bash zsh fish'
