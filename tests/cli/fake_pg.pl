#!/usr/bin/perl
# A PostgreSQL server that is not one: it listens on 127.0.0.1, says "no"
# to every request for TLS (SSLRequest, GSSENCRequest), and when a startup
# packet arrives anyway, asks for a cleartext password, the way a fake or
# misconfigured server would. It records what each client gave away, one
# line each, until it is killed:
#   tls-refused            a client asked for TLS and was told no
#   startup user=NAME      a client went on in clear text (its role)
#   password=TEXT          a client sent its password in clear text
#   fake_pg.pl FILE        prints "#ready PORT" to FILE first (port chosen by the kernel)
use strict;
use warnings;
use IO::Socket::INET;

my ($file) = @ARGV;
open my $out, '>>', $file or die "$file: $!\n";
$out->autoflush(1);
my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 5, ReuseAddr => 1)
    or die "listen: $!\n";
print {$out} "#ready ", $server->sockport, "\n";

# Exactly $n bytes, or undef when the client went away.
sub take {
    my ($client, $n) = @_;
    my $data = '';
    while (length $data < $n) {
        my $got = sysread $client, my $chunk, $n - length $data;
        return undef unless $got;
        $data .= $chunk;
    }
    return $data;
}

while (my $client = $server->accept) {
    while (1) {
        my $head = take($client, 8) // last;
        my ($length, $code) = unpack 'NN', $head;
        last if $length < 8 || $length > 10000;
        my $rest = $length > 8 ? take($client, $length - 8) // last : '';
        if ($code == 80877103 || $code == 80877104) {     # SSLRequest, GSSENCRequest
            print {$out} "tls-refused\n";
            syswrite $client, 'N';
            next;
        }
        my %params = split /\0/, $rest;
        print {$out} "startup user=", ($params{user} // ''), "\n";
        syswrite $client, pack('aNN', 'R', 8, 3);         # AuthenticationCleartextPassword
        my $type = take($client, 1) // last;
        my $size = unpack 'N', take($client, 4) // last;
        my $body = take($client, $size - 4) // last;
        if ($type eq 'p') {
            $body =~ s/\0$//;
            print {$out} "password=$body\n";
        }
        my $error = "SFATAL\0C28P01\0Mnot a real server\0\0";
        syswrite $client, pack('aN', 'E', 4 + length $error) . $error;
        last;
    }
    close $client;
}
