# shellcheck shell=bash
# awscache shell integration for bash (3.2 or later, POSIX mode too). To use it, add this line to ~/.bashrc:
#
#     eval "$(awscache init bash)"
#
# awscache-use <profile> [options]  set a cached session's variables in this shell
# awscache-clear [-y] [-m]          unset this shell's AWS variables (asks first; -y does not ask)
# awscache-prompt [separator]       "profile 3h12m" for PS1 ("<1m" in the last minute), then the
#                                   separator; nothing at all when no session is active:
#                                   PS1='$(awscache-prompt " ")'"$PS1"

# Everything is defined inside one function, so that in POSIX mode (which refuses function names
# with '-') the definitions can run outside it, and nothing but the functions stays behind.
__awscache_define() {

# === awscache-use ===========================================================

awscache-use() {
    \builtin local __awscache_code
    # nothing is evaluated unless awscache succeeded: a failure leaves the shell as it was
    __awscache_code="$(\command awscache env --mark --format sh "$@")" || \builtin return
    # and nothing but a session's code, which always sets AWSCACHE_EXPIRES: what else a successful
    # awscache prints (--help, --version) goes to the terminal as it is
    case "${__awscache_code}" in
        'export AWSCACHE_EXPIRES='* | *'
export AWSCACHE_EXPIRES='*)
            \builtin eval "${__awscache_code}" ;;
        '') ;;
        *) \builtin printf '%s\n' "${__awscache_code}" ;;
    esac
}

# === awscache-clear =========================================================

awscache-clear() {
    \builtin local __awscache_code
    # awscache lists the variables (secrets masked), asks on the terminal (-y: it does not) and
    # prints the code to unset them; -m: no colour. Nothing is evaluated unless it succeeded.
    __awscache_code="$(\command awscache unset --ask --format sh "$@")" || \builtin return
    [ -n "${__awscache_code}" ] || \builtin return 0
    \builtin eval "${__awscache_code}"
    \builtin printf '%s\n' 'awscache-clear: unset' >&2
}

# === awscache-prompt ========================================================

# Runs at every prompt: no awscache, no node, no other process (but bash < 4.2's one date call);
# the markers are only read, never evaluated. $1, the separator, is printed as given after the
# text, and only with it, so that a prompt with no session has no stray space.
awscache-prompt() {
    [ -n "${AWSCACHE_PROFILE-}" ] || \builtin return 0
    \builtin local __awscache_expires="${AWSCACHE_EXPIRES-}" __awscache_now='' __awscache_left __awscache_name __awscache_c1
    if [ "${BASH_VERSINFO[0]}" -ge 5 ]; then
        __awscache_now="${EPOCHSECONDS-}"
    elif [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -ge 2 ]; then
        \builtin printf -v __awscache_now '%(%s)T' -1
    fi
    case "${__awscache_now}" in '' | *[!0-9]*) __awscache_now="$(\command date +%s)" ;; esac
    # only plain digits reach arithmetic (bash would evaluate any other text), without leading
    # zeros (08 would be octal) and at most 12 of them (beyond year 9999 nothing is a real expiry)
    case "${__awscache_expires}" in '' | *[!0-9]*) \builtin return 0 ;; esac
    case "${__awscache_now}" in '' | *[!0-9]*) \builtin return 0 ;; esac
    __awscache_expires="${__awscache_expires#"${__awscache_expires%%[!0]*}"}"
    __awscache_now="${__awscache_now#"${__awscache_now%%[!0]*}"}"
    [ "${#__awscache_expires}" -le 12 ] && [ "${#__awscache_now}" -le 12 ] || \builtin return 0
    __awscache_left=$((${__awscache_expires:-0} - ${__awscache_now:-0}))
    # the name as it is, but no control character reaches the terminal: C0, DEL, and C1 (U+0080-U+009F)
    __awscache_name="${AWSCACHE_PROFILE//[[:cntrl:]]/?}"
    for __awscache_c1 in $'\302\200' $'\302\201' $'\302\202' $'\302\203' $'\302\204' $'\302\205' $'\302\206' $'\302\207' \
        $'\302\210' $'\302\211' $'\302\212' $'\302\213' $'\302\214' $'\302\215' $'\302\216' $'\302\217' \
        $'\302\220' $'\302\221' $'\302\222' $'\302\223' $'\302\224' $'\302\225' $'\302\226' $'\302\227' \
        $'\302\230' $'\302\231' $'\302\232' $'\302\233' $'\302\234' $'\302\235' $'\302\236' $'\302\237'; do
        __awscache_name="${__awscache_name//"${__awscache_c1}"/?}"
    done
    if [ "${__awscache_left}" -le 0 ]; then
        \builtin printf '%s expired%s' "${__awscache_name}" "${1-}"
    elif [ "${__awscache_left}" -ge 3600 ]; then
        \builtin printf '%s %dh%dm%s' "${__awscache_name}" $((__awscache_left / 3600)) $((__awscache_left % 3600 / 60)) "${1-}"
    elif [ "${__awscache_left}" -lt 60 ]; then
        # not "0m", which reads as over
        \builtin printf '%s <1m%s' "${__awscache_name}" "${1-}"
    else
        \builtin printf '%s %dm%s' "${__awscache_name}" $((__awscache_left / 60)) "${1-}"
    fi
}

# === completion =============================================================

# Completion works on __awscache_words/__awscache_cword (locals of __awscache_complete): the command
# line's words as the user sees them.

# The command table: __awscache_commands, __awscache_options, __awscache_value and
# __awscache_positional, written by `awscache init` from the same table that parses awscache's
# command line (nothing here lists a command, option or value of its own).
# ::AWSCACHE_TABLE::

__awscache_command() {
    # the awscache command being completed: awscache-use runs env
    if [ "${__awscache_words[0]-}" = awscache-use ]; then \builtin printf '%s\n' env; else \builtin printf '%s\n' "${__awscache_words[1]-}"; fi
}

__awscache_argument() {
    # what the word at __awscache_cword is, when it is an argument (not an option): the lines of
    # __awscache_positional for it; status 1 for an option
    \builtin local __awscache_i=2 __awscache_n=0 __awscache_plain=0 __awscache_word __awscache_cmd
    __awscache_cmd="$(__awscache_command)"
    [ "${__awscache_words[0]-}" = awscache-use ] && __awscache_i=1
    while [ "${__awscache_i}" -lt "${__awscache_cword}" ]; do
        __awscache_word="${__awscache_words[__awscache_i]-}"
        if [ "${__awscache_plain}" = 1 ]; then
            __awscache_n=$((__awscache_n + 1))
        else
            case "${__awscache_word}" in
                --) __awscache_plain=1 ;;
                --*=*) ;;
                -*) __awscache_value "${__awscache_cmd}" "${__awscache_word}" >/dev/null && __awscache_i=$((__awscache_i + 1)) ;;
                *) __awscache_n=$((__awscache_n + 1)) ;;
            esac
        fi
        __awscache_i=$((__awscache_i + 1))
    done
    case "${__awscache_words[__awscache_cword]-}" in
        -*) [ "${__awscache_plain}" = 1 ] || \builtin return 1 ;;
    esac
    __awscache_positional "${__awscache_cmd}" $((__awscache_n + 1))
}

__awscache_expand() {
    # the words of a kind (the lines of __awscache_value or __awscache_positional), one a line
    case "$1" in
        profile) \command awscache profiles 2>/dev/null ;;
        choices*) \builtin printf '%s\n' "${1#choices?}" ;;
        command) \builtin compgen -c -- "${__awscache_cur}" ;;
    esac
}

__awscache_complete_words() {
    # the words that may come at __awscache_cword, one a line
    \builtin local __awscache_kind __awscache_cmd
    __awscache_cmd="$(__awscache_command)"
    if [ "${__awscache_words[0]-}" != awscache-use ] && [ "${__awscache_cword}" -eq 1 ]; then
        __awscache_commands
        __awscache_options
        \builtin return
    fi
    if __awscache_kind="$(__awscache_argument)"; then
        __awscache_expand "${__awscache_kind}"
    elif [ "${__awscache_words[0]-}" = awscache-use ]; then
        # awscache-use gives --format and --mark itself, and is no place for --help
        __awscache_options env | while IFS= \builtin read -r __awscache_kind; do
            case "${__awscache_kind}" in --format | --mark | --help) ;; *) \builtin printf '%s\n' "${__awscache_kind}" ;; esac
        done
    else
        __awscache_options "${__awscache_cmd}"
    fi
}

__awscache_complete() {
    \builtin local __awscache_cword=0 __awscache_i=0 __awscache_n=-1 __awscache_line="${COMP_LINE-}" __awscache_rest
    \builtin local __awscache_word __awscache_cur __awscache_prev __awscache_option='' __awscache_value __awscache_breaks='' __awscache_keep __awscache_kind
    \builtin local -a __awscache_words
    # COMP_WORDS splits a word at ':' and '=' (COMP_WORDBREAKS): a profile named a:b arrives as
    # a, :, b. Join again the pieces that touch on the command line.
    if [ -n "${__awscache_line}" ]; then
        while [ "${__awscache_i}" -lt "${#COMP_WORDS[@]}" ]; do
            __awscache_word="${COMP_WORDS[__awscache_i]}"
            __awscache_rest="${__awscache_line#"${__awscache_line%%[![:space:]]*}"}"
            case "${__awscache_rest}" in
                "${__awscache_word}"*) ;;
                *) __awscache_n=-1; \builtin break ;; # not the line bash split: take its words as they are
            esac
            if [ "${__awscache_n}" -lt 0 ] || [ "${__awscache_rest}" != "${__awscache_line}" ]; then
                __awscache_n=$((__awscache_n + 1))
                __awscache_words[__awscache_n]="${__awscache_word}"
            else
                __awscache_words[__awscache_n]="${__awscache_words[__awscache_n]}${__awscache_word}"
            fi
            __awscache_line="${__awscache_rest#"${__awscache_word}"}"
            [ "${__awscache_i}" = "${COMP_CWORD}" ] && __awscache_cword="${__awscache_n}"
            __awscache_i=$((__awscache_i + 1))
        done
    fi
    if [ "${__awscache_n}" -lt 0 ]; then
        __awscache_words=("${COMP_WORDS[@]}")
        __awscache_cword="${COMP_CWORD}"
    fi
    __awscache_cur="${__awscache_words[__awscache_cword]-}"
    __awscache_prev=
    [ "${__awscache_cword}" -gt 0 ] && __awscache_prev="${__awscache_words[__awscache_cword - 1]-}"
    # readline replaces only what follows the last ':' or '=' (when COMP_WORDBREAKS holds them)
    case "${COMP_WORDBREAKS-}" in *:*) __awscache_breaks=: ;; esac
    case "${COMP_WORDBREAKS-}" in *=*) __awscache_breaks="${__awscache_breaks}=" ;; esac
    __awscache_keep=
    if [ -n "${__awscache_breaks}" ]; then
        __awscache_keep="${__awscache_cur##*["${__awscache_breaks}"]}"
        __awscache_keep="${__awscache_cur%"${__awscache_keep}"}"
    fi
    COMPREPLY=()
    # --option=value completes the value as --option value would
    case "${__awscache_cur}" in
        --*=*) __awscache_option="${__awscache_cur%%=*}="; __awscache_prev="${__awscache_cur%%=*}"; __awscache_cur="${__awscache_cur#*=}" ;;
    esac
    __awscache_kind=
    [ "${__awscache_prev}" = -- ] || __awscache_kind="$(__awscache_value "$(__awscache_command)" "${__awscache_prev}")" || __awscache_kind=
    if [ "${__awscache_kind}" = folder ]; then
        # folders: readline quotes them and adds the '/' where compopt exists (bash 4); bash 3.2 gets them ready-made
        if \builtin compopt -o filenames 2>/dev/null; then
            while IFS= \builtin read -r __awscache_value; do
                [ -n "${__awscache_value}" ] && COMPREPLY+=("${__awscache_option}${__awscache_value}")
            done <<<"$(\builtin compgen -d -- "${__awscache_cur}")"
        else
            while IFS= \builtin read -r __awscache_value; do
                [ -n "${__awscache_value}" ] && COMPREPLY+=("${__awscache_option}$(\builtin printf '%q' "${__awscache_value}")/")
            done <<<"$(\builtin compgen -d -- "${__awscache_cur}")"
        fi
        for __awscache_i in "${!COMPREPLY[@]}"; do COMPREPLY[__awscache_i]="${COMPREPLY[__awscache_i]#"${__awscache_keep}"}"; done
        \builtin return 0
    fi
    while IFS= \builtin read -r __awscache_word; do
        [ -n "${__awscache_word}" ] || \builtin continue
        # profile names may hold spaces: quote them as the shell will read them
        __awscache_word="${__awscache_option}$(\builtin printf '%q' "${__awscache_word}")"
        case "${__awscache_word}" in
            "${__awscache_option}${__awscache_cur}"*) COMPREPLY+=("${__awscache_word#"${__awscache_keep}"}") ;;
        esac
    done <<<"$(if [ -n "${__awscache_kind}" ]; then __awscache_expand "${__awscache_kind}"; elif [ -z "${__awscache_option}" ]; then __awscache_complete_words; fi)"
}

# Only an interactive shell with programmable completion gets it.
if [[ $- == *i* ]] && \builtin type complete >/dev/null 2>&1; then
    \builtin complete -F __awscache_complete awscache awscache-use
fi

}

if [ -o posix ]; then
    __awscache_define_outside_posix() {
        # set +o posix and back again leaves the options as they were, but POSIXLY_CORRECT as "y":
        # give it back its value (and export) too
        \builtin local __awscache_value="${POSIXLY_CORRECT-}" __awscache_attributes
        __awscache_attributes="$(\builtin declare -p POSIXLY_CORRECT 2>/dev/null)"
        __awscache_attributes="${__awscache_attributes#declare -}"
        __awscache_attributes="${__awscache_attributes%% *}"
        \builtin set +o posix
        __awscache_define
        \builtin set -o posix
        POSIXLY_CORRECT="${__awscache_value}"
        case "${__awscache_attributes}" in *x*) \builtin export POSIXLY_CORRECT ;; esac
    }
    __awscache_define_outside_posix
    \builtin unset -f __awscache_define_outside_posix
else
    __awscache_define
fi
\builtin unset -f __awscache_define
