#!/usr/bin/perl
# A syslog daemon of the test's own: receives datagrams on a Unix socket
# and appends each as one line to a file, until it is killed.
#   syslog_listener.pl SOCKET FILE
use strict;
use warnings;
use IO::Socket::UNIX;
use Socket qw(SOCK_DGRAM);
my ($path, $file) = @ARGV;
unlink $path;
my $sock = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path) or die "listen $path: $!\n";
chmod 0666, $path;
open my $out, '>>', $file or die "$file: $!\n";
$out->autoflush(1);
print {$out} "#ready\n";
while (defined $sock->recv(my $msg, 65536)) {
    $msg =~ s/[\r\n]+$//;
    print {$out} "$msg\n";
}
