#!/usr/bin/perl
# The accessibility rules of DESIGN.md checked on a recorded walk (lib.sh:
# rec_start, step, rec_end): every byte gise wrote to the terminal, and
# after every key tmux's screen (with attributes), cursor and size beside
# gise's frame trace.
#
#   a11y.pl check DIR mode=sr|normal lang=en|tr nocolor=0|1 name=NAME top=DIR
#       prints one result per rule and screen: "ok<TAB>what" or
#       "not ok<TAB>what<TAB>details" (details with \n escaped), and the
#       bytes written per navigation key as "#<TAB>comment" lines
#
# Widths are the terminal's: East Asian wide and fullwidth characters take
# two columns, combining marks and format characters none.
use strict;
use warnings;
use utf8;
use Encode qw(decode);

binmode STDOUT, ':encoding(UTF-8)';

my $cmd = shift @ARGV // '';
die "usage: a11y.pl check DIR key=value...\n" unless $cmd eq 'check';

my $dir = shift @ARGV;
my %opt = (mode => 'normal', lang => 'en', nocolor => 0, name => 'walk', top => '.');
for (@ARGV) { my ($k, $v) = split /=/, $_, 2; $opt{$k} = decode('UTF-8', $v) }
my $sr = $opt{mode} eq 'sr';
my $po = $opt{lang} eq 'tr' ? load_po("$opt{top}/i18n/tr.po") : {};
sub tx { po_text($po, $_[0]) }

# ---------------------------------------------------------------- input

sub slurp {
    my ($path, $raw) = @_;
    open my $fh, '<:raw', $path or die "$path: $!";
    local $/;
    my $s = <$fh> // '';
    return $raw ? $s : decode('UTF-8', $s);
}

my @trace = map { my %f = map { split /=/, $_, 2 } split /\t/, $_; \%f } split /\n/, slurp("$dir/trace");
# The bytes gise wrote, as tmux's %output lines (control characters and
# "\" in octal escapes); a snapshot's count is of lines.
my (@at, $bytes) = (0);
for (split /\n/, slurp("$dir/bytes", 1)) {
    s/\\([0-7]{3})/chr oct $1/ge;
    $bytes .= $_;
    push @at, length $bytes;
}
$bytes //= '';
my @rec;
for my $line (split /\n/, slurp("$dir/index")) {
    my ($n, $key, $what, $nav, $size, $state, $frames) = split /\t/, $line;
    my ($cx, $cy, $flag, $w, $h) = split /,/, $state;
    my $frame = $trace[$frames - 1] // {};
    push @rec, {n => $n, key => $key, what => $what, nav => $nav, size => $size, cx => $cx, cy => $cy,
                flag => $flag, cols => $w, rows => $h, frame => $frame,
                screen_name => $frame->{screen} // '-', small => ($w < 40 || $h < 12),
                cap => parse_capture(slurp("$dir/screen.$n"), $w, $h)};
}

# ---------------------------------------------------------------- widths

sub cw {
    my $c = shift;
    return 0 if $c =~ /[\p{Mn}\p{Me}\p{Cf}]/;
    return 2 if $c =~ /[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]/;
    return 1;
}
sub width { my $w = 0; $w += cw($_) for split //, $_[0]; $w }

# Column of character index $i in $s.
sub col_of { width(substr($_[0], 0, $_[1])) }

# ---------------------------------------------------------------- capture

# capture-pane -e: text with SGR sequences, the attributes carried from one
# line to the next. Returns rows of plain text and of cells (character and
# attributes), and the colour parameters met.
sub parse_capture {
    my ($s, $cols, $rows) = @_;
    my (%a, @text, @cells, @colours);
    my @lines = split /\n/, $s, -1;
    for my $r (0 .. $rows - 1) {
        my $line = $lines[$r] // '';
        my ($plain, @cell) = ('');
        while (length $line) {
            if ($line =~ s/^\e\[([0-9;:]*)m//) {
                my @p = split /;/, ($1 eq '' ? '0' : $1);
                while (@p) {
                    my $p = shift @p;
                    my ($main) = $p =~ /^(\d*)/;
                    $main = 0 if $main eq '';
                    if ($main == 38 || $main == 48 || $main == 58) {
                        push @colours, $p if $main != 58;
                        if ($p !~ /:/ && @p) {   # 38;5;n or 38;2;r;g;b
                            my $kind = shift @p;
                            splice @p, 0, ($kind == 5 ? 1 : 3);
                        }
                        $a{$main} = 'x';
                        next;
                    }
                    if ($main == 0) { %a = () }
                    elsif ($main >= 30 && $main <= 37 || $main >= 90 && $main <= 97) { $a{fg} = $main; push @colours, $main }
                    elsif ($main >= 40 && $main <= 47 || $main >= 100 && $main <= 107) { $a{bg} = $main; push @colours, $main }
                    elsif ($main == 39) { delete $a{fg} }
                    elsif ($main == 49) { delete $a{bg} }
                    elsif ($main == 22) { delete @a{1, 2} }
                    elsif ($main >= 23 && $main <= 29) { delete $a{$main - 20} }
                    else { $a{$main} = 1 }
                }
                next;
            }
            if ($line =~ s/^\e[^\[]?//) { next }
            my $c = substr $line, 0, 1, '';
            my $attr = join ',', map { "$_=$a{$_}" } sort keys %a;
            $plain .= $c;
            push @cell, "$c\0$attr";
            push @cell, "\0$attr" if cw($c) == 2;
        }
        push @cell, " \0" while @cell < $cols;
        $plain =~ s/ +$//;
        push @text, $plain;
        push @cells, join("\x01", @cell);
    }
    return {text => \@text, cells => \@cells, colours => \@colours};
}

# ---------------------------------------------------------------- bytes

# Follows the byte stream the way a VT100-like terminal (tmux) does and
# notes which rows received characters or erasures, or got other content
# by scrolling (a scroll that moves identical content into a row changes
# nothing there: the rows are followed from the screen before). The
# cursor it ends with is compared with tmux's: a parser that lost track
# fails loudly.
my %term = (row => 0, col => 0, top => 0, bot => 0, wrap => 0, saved => [0, 0]);

sub term_reset { my ($r) = @_; @term{qw(row col top bot wrap)} = ($r->{cy}, $r->{cx}, 0, $r->{rows} - 1, 0) }

sub parse_chunk {
    my ($chunk, $cols, $rows, $before) = @_;
    my (%written, @colour, $acs);
    my @grid = map { $before->[$_] // '' } 0 .. $rows - 1;
    my @dirty = (0) x $rows;
    my $blank = join "\x01", (" \0") x $cols;
    my $mark = sub { $written{$_} = $dirty[$_] = 1 for @_ };
    # Rows top..bot take the content $n rows below (above when negative).
    my $shift = sub {
        my ($top, $bot, $n) = @_;
        my @g = @grid[$top .. $bot];
        my @d = @dirty[$top .. $bot];
        for my $k (0 .. $bot - $top) {
            my $src = $k + $n;
            my ($c, $d) = $src >= 0 && $src <= $bot - $top ? ($g[$src], $d[$src]) : ($blank, 0);
            $written{$top + $k} = 1 if $d || $c ne $grid[$top + $k];
            ($grid[$top + $k], $dirty[$top + $k]) = ($c, $d);
        }
    };
    my $down = sub {    # IND / LF
        if ($term{row} == $term{bot}) { $shift->($term{top}, $term{bot}, 1) }
        elsif ($term{row} < $rows - 1) { $term{row}++ }
    };
    my $up = sub {      # RI
        if ($term{row} == $term{top}) { $shift->($term{top}, $term{bot}, -1) }
        elsif ($term{row} > 0) { $term{row}-- }
    };
    my $clamp = sub {
        $term{row} = 0 if $term{row} < 0;
        $term{row} = $rows - 1 if $term{row} > $rows - 1;
        $term{col} = 0 if $term{col} < 0;
        $term{col} = $cols - 1 if $term{col} > $cols - 1;
        $term{wrap} = 0;
    };
    my $i = 0;
    my $len = length $chunk;
    while ($i < $len) {
        my $b = ord substr $chunk, $i, 1;
        if ($b == 0x1b) {
            my $next = substr $chunk, $i + 1, 1;
            if ($next eq '[') {
                my $rest = substr $chunk, $i + 2, 64;
                $rest =~ /^([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])/ or do { $i++; next };
                my ($params, $inter, $final) = ($1, $2, $3);
                $i += 2 + length($params) + length($inter) + 1;
                my $private = $params =~ s/^[?<=>]//;
                my @p = map { $_ eq '' ? undef : $_ + 0 } split /;/, $params, -1;
                my $n = $p[0] // 1;
                $n = 1 if $n == 0 && $final =~ /[ABCDEFGLMPSTXd@`abe]/;
                if ($private) {
                    # ?1049h: the alternate screen; ?25h/l: the cursor; others: modes
                    $mark->(0 .. $rows - 1), @term{qw(row col)} = (0, 0) if $params =~ /^(1049|47|1047)$/;
                    next;
                }
                if ($final eq 'H' || $final eq 'f') { $term{row} = ($p[0] // 1) - 1; $term{col} = ($p[1] // 1) - 1; $clamp->() }
                elsif ($final eq 'A') { $term{row} = $term{row} >= $term{top} ? ($term{row} - $n < $term{top} ? $term{top} : $term{row} - $n) : $term{row} - $n; $clamp->() }
                elsif ($final eq 'B' || $final eq 'e') { $term{row} = $term{row} <= $term{bot} ? ($term{row} + $n > $term{bot} ? $term{bot} : $term{row} + $n) : $term{row} + $n; $clamp->() }
                elsif ($final eq 'C' || $final eq 'a') { $term{col} += $n; $clamp->() }
                elsif ($final eq 'D') { $term{col} -= $n; $clamp->() }
                elsif ($final eq 'E') { $term{row} += $n; $term{col} = 0; $clamp->() }
                elsif ($final eq 'F') { $term{row} -= $n; $term{col} = 0; $clamp->() }
                elsif ($final eq 'G' || $final eq '`') { $term{col} = $n - 1; $clamp->() }
                elsif ($final eq 'd') { $term{row} = $n - 1; $clamp->() }
                elsif ($final eq 'K' || $final eq 'X' || $final eq '@' || $final eq 'P') { $mark->($term{row}); $term{wrap} = 0 }
                elsif ($final eq 'J') {
                    my $how = $p[0] // 0;
                    $mark->($how == 0 ? ($term{row} .. $rows - 1) : $how == 1 ? (0 .. $term{row}) : (0 .. $rows - 1));
                }
                elsif ($final eq 'L' || $final eq 'M') {
                    $shift->($term{row}, $term{bot}, $final eq 'L' ? -$n : $n) if $term{row} <= $term{bot};
                    $term{col} = 0;
                    $term{wrap} = 0;
                }
                elsif ($final eq 'S' || $final eq 'T') { $shift->($term{top}, $term{bot}, $final eq 'S' ? $n : -$n) }
                elsif ($final eq 'r') {
                    $term{top} = ($p[0] // 1) - 1;
                    $term{bot} = ($p[1] // $rows) - 1;
                    @term{qw(row col wrap)} = (0, 0, 0);
                }
                elsif ($final eq 'b') { $mark->($term{row}); $term{col} += $n; $clamp->() }
                elsif ($final eq 'm') {
                    for (split /;/, $params) {
                        my ($m) = /^(\d+)/;
                        push @colour, $_ if defined $m && ($m >= 30 && $m <= 38 || $m >= 40 && $m <= 48 || $m >= 90 && $m <= 97 || $m >= 100 && $m <= 107);
                    }
                }
                elsif ($final eq 's') { $term{saved} = [$term{row}, $term{col}] }
                elsif ($final eq 'u') { @term{qw(row col)} = @{$term{saved}}; $term{wrap} = 0 }
                elsif ($final eq 'I') { $term{col} = ($term{col} & ~7) + 8 * $n; $clamp->() }
                elsif ($final eq 'Z') { $term{col} = (($term{col} + 7) & ~7) - 8 * $n; $clamp->() }
                next;
            }
            if ($next eq ']' || $next eq 'P' || $next eq '_' || $next eq '^') {   # OSC, DCS...: to BEL or ST
                my $end = index $chunk, "\x07", $i;
                my $st = index $chunk, "\e\\", $i;
                $end = $st + 1 if $st >= 0 && ($end < 0 || $st < $end);
                $i = $end < 0 ? $len : $end + 1;
                next;
            }
            if ($next =~ /[()*+\-.\/]/) {
                $acs = 1 if substr($chunk, $i + 2, 1) eq '0' && $next eq '(';
                $i += 3;
                next;
            }
            $i += 2;
            if ($next eq '7') { $term{saved} = [$term{row}, $term{col}] }
            elsif ($next eq '8') { @term{qw(row col)} = @{$term{saved}}; $term{wrap} = 0 }
            elsif ($next eq 'M') { $up->(); $term{wrap} = 0 }
            elsif ($next eq 'D') { $down->(); $term{wrap} = 0 }
            elsif ($next eq 'E') { $down->(); $term{col} = 0; $term{wrap} = 0 }
            elsif ($next eq 'c') { $mark->(0 .. $rows - 1); @term{qw(row col top bot wrap)} = (0, 0, 0, $rows - 1, 0) }
            elsif ($next eq '#') { $mark->(0 .. $rows - 1) if substr($chunk, $i, 1) eq '8'; $i++ }
            next;
        }
        if ($b < 0x20 || $b == 0x7f) {
            $i++;
            if ($b == 0x0d) { $term{col} = 0; $term{wrap} = 0 }
            elsif ($b == 0x0a || $b == 0x0b || $b == 0x0c) { $down->(); $term{wrap} = 0 }
            elsif ($b == 0x08) { $term{col}-- if $term{col} > 0; $term{wrap} = 0 }
            elsif ($b == 0x09) { $term{col} = ($term{col} & ~7) + 8; $clamp->() }
            elsif ($b == 0x0e) { $acs = 1 }
            next;
        }
        # A printable character, UTF-8.
        my $n = $b < 0x80 ? 1 : $b >= 0xf0 ? 4 : $b >= 0xe0 ? 3 : $b >= 0xc0 ? 2 : 1;
        my $c = decode('UTF-8', substr($chunk, $i, $n));
        $i += $n;
        my $w = cw($c);
        if ($w == 0) { $mark->($term{row}); next }
        if ($term{wrap} || $term{col} + $w > $cols) {
            $term{col} = 0;
            $down->();
            $term{wrap} = 0;
        }
        $mark->($term{row});
        $term{col} += $w;
        if ($term{col} >= $cols) { $term{col} = $cols - 1; $term{wrap} = 1 }
    }
    return {rows => [sort { $a <=> $b } keys %written], colour => \@colour, acs => $acs};
}

# ---------------------------------------------------------------- i18n, keys

sub po_string {
    my $s = join '', map { /^"(.*)"$/ ? $1 : '' } @_;
    $s =~ s/\\(.)/$1 eq 'n' ? "\n" : $1 eq 't' ? "\t" : $1/ge;
    return $s;
}

sub load_po {
    my %t;
    my ($id, $str, $in) = ([], [], '');
    my $flush = sub { my $k = po_string(@$id); my $v = po_string(@$str); $t{$k} = $v if $k ne '' && $v ne ''; ($id, $str) = ([], []) };
    for (split /\n/, slurp($_[0])) {
        if (/^msgid (".*")$/) { $flush->(); $id = [$1]; $in = 'id' }
        elsif (/^msgstr (".*")$/) { $str = [$1]; $in = 'str' }
        elsif (/^(".*")$/) { push @{$in eq 'id' ? $id : $str}, $1 }
    }
    $flush->();
    return \%t;
}
sub po_text { my ($t, $id) = @_; $t->{$id} // $id }

# Every action's keys and help text for the screen $1 (a msgid), as
# keymap_keys_for and keymap_help make them: the screen's own table (when
# its file names one in .keys) before the action table of i18n/text/action.h
# (GISE_ACTIONS: one X(...) entry per action, with its default keys).
my %key_lists;
sub key_tables {
    my ($screen) = @_;
    return $key_lists{$screen} if $key_lists{$screen};
    my $src = slurp("$opt{top}/i18n/text/action.h") =~ s/\\\n/ /gr;
    my (%keys, %help, @actions);
    my $add = sub {
        my ($act, $name) = @_;
        push @{$keys{$act}}, $name unless grep { $_ eq $name } @{$keys{$act} //= []};
    };
    for my $file (glob "$opt{top}/screens/*.c") {
        my $c = slurp($file);
        next unless $c =~ /\.name = N_\("\Q$screen\E"\)/ && $c =~ /\.keys = (\w+)/ && $1 ne 'NULL';
        my $name = $1;
        my $body = $c =~ /\b\Q$name\E\[\]\s*=\s*\{(.*?)\n\};/s ? $1 : '';
        $add->($1, $2) while $body =~ /\{(ACT_\w+),\s*(?:\{[^}]*\}|\w+\([^)]*\)),\s*"([^"]+)",\s*\w+\}/g;
    }
    my ($table) = $src =~ /#define GISE_ACTIONS\(X\)(.*?)\n#define/s;
    while ($table =~ /\bX\((\w+),\s*"[^"]*",\s*N_\("((?:[^"\\]|\\.)*)"\)(.*?)\)\s*(?=\bX\(|$)/gs) {
        my ($id, $msgid, $rest) = ("ACT_$1", $2, $3);
        push @actions, $id;
        $help{$id} = po_string(qq("$msgid"));
        $add->($id, $1) while $rest =~ /KEY_DEF\((?:[^"()]|\([^()]*\))*"([^"]+)"/g;
    }
    return $key_lists{$screen} =
        [map { {keys => join(', ', @{$keys{$_}}), help => tx($help{$_} // '')} } grep { @{$keys{$_} // []} } @actions];
}

# ---------------------------------------------------------------- checks

my (%result, @rules);
sub rule {
    my ($rule, $screen, $ok, $why) = @_;
    push @rules, $rule unless exists $result{$rule};
    my $r = $result{$rule}{$screen} //= {n => 0, bad => []};
    $r->{n}++;
    push @{$r->{bad}}, $why unless $ok;
}

sub where { my $r = shift; "#$r->{n} $r->{what} ($r->{key}) on $r->{screen_name}" }
sub plain_row { $_[1] < 0 ? '' : $_[0]{cap}{text}[$_[1]] // '' }
# The character at column $c of a row ('' past its end).
sub char_at { my ($row, $c) = @_; $c < length $row ? substr($row, $c, 1) : '' }
sub show_rows { my ($r, @rows) = @_; join '', map { sprintf "\n    %2d|%s", $_, plain_row($r, $_) } @rows }

my $ell = "\x{2026}";
my $hint = tx('Enter: yes    Esc: no');
my $title_fmt = tx('Screen: %s');
my $small_fmt = tx("gise needs at least %d\x{d7}%d; this terminal is %d\x{d7}%d.");
my $required = tx('(required)');

# $shown is $full, or a start of it cut with "…".
sub whole_or_cut {
    my ($shown, $full) = @_;
    $shown =~ s/\s+$//;
    (my $f = $full) =~ s/\s+$//;
    return 1 if $shown eq $f;
    return 0 unless $shown =~ /\Q$ell\E$/;
    (my $start = $shown) =~ s/\Q$ell\E$//;
    return substr($f, 0, length $start) eq $start;
}

# Where the label is on the row (a character index), also when the row
# shows it cut with "…" or, for a dialog's question, wrapped onto the rows
# below; -1 when it is not there. Returns (index, index after the label).
sub find_label {
    my ($r, $label) = @_;
    my $row = plain_row($r, $r->{cy});
    my $at = index $row, $label;
    return ($at, $at + length $label) if $at >= 0 && $label ne '';
    # Cut: the longest start of the label followed by "…" (at least 8 characters).
    for (my $k = length($label) - 1; $k >= 8; $k--) {
        my $cut = substr($label, 0, $k) . $ell;
        $at = index $row, $cut;
        return ($at, $at + length $cut) if $at >= 0;
    }
    # Wrapped: the rows from the cursor's, trimmed and joined with spaces.
    (my $joined = $row) =~ s/\s+$//;
    for my $y ($r->{cy} + 1 .. $r->{rows} - 3) {
        my $more = plain_row($r, $y);
        $more =~ s/^\s+|\s+$//g;
        last if $more eq '';
        $joined .= " $more";
        $at = index $joined, $label;
        return ($at, length $row) if $at >= 0;
    }
    return (-1, -1);
}

my %hints;            # the key-hint row, per terminal size
my @help_rows;        # the rows seen on one visit to the help screen
my $help_about;       # the screen the help is about: the one it was opened on
my %bytes;            # navigation key bytes, per screen and key

# A visit to the help screen is over: every key of its screen was there.
# Screen-reader mode's focused row says its place, "(3 of 12)", at its end
# (or its start, when it is longer than a line): not part of the value.
sub unplace { my $t = shift; $t =~ s/^\(\d+ \S+ \d+\) //; $t =~ s/\s+\(\d+ \S+ \d+\)\s*$//; $t }

sub squeeze { my $t = shift; $t =~ s/\s+/ /g; $t =~ s/^ | $//g; $t }

# Screen-reader mode: the rows under the title that hold the message, as
# many as it takes (1 for none); returns that count (0 when no number of
# rows reads as the message) and what the first of them read.
sub message_under_title {
    my ($r, $want) = @_;
    return (plain_row($r, 1) =~ /^\s*$/ ? 1 : 0, plain_row($r, 1)) if $want eq '';
    my $joined = '';
    for my $k (1 .. int($r->{rows} / 2)) {
        $joined = squeeze("$joined " . plain_row($r, $k));
        return ($k, $joined) if $joined eq $want || (whole_or_cut($joined, $want) && $joined =~ /\Q$ell\E$/);
    }
    return (0, plain_row($r, 1));
}

sub check_help_visit {
    my @missing;
    # Screen-reader mode reads a row longer than a line a line at a time:
    # a row may be two consecutive lines.
    if ($sr) {
        # (the first line of such a row: its place, then "> " at the label)
        my @lines = map { (my $t = $_) =~ s/^[> ] //; $t = unplace($t); $t =~ s/^> //; $t } @help_rows;
        @help_rows = (@help_rows, map { "  $lines[$_] $lines[$_ + 1]" } 0 .. $#lines - 1);
    }
    for my $k (@{key_tables($help_about)}) {
        my $want = "$k->{keys}: $k->{help}";
        push @missing, $want
            unless grep { (my $t = $_) =~ s/^[> ] //; $t =~ s/^\(\d+ \S+ \d+\) |\s+\(\d+ \S+ \d+\)$//;
                          whole_or_cut($t, $want) && length($t) > length($k->{keys}) + 2 } @help_rows;
    }
    rule('help', 'Help', !@missing, "the help on $help_about lacks: " . join('; ', @missing));
    @help_rows = ();
}

for my $i (0 .. $#rec) {
    my $r = $rec[$i];
    my $prev = $i ? $rec[$i - 1] : undef;
    my $f = $r->{frame};
    my $scr = $r->{small} ? 'too small' : $r->{screen_name};
    my ($cols, $rows) = ($r->{cols}, $r->{rows});
    my $label = $f->{focus} // '';
    my $dialog = !$r->{small} && grep { /^\s*\Q$hint\E\s*$/ } @{$r->{cap}{text}};

    # The bytes since the previous snapshot.
    my $chunk = '';
    if ($prev) {
        $chunk = substr $bytes, $at[$prev->{size}], $at[$r->{size}] - $at[$prev->{size}];
        term_reset($prev) if $prev->{cols} != $cols || $prev->{rows} != $rows || $i == 1;
    } else {
        term_reset($r);
    }
    my $w = parse_chunk($chunk, $cols, $rows, $prev ? $prev->{cap}{cells} : []);
    my $parsed_ok = !$prev || ($term{col} == $r->{cx} && $term{row} == $r->{cy});
    my $parsed_at = "$term{col},$term{row}";
    term_reset($r) unless $parsed_ok;

    # 1. The hardware cursor is on the traced focus.
    rule('cursor', $scr, ($f->{col} // -1) == $r->{cx} && ($f->{row} // -1) == $r->{cy},
         where($r) . ": tmux cursor $r->{cx},$r->{cy}, traced " . ($f->{col} // '?') . ',' . ($f->{row} // '?'));

    # 2. The row under the cursor carries the label; label and the start of
    # the value within one 40-cell braille line.
    unless ($r->{small}) {
        my $row = plain_row($r, $r->{cy});
        my ($at, $end) = find_label($r, $label);
        my $ok = $label ne '' && $at >= 0;
        my $why = where($r) . ": label \"$label\" not on the cursor's row" . show_rows($r, $r->{cy});
        if ($ok) {
            my ($lc, $ec) = (col_of($row, $at), col_of($row, $end));
            my $lo = $lc < $r->{cx} ? $lc : $r->{cx};
            my $vc;
            my $after = substr $row, $end;
            if ($after =~ /^((?: \Q$required\E)?: )/) { $vc = $ec + width($1) }
            $ok = $lc - $lo < 40 && $r->{cx} - $lo < 40 && (!defined $vc || $vc - $lo < 40);
            $why = where($r) . ": label at column $lc, cursor at $r->{cx}, value at " . ($vc // '-') .
                   ": not within 40 columns" . show_rows($r, $r->{cy});
            # 2b. The value is shown whole or cut with "…" (list rows; a
            # field scrolls instead).
            my $value = $f->{value} // '';
            if ($ok && defined $vc && $value ne '' && $r->{cx} <= $lc && !$dialog) {
                my $shown = substr $after, length $1;
                ($shown, $value) = (unplace($shown), unplace($value)) if $sr;
                rule('cut', $scr, whole_or_cut($shown, $value),
                     where($r) . ": the row shows \"$shown\" for the value \"$value\"");
            } elsif ($ok && $value ne '' && index($value, $label) == 0 && $r->{cx} <= $lc && !$dialog) {
                rule('cut', $scr, whole_or_cut($sr ? unplace(substr($row, $at)) : substr($row, $at), $sr ? unplace($value) : $value),
                     where($r) . ": the row shows \"" . substr($row, $at) . "\" for \"$value\"");
            }
        }
        rule('label', $scr, $ok, $why);
    }

    # 3. The cursor is visible in screen-reader mode.
    rule('visible', $scr, $r->{flag} == 1, where($r) . ': cursor hidden') if $sr;

    # 4. A selection move shows in the text: the focused row is marked
    # with ">" at the cursor, and the row it left lost the mark.
    if ($prev && $r->{nav} && !$dialog && !$r->{small} && $prev->{screen_name} eq $r->{screen_name}) {
        my ($at) = find_label($r, $label);
        my $row = plain_row($r, $r->{cy});
        my $selection = $at >= 0 && $r->{cx} <= col_of($row, $at);
        my $ok = 1;
        my $why = '';
        if ($selection && char_at($row, $r->{cx}) ne '>') {
            $ok = 0;
            $why = where($r) . ': no ">" at the cursor' . show_rows($r, $r->{cy});
        }
        my $old = plain_row($prev, $prev->{cy});
        if ($prev->{cy} != $r->{cy} && char_at($old, $prev->{cx}) eq '>' &&
            char_at(plain_row($r, $prev->{cy}), $prev->{cx}) eq '>') {
            $ok = 0;
            $why .= where($r) . ': the row the selection left still has its ">"' . show_rows($r, $prev->{cy});
        }
        if ($selection && $prev->{cy} != $r->{cy} && plain_row($prev, $r->{cy}) eq $row) {
            $ok = 0;
            $why .= where($r) . ': the new selection\'s row did not change in text';
        }
        rule('marker', $scr, $ok, $why);
    }

    # 5. Screen-reader mode: no line drawing, on screen or in the bytes.
    if ($sr) {
        my @box = grep { /[\x{2500}-\x{259F}]/ } @{$r->{cap}{text}};
        my $raw = $chunk =~ /\xE2(?:\x94|\x95)[\x80-\xBF]|\xE2\x96[\x80-\x9F]/;
        rule('boxes', $scr, !@box && !$raw && !$w->{acs},
             where($r) . ': ' . (@box ? "on screen: $box[0]" : $raw ? 'line-drawing bytes written' : 'DEC line drawing switched on'));
    }

    # 6. NO_COLOR: no colour, on screen or in the bytes.
    if ($opt{nocolor}) {
        my @c = (@{$r->{cap}{colours}}, @{$w->{colour}});
        rule('colour', $scr, !@c, where($r) . ': colour codes ' . join(' ', @c));
    }

    # 7. The first row names the screen (or asks for more room).
    {
        my $row0 = plain_row($r, 0);
        my $want = $r->{small} ? sprintf($small_fmt, 40, 12, $cols, $rows)
                               : sprintf($title_fmt, tx($r->{screen_name}));
        my ($start) = $row0 =~ /^(.*?)(?:\s{2,}.*)?$/;
        rule('title', $scr, whole_or_cut($start // '', $want) && ($r->{small} || index($row0, substr($want, 0, 4)) == 0),
             where($r) . ": row 0 is \"$row0\", wants \"$want\"");
    }

    # 8. Minimal redraw: a navigation key writes only rows whose content
    # changed, the rows the focus left and reached, and the status row.
    if ($prev) {
        my @changed = grep { ($prev->{cap}{cells}[$_] // '') ne ($r->{cap}{cells}[$_] // '') } 0 .. $rows - 1;
        # A row blank before and after is not text written (curses clears
        # to the end of the screen in one sequence); screen-reader mode's
        # message rows are under the title.
        my @blank = grep { ($prev->{cap}{text}[$_] // '') =~ /^\s*$/ && ($r->{cap}{text}[$_] // '') =~ /^\s*$/ } 0 .. $rows - 1;
        my %allowed = map { $_ => 1 } @changed, @blank, $prev->{cy}, $r->{cy}, $rows - 1, ($sr ? (1, 2, 3) : ());
        my @needless = grep { !$allowed{$_} } @{$w->{rows}};
        if ($r->{nav} && $prev->{cols} == $cols && $prev->{rows} == $rows) {
            rule('redraw', $scr, !@needless && $parsed_ok,
                 where($r) . ': ' . ($parsed_ok ? "rows written without a change: @needless" . show_rows($r, @needless)
                                                : "the byte stream ends with the cursor at $parsed_at, tmux has $r->{cx},$r->{cy}"));
            push @{$bytes{"$r->{screen_name}\t$r->{key}"}}, [length $chunk, scalar @{$w->{rows}}];
        }
        # Any other key: the parser must still agree with tmux.
        rule('bytes', 'all', $parsed_ok, where($r) . ": byte stream ends at $parsed_at, tmux cursor $r->{cx},$r->{cy}")
            unless $r->{nav};
    }

    # 9. Layout. Normal mode: the key hints, then the message on the rows
    # below them to the last (as many as it needs, a third of the screen at
    # most, cut with an ellipsis beyond), the focus in the content rows
    # between the separator and the hints. Screen-reader mode: the message
    # right under the title, no hints row, the focus below the message.
    unless ($r->{small}) {
        my $want = squeeze($f->{status} // '');
        my $sz = "${cols}x$rows";
        my @bad;
        if ($sr) {
            my ($k, $seen) = message_under_title($r, $want);
            push @bad, "the rows under the title read \"$seen\", not the message \"$want\"" unless $k;
            push @bad, "the focus is on row $r->{cy}, not below the message rows"
                if $k && $r->{cy} <= $k && $label ne ($f->{status} // '');
        } else {
            my $hrow = $rows - 2;
            $hrow-- while $hrow > 2 && plain_row($r, $hrow) !~ /^F1 /;
            my $h = plain_row($r, $hrow);
            $hints{$sz} //= $h;
            my $status = squeeze(join ' ', map { plain_row($r, $_) } $hrow + 1 .. $rows - 1);
            push @bad, "the hints row is \"$h\", was \"$hints{$sz}\"" if $h ne $hints{$sz} || $h !~ /^F1 /;
            push @bad, "the message rows read \"$status\", not the message \"$want\" (or its start cut with $ell)"
                unless $status eq $want || (whole_or_cut($status, $want) && $status =~ /\Q$ell\E$/);
            push @bad, "the focus is on row $r->{cy}, outside the content rows 2-" . ($hrow - 1)
                if ($r->{cy} < 2 || $r->{cy} >= $hrow) && $label ne ($f->{status} // '');
        }
        rule('layout', $scr, !@bad, where($r) . ': ' . join('; ', @bad));
    }

    # 10. A dialog: its whole question from the cursor on (wrapped, never
    # cut), an empty row, the hint; nothing else on its rows, only blank or
    # a frame line (normal mode) around it.
    if ($dialog) {
        my ($x, $y, @q) = ($r->{cx}, $r->{cy});
        while ($y < $rows - 2 && plain_row($r, $y) !~ /^\s*$/) {
            (my $t = plain_row($r, $y++)) =~ s/^\s+|\s+$//g;
            push @q, $t;
        }
        my $question = join ' ', @q;
        my @bad;
        push @bad, "the question reads \"$question\", not \"$label\"" if $question ne $label;
        push @bad, "text left of the question on row $_"
            for grep { substr(plain_row($r, $_), 0, $x) =~ /\S/ } $r->{cy} .. $y - 1;
        push @bad, 'no empty row under the question' if plain_row($r, $y) ne '';
        push @bad, 'the hint is not on the row below' unless plain_row($r, $y + 1) =~ /^\s*\Q$hint\E$/;
        push @bad, "row $_ around the dialog is neither empty nor a frame line"
            for grep { plain_row($r, $_) !~ ($sr ? qr/^$/ : qr/^[\s\x{2500}]*$/) } ($sr ? () : $r->{cy} - 1), $y + 2;
        rule('dialog', $scr, !@bad, where($r) . ': ' . join('; ', @bad) . show_rows($r, $r->{cy} - 1 .. $y + 2));
    }

    # 11. Help: every key of the key table with its text.
    if ($r->{screen_name} eq 'Help' && !$r->{small}) {
        $help_about = $prev->{screen_name} if $prev && $prev->{screen_name} ne 'Help';
        push @help_rows, grep { $_ ne '' } @{$r->{cap}{text}}[2 .. $rows - 3];
    }
    check_help_visit() if @help_rows && ($r->{screen_name} ne 'Help' || $i == $#rec);
}

# ---------------------------------------------------------------- report

my %about = (
    cursor => 'the hardware cursor is on the traced focus',
    label => 'the row under the cursor carries the focused label; label, cursor and value start within 40 columns',
    cut => 'the focused row shows its value whole or cut with an ellipsis',
    visible => 'the cursor is visible',
    marker => 'a selection move changes the text: ">" at the new focus, gone from the old one',
    boxes => 'no line drawing (U+2500-U+259F, DEC graphics)',
    colour => 'NO_COLOR: no colour code on screen or in the bytes',
    title => 'the first row names the screen',
    redraw => 'a navigation key rewrites only changed rows, the old and new focus rows and the status row',
    bytes => 'the byte stream (cursor addressing) ends where tmux has the cursor',
    layout => 'key hints and status row in place (a long message cut with an ellipsis), the focus in the content rows',
    dialog => 'a dialog shows its whole question (wrapped), then the Enter/Esc hint, and nothing else on its rows',
    help => 'help lists every key of the key table with its text',
);
for my $rule (@rules) {
    for my $screen (sort keys %{$result{$rule}}) {
        my $res = $result{$rule}{$screen};
        my $what = "$opt{name}: $screen: $about{$rule} ($res->{n} frames)";
        if (@{$res->{bad}}) {
            my @b = @{$res->{bad}};
            my $more = @b > 4 ? "\n... and " . (@b - 4) . ' more' : '';
            my $why = join("\n", @b[0 .. ($#b < 3 ? $#b : 3)]) . $more;
            $why =~ s/\\/\\\\/g;
            $why =~ s/\n/\\n/g;
            print "not ok\t$what\t$why\n";
        } else {
            print "ok\t$what\n";
        }
    }
}

# Bytes per navigation key: per screen and key, per screen, then for the
# whole walk.
sub median { my @s = sort { $a <=> $b } @_; @s ? $s[$#s / 2] : 0 }
sub most { (sort { $b <=> $a } @_)[0] // 0 }
my (@all, %screen);
for my $k (sort keys %bytes) {
    my @b = map { $_->[0] } @{$bytes{$k}};
    my @w = map { $_->[1] } @{$bytes{$k}};
    my ($name, $key) = split /\t/, $k;
    push @all, @b;
    push @{$screen{$name}}, @b;
    printf "#\tbytes %s: %-20s %-6s n=%-3d median=%-5d max=%-5d rows written max=%d\n", $opt{name}, $name, $key,
        scalar @b, median(@b), most(@b), most(@w);
}
printf "#\tbytes %s: %-20s every key n=%-3d median=%-5d max=%d\n", $opt{name}, $_, scalar @{$screen{$_}},
    median(@{$screen{$_}}), most(@{$screen{$_}}) for sort keys %screen;
printf "#\tbytes %s: every navigation key: n=%d median=%d max=%d\n", $opt{name}, scalar @all, median(@all), most(@all);
