#!/usr/bin/perl
# The house's floors (DESIGN.md, Layout), checked from the sources of a tree:
#   floors.pl ROOT   prints one line per breach and exits 1 when there is any.
# A file's floor is its folder's: i18n/text 1, db 2, app/core 3, the two front
# ends 4 (screens/ and app/line/, side by side: neither includes the other),
# app/main.c 5. An include may go down a floor or stay on it, never up; no two
# modules (foo.c with foo.h) include each other, directly or round a circle;
# only db/ calls libpq, only screens/ draws with curses; and no status or role
# code is compared in C outside i18n/text/labels.c (the database decides).
use strict;
use warnings;
use File::Find;

my $root = shift // '.';
chdir $root or die "floors: cannot enter $root: $!\n";

sub floor_of {
    my ($path) = @_;
    return [1, 'text'] if $path =~ m{^i18n/text/};
    return [2, 'db'] if $path =~ m{^db/};
    return [3, 'core'] if $path =~ m{^app/core/};
    return [4, 'screens'] if $path =~ m{^screens/};
    return [4, 'line'] if $path =~ m{^app/line/};
    return [5, 'main'] if $path eq 'app/main.c';
    return undef;
}

my @files;
find(sub { push @files, $File::Find::name =~ s{^\./}{}r if /\.[ch]$/ }, '.');
@files = sort grep { floor_of($_) } @files;

my @breaches;
my %edges;     # module -> {module -> 1}
sub module { my ($f) = @_; $f =~ s/\.[ch]$//; $f }

my @codes = qw(received in_review awaiting_documents lapsed escalated approved rejected
               completed withdrawn clerk supervisor auditor admin);
my $code = join '|', @codes;

for my $file (@files) {
    my $here = floor_of($file);
    open my $fh, '<', $file or die "floors: $file: $!\n";
    my $n = 0;
    while (my $line = <$fh>) {
        $n++;
        if ($line =~ /^\s*#\s*include\s*"([^"]+)"/) {
            my $target = $1;
            next if $target eq 'config.h';             # generated paths, no code
            my $there = floor_of($target);
            if (!$there) {
                push @breaches, "$file:$n: includes $target, which is on no floor";
                next;
            }
            if ($there->[0] > $here->[0]) {
                push @breaches, "$file:$n: floor $here->[0] ($here->[1]) includes $target, floor $there->[0] ($there->[1]): an include climbs up";
            } elsif ($there->[0] == 4 && $here->[0] == 4 && $there->[1] ne $here->[1]) {
                push @breaches, "$file:$n: the $here->[1] front end includes $target of the $there->[1] one: they stand side by side";
            }
            my ($from, $to) = (module($file), module($target));
            $edges{$from}{$to} = 1 if $from ne $to;
        }
        if ($line =~ /^\s*#\s*include\s*<(n?cursesw?\/)?(n?curses|term)\.h>/ && $here->[1] ne 'screens') {
            push @breaches, "$file:$n: curses outside screens/";
        }
        if ($line =~ /^\s*#\s*include\s*<libpq-fe\.h>/ && $here->[1] ne 'db') {
            push @breaches, "$file:$n: libpq outside db/";
        }
        if ($line =~ /\bPQ[a-z]\w*\s*\(/ && $here->[1] ne 'db') {
            push @breaches, "$file:$n: calls libpq outside db/";
        }
        if ($file ne 'i18n/text/labels.c' && $line !~ m{^\s*(/\*|\*)} &&
            ($line =~ /\bstrn?(case)?cmp\s*\([^;]*"($code)"/ || $line =~ /==\s*"($code)"|"($code)"\s*==/)) {
            push @breaches, "$file:$n: compares a status or role code in C: ask the database";
        }
    }
    close $fh;
}

# Circles between modules: a depth-first search that meets its own path.
my (%state, @path);
sub visit {
    my ($m) = @_;
    $state{$m} = 1;
    push @path, $m;
    for my $next (sort keys %{$edges{$m} // {}}) {
        if (($state{$next} // 0) == 1) {
            my @circle = (@path[(grep { $path[$_] eq $next } 0 .. $#path)[0] .. $#path], $next);
            push @breaches, "include circle: " . join(' -> ', @circle);
        } elsif (!$state{$next}) {
            visit($next);
        }
    }
    pop @path;
    $state{$m} = 2;
}
visit($_) for grep { !$state{$_} } sort keys %edges;

print "$_\n" for @breaches;
printf "floors: %d files, %d includes between modules, %d breaches\n", scalar @files,
    scalar(map { keys %$_ } values %edges), scalar @breaches;
exit(@breaches ? 1 : 0);
