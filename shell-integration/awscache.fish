# awscache shell integration for fish. To use it, add this line to
# ~/.config/fish/config.fish:
#
#     awscache init fish | source
#
# awscache-use <profile> [options]  set a cached session's variables in this shell
# awscache-clear [-y] [-m]          unset this shell's AWS variables (asks first; -y does not ask)
# awscache-prompt [separator]       "profile 3h12m" for a prompt ("<1m" in the last minute), then
#                                   the separator; nothing at all when no session is active:
#                                   in fish_prompt: awscache-prompt ' '; in fish_right_prompt: awscache-prompt

# === awscache-use ===========================================================

function awscache-use --description 'Use a cached AWS session in this shell'
    set -l __awscache_code (command awscache env --mark --format fish $argv)
    set -l __awscache_status $status
    # nothing is evaluated unless awscache succeeded: a failure leaves the shell as it was
    if test $__awscache_status -ne 0
        return $__awscache_status
    end
    # and nothing but a session's code, which always sets AWSCACHE_EXPIRES: what else a successful
    # awscache prints (--help, --version) goes to the terminal as it is
    if string match -q 'set -gx AWSCACHE_EXPIRES *' -- $__awscache_code
        printf '%s\n' $__awscache_code | source
    else if test (count $__awscache_code) -gt 0
        printf '%s\n' $__awscache_code
    end
end

# === awscache-clear =========================================================

function awscache-clear --description "Unset this shell's AWS variables"
    # awscache lists the variables (secrets masked), asks on the terminal (-y: it does not) and
    # prints the code to unset them; -m: no colour. Nothing is evaluated unless it succeeded.
    set -l __awscache_code (command awscache unset --ask --format fish $argv)
    set -l __awscache_status $status
    if test $__awscache_status -ne 0
        return $__awscache_status
    end
    if test (count $__awscache_code) -eq 0
        return 0
    end
    printf '%s
' $__awscache_code | source
    printf '%s
' 'awscache-clear: unset' >&2
end

# === awscache-prompt ========================================================

# Runs at every prompt: no awscache, no node; fish has no clock of its own, so one date call.
# The markers are only read, never evaluated.
function awscache-prompt --description 'The active awscache session and its time left'
    set -q AWSCACHE_PROFILE; or return 0
    test -n "$AWSCACHE_PROFILE"; or return 0
    # plain digits, at most 12 without leading zeros (beyond year 9999 nothing is a real expiry, and
    # math would fail on the largest)
    string match -qr '^[0-9]+$' -- "$AWSCACHE_EXPIRES"; or return 0
    set -l __awscache_expires (string replace -r '^0+(?=.)' '' -- "$AWSCACHE_EXPIRES")
    test (string length -- $__awscache_expires) -le 12; or return 0
    set -l __awscache_now (command date +%s)
    string match -qr '^[0-9]{1,12}$' -- "$__awscache_now"; or return 0
    set -l __awscache_left (math "$__awscache_expires - $__awscache_now")
    # the name as it is, but no control character reaches the terminal: C0, DEL, and C1 (U+0080-U+009F)
    set -l __awscache_name (string replace -ra '[\x00-\x1f\x7f-\x9f]' '?' -- "$AWSCACHE_PROFILE")
    # $argv[1], the separator, as given, and only after a text
    set -l __awscache_sep "$argv[1]"
    if test $__awscache_left -le 0
        printf '%s expired%s' "$__awscache_name" "$__awscache_sep"
    else if test $__awscache_left -ge 3600
        printf '%s %dh%dm%s' "$__awscache_name" (math --scale=0 "$__awscache_left / 3600") (math --scale=0 "$__awscache_left % 3600 / 60") "$__awscache_sep"
    else if test $__awscache_left -lt 60
        # not "0m", which reads as over
        printf '%s <1m%s' "$__awscache_name" "$__awscache_sep"
    else
        printf '%s %dm%s' "$__awscache_name" (math --scale=0 "$__awscache_left / 60") "$__awscache_sep"
    end
end

# === completion =============================================================

function __awscache_profiles --description 'the profile names, for completion'
    command awscache profiles 2>/dev/null
end

function __awscache_positional_is --argument-names __awscache_n --description "whether the word being completed is awscache's Nth argument"
    # the arguments after the command, its options (and their values) aside, and all words after --
    set -l __awscache_words (commandline -opc)
    set -l __awscache_command $__awscache_words[2]
    set -l __awscache_count 0
    set -l __awscache_skip 0
    set -l __awscache_plain 0
    for __awscache_word in $__awscache_words[3..-1]
        if test $__awscache_skip = 1
            set __awscache_skip 0
        else if test $__awscache_plain = 1
            set __awscache_count (math $__awscache_count + 1)
        else
            switch $__awscache_word
                case --
                    set __awscache_plain 1
                case '--*=*'
                case '-*'
                    __awscache_takes_value $__awscache_command $__awscache_word; and set __awscache_skip 1
                case '*'
                    set __awscache_count (math $__awscache_count + 1)
            end
        end
    end
    test $__awscache_count -eq (math $__awscache_n - 1)
end

# The command table: __awscache_takes_value and the `complete` lines, written by `awscache init`
# from the same table that parses awscache's command line (nothing here lists a command, option
# or value of its own).
# ::AWSCACHE_TABLE::

complete -c awscache-use -f -a '(__awscache_profiles)'
