#!/usr/bin/perl
# sp_quiet's clock (tests/speech/lib.sh): quiet.pl FILE FROM waits (2 s at
# most) for speech beyond line FROM of FILE, then until none has come for
# 0.4 s (5 s at most in all), looking every 10 ms; prints how many lines
# FILE has then. One process per key, timed by the clock, not by how long
# the looks take.
use strict;
use warnings;
use Time::HiRes qw(time sleep);

my ($file, $from) = @ARGV;
my ($first, $still, $most, $step) = (2, 0.4, 5, 0.01);

sub lines {
    open my $h, '<', $file or return 0;
    local $/ = \65536;
    my $n = 0;
    $n += tr/\n// while <$h>;
    return $n;
}

my $t0 = time;
my $n = lines();
while ($n <= $from && time - $t0 < $first) { sleep $step; $n = lines() }
my $since = time;
while (time - $since < $still && time - $t0 < $most) {
    sleep $step;
    my $now = lines();
    if ($now != $n) { $n = $now; $since = time }
}
print "$n\n";
