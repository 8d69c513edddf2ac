#!/usr/bin/perl
# test_events.pl: domain events through Sys::Virt (Debian's
# libsys-virt-perl) with an event loop written in Perl, registered with
# Sys::Virt::Event::register: the library must hand the loop a usable
# opaque for every timeout and watch it adds. Runs on our library and on
# Debian's; TAP output.
use strict;
use warnings;
use Sys::Virt;
use Sys::Virt::Event;
use Time::HiRes qw(time);
$| = 1;

package PerlLoop;
our @ISA = ('Sys::Virt::Event');

sub new { return bless { watches => {}, timers => {}, next => 1 }, shift }

sub add_handle {
    my ($self, $fd, $events, $cb, $opaque, $ff) = @_;
    my $id = $self->{next}++;
    $self->{watches}{$id} = { fd => $fd, events => $events, cb => $cb, opaque => $opaque, ff => $ff };
    return $id;
}

sub update_handle {
    my ($self, $id, $events) = @_;
    $self->{watches}{$id}{events} = $events if $self->{watches}{$id};
}

sub remove_handle {
    my ($self, $id) = @_;
    my $w = delete $self->{watches}{$id} or return -1;
    $self->_free_callback_opaque($w->{ff}, $w->{opaque}) if $w->{ff};
    return 0;
}

sub add_timeout {
    my ($self, $ms, $cb, $opaque, $ff) = @_;
    my $id = $self->{next}++;
    $self->{timers}{$id} = { ms => $ms, due => time + $ms / 1000, cb => $cb, opaque => $opaque, ff => $ff };
    return $id;
}

sub update_timeout {
    my ($self, $id, $ms) = @_;
    my $t = $self->{timers}{$id} or return;
    $t->{ms} = $ms;
    $t->{due} = time + $ms / 1000;
}

sub remove_timeout {
    my ($self, $id) = @_;
    my $t = delete $self->{timers}{$id} or return -1;
    $self->_free_callback_opaque($t->{ff}, $t->{opaque}) if $t->{ff};
    return 0;
}

# One turn: wait for a watch or the nearest timeout, then run what is due.
sub run_once {
    my ($self, $max) = @_;
    my $wait = $max;
    for my $t (values %{$self->{timers}}) {
        next if $t->{ms} < 0;
        my $left = $t->{due} - time;
        $wait = $left if $left < $wait;
    }
    $wait = 0 if $wait < 0;
    my ($rin, $win) = ('', '');
    for my $w (values %{$self->{watches}}) {
        vec($rin, $w->{fd}, 1) = 1 if $w->{events} & Sys::Virt::Event::HANDLE_READABLE;
        vec($win, $w->{fd}, 1) = 1 if $w->{events} & Sys::Virt::Event::HANDLE_WRITABLE;
    }
    my ($rout, $wout);
    select($rout = $rin, $wout = $win, undef, $wait);
    for my $id (sort keys %{$self->{timers}}) {
        my $t = $self->{timers}{$id} or next;
        next if $t->{ms} < 0 || $t->{due} > time;
        $t->{due} = time + $t->{ms} / 1000;
        $self->_run_timeout_callback($id, $t->{cb}, $t->{opaque});
    }
    for my $id (sort keys %{$self->{watches}}) {
        my $w = $self->{watches}{$id} or next;
        my $ev = 0;
        $ev |= Sys::Virt::Event::HANDLE_READABLE if $rout && vec($rout, $w->{fd}, 1);
        $ev |= Sys::Virt::Event::HANDLE_WRITABLE if $wout && vec($wout, $w->{fd}, 1);
        $self->_run_handle_callback($id, $w->{fd}, $ev, $w->{cb}, $w->{opaque}) if $ev;
    }
}

package main;

my $n = 0;
my $failed = 0;
sub ok {
    my ($cond, $name, $diag) = @_;
    $n++;
    print(($cond ? "ok" : "not ok") . " $n - $name\n");
    if (!$cond) {
        $failed++;
        print "#   $diag\n" if defined $diag;
    }
}

my $loop = PerlLoop->new;
Sys::Virt::Event::register($loop);
my $conn = Sys::Virt->new(uri => "test:///default");
my @seen;
my $id = $conn->domain_event_register_any(undef, Sys::Virt::Domain::EVENT_ID_LIFECYCLE,
    sub { my ($c, $dom, $event, $detail) = @_; push @seen, [$dom->get_name, $event, $detail] });
ok($id == 0, "the first callback of a connection has id 0", "id $id");
ok(scalar(keys %{$loop->{timers}}) >= 1, "the library added a timeout to our loop");
my $dom = $conn->get_domain_by_name("test");
$dom->suspend;
$dom->resume;
my $end = time + 5;
$loop->run_once(0.1) while @seen < 2 && time < $end;
ok(@seen == 2, "two lifecycle events arrived through the Perl loop", scalar(@seen) . " events");
ok(@seen && $seen[0][0] eq "test" && $seen[0][1] == Sys::Virt::Domain::EVENT_SUSPENDED,
   "suspend came first, for domain test");
ok(@seen > 1 && $seen[1][1] == Sys::Virt::Domain::EVENT_RESUMED, "then resume");
$conn->domain_event_deregister_any($id);
my $id2 = $conn->domain_event_register_any(undef, Sys::Virt::Domain::EVENT_ID_REBOOT, sub { });
ok($id2 == 1, "ids are not reused after deregistration", "id $id2");
$conn->domain_event_deregister_any($id2);
print "1..$n\n";
exit($failed ? 1 : 0);
