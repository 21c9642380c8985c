#!/usr/bin/perl
# sp_quiet's clock (tests/speech/lib.sh): quiet.pl FILE FROM [AFTER] waits
# (2 s at most) for speech beyond line FROM of FILE, then until none has
# come for 0.4 s (5 s at most in all), looking every 10 ms; prints how many
# lines FILE has then. One process per key, timed by the clock, not by how
# long the looks take. With AFTER, the speech waited for is a line after
# one that says AFTER (10 s at most; Fenrir's greeting ends with the first
# screen read out after "Start Fenrir").
use strict;
use warnings;
use Time::HiRes qw(time sleep);

my ($file, $from, $after) = @ARGV;
my ($first, $still, $most, $step) = (2, 0.4, 5, 0.01);
($first, $most) = (10, 13) if defined $after;

# How many lines FILE has; with AFTER, whether one follows a line saying it.
my $heard_after;
sub lines {
    open my $h, '<', $file or return 0;
    my $n = 0;
    $heard_after = 0;
    my $seen;
    while (my $l = <$h>) {
        next unless $l =~ /\n\z/;
        $n++;
        next unless defined $after;
        chomp $l;
        $heard_after = 1 if $seen;
        $seen = 1 if (split /\t/, $l, 2)[1] eq $after;
    }
    return $n;
}

my $t0 = time;
my $n = lines();
while (($n <= $from || (defined $after && !$heard_after)) && time - $t0 < $first) { sleep $step; $n = lines() }
my $since = time;
while (time - $since < $still && time - $t0 < $most) {
    sleep $step;
    my $now = lines();
    if ($now != $n) { $n = $now; $since = time }
}
print "$n\n";
