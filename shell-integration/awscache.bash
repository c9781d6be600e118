# shellcheck shell=bash
# awscache shell integration for bash. To use it, add this line to ~/.bashrc:
#
#     eval "$(awscache init bash)"
#
# awscache-use <profile> [options]  set a cached session's variables in this shell
# awscache-clear [-y] [-m]          unset this shell's AWS variables (asks first; -y does not ask)
# awscache-prompt                   "profile 3h12m" for PS1, empty when no session is active:
#                                   PS1='$(awscache-prompt) '"$PS1"

# === awscache-use ===========================================================

awscache-use() {
    \builtin local __awscache_code
    # nothing is evaluated unless awscache succeeded: a failure leaves the shell as it was
    __awscache_code="$(\command awscache env --mark --format sh "$@")" || \builtin return
    \builtin eval "${__awscache_code}"
}

# === awscache-clear =========================================================

awscache-clear() {
    \builtin local __awscache_yes=0 __awscache_color=--color __awscache_code __awscache_answer
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -y | --yes) __awscache_yes=1 ;;
            -m | --monochrome) __awscache_color=--no-color ;;
            *)
                \builtin printf 'awscache-clear: unknown option %s (usage: awscache-clear [-y] [-m])\n' "$1" >&2
                \builtin return 2
                ;;
        esac
        \builtin shift
    done
    # awscache lists the variables on stderr, secrets masked, and prints the code to unset them
    __awscache_code="$(\command awscache unset --format sh "${__awscache_color}")" || \builtin return
    [ -n "${__awscache_code}" ] || \builtin return 0
    if [ "${__awscache_yes}" = 0 ]; then
        if [ ! -t 0 ]; then
            \builtin printf '%s\n' 'awscache-clear: no terminal to ask on, so nothing was unset (awscache-clear -y unsets without asking)' >&2
            \builtin return 1
        fi
        \builtin printf '%s' 'Unset them? [y/N] ' >&2
        \builtin read -r __awscache_answer || __awscache_answer=
        case "${__awscache_answer}" in
            [yY] | [yY][eE][sS]) ;;
            *)
                \builtin printf '%s\n' 'awscache-clear: nothing unset' >&2
                \builtin return 1
                ;;
        esac
    fi
    \builtin eval "${__awscache_code}"
    \builtin printf '%s\n' 'awscache-clear: unset' >&2
}

# === awscache-prompt ========================================================

# Runs at every prompt: no awscache, no node, only the shell's own clock.
awscache-prompt() {
    [ -n "${AWSCACHE_PROFILE-}" ] || \builtin return 0
    # never let a variable's text into arithmetic: bash would evaluate it
    case "${AWSCACHE_EXPIRES-}" in '' | *[!0-9]*) \builtin return 0 ;; esac
    \builtin local __awscache_now="${EPOCHSECONDS-}" __awscache_left
    [ -n "${__awscache_now}" ] || __awscache_now="$(\command date +%s)"
    __awscache_left=$((AWSCACHE_EXPIRES - __awscache_now))
    if [ "${__awscache_left}" -le 0 ]; then
        \builtin printf '%s expired' "${AWSCACHE_PROFILE}"
    elif [ "${__awscache_left}" -ge 3600 ]; then
        \builtin printf '%s %dh%dm' "${AWSCACHE_PROFILE}" $((__awscache_left / 3600)) $((__awscache_left % 3600 / 60))
    else
        \builtin printf '%s %dm' "${AWSCACHE_PROFILE}" $((__awscache_left / 60))
    fi
}

# === completion =============================================================

__awscache_complete_words() {
    # the words that may come at COMP_CWORD of an awscache command line, one a line
    \builtin local __awscache_command="${COMP_WORDS[1]-}" __awscache_prev="${COMP_WORDS[COMP_CWORD - 1]-}"
    case "${__awscache_prev}" in
        --format | -f)
            if [ "${__awscache_command}" = unset ]; then \builtin printf '%s\n' sh fish powershell; else \builtin printf '%s\n' sh fish powershell dotenv json; fi
            \builtin return ;;
        --dialect | -d) \builtin printf '%s\n' redshift redshift-credentials snowflake duckdb; \builtin return ;;
        --cache-dir | --within | --min-remaining) \builtin return ;;
    esac
    if [ "${COMP_CWORD}" -eq 1 ]; then
        \builtin printf '%s\n' list env sql exec status rm clear prune unset init profiles --help --version
        \builtin return
    fi
    case "${COMP_WORDS[COMP_CWORD]-}" in
        -*)
            case "${__awscache_command}" in
                list) \builtin printf '%s\n' --json --all --prune ;;
                env) \builtin printf '%s\n' --format --mark --refresh --min-remaining ;;
                sql) \builtin printf '%s\n' --dialect --refresh --min-remaining ;;
                exec) \builtin printf '%s\n' --refresh --min-remaining ;;
                status) \builtin printf '%s\n' --json ;;
                rm | clear) \builtin printf '%s\n' --dry-run --json ;;
                prune) \builtin printf '%s\n' --dry-run --json --unreadable --within ;;
                unset) \builtin printf '%s\n' --all --format ;;
            esac
            \builtin printf '%s\n' --cache-dir --no-color --help
            ;;
        *)
            case "${__awscache_command}" in
                env | sql | rm) \command awscache profiles 2>/dev/null ;;
                exec) [ "${COMP_CWORD}" -eq 2 ] && \command awscache profiles 2>/dev/null ;;
                init) \builtin printf '%s\n' bash zsh fish ;;
            esac
            ;;
    esac
}

__awscache_complete() {
    \builtin local __awscache_word
    \builtin local -a __awscache_words
    if [ "${COMP_WORDS[0]}" = awscache-use ]; then
        \builtin mapfile -t __awscache_words < <(\command awscache profiles 2>/dev/null)
    else
        \builtin mapfile -t __awscache_words < <(__awscache_complete_words)
    fi
    COMPREPLY=()
    for __awscache_word in "${__awscache_words[@]}"; do
        # profile names may hold spaces: quote them as the shell will read them
        [[ "${__awscache_word}" == "${COMP_WORDS[COMP_CWORD]-}"* ]] && COMPREPLY+=("$(\builtin printf '%q' "${__awscache_word}")")
    done
}

# Only an interactive shell with programmable completion gets it.
if [[ $- == *i* ]] && \builtin type complete >/dev/null 2>&1; then
    \builtin complete -F __awscache_complete awscache awscache-use
fi
