# Shared by the speech tests: the real gise under a real screen reader,
# Fenrir in its PTY mode (fenrir -e), in tmux at 80x24. Every utterance
# goes, through Fenrir's generic speech driver, to speak.pl, which appends
# it with a timestamp to a file; sp_key sends a key (tmux send-keys), waits
# until the speech has stopped, and notes which lines of the speech file
# and which frames of gise's trace (GISE_TRACE) belong to the key.
# score.pl turns that into figures. Sourced after tests/tui/lib.sh (tmux,
# trace, msg, sql, TAP, background walks).

# Fenrir's options: speech to speak.pl, no sound, no remote socket (walks
# run side by side), no spell check, gise itself as the PTY's "shell".
fenrir_opts() {
    printf '%s' "speech#driver=genericDriver;speech#genericSpeechCommand=$top/tests/speech/speak.pl $speech fenrirText;sound#enabled=False;remote#enable=False;general#autoSpellCheck=False;general#shell=${GISE_BIN:-$top/gise} $*"
}

# sp_start PGUSER [gise arguments]: gise under Fenrir, in a fresh tmux;
# waits for the first frame and for Fenrir's greeting to end.
sp_start() {
    t kill-server 2>/dev/null
    # Side by side walks sign in as other roles: only this one's drafts go.
    GISE_DRAFTS="$work/drafts" drafts_reset "$1"
    sessions=$((sessions + 1))
    socket="$work/tmux.$sessions.sock"
    trace="$work/trace.$sessions"
    speech="$work/speech.$sessions"
    steps="$work/steps.$sessions"
    : >"$trace"; : >"$speech"; : >"$steps"
    sp_user=$1
    shift
    t new-session -d -s gise -x 80 -y 24 \
        "env GISE_TRACE='$trace' GISE_TRACE_PERSONAL=yes GISE_DRAFTS='$work/drafts' PGUSER='$sp_user' fenrir -e -o '$(fenrir_opts "$@")' 2>'$work/fenrir.err'; sleep 600"
    wait_for_frame 1
    # The greeting: until gise's first screen is read out after Fenrir's
    # "Start Fenrir", then quiet (a key sent sooner may reach Fenrir before
    # gise listens).
    sp_lines=$(perl "$top/tests/speech/quiet.pl" "$speech" 0 "Start Fenrir")
}

lines() { l_n=$(wc -l <"$1"); echo "${l_n#"${l_n%%[! ]*}"}"; }

# sp_quiet FROM: waits (2 s at most) for speech beyond line FROM, then
# until none has come for 0.4 s (5 s at most in all), by the clock
# (quiet.pl); sp_lines is how many lines the speech file has then.
sp_quiet() { sp_lines=$(perl "$top/tests/speech/quiet.pl" "$speech" "$1"); }

# sp_key KEY [WHAT]: one key (tmux send-keys arguments, e.g. "-l abc" for
# text), then the speech it caused. When nothing at all was heard: if gise
# drew nothing either, the key is sent once more (lost on the way); if it
# drew, the listening is tried once more (Fenrir is late now and then).
sp_key() {
    s0=$(lines "$speech") f0=$(frames)
    # shellcheck disable=SC2086 # send-keys arguments
    t send-keys -t gise $1
    sp_quiet "$s0"
    retry=0
    if [ "$sp_lines" = "$s0" ]; then
        retry=1
        if [ "$(frames)" = "$f0" ]; then
            # shellcheck disable=SC2086
            t send-keys -t gise $1
        fi
        sp_quiet "$s0"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${2:-$1}" "$s0" "$sp_lines" "$f0" "$(frames)" "$retry" >>"$steps"
}

# sp_type TEXT [WHAT]: one key per character.
sp_type() {
    printf '%s' "$1" | perl -CSA -ne 'print "$_\n" for split //' >"$work/chars"
    while IFS= read -r c; do sp_key "-l $c" "${2:-typing} '$c'"; done <"$work/chars"
}

# sp_until FIELD VALUE: waits (5 s at most) for the newest frame's FIELD.
sp_until() {
    i=0
    while [ "$(frame_field "$1")" != "$2" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ "$(frame_field "$1")" = "$2" ]
}

# sp_move LABEL [KEY]: Down (or KEY) until the focused label is LABEL (a
# msgid), 30 keys at most.
sp_move() {
    mv_want=$(msg "$1") mv_i=0
    while [ "$(frame_field focus)" != "$mv_want" ] && [ $mv_i -lt 30 ]; do
        sp_key "${2:-Down}" "to \"$mv_want\""
        mv_i=$((mv_i + 1))
    done
    check '[ "$(frame_field focus)" = "$mv_want" ]' "$walk: the focus reaches \"$mv_want\"" "focus: $(frame_field focus)"
}

# sp_seek PATTERN [KEY]: Down (or KEY) until the focused label or value
# matches the extended regular expression PATTERN (data, not a msgid), 30
# keys at most.
sp_seek() {
    sk_i=0 sk_pattern=$1
    while ! printf '%s %s' "$(frame_field focus)" "$(frame_field value)" | grep -Eq "$sk_pattern" && [ $sk_i -lt 30 ]; do
        sp_key "${2:-Down}" "to /$sk_pattern/"
        sk_i=$((sk_i + 1))
    done
    check 'printf "%s %s" "$(frame_field focus)" "$(frame_field value)" | grep -Eq "$sk_pattern"' \
        "$walk: the focus reaches /$sk_pattern/" "focus: $(frame_field focus)"
}

# sp_end NAME: the walk's figures (score.pl), kept under $SPEECH_OUT when set.
sp_end() {
    t kill-server 2>/dev/null
    perl "$top/tests/speech/score.pl" walk "$1" "$steps" "$trace" "$speech" >"$work/score.$sessions"
    sed "s/^/# /" "$work/score.$sessions"
    [ -n "${SPEECH_SUMMARY:-}" ] && cat "$work/score.$sessions" >>"$SPEECH_SUMMARY"
    if [ -n "${SPEECH_OUT:-}" ]; then
        mkdir -p "$SPEECH_OUT"
        n1=$(printf '%s' "$1" | tr ' ' '_')
        for f in steps trace speech; do cp "$work/$f.$sessions" "$SPEECH_OUT/$n1.$f"; done
        perl "$top/tests/speech/score.pl" detail "$1" "$steps" "$trace" "$speech" >"$SPEECH_OUT/$n1.detail"
    fi
}
