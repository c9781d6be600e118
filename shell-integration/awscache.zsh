# awscache shell integration for zsh. To use it, add this line to ~/.zshrc
# (after compinit, for completion):
#
#     eval "$(awscache init zsh)"
#
# awscache-use <profile> [options]  set a cached session's variables in this shell
# awscache-clear [-y] [-m]          unset this shell's AWS variables (asks first; -y does not ask)
# awscache-prompt [separator]       "profile 3h12m" for a prompt ("<1m" in the last minute), then
#                                   the separator; nothing at all when no session is active:
#                                   setopt prompt_subst; PROMPT='$(awscache-prompt " ")'$PROMPT

# === awscache-use ===========================================================

awscache-use() {
    \builtin emulate -L zsh
    \builtin local __awscache_code
    # nothing is evaluated unless awscache succeeded: a failure leaves the shell as it was
    __awscache_code="$(\command awscache env --mark --format sh "$@")" || \builtin return
    # and nothing but a session's code, which always sets AWSCACHE_EXPIRES: what else a successful
    # awscache prints (--help, --version) goes to the terminal as it is
    case "${__awscache_code}" in
        ('export AWSCACHE_EXPIRES='* | *$'\n''export AWSCACHE_EXPIRES='*) \builtin eval "${__awscache_code}" ;;
        ('') ;;
        (*) \builtin print -r -- "${__awscache_code}" ;;
    esac
}

# === awscache-clear =========================================================

awscache-clear() {
    \builtin local __awscache_code
    # awscache lists the variables (secrets masked), asks on the terminal (-y: it does not) and
    # prints the code to unset them; -m: no colour. Nothing is evaluated unless it succeeded.
    __awscache_code="$(\command awscache unset --ask --format sh "$@")" || \builtin return
    [[ -n "${__awscache_code}" ]] || \builtin return 0
    \builtin eval "${__awscache_code}"
    \builtin print -ru2 -- 'awscache-clear: unset'
}

# === awscache-prompt ========================================================

# Runs at every prompt: no awscache, no node, no process, only the shell's own clock (zsh/datetime);
# the markers are only read, never evaluated.
awscache-prompt() {
    \builtin emulate -L zsh
    [[ -n "${AWSCACHE_PROFILE-}" ]] || \builtin return 0
    \builtin local __awscache_expires="${AWSCACHE_EXPIRES-}" __awscache_now __awscache_name __awscache_c1
    \builtin zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
    __awscache_now="${EPOCHSECONDS-}"
    [[ "${__awscache_now}" == <-> ]] || __awscache_now="$(\command date +%s)"
    # only plain digits reach arithmetic (zsh would evaluate any other text), at most 12 of them
    # without leading zeros (beyond year 9999 nothing is a real expiry)
    [[ "${__awscache_expires}" == <-> && "${__awscache_now}" == <-> ]] || \builtin return 0
    __awscache_expires="${__awscache_expires#"${__awscache_expires%%[!0]*}"}"
    __awscache_now="${__awscache_now#"${__awscache_now%%[!0]*}"}"
    (( ${#__awscache_expires} <= 12 && ${#__awscache_now} <= 12 )) || \builtin return 0
    \builtin local -i __awscache_left=$(( ${__awscache_expires:-0} - ${__awscache_now:-0} ))
    # the name as it is: '%' doubled, as prompt expansion reads it, and no control character
    # reaches the terminal: C0, DEL, and C1 (U+0080-U+009F)
    __awscache_name="${AWSCACHE_PROFILE//[[:cntrl:]]/?}"
    for __awscache_c1 in $'\302\200' $'\302\201' $'\302\202' $'\302\203' $'\302\204' $'\302\205' $'\302\206' $'\302\207' \
        $'\302\210' $'\302\211' $'\302\212' $'\302\213' $'\302\214' $'\302\215' $'\302\216' $'\302\217' \
        $'\302\220' $'\302\221' $'\302\222' $'\302\223' $'\302\224' $'\302\225' $'\302\226' $'\302\227' \
        $'\302\230' $'\302\231' $'\302\232' $'\302\233' $'\302\234' $'\302\235' $'\302\236' $'\302\237'; do
        __awscache_name="${__awscache_name//${__awscache_c1}/?}"
    done
    __awscache_name="${__awscache_name//\%/%%}"
    # $1, the separator, as given (prompt escapes in it work), and only after a text
    if (( __awscache_left <= 0 )); then
        \builtin print -rn -- "${__awscache_name} expired${1-}"
    elif (( __awscache_left >= 3600 )); then
        \builtin print -rn -- "${__awscache_name} $(( __awscache_left / 3600 ))h$(( __awscache_left % 3600 / 60 ))m${1-}"
    elif (( __awscache_left < 60 )); then
        # not "0m", which reads as over
        \builtin print -rn -- "${__awscache_name} <1m${1-}"
    else
        \builtin print -rn -- "${__awscache_name} $(( __awscache_left / 60 ))m${1-}"
    fi
}

# === completion =============================================================

# Completion functions run with the completion system's own options (compinit's _comp_options,
# extended_glob among them, which _files needs): they do not reset them to zsh's defaults.

# The command table: __awscache_commands, __awscache_options, __awscache_value and
# __awscache_positional, written by `awscache init` from the same table that parses awscache's
# command line (nothing here lists a command, option or value of its own).
# ::AWSCACHE_TABLE::

__awscache_command() {
    # the awscache command being completed: awscache-use runs env
    if [[ "${words[1]}" == awscache-use ]]; then \builtin print -r -- env; else \builtin print -r -- "${words[2]}"; fi
}

__awscache_argument() {
    # what the word at CURRENT is, when it is an argument (not an option): the lines of
    # __awscache_positional for it; status 1 for an option
    \builtin local -i __awscache_i=3 __awscache_n=0 __awscache_plain=0
    \builtin local __awscache_cmd="$(__awscache_command)"
    [[ "${words[1]}" == awscache-use ]] && __awscache_i=2
    while (( __awscache_i < CURRENT )); do
        if (( __awscache_plain )); then
            (( __awscache_n++ ))
        else
            case "${words[__awscache_i]}" in
                (--) __awscache_plain=1 ;;
                (--*=*) ;;
                (-*) __awscache_value "${__awscache_cmd}" "${words[__awscache_i]}" >/dev/null && (( __awscache_i++ )) ;;
                (*) (( __awscache_n++ )) ;;
            esac
        fi
        (( __awscache_i++ ))
    done
    [[ "${words[CURRENT]}" != -* ]] || (( __awscache_plain )) || \builtin return 1
    __awscache_positional "${__awscache_cmd}" $(( __awscache_n + 1 ))
}

__awscache_offer() {
    # the one place that hands words (the array named $1) to the completion system
    \builtin compadd -a "$1"
}

__awscache_add() {
    # offers the words of a kind (the lines of __awscache_value or __awscache_positional)
    \builtin local -a __awscache_list
    case "$1" in
        (profile) __awscache_list=("${(@f)$(\command awscache profiles 2>/dev/null)}") ;;
        (choices*) __awscache_list=("${(@f)${1#choices?}}") ;;
        (folder) _files -/; \builtin return ;;
        (file) _files; \builtin return ;;
        (command) _command_names -e; \builtin return ;;
        (*) \builtin return ;;
    esac
    __awscache_offer __awscache_list
}

__awscache_complete() {
    # --option=value completes the value as --option value would
    \builtin local __awscache_prev="${words[CURRENT-1]}" __awscache_kind __awscache_cmd="$(__awscache_command)"
    \builtin local -a __awscache_list
    if [[ "${words[CURRENT]}" == --*=* ]]; then
        __awscache_prev="${words[CURRENT]%%=*}"
        \builtin compset -P '*='
    fi
    if [[ "${__awscache_prev}" != -- ]] && __awscache_kind="$(__awscache_value "${__awscache_cmd}" "${__awscache_prev}")"; then
        __awscache_add "${__awscache_kind}"
        \builtin return
    fi
    [[ "${words[CURRENT]}" != --*=* ]] || \builtin return
    if [[ "${words[1]}" != awscache-use ]] && (( CURRENT == 2 )); then
        __awscache_list=("${(@f)$(__awscache_commands; __awscache_options)}")
        __awscache_offer __awscache_list
        \builtin return
    fi
    if __awscache_kind="$(__awscache_argument)"; then
        __awscache_add "${__awscache_kind}"
        \builtin return
    fi
    __awscache_list=("${(@f)$(__awscache_options "${__awscache_cmd}")}")
    # awscache-use gives --format and --mark itself, and is no place for --help
    [[ "${words[1]}" != awscache-use ]] || __awscache_list=("${(@)__awscache_list:#(--format|--mark|--help)}")
    __awscache_offer __awscache_list
}

# Only where the completion system is loaded (compinit); elsewhere, silently none.
if (( ${+functions[compdef]} )); then
    compdef __awscache_complete awscache awscache-use
fi
