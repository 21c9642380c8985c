#!/usr/bin/perl
# A PostgreSQL Unix-socket proxy that loses one answer on demand, for the
# tests of what a client does after a lost reply (issue 14, point 2):
#
#   drop_proxy.pl LISTEN_SOCKET SERVER_SOCKET CONTROL_FILE
#
# It passes every connection through, message by message, until
# CONTROL_FILE holds "MODE TEXT": the next message from a client that
# contains TEXT (a function's name, say) is then
#   before  dropped with the connection: the server never sees it, so
#           nothing is committed;
#   after   passed on, and the connection dropped once the server has
#           answered it whole (its ReadyForQuery: the transaction is over,
#           committed), without a byte of that answer reaching the client.
# Then CONTROL_FILE is emptied (one drop per order) and CONTROL_FILE.done
# gets a line "MODE TEXT". While CONTROL_FILE.down exists, every new
# connection is closed at once: the database cannot be reached; an order
# "MODE TEXT down" makes that file as it drops the connection. It stops
# on SIGTERM.
use strict;
use warnings;
use IO::Select;
use IO::Socket::UNIX;
use Socket qw(SOCK_STREAM);

my ($listen_path, $server_path, $control) = @ARGV;
die "usage: drop_proxy.pl LISTEN_SOCKET SERVER_SOCKET CONTROL_FILE\n" unless defined $control;
unlink $listen_path;
my $listener = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $listen_path, Listen => 16)
    or die "drop_proxy: $listen_path: $!\n";
chmod 0777, $listen_path;
$SIG{TERM} = sub { unlink $listen_path; exit 0 };

my $select = IO::Select->new($listener);
my %peer;       # socket -> the other end
my %is_client;  # socket -> 1 for the client's end
my %inbuf;      # socket -> bytes read and not yet passed on
my %started;    # client socket -> 1 once its startup message went by
my %draining;   # server socket -> 1: swallow its answer up to ReadyForQuery

sub order {
    open my $fh, '<', $control or return;
    my $line = <$fh> // '';
    close $fh;
    return $line =~ /^(before|after) (\S+)( down)?\s*$/ ? ($1, $2, $3) : ();
}

sub done {
    my ($mode, $text, $down) = @_;
    if ($down && open my $d, '>', "$control.down") { close $d; }
    if (open my $fh, '>', $control) { close $fh; }
    if (open my $out, '>>', "$control.done") { print $out "$mode $text\n"; close $out; }
}

sub close_pair {
    my ($sock) = @_;
    my $other = $peer{$sock};
    for my $s ($sock, $other) {
        next unless $s;
        $select->remove($s);
        delete $peer{$s}; delete $is_client{$s}; delete $inbuf{$s}; delete $started{$s}; delete $draining{$s};
        close $s;
    }
}

# The complete messages at the start of a buffer: the client's first one
# (startup, SSL or cancel request) has no type byte, every other has one.
sub next_message {
    my ($sock) = @_;
    my $buf = \$inbuf{$sock};
    my $typed = !($is_client{$sock} && !$started{$sock});
    my $head = $typed ? 5 : 4;
    return undef if length($$buf) < $head;
    my $len = unpack('N', substr($$buf, $typed ? 1 : 0, 4));
    my $total = $len + ($typed ? 1 : 0);
    return undef if length($$buf) < $total;
    my $msg = substr($$buf, 0, $total, '');
    $started{$sock} = 1 if $is_client{$sock} && !$typed && $len > 8;    # not an SSL/GSS request
    return $msg;
}

while (1) {
    for my $sock ($select->can_read) {
        if ($sock == $listener) {
            my $client = $listener->accept or next;
            if (-e "$control.down") { close $client; next; }
            my $server = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $server_path);
            unless ($server) { close $client; next; }
            $peer{$client} = $server; $peer{$server} = $client;
            $is_client{$client} = 1;
            $inbuf{$client} = $inbuf{$server} = '';
            $select->add($client, $server);
            next;
        }
        my $got = sysread($sock, my $chunk, 65536);
        if (!$got) { close_pair($sock); next; }
        $inbuf{$sock} .= $chunk;
        my $other = $peer{$sock};
        while (defined(my $msg = next_message($sock))) {
            if ($is_client{$sock}) {
                my ($mode, $text, $down) = order();
                if ($mode && index($msg, $text) >= 0) {
                    done($mode, $text, $down);
                    if ($mode eq 'before') { close_pair($sock); last; }
                    $draining{$other} = 1;
                }
                syswrite($other, $msg);
            } elsif ($draining{$sock}) {
                if (substr($msg, 0, 1) eq 'Z') { close_pair($sock); last; }
            } else {
                syswrite($other, $msg);
            }
        }
    }
}
