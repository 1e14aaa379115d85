//! The packets table: one row per packet the filter kept (every link type:
//! the columns a packet has no layer for are null), from the layers
//! `decode::frame` finds: the link (Ethernet addresses, the first VLAN),
//! the innermost IP header, its transport (ports, ICMP type and code) and,
//! for TCP, tcpdump's flag letters, absolute and relative sequence numbers,
//! the window, the options (as `--json` lists them) and what the analyzer
//! knows: Wireshark's `tcp.analysis.*` flags and the `conn_id` that joins
//! the connections table. Rows go into Arrow builders, handed on as a batch
//! every `BATCH_ROWS`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, OnceLock};

use arrayvec::ArrayVec;
use arrow_array::builder::{FixedSizeBinaryBuilder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray, TimestampMicrosecondArray,
    TimestampNanosecondArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use super::{Input, addr16, dict, tlvs, ts_type, ts_value};
use crate::analyze::PacketFacts;
use crate::analyze::{analysis_names, write_option_records};

use crate::decode::frame::MAX_LAYERS;
use crate::decode::tcp::TcpFlags;
use crate::decode::{Decoded, Layer};
use crate::packet::RawPacket;

/// The columns being filled.
pub struct Builder {
    /// For CSV (the timestamps' zone, the schema's timestamp type).
    csv: bool,
    schema: SchemaRef,
    /// The timestamp column's zone (`ts_type`).
    tz: &'static str,
    unit: TimeUnit,
    input: Input,
    /// The last pcapng interface seen: its id and its key in `interface`.
    iface: Option<(u32, Option<i32>)>,
    text: String,
    /// The IPv6 addresses' text, memoized (Display finds the longest run of
    /// zeros each time; a capture's addresses repeat).
    v6_text: V6Text,
    n: usize,
    packet_no: Int64Builder,
    interface: Dict,
    ts: Vec<i64>,
    caplen: Int32Builder,
    wire_len: Int32Builder,
    link_type: Int32Builder,
    layers: Dict,
    /// This batch's `layers` values (the layers' names) and their keys.
    layer_keys: Vec<(ArrayVec<&'static str, MAX_LAYERS>, i32)>,
    eth_src: StringBuilder,
    eth_dst: StringBuilder,
    ethertype: Int32Builder,
    vlan_id: Int32Builder,
    ip_version: Int32Builder,
    ip_src: StringBuilder,
    ip_dst: StringBuilder,
    ip_src_bin: FixedSizeBinaryBuilder,
    ip_dst_bin: FixedSizeBinaryBuilder,
    ip_proto: Int32Builder,
    ip_ttl: Int32Builder,
    ip_len: Int32Builder,
    src_port: Int32Builder,
    dst_port: Int32Builder,
    icmp_type: Int32Builder,
    icmp_code: Int32Builder,
    tcp_flags: Dict,
    /// This batch's key of each flags byte (-1: not yet a value).
    flag_keys: [i32; 256],
    tcp_seq: Int64Builder,
    tcp_ack: Int64Builder,
    tcp_seq_rel: Int64Builder,
    tcp_ack_rel: Int64Builder,
    tcp_win: Int32Builder,
    tcp_len: Int32Builder,
    tcp_options: StringBuilder,
    tcp_analysis: Dict,
    /// This batch's key of each set of `tcp.analysis` bits met.
    analysis_keys: Vec<(u16, i32)>,
    conn_id: Int64Builder,
}

/// A dictionary-encoded string column filled by key: each value is added
/// once per batch and rows take its key (Arrow's `StringDictionaryBuilder`
/// hashes the string of every row; here the caller knows the value by a
/// cheaper name: a flags byte, the analysis bits, the layers' kinds).
struct Dict {
    keys: Int32Builder,
    values: StringBuilder,
    len: i32,
}

impl Dict {
    fn new() -> Dict {
        Dict {
            keys: Int32Builder::with_capacity(super::BATCH_ROWS),
            values: StringBuilder::new(),
            len: 0,
        }
    }
    /// Adds a value; its key.
    fn add(&mut self, v: &str) -> i32 {
        self.values.append_value(v);
        self.len += 1;
        self.len - 1
    }
    fn finish(&mut self) -> Result<ArrayRef, ArrowError> {
        self.len = 0;
        let keys = self.keys.finish();
        let values = self.values.finish();
        Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(
            keys,
            Arc::new(values),
        )?))
    }
}

/// One value repeated `n` times (or null), as a dictionary column: the
/// input's name and host, the same in every row.
fn constant(v: Option<&str>, n: usize) -> Result<ArrayRef, ArrowError> {
    let (keys, values) = match v {
        Some(v) => (Int32Array::from(vec![0; n]), StringArray::from(vec![v])),
        None => (
            Int32Array::new_null(n),
            StringArray::from(Vec::<&str>::new()),
        ),
    };
    Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(
        keys,
        Arc::new(values),
    )?))
}

/// Memoized IPv6 text, direct-mapped by a hash of the address.
struct V6Text(Vec<Option<(Ipv6Addr, String)>>);

impl V6Text {
    const SLOTS: usize = 1024;
    fn new() -> V6Text {
        V6Text(vec![None; Self::SLOTS])
    }
    fn get(&mut self, a: Ipv6Addr) -> &str {
        let o = a.octets();
        let h = u64::from_le_bytes([o[8], o[9], o[10], o[11], o[12], o[13], o[14], o[15]])
            ^ u64::from_le_bytes([o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]]);
        let slot = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % Self::SLOTS;
        let Some(e) = self.0.get_mut(slot) else {
            return "";
        };
        if e.as_ref().is_none_or(|(k, _)| *k != a) {
            *e = Some((a, a.to_string()));
        }
        e.as_ref().map_or("", |(_, t)| t.as_str())
    }
}

/// `a.b.c.d` into `out`, as `Ipv4Addr`'s Display writes it, without the
/// formatting machinery.
fn v4_text(out: &mut [u8; 15], a: Ipv4Addr) -> &str {
    let mut n = 0;
    for (i, b) in a.octets().into_iter().enumerate() {
        if i > 0 {
            out[n] = b'.';
            n += 1;
        }
        if b >= 100 {
            out[n] = b'0' + b / 100;
            n += 1;
        }
        if b >= 10 {
            out[n] = b'0' + b / 10 % 10;
            n += 1;
        }
        out[n] = b'0' + b % 10;
        n += 1;
    }
    std::str::from_utf8(&out[..n]).unwrap_or_default()
}

/// Every flags byte's text, tcpdump's letters (`TcpFlags`'s Display).
fn flag_texts() -> &'static [String; 256] {
    static T: OnceLock<[String; 256]> = OnceLock::new();
    T.get_or_init(|| std::array::from_fn(|b| TcpFlags(b as u8).to_string()))
}

fn schema(unit: TimeUnit, csv: bool) -> SchemaRef {
    use DataType::{Int32, Int64, Utf8};
    let f = Field::new;
    Arc::new(Schema::new(vec![
        f("packet_no", Int64, false),
        dict("input_file", false),
        dict("capture_hardware", true),
        dict("capture_os", true),
        dict("interface", true),
        f("ts", ts_type(unit, csv), false),
        f("caplen", Int32, false),
        f("wire_len", Int32, false),
        f("link_type", Int32, false),
        dict("layers", false),
        f("eth_src", Utf8, true),
        f("eth_dst", Utf8, true),
        f("ethertype", Int32, true),
        f("vlan_id", Int32, true),
        f("ip_version", Int32, true),
        f("ip_src", Utf8, true),
        f("ip_dst", Utf8, true),
        f("ip_src_bin", DataType::FixedSizeBinary(16), true),
        f("ip_dst_bin", DataType::FixedSizeBinary(16), true),
        f("ip_proto", Int32, true),
        f("ip_ttl", Int32, true),
        f("ip_len", Int32, true),
        f("src_port", Int32, true),
        f("dst_port", Int32, true),
        f("icmp_type", Int32, true),
        f("icmp_code", Int32, true),
        dict("tcp_flags", true),
        f("tcp_seq", Int64, true),
        f("tcp_ack", Int64, true),
        f("tcp_seq_rel", Int64, true),
        f("tcp_ack_rel", Int64, true),
        f("tcp_win", Int32, true),
        f("tcp_len", Int32, true),
        f("tcp_options", Utf8, true),
        dict("tcp_analysis", true),
        f("conn_id", Int64, true),
    ]))
}

/// `aa:bb:cc:dd:ee:ff` into `out` (a table lookup per nibble: `write!`
/// was a tenth of the table's time).
fn mac<'a>(out: &'a mut [u8; 17], m: &[u8; 6]) -> &'a str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, &b) in m.iter().enumerate() {
        out[i * 3] = HEX[usize::from(b >> 4)];
        out[i * 3 + 1] = HEX[usize::from(b & 0xf)];
        if i < 5 {
            out[i * 3 + 2] = b':';
        }
    }
    std::str::from_utf8(out).unwrap_or_default()
}

fn i32_of(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl Builder {
    pub fn new(input: Input, unit: TimeUnit, csv: bool) -> Builder {
        // Every column sized for a whole batch: `finish` hands the
        // buffers to the batch and starts a new Builder, so none grows by
        // reallocation (6% of the table's instructions when they did).
        const R: usize = super::BATCH_ROWS;
        Builder {
            csv,
            schema: schema(unit, csv),
            tz: if csv { "+00:00" } else { "UTC" },
            unit,
            input,
            iface: None,
            text: String::new(),
            v6_text: V6Text::new(),
            n: 0,
            packet_no: Int64Builder::with_capacity(R),
            interface: Dict::new(),
            ts: Vec::with_capacity(R),
            caplen: Int32Builder::with_capacity(R),
            wire_len: Int32Builder::with_capacity(R),
            link_type: Int32Builder::with_capacity(R),
            layers: Dict::new(),
            layer_keys: Vec::new(),
            eth_src: StringBuilder::with_capacity(R, R * 17),
            eth_dst: StringBuilder::with_capacity(R, R * 17),
            ethertype: Int32Builder::with_capacity(R),
            vlan_id: Int32Builder::with_capacity(R),
            ip_version: Int32Builder::with_capacity(R),
            ip_src: StringBuilder::with_capacity(R, R * 16),
            ip_dst: StringBuilder::with_capacity(R, R * 16),
            ip_src_bin: FixedSizeBinaryBuilder::with_capacity(R, 16),
            ip_dst_bin: FixedSizeBinaryBuilder::with_capacity(R, 16),
            ip_proto: Int32Builder::with_capacity(R),
            ip_ttl: Int32Builder::with_capacity(R),
            ip_len: Int32Builder::with_capacity(R),
            src_port: Int32Builder::with_capacity(R),
            dst_port: Int32Builder::with_capacity(R),
            icmp_type: Int32Builder::with_capacity(R),
            icmp_code: Int32Builder::with_capacity(R),
            tcp_flags: Dict::new(),
            flag_keys: [-1; 256],
            tcp_seq: Int64Builder::with_capacity(R),
            tcp_ack: Int64Builder::with_capacity(R),
            tcp_seq_rel: Int64Builder::with_capacity(R),
            tcp_ack_rel: Int64Builder::with_capacity(R),
            tcp_win: Int32Builder::with_capacity(R),
            tcp_len: Int32Builder::with_capacity(R),
            tcp_options: StringBuilder::with_capacity(R, R * 80),
            tcp_analysis: Dict::new(),
            analysis_keys: Vec::new(),
            conn_id: Int64Builder::with_capacity(R),
        }
    }

    pub fn schema(&self) -> SchemaRef {
        SchemaRef::clone(&self.schema)
    }

    /// The schema with the file's metadata (the same columns).
    pub fn set_schema(&mut self, schema: SchemaRef) {
        self.schema = schema;
    }

    pub fn len(&self) -> usize {
        self.n
    }

    /// One row: the packet `pkt`, its layers `d` (decoded once, for the
    /// analyzer too) and what the analyzer knows of it. Typed values go
    /// straight into the builders; text only where the column is text, from
    /// tables and stack buffers.
    pub fn push(
        &mut self,
        number: u64,
        pkt: &RawPacket<'_>,
        d: &Decoded<'_>,
        facts: Option<PacketFacts>,
    ) {
        self.n += 1;
        self.packet_no
            .append_value(i64::try_from(number).unwrap_or(i64::MAX));
        match pkt.origin.iface {
            Some(i) => {
                if self.iface.as_ref().is_none_or(|(id, _)| *id != i.id) {
                    let key = tlvs(&i.options).find(|(code, _)| *code == 2).map(|(_, v)| {
                        self.interface
                            .add(String::from_utf8_lossy(v).trim_end_matches('\0'))
                    });
                    self.iface = Some((i.id, key));
                }
                let key = self.iface.as_ref().and_then(|(_, k)| *k);
                self.interface.keys.append_option(key);
            }
            None => self.interface.keys.append_null(),
        }
        // `frac` is in the run's precision (nanoseconds with --nano).
        let units = if self.unit == TimeUnit::Nanosecond {
            1
        } else {
            1000
        };
        let ns = pkt
            .ts
            .sec
            .saturating_mul(1_000_000_000)
            .saturating_add(pkt.ts.frac.saturating_mul(units));
        self.ts.push(ts_value(ns, self.unit));
        self.caplen.append_value(i32_of(pkt.data.len()));
        self.wire_len
            .append_value(i32::try_from(pkt.wire_len).unwrap_or(i32::MAX));
        self.link_type
            .append_value(i32::try_from(pkt.link.0).unwrap_or(i32::MAX));

        let mut names = ArrayVec::<&'static str, MAX_LAYERS>::new();
        let (mut ether, mut vlan) = (None, None);
        for l in d.layers() {
            names.push(l.name());
            match l {
                Layer::Ether(e) if ether.is_none() => ether = Some(*e),
                Layer::Vlan(v) if vlan.is_none() => vlan = Some(i32::from(v.vid())),
                _ => {}
            }
        }
        let key = match self.layer_keys.iter().find(|(n, _)| *n == names) {
            Some((_, k)) => *k,
            None => {
                self.text.clear();
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        self.text.push(':');
                    }
                    self.text.push_str(name);
                }
                let k = self.layers.add(&self.text);
                self.layer_keys.push((names, k));
                k
            }
        };
        self.layers.keys.append_value(key);
        match ether {
            Some(e) => {
                let mut buf = [0u8; 17];
                self.eth_src.append_value(mac(&mut buf, &e.src()));
                self.eth_dst.append_value(mac(&mut buf, &e.dst()));
                self.ethertype.append_value(i32::from(e.ethertype()));
            }
            None => {
                self.eth_src.append_null();
                self.eth_dst.append_null();
                self.ethertype.append_null();
            }
        }
        self.vlan_id.append_option(vlan);
        match d.ip() {
            Some(ip) => {
                let (src, dst) = (ip.src(), ip.dst());
                self.ip_version.append_value(if ip.is_v6() { 6 } else { 4 });
                let mut buf = [0u8; 15];
                for (a, col) in [(src, &mut self.ip_src), (dst, &mut self.ip_dst)] {
                    match a {
                        IpAddr::V4(v4) => col.append_value(v4_text(&mut buf, v4)),
                        IpAddr::V6(v6) => col.append_value(self.v6_text.get(v6)),
                    }
                }
                let _ = self.ip_src_bin.append_value(addr16(src));
                let _ = self.ip_dst_bin.append_value(addr16(dst));
                self.ip_proto.append_value(i32::from(ip.protocol()));
                let (ttl, len) = match ip {
                    crate::decode::IpLayer::V4(v) => (v.ttl(), v.datagram_len()),
                    crate::decode::IpLayer::V6(v, _) => (v.hop_limit(), v.datagram_len()),
                };
                self.ip_ttl.append_value(i32::from(ttl));
                self.ip_len.append_value(i32_of(len));
            }
            None => {
                self.ip_version.append_null();
                self.ip_src.append_null();
                self.ip_dst.append_null();
                self.ip_src_bin.append_null();
                self.ip_dst_bin.append_null();
                self.ip_proto.append_null();
                self.ip_ttl.append_null();
                self.ip_len.append_null();
            }
        }
        let transport = d.transport();
        let ports = match transport {
            Some(Layer::Tcp(t)) => Some((t.src_port(), t.dst_port())),
            Some(Layer::Udp(u)) => Some((u.src_port(), u.dst_port())),
            Some(Layer::Sctp(s)) => Some((s.src_port(), s.dst_port())),
            _ => None,
        };
        self.src_port.append_option(ports.map(|p| i32::from(p.0)));
        self.dst_port.append_option(ports.map(|p| i32::from(p.1)));
        let icmp = match transport {
            Some(Layer::Icmp(i) | Layer::Icmp6(i)) => Some((i.icmp_type(), i.code())),
            _ => None,
        };
        self.icmp_type.append_option(icmp.map(|i| i32::from(i.0)));
        self.icmp_code.append_option(icmp.map(|i| i32::from(i.1)));
        match d.tcp() {
            Some(t) => {
                let flags = t.flags().0;
                let slot = &mut self.flag_keys[usize::from(flags)];
                if *slot < 0 {
                    *slot = self.tcp_flags.add(&flag_texts()[usize::from(flags)]);
                }
                self.tcp_flags.keys.append_value(*slot);
                self.tcp_seq.append_value(i64::from(t.seq()));
                self.tcp_ack.append_value(i64::from(t.ack()));
                self.tcp_seq_rel
                    .append_option(facts.map(|f| i64::from(f.rel_seq)));
                self.tcp_ack_rel
                    .append_option(facts.map(|f| i64::from(f.rel_ack)));
                self.tcp_win.append_value(i32::from(t.window()));
                let wire = d.l4().map_or(0, |(_, _, n)| n);
                self.tcp_len
                    .append_value(i32_of(wire.saturating_sub(t.header_len())));
                self.text.clear();
                write_option_records(t.options(), &mut self.text);
                self.tcp_options.append_value(&self.text);
                let bits = facts.map_or(0, |f| f.analysis);
                let key = match self.analysis_keys.iter().find(|(b, _)| *b == bits) {
                    Some((_, k)) => *k,
                    None => {
                        self.text.clear();
                        for (i, name) in analysis_names(bits).enumerate() {
                            if i > 0 {
                                self.text.push(',');
                            }
                            self.text.push_str(name);
                        }
                        let k = self.tcp_analysis.add(&self.text);
                        self.analysis_keys.push((bits, k));
                        k
                    }
                };
                self.tcp_analysis.keys.append_value(key);
                self.conn_id
                    .append_option(facts.map(|f| i64::try_from(f.conn_id).unwrap_or(i64::MAX)));
            }
            None => {
                self.tcp_flags.keys.append_null();
                self.tcp_seq.append_null();
                self.tcp_ack.append_null();
                self.tcp_seq_rel.append_null();
                self.tcp_ack_rel.append_null();
                self.tcp_win.append_null();
                self.tcp_len.append_null();
                self.tcp_options.append_null();
                self.tcp_analysis.keys.append_null();
                self.conn_id.append_null();
            }
        }
    }

    /// The rows so far as one batch; the builders start again empty (and
    /// the dictionaries with no value).
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        // The next batch starts in a new Builder (its own dictionaries: the
        // interface's value is added again at its next row), keeping the
        // schema and the memoized texts.
        let mut next = Builder::new(self.input.clone(), self.unit, self.csv);
        next.schema = self.schema();
        std::mem::swap(&mut next.v6_text, &mut self.v6_text);
        std::mem::swap(&mut next.text, &mut self.text);
        let mut b = std::mem::replace(self, next);
        let n = b.n;
        let ts: ArrayRef = match b.unit {
            TimeUnit::Nanosecond => Arc::new(
                TimestampNanosecondArray::from(std::mem::take(&mut b.ts)).with_timezone(b.tz),
            ),
            _ => Arc::new(
                TimestampMicrosecondArray::from(std::mem::take(&mut b.ts)).with_timezone(b.tz),
            ),
        };
        let columns: Vec<ArrayRef> = vec![
            Arc::new(b.packet_no.finish()),
            constant(Some(&b.input.file), n)?,
            constant(b.input.hardware.as_deref(), n)?,
            constant(b.input.os.as_deref(), n)?,
            b.interface.finish()?,
            ts,
            Arc::new(b.caplen.finish()),
            Arc::new(b.wire_len.finish()),
            Arc::new(b.link_type.finish()),
            b.layers.finish()?,
            Arc::new(b.eth_src.finish()),
            Arc::new(b.eth_dst.finish()),
            Arc::new(b.ethertype.finish()),
            Arc::new(b.vlan_id.finish()),
            Arc::new(b.ip_version.finish()),
            Arc::new(b.ip_src.finish()),
            Arc::new(b.ip_dst.finish()),
            Arc::new(b.ip_src_bin.finish()),
            Arc::new(b.ip_dst_bin.finish()),
            Arc::new(b.ip_proto.finish()),
            Arc::new(b.ip_ttl.finish()),
            Arc::new(b.ip_len.finish()),
            Arc::new(b.src_port.finish()),
            Arc::new(b.dst_port.finish()),
            Arc::new(b.icmp_type.finish()),
            Arc::new(b.icmp_code.finish()),
            b.tcp_flags.finish()?,
            Arc::new(b.tcp_seq.finish()),
            Arc::new(b.tcp_ack.finish()),
            Arc::new(b.tcp_seq_rel.finish()),
            Arc::new(b.tcp_ack_rel.finish()),
            Arc::new(b.tcp_win.finish()),
            Arc::new(b.tcp_len.finish()),
            Arc::new(b.tcp_options.finish()),
            b.tcp_analysis.finish()?,
            Arc::new(b.conn_id.finish()),
        ];
        RecordBatch::try_new(b.schema(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_text_is_display() {
        let mut buf = [0u8; 15];
        for a in [
            [0, 0, 0, 0],
            [255, 255, 255, 255],
            [10, 9, 99, 100],
            [1, 20, 200, 109],
        ] {
            let a = Ipv4Addr::from(a);
            assert_eq!(v4_text(&mut buf, a), a.to_string());
        }
        for b in 0..=255u8 {
            let a = Ipv4Addr::new(b, 255 - b, b / 3, b.wrapping_mul(7));
            assert_eq!(v4_text(&mut buf, a), a.to_string());
        }
    }

    #[test]
    fn v6_text_is_display() {
        let mut t = V6Text::new();
        for a in [
            "::",
            "::1",
            "fe80::1",
            "2001:db8::ff00:42:8329",
            "::ffff:10.0.0.1",
            "1:0:0:1:0:0:0:1",
        ] {
            let a: Ipv6Addr = a.parse().unwrap();
            assert_eq!(t.get(a), a.to_string());
            assert_eq!(t.get(a), a.to_string());
        }
        // Two addresses in one slot: each its own text.
        for i in 0..5000u32 {
            let mut o = [0xfdu8; 16];
            o[12..].copy_from_slice(&i.to_be_bytes());
            let a = Ipv6Addr::from(o);
            assert_eq!(t.get(a), a.to_string());
        }
    }

    #[test]
    fn mac_text() {
        let mut buf = [0u8; 17];
        assert_eq!(
            mac(&mut buf, &[0, 0x1b, 0xa0, 0xff, 0x0a, 0x01]),
            "00:1b:a0:ff:0a:01"
        );
    }

    #[test]
    fn flag_texts_are_tcpdumps_letters() {
        let t = flag_texts();
        assert_eq!(t[0x02], "S");
        assert_eq!(t[0x12], "S.");
        assert_eq!(t[0x18], "P.");
        assert_eq!(t[0], "none");
        assert_eq!(t[0x11], "F.");
    }
}
