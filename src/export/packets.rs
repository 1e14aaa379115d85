//! The packets table: one row per packet the filter kept (every link type:
//! the columns a packet has no layer for are null), from the layers
//! `decode::frame` finds: the link (Ethernet addresses, the first VLAN),
//! the innermost IP header, its transport (ports, ICMP type and code) and,
//! for TCP, tcpdump's flag letters, absolute and relative sequence numbers,
//! the window, the options (as `--json` lists them) and what the analyzer
//! knows: Wireshark's `tcp.analysis.*` flags and the `conn_id` that joins
//! the connections table. Rows go into Arrow builders, handed on as a batch
//! every `BATCH_ROWS`.

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::builder::{
    FixedSizeBinaryBuilder, Int32Builder, Int64Builder, StringBuilder, StringDictionaryBuilder,
};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch, TimestampMicrosecondArray, TimestampNanosecondArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use super::{Input, addr16, dict, tlvs, ts_type, ts_value};
use crate::analyze::{PacketFacts, analysis_names, option_records};
use crate::decode::{Decoded, Layer};
use crate::packet::RawPacket;

/// The columns being filled.
pub struct Builder {
    schema: SchemaRef,
    /// The timestamp column's zone (`ts_type`).
    tz: &'static str,
    unit: TimeUnit,
    input: Input,
    /// The last pcapng interface seen and its `if_name`.
    iface: Option<(u32, Option<String>)>,
    text: String,
    n: usize,
    packet_no: Int64Builder,
    input_file: StringDictionaryBuilder<Int32Type>,
    capture_hardware: StringDictionaryBuilder<Int32Type>,
    capture_os: StringDictionaryBuilder<Int32Type>,
    interface: StringDictionaryBuilder<Int32Type>,
    ts: Vec<i64>,
    caplen: Int32Builder,
    wire_len: Int32Builder,
    link_type: Int32Builder,
    layers: StringDictionaryBuilder<Int32Type>,
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
    tcp_flags: StringDictionaryBuilder<Int32Type>,
    tcp_seq: Int64Builder,
    tcp_ack: Int64Builder,
    tcp_seq_rel: Int64Builder,
    tcp_ack_rel: Int64Builder,
    tcp_win: Int32Builder,
    tcp_len: Int32Builder,
    tcp_options: StringBuilder,
    tcp_analysis: StringDictionaryBuilder<Int32Type>,
    conn_id: Int64Builder,
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
fn mac<'a>(out: &'a mut String, m: &[u8; 6]) -> &'a str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.clear();
    for (i, &b) in m.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

fn i32_of(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl Builder {
    pub fn new(input: Input, unit: TimeUnit, csv: bool) -> Builder {
        let dict = StringDictionaryBuilder::<Int32Type>::new;
        Builder {
            schema: schema(unit, csv),
            tz: if csv { "+00:00" } else { "UTC" },
            unit,
            input,
            iface: None,
            text: String::new(),
            n: 0,
            packet_no: Int64Builder::new(),
            input_file: dict(),
            capture_hardware: dict(),
            capture_os: dict(),
            interface: dict(),
            ts: Vec::new(),
            caplen: Int32Builder::new(),
            wire_len: Int32Builder::new(),
            link_type: Int32Builder::new(),
            layers: dict(),
            eth_src: StringBuilder::new(),
            eth_dst: StringBuilder::new(),
            ethertype: Int32Builder::new(),
            vlan_id: Int32Builder::new(),
            ip_version: Int32Builder::new(),
            ip_src: StringBuilder::new(),
            ip_dst: StringBuilder::new(),
            ip_src_bin: FixedSizeBinaryBuilder::new(16),
            ip_dst_bin: FixedSizeBinaryBuilder::new(16),
            ip_proto: Int32Builder::new(),
            ip_ttl: Int32Builder::new(),
            ip_len: Int32Builder::new(),
            src_port: Int32Builder::new(),
            dst_port: Int32Builder::new(),
            icmp_type: Int32Builder::new(),
            icmp_code: Int32Builder::new(),
            tcp_flags: dict(),
            tcp_seq: Int64Builder::new(),
            tcp_ack: Int64Builder::new(),
            tcp_seq_rel: Int64Builder::new(),
            tcp_ack_rel: Int64Builder::new(),
            tcp_win: Int32Builder::new(),
            tcp_len: Int32Builder::new(),
            tcp_options: StringBuilder::new(),
            tcp_analysis: dict(),
            conn_id: Int64Builder::new(),
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

    /// One row.
    pub fn push(&mut self, number: u64, pkt: &RawPacket<'_>, facts: Option<PacketFacts>) {
        self.n += 1;
        self.packet_no
            .append_value(i64::try_from(number).unwrap_or(i64::MAX));
        self.input_file.append_value(&self.input.file);
        self.capture_hardware
            .append_option(self.input.hardware.as_deref());
        self.capture_os.append_option(self.input.os.as_deref());
        match pkt.origin.iface {
            Some(i) => {
                if self.iface.as_ref().is_none_or(|(id, _)| *id != i.id) {
                    let name = tlvs(&i.options).find(|(code, _)| *code == 2).map(|(_, v)| {
                        String::from_utf8_lossy(v)
                            .trim_end_matches('\0')
                            .to_string()
                    });
                    self.iface = Some((i.id, name));
                }
                let name = self.iface.as_ref().and_then(|(_, n)| n.as_deref());
                self.interface.append_option(name);
            }
            None => self.interface.append_null(),
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

        let mut d = Decoded::default();
        d.decode(pkt.link, pkt.data, pkt.wire_len as usize);
        self.text.clear();
        for (i, l) in d.layers().iter().enumerate() {
            if i > 0 {
                self.text.push(':');
            }
            self.text.push_str(l.name());
        }
        self.layers.append_value(&self.text);
        let ether = d.layers().iter().find_map(|l| match l {
            Layer::Ether(e) => Some(*e),
            _ => None,
        });
        match ether {
            Some(e) => {
                self.eth_src.append_value(mac(&mut self.text, &e.src()));
                self.eth_dst.append_value(mac(&mut self.text, &e.dst()));
                self.ethertype.append_value(i32::from(e.ethertype()));
            }
            None => {
                self.eth_src.append_null();
                self.eth_dst.append_null();
                self.ethertype.append_null();
            }
        }
        self.vlan_id
            .append_option(d.layers().iter().find_map(|l| match l {
                Layer::Vlan(v) => Some(i32::from(v.vid())),
                _ => None,
            }));
        match d.ip() {
            Some(ip) => {
                let (src, dst) = (ip.src(), ip.dst());
                self.ip_version.append_value(if ip.is_v6() { 6 } else { 4 });
                self.text.clear();
                let _ = write!(self.text, "{src}");
                self.ip_src.append_value(&self.text);
                self.text.clear();
                let _ = write!(self.text, "{dst}");
                self.ip_dst.append_value(&self.text);
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
        let ports = match d.transport() {
            Some(Layer::Tcp(t)) => Some((t.src_port(), t.dst_port())),
            Some(Layer::Udp(u)) => Some((u.src_port(), u.dst_port())),
            Some(Layer::Sctp(s)) => Some((s.src_port(), s.dst_port())),
            _ => None,
        };
        self.src_port.append_option(ports.map(|p| i32::from(p.0)));
        self.dst_port.append_option(ports.map(|p| i32::from(p.1)));
        let icmp = match d.transport() {
            Some(Layer::Icmp(i) | Layer::Icmp6(i)) => Some((i.icmp_type(), i.code())),
            _ => None,
        };
        self.icmp_type.append_option(icmp.map(|i| i32::from(i.0)));
        self.icmp_code.append_option(icmp.map(|i| i32::from(i.1)));
        match d.tcp() {
            Some(t) => {
                self.text.clear();
                let _ = write!(self.text, "{}", t.flags());
                self.tcp_flags.append_value(&self.text);
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
                let opts = option_records(t.options());
                self.text.clear();
                if let Ok(j) = serde_json::to_string(&opts) {
                    self.text.push_str(&j);
                }
                self.tcp_options.append_value(&self.text);
                self.text.clear();
                for (i, name) in analysis_names(facts.map_or(0, |f| f.analysis)).enumerate() {
                    if i > 0 {
                        self.text.push(',');
                    }
                    self.text.push_str(name);
                }
                self.tcp_analysis.append_value(&self.text);
                self.conn_id
                    .append_option(facts.map(|f| i64::try_from(f.conn_id).unwrap_or(i64::MAX)));
            }
            None => {
                self.tcp_flags.append_null();
                self.tcp_seq.append_null();
                self.tcp_ack.append_null();
                self.tcp_seq_rel.append_null();
                self.tcp_ack_rel.append_null();
                self.tcp_win.append_null();
                self.tcp_len.append_null();
                self.tcp_options.append_null();
                self.tcp_analysis.append_null();
                self.conn_id.append_null();
            }
        }
    }

    /// The rows so far as one batch; the builders start again empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        self.n = 0;
        let ts = std::mem::take(&mut self.ts);
        let ts: ArrayRef = match self.unit {
            TimeUnit::Nanosecond => {
                Arc::new(TimestampNanosecondArray::from(ts).with_timezone(self.tz))
            }
            _ => Arc::new(TimestampMicrosecondArray::from(ts).with_timezone(self.tz)),
        };
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.packet_no.finish()),
            Arc::new(self.input_file.finish()),
            Arc::new(self.capture_hardware.finish()),
            Arc::new(self.capture_os.finish()),
            Arc::new(self.interface.finish()),
            ts,
            Arc::new(self.caplen.finish()),
            Arc::new(self.wire_len.finish()),
            Arc::new(self.link_type.finish()),
            Arc::new(self.layers.finish()),
            Arc::new(self.eth_src.finish()),
            Arc::new(self.eth_dst.finish()),
            Arc::new(self.ethertype.finish()),
            Arc::new(self.vlan_id.finish()),
            Arc::new(self.ip_version.finish()),
            Arc::new(self.ip_src.finish()),
            Arc::new(self.ip_dst.finish()),
            Arc::new(self.ip_src_bin.finish()),
            Arc::new(self.ip_dst_bin.finish()),
            Arc::new(self.ip_proto.finish()),
            Arc::new(self.ip_ttl.finish()),
            Arc::new(self.ip_len.finish()),
            Arc::new(self.src_port.finish()),
            Arc::new(self.dst_port.finish()),
            Arc::new(self.icmp_type.finish()),
            Arc::new(self.icmp_code.finish()),
            Arc::new(self.tcp_flags.finish()),
            Arc::new(self.tcp_seq.finish()),
            Arc::new(self.tcp_ack.finish()),
            Arc::new(self.tcp_seq_rel.finish()),
            Arc::new(self.tcp_ack_rel.finish()),
            Arc::new(self.tcp_win.finish()),
            Arc::new(self.tcp_len.finish()),
            Arc::new(self.tcp_options.finish()),
            Arc::new(self.tcp_analysis.finish()),
            Arc::new(self.conn_id.finish()),
        ];
        RecordBatch::try_new(self.schema(), columns)
    }
}
