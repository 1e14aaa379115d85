//! `--follow N`: one TCP stream's payload in order, both directions, printed
//! as `tshark -r FILE -qz follow,tcp,FORMAT,N` (Wireshark 4.0.17) prints it.
//!
//! It owns the reassembly of the followed stream and the text of its output;
//! it reads the analyzer's `Segment`s (already decoded; no byte is parsed
//! here) of the connection numbered N (the analyzer's numbering, Wireshark's
//! `tcp.stream`). The rules are Wireshark's, ported from its TCP follow tap
//! (`follow_tcp_tap_listener` and `check_follow_fragments` in
//! `epan/dissectors/packet-tcp.c`) and its printer (`follow_draw` in
//! `ui/cli/tap-follow.c`):
//!
//! - "Node 0", the client, is the sender of the stream's first segment;
//! - sequence numbers are Wireshark's relative ones, the connection's
//!   (`Conn::numbered`: each direction's base is its SYN's number, or one
//!   before its first segment's, or one before the first acknowledgement of
//!   it seen from the other side); the
//!   acknowledgement numbers a segment without ACK carries stay absolute,
//!   as Wireshark leaves them;
//! - a segment extending its direction is a chunk at once (its new bytes
//!   only when it overlaps what came before: retransmitted bytes once);
//!   one ahead of it waits, in arrival order, until the gap is filled;
//! - when the other side acknowledges past the lowest waiting segment, the
//!   bytes were lost from the capture: a chunk `[N bytes missing in capture
//!   file]` (with C's terminating NUL, which tshark prints too) stands for
//!   them;
//! - each chunk is printed as it is made: ascii/ebcdic as its length then
//!   its bytes, hex as a dump whose offsets count each direction's bytes,
//!   raw as hex digits, yaml as base64; the server's chunks are indented by
//!   a tab (not in yaml). A segment Wireshark would not hand its tap (the
//!   capture cut its header; a header longer than the IP payload) is
//!   skipped.
//!
//! Memory: the chunks are written out as soon as they are in order, so only
//! the segments waiting behind a gap are kept, at most [`WAITING_CAP`] bytes
//! (and [`WAITING_MAX`] segments); past that a segment that would wait is
//! dropped and counted, and the run says so on stderr at the end (tshark
//! keeps them all; the output then differs from its).

use std::fmt::Write as _;
use std::net::IpAddr;

use base64::Engine as _;

use super::segment::Segment;
use crate::config::analyze::{Follow, FollowFormat};
use crate::decode::tcp::TcpFlags;

/// The bytes of out-of-order segments held at most.
pub const WAITING_CAP: usize = 64 << 20;
/// The out-of-order segments held at most.
pub const WAITING_MAX: usize = 1 << 16;

const SEPARATOR: &str = "===================================================================\n";

/// A segment ahead of its direction's stream, waiting for the gap.
struct Waiting {
    seq: u32,
    data: Vec<u8>,
    frame: u64,
    ts: u64,
}

/// Where a chunk came from (yaml prints it).
#[derive(Clone, Copy)]
struct Origin {
    frame: u64,
    /// ns since the epoch; 0 for a gap's chunk, as tshark leaves it.
    ts: u64,
}

/// The followed stream: tshark's `follow_info_t` for one TCP stream.
pub struct Follower {
    opts: Follow,
    /// The first segment's sender and receiver (Node 0, Node 1).
    ends: Option<((IpAddr, u16), (IpAddr, u16))>,
    /// Per direction (0: from Node 0): the next sequence number expected
    /// (relative), bytes put in order, the segments waiting and the hex
    /// dump's offset.
    next: [u32; 2],
    written: [u32; 2],
    waiting: [Vec<Waiting>; 2],
    offset: [u32; 2],
    held: usize,
    dropped: (u64, u64),
    header: bool,
}

/// `a` before `b` in sequence space (`LT_SEQ`).
fn lt(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

/// `a` after `b` in sequence space (`GT_SEQ`).
fn gt(a: u32, b: u32) -> bool {
    (b.wrapping_sub(a) as i32) < 0
}

impl Follower {
    pub fn new(opts: Follow) -> Follower {
        Follower {
            opts,
            ends: None,
            next: [0; 2],
            written: [0; 2],
            waiting: [Vec::new(), Vec::new()],
            offset: [0; 2],
            held: 0,
            dropped: (0, 0),
            header: false,
        }
    }

    /// The stream number followed (from 0).
    pub fn stream(&self) -> u64 {
        self.opts.stream
    }

    /// One segment of the stream, the `frame`th packet kept (from 1),
    /// captured at `ts` (ns), with its relative sequence and
    /// acknowledgement numbers (`rel`: the connection's, Wireshark's
    /// `tcp_relative_seq`, `Conn::numbered`); chunks made go to `out`.
    pub fn segment(&mut self, s: &Segment<'_>, rel: (u32, u32), frame: u64, out: &mut Vec<u8>) {
        // Wireshark's tap sees a segment whose header was captured whole
        // and fits in the IP payload (`th_have_seglen`).
        let Some(payload) = s.payload else {
            return;
        };
        if !s.header_fits {
            return;
        }
        let (rel_seq, ack) = rel;
        let (client, _) = *self
            .ends
            .get_or_insert(((s.src, s.sport), (s.dst, s.dport)));
        let d = usize::from(client != (s.src, s.sport));
        let o = 1 - d;
        let mut sequence = rel_seq;
        if s.flags.has(TcpFlags::SYN) {
            sequence = sequence.wrapping_add(1);
        }
        let mut length = s.len;
        let now = Origin { frame, ts: s.ts };

        // This segment may acknowledge what the capture lost the other way.
        if !self.waiting[o].is_empty() {
            while self.fragments(o, ack, now, true, out) {}
        }
        if self.written[d] == 0 && self.next[d] == 0 {
            self.next[d] = sequence;
        }
        let mut from = 0usize;
        let mut data_len = payload.len();
        if lt(sequence, self.next[d]) {
            let end = sequence.wrapping_add(length);
            if gt(end, self.next[d]) {
                // Partly seen before: only the new bytes.
                let skip = self.next[d].wrapping_sub(sequence) as usize;
                data_len = data_len.saturating_sub(skip);
                from = skip;
                sequence = self.next[d];
                length = end.wrapping_sub(self.next[d]);
            }
        }
        if data_len == 0 || lt(sequence, self.next[d]) {
            return;
        }
        let data = payload.get(from..from + data_len).unwrap_or_default();
        if sequence == self.next[d] {
            self.next[d] = self.next[d].wrapping_add(length);
            self.written[d] = self.written[d].wrapping_add(data.len() as u32);
            self.chunk(d, data, now, out);
            while self.fragments(d, 0, now, false, out) {}
        } else if self.held + data.len() > WAITING_CAP
            || self.waiting[0].len() + self.waiting[1].len() >= WAITING_MAX
        {
            self.dropped.0 += 1;
            self.dropped.1 += data.len() as u64;
        } else {
            self.held += data.len();
            self.waiting[d].push(Waiting {
                seq: sequence,
                data: data.to_vec(),
                frame,
                ts: s.ts,
            });
        }
    }

    /// `check_follow_fragments`: puts one waiting segment of direction `d`
    /// in order (or a gap's chunk when `use_ack` and `acked` is past the
    /// lowest one); whether it did.
    fn fragments(
        &mut self,
        d: usize,
        acked: u32,
        now: Origin,
        use_ack: bool,
        out: &mut Vec<u8>,
    ) -> bool {
        let Some(first) = self.waiting[d].first() else {
            return false;
        };
        let mut lowest = first.seq;
        let next = self.next[d];
        let mut hit = None;
        for (i, w) in self.waiting[d].iter().enumerate() {
            if gt(lowest, w.seq) {
                lowest = w.seq;
            }
            if lt(w.seq, next) || w.seq == next {
                hit = Some(i);
                break;
            }
        }
        if let Some(i) = hit {
            let w = self.waiting[d].remove(i);
            self.held -= w.data.len();
            let origin = Origin {
                frame: w.frame,
                ts: w.ts,
            };
            let len = w.data.len() as u32;
            if w.seq == next {
                if !w.data.is_empty() {
                    self.chunk(d, &w.data, origin, out);
                }
                self.next[d] = next.wrapping_add(len);
            } else if gt(w.seq.wrapping_add(len), next) {
                // Its start was seen already: the rest only.
                let skip = next.wrapping_sub(w.seq);
                if len > skip {
                    self.chunk(
                        d,
                        w.data.get(skip as usize..).unwrap_or_default(),
                        origin,
                        out,
                    );
                }
                self.next[d] = next.wrapping_add(len.wrapping_sub(skip));
            }
            return true;
        }
        if use_ack && gt(acked, lowest) {
            // Seen by the receiver, not by the capture.
            let mut text = format!(
                "[{} bytes missing in capture file]",
                lowest.wrapping_sub(next) as i32
            )
            .into_bytes();
            text.push(0);
            let origin = Origin {
                frame: now.frame,
                ts: 0,
            };
            self.chunk(d, &text, origin, out);
            self.next[d] = lowest;
            return true;
        }
        false
    }

    /// tshark's header (once, before the first chunk or at the end).
    fn header(&mut self, out: &mut Vec<u8>) {
        if std::mem::replace(&mut self.header, true) {
            return;
        }
        let none = (None, 0);
        let (a, b) = self
            .ends
            .map_or((none, none), |(a, b)| ((Some(a.0), a.1), (Some(b.0), b.1)));
        let mut s = String::new();
        if self.opts.format == FollowFormat::Yaml {
            s.push_str("peers:\n");
            for (i, (ip, port)) in [a, b].into_iter().enumerate() {
                let host = ip.map(|ip| ip.to_string()).unwrap_or_default();
                let _ = write!(s, "  - peer: {i}\n    host: {host}\n    port: {port}\n");
            }
            s.push_str("packets:\n");
        } else {
            let _ = write!(
                s,
                "\n{SEPARATOR}Follow: tcp,{}\nFilter: tcp.stream eq {}\n",
                self.opts.format.name(),
                self.opts.stream
            );
            for (i, (ip, port)) in [a, b].into_iter().enumerate() {
                let _ = match ip {
                    Some(IpAddr::V6(v6)) => writeln!(s, "Node {i}: [{v6}]:{port}"),
                    Some(IpAddr::V4(v4)) => writeln!(s, "Node {i}: {v4}:{port}"),
                    None => writeln!(s, "Node {i}: :{port}"),
                };
            }
        }
        out.extend_from_slice(s.as_bytes());
    }

    /// One chunk of direction `d` (1: the server's), printed at once.
    fn chunk(&mut self, d: usize, data: &[u8], origin: Origin, out: &mut Vec<u8>) {
        self.header(out);
        let tab: &[u8] = if d == 1 { b"\t" } else { b"" };
        match self.opts.format {
            FollowFormat::Ascii | FollowFormat::Ebcdic => {
                out.extend_from_slice(tab);
                out.extend_from_slice(format!("{}\n", data.len()).as_bytes());
                let start = out.len();
                out.extend(data.iter().map(|&c| match c {
                    b'\r' | b'\n' => c,
                    0x20..=0x7e => c,
                    _ => b'.',
                }));
                out.push(b'\n');
                if self.opts.format == FollowFormat::Ebcdic {
                    for c in out.iter_mut().skip(start) {
                        *c = EBCDIC_TO_ASCII[usize::from(*c)];
                    }
                }
            }
            FollowFormat::Hex => {
                hex_dump(tab, self.offset[d], data, out);
                self.offset[d] = self.offset[d].wrapping_add(data.len() as u32);
            }
            FollowFormat::Raw => {
                out.extend_from_slice(tab);
                for &c in data {
                    out.push(HEX[usize::from(c >> 4)]);
                    out.push(HEX[usize::from(c & 0xf)]);
                }
                out.push(b'\n');
            }
            FollowFormat::Yaml => {
                // `nstime_to_sec`: a double, printed with %.9f.
                let secs =
                    (origin.ts / 1_000_000_000) as f64 + (origin.ts % 1_000_000_000) as f64 / 1e9;
                let mut s = format!(
                    "  - packet: {}\n    peer: {d}\n    timestamp: {secs:.9}\n    data: !!binary |\n",
                    origin.frame
                );
                for line in data.chunks(57) {
                    s.push_str("      ");
                    base64::engine::general_purpose::STANDARD.encode_string(line, &mut s);
                    s.push('\n');
                }
                out.extend_from_slice(s.as_bytes());
            }
        }
    }

    /// The end of the capture: the header if no chunk printed it, the
    /// closing separator, and on `err` what was dropped past the cap.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Option<String> {
        self.header(out);
        if self.opts.format != FollowFormat::Yaml {
            out.extend_from_slice(SEPARATOR.as_bytes());
        }
        (self.dropped.0 > 0).then(|| {
            format!(
                "--follow: {} out-of-order segments ({} bytes) dropped past the {} MiB held \
                 waiting for a gap; the output differs from tshark's there",
                self.dropped.0,
                self.dropped.1,
                WAITING_CAP >> 20
            )
        })
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `follow_print_hex`: 16 bytes a line, the offset in upper-case hex, an
/// extra space after the eighth byte, the printable characters at the
/// right (the line's trailing space cut).
fn hex_dump(prefix: &[u8], mut offset: u32, data: &[u8], out: &mut Vec<u8>) {
    for line in data.chunks(16) {
        let mut buf = [b' '; 78];
        let head = format!("{offset:08X}");
        buf[..8].copy_from_slice(&head.as_bytes()[..8]);
        let (mut h, mut a) = (10usize, 60usize);
        for (i, &c) in line.iter().enumerate() {
            buf[h] = HEX[usize::from(c >> 4)];
            buf[h + 1] = HEX[usize::from(c & 0xf)];
            h += 3;
            buf[a] = if (0x20..0x7f).contains(&c) { c } else { b'.' };
            a += 1;
            if i == 7 {
                h += 1;
                a += 1;
            }
        }
        if buf[a - 1] == b' ' {
            a -= 1;
        }
        out.extend_from_slice(prefix);
        out.extend_from_slice(&buf[..a]);
        out.push(b'\n');
        offset = offset.wrapping_add(16);
    }
}

/// `EBCDIC_translate_ASCII` (`epan/charsets.c`).
#[rustfmt::skip]
const EBCDIC_TO_ASCII: [u8; 256] = [
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
    0x2E, 0x2E, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x2E, 0x3F,
    0x20, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x3C, 0x28, 0x2B, 0x7C,
    0x26, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x21, 0x24, 0x2A, 0x29, 0x3B, 0x5E,
    0x2D, 0x2F, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x7C, 0x2C, 0x25, 0x5F, 0x3E, 0x3F,
    0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x3A, 0x23, 0x40, 0x27, 0x3D, 0x22,
    0x2E, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
    0x2E, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
    0x2E, 0x7E, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x2E, 0x2E, 0x2E, 0x5B, 0x2E, 0x2E,
    0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x5D, 0x2E, 0x2E,
    0x7B, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
    0x7D, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0x51, 0x52, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
    0x5C, 0x2E, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E, 0x2E,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_dump_pads_short_lines_and_cuts_the_middle_space() {
        let mut out = Vec::new();
        hex_dump(b"\t", 0xa0, b"0123456789", &mut out);
        let want = format!(
            "\t000000A0  30 31 32 33 34 35 36 37  38 39{}01234567 89\n",
            " ".repeat(20)
        );
        assert_eq!(String::from_utf8(out).unwrap(), want);
        let mut out = Vec::new();
        hex_dump(b"", 0, b"01234567", &mut out);
        let want = format!(
            "00000000  30 31 32 33 34 35 36 37{}01234567\n",
            " ".repeat(27)
        );
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn sequence_comparisons_wrap() {
        assert!(lt(0xffff_fff0, 5));
        assert!(gt(5, 0xffff_fff0));
        assert!(!lt(5, 5) && !gt(5, 5));
    }
}
