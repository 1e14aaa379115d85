//! tcpdump's one-line-per-packet output. [`Printer`] owns the state tcpdump
//! keeps between packets (relative-sequence table, `-ttt` reference time,
//! name caches) and formats one packet into a reused line buffer; one file per
//! protocol (a folder for the big ones: `icmp6/`, `dns/`) mirrors tcpdump's
//! `print-*.c`. Printers read through [`crate::decode`] views and checked
//! reads; running out of bytes returns [`Trunc`], which ends the line with
//! ` [|proto]` exactly as tcpdump's longjmp does. Printing never allocates per packet once warmed up.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

mod addr;
mod ahcp;
mod aodv;
mod arp;
mod atalk;
mod babel;
mod bcm_li;
mod bfd;
mod bgp;
mod bootp;
mod cdp;
mod chars;
mod chdlc;
mod dccp;
pub mod deferred;
mod dhcp6;
mod dns;
mod dtp;
mod eap;
mod eigrp;
mod geneve;
mod gmpls;
mod gre;
mod hex;
mod hncp;
mod hsrp;
mod icmp;
mod icmp6;
mod igmp;
mod ip;
mod ip6;
mod ip6ext;
mod ipopt;
mod ipsec;
mod ipx;
mod isakmp;
mod isoclns;
mod krb;
mod l2tp;
mod ldp;
mod link;
mod lisp;
mod lldp;
mod lwapp;
mod lwres;
mod mpls;
mod mptcp;
pub mod names;
mod nflog;
mod nfs;
mod nsh;
mod ntp;
mod olsr;
mod ospf;
mod pim;
mod ppp;
mod pppoe;
mod pptp;
mod ptp;
mod radius;
mod resp;
mod rip;
mod rsvp;
mod sctp;
mod sflow;
mod snmp;
mod snmp_mib;
mod someip;
mod ssh;
mod stp;
mod syslog;
mod tcp;
mod tcp_seq;
mod telnet;
mod text;
mod tftp;
mod timed;
mod tok;
mod ts;
mod udld;
mod udp;
mod vqp;
mod vrrp;
mod vtp;
mod vxlan;
mod wb;
mod zephyr;

use std::io::Write as _;

pub use crate::config::{PrintOptions, TimestampStyle};

use crate::decode::Trunc;
use crate::packet::RawPacket;

/// libpcap/tcpdump's MAXIMUM_SNAPLEN, used in the header sanity checks.
const MAXIMUM_SNAPLEN: u32 = 262_144;

impl PrintOptions {
    /// tcpdump's `ndo_suppress_default_print`: `-q`, `-x` and `-X` stop the
    /// hex dump of payloads no printer decodes (`-A` does not).
    fn suppress_default_print(&self) -> bool {
        self.quiet || self.hex > 0 || self.hex_ascii > 0
    }
}

/// Formats packets as tcpdump does, one line at a time. Four parts, each
/// with its own lifetime: what the user asked for, what tcpdump keeps from
/// packet to packet, what the packet being formatted has set so far, and the
/// line being written.
pub struct Printer {
    opts: PrintOptions,
    run: RunState,
    cur: PacketState,
    buf: LineBuf,
}

/// What tcpdump keeps from one packet to the next.
struct RunState {
    /// tcpdump's relative-sequence table (`tcp_seq_hash`).
    seq: tcp_seq::SeqTable,
    /// `-ttt`/`-ttttt`'s reference times.
    ts: ts::TsState,
    /// Host, port and interface names (only without `-n`).
    names: names::Names,
    /// MAC address names (`etheraddr_string`), only without `-n`.
    ethers: addr::EtherNames,
    /// A printer of the threaded pipeline: lookups in the sequence table are
    /// recorded in `LineBuf::seq_ops` and the numbers they change left as
    /// holes, filled in packet order by [`deferred::SeqResolver`].
    defer: bool,
    /// PPP in escaped HDLC framing, unescaped (`ppp_hdlc`'s buffer),
    /// reused from packet to packet.
    ppp_unescaped: Vec<u8>,
    /// DHCPv6's open option lists (`dhcp6::walk`), reused from packet to
    /// packet.
    dhcp6_stack: Vec<dhcp6::Frame>,
    /// tcpdump's NFS call ring (`xid_map`): what a reply answers. Never
    /// touched by a deferred printer (see `LineBuf::redo`).
    xids: Box<nfs::XidMap>,
    /// ISAKMP's initiator cookies (`cookiecache`), which tell `I` from
    /// `R`; like `xids`, never touched by a deferred printer.
    isakmp_cookies: isakmp::CookieCache,
}

/// What the printers of one packet tell each other (tcpdump's `ndo_*`
/// fields set while a packet is printed); reset for every packet.
#[derive(Default)]
struct PacketState {
    /// tcpdump's `ndo_protocol`: the name a truncation marker shows.
    protocol: &'static str,
    /// The destination the transport pseudo-header uses when an IPv4 source
    /// route or an IPv6 routing header names a later one (tcpdump's
    /// `ip_finddst`/`ip6_finddst`); set by the IP printers before demux.
    final_dst: Option<[u8; 16]>,
    /// tcpdump's `ndo_ll_hdr_len`: how many leading bytes the link printer
    /// consumed, which `-x`/`-X`/`-A` (single) leave out of their dump.
    ll_hdr_len: usize,
    /// The truncation being reported is a soft one ([`Printer::soft_trunc`]).
    soft_trunc: bool,
    /// The current segment's relative-sequence lookup: `(found, rev, isn)`.
    seq_now: Option<(bool, bool, tcp_seq::Isn)>,
    /// Deferred: the index of the current segment's lookup in `seq_ops`.
    seq_cur: Option<u32>,
}

/// The line being written: reused from packet to packet (printing
/// allocates nothing once warm).
#[derive(Default)]
struct LineBuf {
    line: Vec<u8>,
    /// Where the current line starts in `line` (a deferred printer formats
    /// straight into its batch's text).
    line_base: usize,
    /// Deferred lookups of this packet, in order (one per TCP header).
    seq_ops: Vec<tcp_seq::SeqOp>,
    holes: Vec<deferred::Hole>,
    /// Deferred: the line needs state this printer does not keep (NFS's
    /// call ring), so the sink formats the packet again, in packet order.
    redo: bool,
}

/// `-#`: the packet's number before its line, as tcpdump prints it.
pub(crate) fn write_number(w: &mut impl std::io::Write, number: u32) -> std::io::Result<()> {
    write!(w, "{number:5}  ")
}

/// Result of a printer: `Err(Trunc)` unwinds to [`Printer::packet`], which
/// prints ` [|proto]` (tcpdump's `nd_trunc_longjmp`).
type P = Result<(), Trunc>;

impl Printer {
    pub fn new(opts: PrintOptions) -> Self {
        let run = RunState {
            seq: tcp_seq::SeqTable::default(),
            ts: ts::TsState::default(),
            names: names::Names::new(opts.numeric == 0),
            ethers: addr::EtherNames::default(),
            defer: false,
            ppp_unescaped: Vec::new(),
            dhcp6_stack: Vec::new(),
            xids: Box::default(),
            isakmp_cookies: isakmp::CookieCache::default(),
        };
        Printer {
            opts,
            run,
            cur: PacketState::default(),
            buf: LineBuf {
                line: Vec::with_capacity(512),
                ..LineBuf::default()
            },
        }
    }

    /// Formats one packet (with its trailing newline) and returns the line.
    pub fn packet(&mut self, pkt: &RawPacket<'_>, number: u32) -> &[u8] {
        self.buf.line.clear();
        self.buf.line_base = 0;
        self.emit(pkt, number);
        &self.buf.line
    }

    /// Appends one packet's line to `self.buf.line` (which may hold earlier
    /// lines: `line_base` is where this one starts).
    fn emit(&mut self, pkt: &RawPacket<'_>, number: u32) {
        self.buf.seq_ops.clear();
        self.buf.holes.clear();
        self.buf.redo = false;
        self.seq_reset();
        // A deferred printer's lines get their number when written, in
        // order (`crate::pipeline::sink`), as only then is it known.
        if self.opts.number && !self.run.defer {
            let _ = write_number(&mut self.buf.line, number);
        }
        if !self.header_sane(pkt) {
            self.buf.line.extend_from_slice(b"]\n");
            return;
        }
        self.run.ts.print(&mut self.buf.line, pkt.ts, &self.opts);
        self.cur.protocol = "";
        self.cur.ll_hdr_len = 0;
        self.cur.soft_trunc = false;
        if link::print(self, pkt).is_err() {
            self.trunc();
            // A printer that unwound (tcpdump's longjmp) dumps the whole
            // packet; a soft truncation keeps the link header out.
            if !self.cur.soft_trunc {
                self.cur.ll_hdr_len = 0;
            }
        }
        hex::packet_dump(self, pkt.data);
        self.buf.line.push(b'\n');
    }

    /// `pretty_print_packet`'s sanity checks; prints the opening of the
    /// `[Invalid header: ...` message and returns false when one fails.
    fn header_sane(&mut self, pkt: &RawPacket<'_>) -> bool {
        let caplen = pkt.caplen();
        let len = pkt.wire_len;
        let mut bad = false;
        fn sep(line: &mut Vec<u8>, bad: &mut bool) {
            if *bad {
                line.push(b',');
            } else {
                line.extend_from_slice(b"[Invalid header:");
            }
            *bad = true;
        }
        if caplen == 0 {
            self.buf
                .line
                .extend_from_slice(b"[Invalid header: caplen==0");
            bad = true;
        }
        if len == 0 {
            sep(&mut self.buf.line, &mut bad);
            self.buf.line.extend_from_slice(b" len==0");
        } else if len < caplen {
            sep(&mut self.buf.line, &mut bad);
            let _ = write!(self.buf.line, " len({len}) < caplen({caplen})");
        }
        if caplen > MAXIMUM_SNAPLEN {
            sep(&mut self.buf.line, &mut bad);
            let _ = write!(self.buf.line, " caplen({caplen}) > {MAXIMUM_SNAPLEN}");
        }
        if len > MAXIMUM_SNAPLEN {
            sep(&mut self.buf.line, &mut bad);
            let _ = write!(self.buf.line, " len({len}) > {MAXIMUM_SNAPLEN}");
        }
        !bad
    }

    /// tcpdump's `ND_TCHECK_*` failing into a printer's `trunc:` label
    /// (`nd_print_trunc` without the longjmp of a `GET_*` read): the same
    /// ` [|proto]` at the end of the line, but `ndo_ll_hdr_len` survives, so
    /// `-x`/`-X`/`-A` still leave the link-layer header out of their dump.
    fn soft_trunc(&mut self) -> Trunc {
        self.cur.soft_trunc = true;
        Trunc
    }

    /// ` [|proto]`
    fn trunc(&mut self) {
        let _ = write!(self.buf.line, " [|{}]", self.cur.protocol);
    }

    fn out(&mut self) -> &mut Vec<u8> {
        &mut self.buf.line
    }

    fn s(&mut self, s: &str) {
        self.buf.line.extend_from_slice(s.as_bytes());
    }

    /// The relative-sequence table, for [`deferred::SeqResolver`] to fill
    /// deferred lines' holes from the same table this printer uses for the
    /// lines it formats again (`LineBuf::redo`).
    pub(crate) fn seq_table(&mut self) -> &mut tcp_seq::SeqTable {
        &mut self.run.seq
    }

    /// A TCP segment's relative-sequence lookup (tcpdump's `tcp_seq_hash`),
    /// done now or, deferred, recorded for [`deferred::SeqResolver`].
    fn seq_lookup(&mut self, op: tcp_seq::SeqOp) {
        if self.run.defer {
            self.cur.seq_cur = Some(self.buf.seq_ops.len() as u32);
            self.buf.seq_ops.push(op);
        } else {
            let (found, th) = self.run.seq.lookup(&op);
            self.cur.seq_now = Some((found, op.rev, th));
        }
    }

    /// A new TCP header: no lookup in force yet.
    fn seq_reset(&mut self) {
        self.cur.seq_now = None;
        self.cur.seq_cur = None;
    }

    /// A sequence, acknowledgment or SACK number as tcpdump prints it after
    /// the lookup of [`Printer::seq_lookup`] (raw when there was none).
    fn seq_num(&mut self, raw: u32, rel: tcp_seq::Rel) {
        if let Some(op) = self.cur.seq_cur {
            let at = (self.buf.line.len() - self.buf.line_base) as u32;
            self.buf.holes.push(deferred::Hole { at, op, raw, rel });
            return;
        }
        match self.cur.seq_now {
            Some((found, rev, th)) => self.dec(tcp_seq::printed(found, rev, th, raw, rel)),
            None => self.dec(raw),
        }
    }

    /// A decimal number, without the formatter (the hot path of every
    /// line: addresses, ports, sequence numbers, window, length).
    fn dec<T: itoa::Integer>(&mut self, v: T) {
        self.buf
            .line
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }
}

/// `write!` into the printer's line; writing into a `Vec` cannot fail.
/// Goes through [`fmt::Write`](std::fmt::Write) on [`Line`] rather than
/// `io::Write`, whose adapter builds and drops an `io::Result` per piece
/// (8% of a `-nn` run in a profile).
macro_rules! out {
    ($p:expr, $($arg:tt)*) => {{
        let _ = ::std::fmt::Write::write_fmt(&mut $crate::print::Line($p.out()), format_args!($($arg)*));
    }};
}

/// The printer's line buffer as a [`std::fmt::Write`] sink.
pub(crate) struct Line<'a>(pub(crate) &'a mut Vec<u8>);

impl std::fmt::Write for Line<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}
pub(crate) use out;
