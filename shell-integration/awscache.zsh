# awscache shell integration for zsh. To use it, add this line to ~/.zshrc
# (after compinit, for completion):
#
#     eval "$(awscache init zsh)"
#
# awscache-use <profile> [options]  set a cached session's variables in this shell
# awscache-clear [-y] [-m]          unset this shell's AWS variables (asks first; -y does not ask)
# awscache-prompt                   "profile 3h12m" for a prompt, empty when no session is active:
#                                   setopt prompt_subst; PROMPT='$(awscache-prompt) '$PROMPT

# === awscache-use ===========================================================

awscache-use() {
    \builtin emulate -L zsh
    \builtin local __awscache_code
    # nothing is evaluated unless awscache succeeded: a failure leaves the shell as it was
    __awscache_code="$(\command awscache env --mark --format sh "$@")" || \builtin return
    \builtin eval "${__awscache_code}"
}

# === awscache-clear =========================================================

awscache-clear() {
    \builtin emulate -L zsh
    \builtin local __awscache_yes=0 __awscache_color=--color __awscache_code __awscache_answer
    while (( $# )); do
        case "$1" in
            (-y|--yes) __awscache_yes=1 ;;
            (-m|--monochrome) __awscache_color=--no-color ;;
            (*)
                \builtin print -ru2 -- "awscache-clear: unknown option $1 (usage: awscache-clear [-y] [-m])"
                \builtin return 2
                ;;
        esac
        \builtin shift
    done
    # awscache lists the variables on stderr, secrets masked, and prints the code to unset them
    __awscache_code="$(\command awscache unset --format sh "${__awscache_color}")" || \builtin return
    [[ -n "${__awscache_code}" ]] || \builtin return 0
    if [[ "${__awscache_yes}" == 0 ]]; then
        if [[ ! -t 0 ]]; then
            \builtin print -ru2 -- 'awscache-clear: no terminal to ask on, so nothing was unset (awscache-clear -y unsets without asking)'
            \builtin return 1
        fi
        \builtin print -nru2 -- 'Unset them? [y/N] '
        \builtin read -r __awscache_answer || __awscache_answer=
        if [[ "${__awscache_answer}" != [yY] && "${__awscache_answer}" != [yY][eE][sS] ]]; then
            \builtin print -ru2 -- 'awscache-clear: nothing unset'
            \builtin return 1
        fi
    fi
    \builtin eval "${__awscache_code}"
    \builtin print -ru2 -- 'awscache-clear: unset'
}

# === awscache-prompt ========================================================

# Runs at every prompt: no awscache, no node, only the shell's own clock.
awscache-prompt() {
    \builtin emulate -L zsh
    [[ -n "${AWSCACHE_PROFILE-}" ]] || \builtin return 0
    # never let a variable's text into arithmetic: zsh would evaluate it
    [[ "${AWSCACHE_EXPIRES-}" == <-> ]] || \builtin return 0
    \builtin zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
    \builtin local -i __awscache_now=${EPOCHSECONDS:-$(\command date +%s)}
    \builtin local -i __awscache_left=$(( AWSCACHE_EXPIRES - __awscache_now ))
    if (( __awscache_left <= 0 )); then
        \builtin print -rn -- "${AWSCACHE_PROFILE} expired"
    elif (( __awscache_left >= 3600 )); then
        \builtin print -rn -- "${AWSCACHE_PROFILE} $(( __awscache_left / 3600 ))h$(( __awscache_left % 3600 / 60 ))m"
    else
        \builtin print -rn -- "${AWSCACHE_PROFILE} $(( __awscache_left / 60 ))m"
    fi
}

# === completion =============================================================

__awscache_profiles() {
    \builtin local -a __awscache_names
    __awscache_names=("${(@f)$(\command awscache profiles 2>/dev/null)}")
    \builtin compadd -a __awscache_names
}

__awscache_complete() {
    \builtin emulate -L zsh
    if [[ "${words[1]}" == awscache-use ]]; then
        __awscache_profiles
        \builtin return
    fi
    case "${words[CURRENT-1]}" in
        (--format|-f)
            if [[ "${words[2]}" == unset ]]; then \builtin compadd sh fish powershell
            else \builtin compadd sh fish powershell dotenv json; fi
            \builtin return ;;
        (--dialect|-d) \builtin compadd redshift redshift-credentials snowflake duckdb; \builtin return ;;
        (--cache-dir) _files -/; \builtin return ;;
        (--within|--min-remaining) \builtin return ;;
    esac
    if (( CURRENT == 2 )); then
        \builtin compadd list env sql exec status rm clear prune unset init profiles --help --version
        \builtin return
    fi
    if [[ "${words[CURRENT]}" == -* ]]; then
        case "${words[2]}" in
            (list) \builtin compadd -- --json --all --prune ;;
            (env) \builtin compadd -- --format --mark --refresh --min-remaining ;;
            (sql) \builtin compadd -- --dialect --refresh --min-remaining ;;
            (exec) \builtin compadd -- --refresh --min-remaining ;;
            (status) \builtin compadd -- --json ;;
            (rm|clear) \builtin compadd -- --dry-run --json ;;
            (prune) \builtin compadd -- --dry-run --json --unreadable --within ;;
            (unset) \builtin compadd -- --all --format ;;
        esac
        \builtin compadd -- --cache-dir --no-color --help
        \builtin return
    fi
    case "${words[2]}" in
        (env|sql|rm) __awscache_profiles ;;
        (exec) (( CURRENT == 3 )) && __awscache_profiles ;;
        (init) \builtin compadd bash zsh fish ;;
    esac
}

# Only where the completion system is loaded (compinit); elsewhere, silently none.
if (( ${+functions[compdef]} )); then
    compdef __awscache_complete awscache awscache-use
fi
