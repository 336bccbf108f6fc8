# bash completion for ycfg(1)                                -*- shell-script -*-
# Installed as <datadir>/bash-completion/completions/ycfg; to try it from a
# source tree:  source completions/ycfg.bash

# Runs the ycfg being completed (so ./build/ycfg completes its own rules and
# models), with errors silenced.
_ycfg_run()
{
    local exe=${COMP_WORDS[0]}
    [[ $exe == */* ]] || type -P -- "$exe" >/dev/null 2>&1 || exe=ycfg
    "$exe" "$@" 2>/dev/null
}

# Completes file names ending in one of the given suffixes, and directories.
_ycfg_files()
{
    local ext
    compopt -o filenames 2>/dev/null
    COMPREPLY=()
    if (($# == 0)); then
        mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -f -- "$cur")
        return
    fi
    for ext in "$@"; do
        mapfile -t -O ${#COMPREPLY[@]} COMPREPLY \
            < <(compgen -f -X "!*.$ext" -- "$cur")
    done
    mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -d -- "$cur")
}

_ycfg_words()
{
    COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

_ycfg()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    # --opt=value: bash splits at '=' (COMP_WORDBREAKS)
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # the command is the first word after the program name
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        _ycfg_words "lint resolve diff explain rules schema completion --help --version"
        return
    fi

    case $cmd in
    lint)
        case $prev in
        --model) _ycfg_words "$(_ycfg_run schema --models | cut -f1)"; return ;;
        --fail-on) _ycfg_words "error warning info"; return ;;
        --format) _ycfg_words "text json sarif github"; return ;;
        --color) _ycfg_words "auto always never"; return ;;
        --schema | --config) _ycfg_files yaml yml; return ;;
        -o | --output) _ycfg_files; return ;;
        -j | --jobs) _ycfg_words "0 1 2 4 8"; return ;;
        --min-severity) _ycfg_words "error warning info"; return ;;
        --template) _ycfg_words "auto none smarty jinja provisioner 3cx blade shell atvar brace"; return ;;
        --show-config | --stdin-filename) _ycfg_files; return ;;
        esac
        if [[ $cur == -* ]]; then
            _ycfg_words "--model --fail-on --format --schema --color
                --exit-zero --config --no-config -j --jobs -o --output
                --select --ignore --min-severity -q --quiet --statistics
                --list-files --show-config --stdin-filename --force-exclude
                --template --help"
        else
            _ycfg_files cfg boot tpl tmpl j2 jinja jinja2 twig
        fi
        ;;
    resolve)
        case $prev in
        --model) _ycfg_words "$(_ycfg_run schema --models | cut -f1)"; return ;;
        --format) _ycfg_words "yaml json cfg"; return ;;
        --overwrite-mode) _ycfg_words "0 1"; return ;;
        --schema | --config) _ycfg_files yaml yml; return ;;
        -o | --output) _ycfg_files; return ;;
        -j | --jobs) _ycfg_words "0 1 2 4 8"; return ;;
        esac
        if [[ $cur == -* ]]; then
            _ycfg_words "--all --model --format --provenance --defaults
                --show-secrets --overwrite-mode -o --output -j --jobs
                --schema --config --no-config --help"
        else
            _ycfg_files cfg boot
        fi
        ;;
    diff)
        case $prev in
        --format) _ycfg_words "text json markdown"; return ;;
        --git) _ycfg_words "HEAD HEAD~1 $(git branch --format='%(refname:short)' 2>/dev/null)"; return ;;
        --schema | --config) _ycfg_files yaml yml; return ;;
        -j | --jobs) _ycfg_words "0 1 2 4 8"; return ;;
        esac
        if [[ $cur == -* ]]; then
            _ycfg_words "--git --format --provenance -j --jobs --schema
                --config --no-config --help"
        else
            _ycfg_files cfg boot
        fi
        ;;
    explain)
        if [[ $cur == -* ]]; then
            _ycfg_words "--help"
        elif ((COMP_CWORD == i + 1)); then
            # rule ids, then key patterns (first column of 'ycfg schema')
            _ycfg_words "$(_ycfg_run rules | cut -d' ' -f1)
                $(_ycfg_run schema | tail -n +2 | cut -f1)"
        fi
        ;;
    schema)
        ((COMP_CWORD == i + 1)) && _ycfg_words "--models --help"
        ;;
    completion)
        ((COMP_CWORD == i + 1)) && _ycfg_words "bash zsh fish"
        ;;
    rules) ;;
    esac
} &&
    complete -F _ycfg ycfg
