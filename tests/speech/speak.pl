#!/usr/bin/perl
# Fenrir's genericSpeechCommand: appends one utterance, timestamped, to the file $ARGV[0].
use strict; use warnings; use Time::HiRes qw(time);
my ($file, @text) = @ARGV;
my $t = join ' ', @text; $t =~ s/[\r\n\t]+/ /g;
open my $fh, '>>', $file or die; printf $fh "%.3f\t%s\n", time, $t; close $fh;
