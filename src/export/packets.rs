//! The packets table: one row per packet the filter kept (every link type:
//! the columns a packet has no layer for are null), from the layers
//! `decode::frame` finds: the link (Ethernet addresses, the first VLAN),
//! the innermost IP header, its transport (ports, ICMP type and code) and,
//! for TCP, tcpdump's flag letters, absolute and relative sequence numbers,
//! the window, the options (typed columns for the common ones, as tshark's
//! `tcp.options.*` fields, and `--json`'s records for the rest) and what
//! the analyzer knows: Wireshark's `tcp.analysis.*` flags and the `conn_id`
//! that joins the connections table. Rows go into plain `Vec`s, handed on
//! every `BATCH_ROWS` and made Arrow arrays on the writer's thread
//! (`Builder::into_batch`). Addresses and other repeating texts are
//! dictionaries made here, each value's text made once per batch.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, OnceLock};

use arrayvec::ArrayVec;
use arrow_array::builder::StringBuilder;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, FixedSizeBinaryArray, Int32Array, RecordBatch,
    StringArray, TimestampMicrosecondArray, TimestampNanosecondArray,
};
use arrow_array::{ArrowPrimitiveType, PrimitiveArray};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use rustc_hash::FxHashMap;

use super::{Input, addr16, dict, tlvs, ts_type, ts_value};
use crate::analyze::PacketFacts;
use crate::analyze::{analysis_names, option_kind_name, write_option_record, write_sack_blocks};

use crate::decode::frame::MAX_LAYERS;

// `Builder::push`'s key of the layers: 6 bits a layer.
const _: () = assert!(MAX_LAYERS * 6 <= 128);
use crate::decode::tcp::{OptionValue, TcpFlags, TcpOption};
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
    /// A SACK option's blocks (`text` may hold other options then).
    sack_text: String,
    n: usize,
    packet_no: Col<Int64Type>,
    /// By the pcapng interface's id.
    interface: Dict<u32>,
    ts: Vec<i64>,
    caplen: Col<Int32Type>,
    wire_len: Col<Int32Type>,
    link_type: Col<Int32Type>,
    /// By the stack of layers' kinds (`push`).
    layers: Dict<u128>,
    /// `eth_src` and `eth_dst`, one dictionary.
    eth: Pair<[u8; 6]>,
    ethertype: Col<Int32Type>,
    vlan_id: Col<Int32Type>,
    ip_version: Col<Int32Type>,
    /// `ip_src` and `ip_dst`, one dictionary.
    ip: Pair<IpAddr>,
    ip_src_bin: Addr16Col,
    ip_dst_bin: Addr16Col,
    ip_proto: Col<Int32Type>,
    ip_ttl: Col<Int32Type>,
    ip_len: Col<Int32Type>,
    src_port: Col<Int32Type>,
    dst_port: Col<Int32Type>,
    icmp_type: Col<Int32Type>,
    icmp_code: Col<Int32Type>,
    tcp_flags: Dict<u8>,
    tcp_seq: Col<Int64Type>,
    tcp_ack: Col<Int64Type>,
    tcp_seq_rel: Col<Int64Type>,
    tcp_ack_rel: Col<Int64Type>,
    tcp_win: Col<Int32Type>,
    tcp_len: Col<Int32Type>,
    tcp_option_kinds: Dict<ArrayVec<u8, 40>>,
    tcp_mss: Col<Int32Type>,
    tcp_wscale: Col<Int32Type>,
    tcp_sack_permitted: BoolCol,
    tcp_ts_val: Col<Int64Type>,
    tcp_ts_ecr: Col<Int64Type>,
    tcp_sack: TextCol,
    tcp_options_other: TextCol,
    tcp_analysis: Dict<u16>,
    conn_id: Col<Int64Type>,
    tcp_stream: Col<Int64Type>,
}

/// Which rows of a column are null: their numbers, made Arrow's validity
/// bitmap at the batch's end, and only when a row is null. A row with a
/// value costs nothing here: most of a TCP capture's columns have one in
/// every row (a byte a row pushed for each of 45 columns was 4% of the
/// reading thread's time).
struct Valid {
    nulls: Vec<usize>,
}

impl Valid {
    fn new() -> Valid {
        Valid { nulls: Vec::new() }
    }
    /// Row `row` is null.
    #[inline]
    fn null(&mut self, row: usize) {
        self.nulls.push(row);
    }
    /// The bitmap of `len` rows (none when no row is null); empty again
    /// after.
    fn finish(&mut self, len: usize) -> Option<NullBuffer> {
        let nulls = std::mem::take(&mut self.nulls);
        (!nulls.is_empty()).then(|| validity(len, &nulls))
    }
}

/// A nullable number column filled a row at a time: its values and their
/// validity as Vecs, handed to Arrow as buffers at the batch's end (Arrow's
/// `PrimitiveBuilder::append_option` was a call of about 50 instructions
/// per value, 5% of the whole table's).
struct Col<T: ArrowPrimitiveType> {
    values: Vec<T::Native>,
    valid: Valid,
}

impl<T: ArrowPrimitiveType> Col<T> {
    fn with_capacity(n: usize) -> Col<T> {
        Col {
            values: Vec::with_capacity(n),
            valid: Valid::new(),
        }
    }
    #[inline]
    fn append_value(&mut self, v: T::Native) {
        self.values.push(v);
    }
    #[inline]
    fn append_null(&mut self) {
        self.valid.null(self.values.len());
        self.values.push(T::Native::default());
    }
    #[inline]
    fn append_option(&mut self, v: Option<T::Native>) {
        match v {
            Some(v) => self.append_value(v),
            None => self.append_null(),
        }
    }
    /// The column so far; the Col starts again empty.
    fn finish(&mut self) -> PrimitiveArray<T> {
        let nulls = self.valid.finish(self.values.len());
        let values = ScalarBuffer::from(std::mem::take(&mut self.values));
        PrimitiveArray::new(values, nulls)
    }
}

/// A nullable column of 16-byte addresses (`ip_src_bin`, `ip_dst_bin`),
/// filled like `Col` (Arrow's `FixedSizeBinaryBuilder::append_value` was 56
/// instructions a row).
struct Addr16Col {
    bytes: Vec<u8>,
    valid: Valid,
}

impl Addr16Col {
    fn with_capacity(n: usize) -> Addr16Col {
        Addr16Col {
            bytes: Vec::with_capacity(n * 16),
            valid: Valid::new(),
        }
    }
    #[inline]
    fn append_value(&mut self, v: [u8; 16]) {
        self.bytes.extend_from_slice(&v);
    }
    #[inline]
    fn append_null(&mut self) {
        self.valid.null(self.bytes.len() / 16);
        self.bytes.extend_from_slice(&[0; 16]);
    }
    fn finish(&mut self) -> Result<FixedSizeBinaryArray, ArrowError> {
        let nulls = self.valid.finish(self.bytes.len() / 16);
        let bytes = Buffer::from_vec(std::mem::take(&mut self.bytes));
        FixedSizeBinaryArray::try_new(16, bytes, nulls)
    }
}

/// A nullable boolean column (`tcp_sack_permitted`), a byte a row until
/// the batch's end (Arrow's `BooleanBuilder` sets a bit per call).
struct BoolCol {
    values: Vec<u8>,
    valid: Valid,
}

impl BoolCol {
    fn with_capacity(n: usize) -> BoolCol {
        BoolCol {
            values: Vec::with_capacity(n),
            valid: Valid::new(),
        }
    }
    #[inline]
    fn append_value(&mut self, v: bool) {
        self.values.push(u8::from(v));
    }
    #[inline]
    fn append_null(&mut self) {
        self.valid.null(self.values.len());
        self.values.push(0);
    }
    fn finish(&mut self) -> BooleanArray {
        let nulls = self.valid.finish(self.values.len());
        let values = packed(&std::mem::take(&mut self.values));
        BooleanArray::new(values, nulls)
    }
}

/// A nullable text column that is mostly null (`tcp_sack`,
/// `tcp_options_other`): offsets and bytes as Vecs (Arrow's
/// `StringBuilder::append_null` was 50 instructions a row).
struct TextCol {
    offsets: Vec<i32>,
    bytes: Vec<u8>,
    valid: Valid,
}

impl TextCol {
    fn with_capacity(n: usize) -> TextCol {
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        TextCol {
            offsets,
            bytes: Vec::new(),
            valid: Valid::new(),
        }
    }
    #[inline]
    fn append_value(&mut self, v: &str) {
        self.bytes.extend_from_slice(v.as_bytes());
        self.offsets.push(i32_of(self.bytes.len()));
    }
    #[inline]
    fn append_null(&mut self) {
        self.valid.null(self.offsets.len() - 1);
        self.offsets.push(i32_of(self.bytes.len()));
    }
    fn finish(&mut self) -> Result<StringArray, ArrowError> {
        let nulls = self.valid.finish(self.offsets.len() - 1);
        let offsets = std::mem::replace(&mut self.offsets, vec![0]);
        let bytes = Buffer::from_vec(std::mem::take(&mut self.bytes));
        // `try_new` checks the offsets and that the bytes are UTF-8 (they
        // are `&str`s): a text past i32::MAX bytes in a batch is an error,
        // not a wrong column.
        let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
        StringArray::try_new(offsets, bytes, nulls)
    }
}

/// Arrow's validity bitmap of `len` rows, the rows `nulls` null: every
/// bit set, then a null row's cleared (the bits past `len` are not read).
fn validity(len: usize, nulls: &[usize]) -> NullBuffer {
    let mut bits = vec![0xffu8; len.div_ceil(8)];
    for &row in nulls {
        if let Some(b) = bits.get_mut(row / 8) {
            *b &= !(1 << (row % 8));
        }
    }
    NullBuffer::new(BooleanBuffer::new(Buffer::from_vec(bits), 0, len))
}

/// Bytes of 0 or 1 as Arrow's bitmap, eight rows at a time: a multiply
/// gathers the low bit of each of a word's eight bytes into its top byte,
/// row `i` at bit `i` (Arrow's `BooleanBuffer::from(Vec<bool>)` set one bit
/// at a time: 24 instructions per row).
fn packed(rows: &[u8]) -> BooleanBuffer {
    let byte = |x: u64| x.wrapping_mul(0x0102_0408_1020_4080).to_be_bytes()[0];
    let words = rows.chunks_exact(8);
    let rest = words.remainder();
    let mut bits: Vec<u8> = words
        .map(|r| byte(u64::from_le_bytes(r.try_into().unwrap_or_default())))
        .collect();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        bits.push(byte(u64::from_le_bytes(word)));
    }
    BooleanBuffer::new(Buffer::from_vec(bits), 0, rows.len())
}

/// A dictionary-encoded string column filled by the caller's cheap name
/// for each value (a flags byte, the analysis bits, the layers' or option
/// kinds, an address): the value's text is made the first time the batch
/// meets the name, and a row costs a hash lookup (Arrow's
/// `StringDictionaryBuilder` hashes the text of every row; the packets
/// table's addresses as text were a fifth of its filling).
struct Dict<K> {
    known: FxHashMap<K, i32>,
    /// The value `push` met last and its key: flags, options and analysis
    /// repeat from one packet to the next, so most rows cost a compare.
    last: Option<(K, i32)>,
    values: StringBuilder,
    keys: Col<Int32Type>,
}

impl<K: std::hash::Hash + Eq + Clone> Dict<K> {
    fn new() -> Dict<K> {
        Dict {
            known: FxHashMap::default(),
            last: None,
            values: StringBuilder::new(),
            keys: Col::with_capacity(super::BATCH_ROWS),
        }
    }
    /// The key of the value named `k`, its text written by `text` when new.
    fn key(&mut self, k: K, text: impl FnOnce(&K, &mut StringBuilder)) -> i32 {
        let Dict { known, values, .. } = self;
        let n = i32_of(known.len());
        *known.entry(k).or_insert_with_key(|k| {
            text(k, values);
            values.append_value("");
            n
        })
    }
    /// A row: the value named `k`.
    fn push(&mut self, k: K, text: impl FnOnce(&K, &mut StringBuilder)) {
        let key = match &self.last {
            Some((last, key)) if *last == k => *key,
            _ => {
                let key = self.key(k.clone(), text);
                self.last = Some((k, key));
                key
            }
        };
        self.keys.append_value(key);
    }
    fn finish(&mut self) -> Result<ArrayRef, ArrowError> {
        let values: ArrayRef = Arc::new(self.values.finish());
        dictionary(&values, &mut self.keys)
    }
}

/// A dictionary column of `keys` into `values`.
fn dictionary(values: &ArrayRef, keys: &mut Col<Int32Type>) -> Result<ArrayRef, ArrowError> {
    Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(
        keys.finish(),
        ArrayRef::clone(values),
    )?))
}

/// `items` joined by `sep` into `b` (the layers' names, the analysis
/// flags, the option kinds).
fn joined<'a>(b: &mut StringBuilder, items: impl Iterator<Item = &'a str>, sep: char) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            b.write_char(sep).unwrap_or_default();
        }
        b.write_str(item).unwrap_or_default();
    }
}

/// Two dictionary-encoded columns of one kind of value (the source and
/// destination addresses) sharing one dictionary: `dict`'s keys are the
/// source's.
struct Pair<K> {
    dict: Dict<K>,
    dst: Col<Int32Type>,
}

impl<K: std::hash::Hash + Eq + Copy> Pair<K> {
    fn new() -> Pair<K> {
        Pair {
            dict: Dict::new(),
            dst: Col::with_capacity(super::BATCH_ROWS),
        }
    }
    fn push(&mut self, src: K, dst: K, text: impl Fn(K, &mut StringBuilder)) {
        // Not `Dict::push`: a pair's values alternate with the
        // connections, so remembering the last would rarely pay.
        let s = self.dict.key(src, |k, b| text(*k, b));
        self.dict.keys.append_value(s);
        let d = self.dict.key(dst, |k, b| text(*k, b));
        self.dst.append_value(d);
    }
    fn push_null(&mut self) {
        self.dict.keys.append_null();
        self.dst.append_null();
    }
    /// The two columns.
    fn finish(&mut self) -> Result<[ArrayRef; 2], ArrowError> {
        let values: ArrayRef = Arc::new(self.dict.values.finish());
        Ok([
            dictionary(&values, &mut self.dict.keys)?,
            dictionary(&values, &mut self.dst)?,
        ])
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
        dict("eth_src", true),
        dict("eth_dst", true),
        f("ethertype", Int32, true),
        f("vlan_id", Int32, true),
        f("ip_version", Int32, true),
        dict("ip_src", true),
        dict("ip_dst", true),
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
        dict("tcp_option_kinds", true),
        f("tcp_mss", Int32, true),
        f("tcp_wscale", Int32, true),
        f("tcp_sack_permitted", DataType::Boolean, true),
        f("tcp_ts_val", Int64, true),
        f("tcp_ts_ecr", Int64, true),
        f("tcp_sack", Utf8, true),
        f("tcp_options_other", Utf8, true),
        dict("tcp_analysis", true),
        f("conn_id", Int64, true),
        f("tcp_stream", Int64, true),
    ]))
}

/// `a.b.c.d` into `out`: the text of a new address in each batch (8,192
/// rows) is written for every row that meets it first, and `Ipv4Addr`'s
/// `Display` (the formatter's padding machinery) was about 2% of the
/// packets table's instructions on the generated capture's 10,000 hosts.
fn dotted(out: &mut [u8; 15], a: Ipv4Addr) -> &str {
    let mut n = 0;
    for (i, o) in a.octets().into_iter().enumerate() {
        if i > 0 {
            out[n] = b'.';
            n += 1;
        }
        if o >= 100 {
            out[n] = b'0' + o / 100;
            n += 1;
        }
        if o >= 10 {
            out[n] = b'0' + o / 10 % 10;
            n += 1;
        }
        out[n] = b'0' + o % 10;
        n += 1;
    }
    std::str::from_utf8(&out[..n]).unwrap_or_default()
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
            sack_text: String::new(),
            n: 0,
            packet_no: Col::with_capacity(R),
            interface: Dict::new(),
            ts: Vec::with_capacity(R),
            caplen: Col::with_capacity(R),
            wire_len: Col::with_capacity(R),
            link_type: Col::with_capacity(R),
            layers: Dict::new(),
            eth: Pair::new(),
            ethertype: Col::with_capacity(R),
            vlan_id: Col::with_capacity(R),
            ip_version: Col::with_capacity(R),
            ip: Pair::new(),
            ip_src_bin: Addr16Col::with_capacity(R),
            ip_dst_bin: Addr16Col::with_capacity(R),
            ip_proto: Col::with_capacity(R),
            ip_ttl: Col::with_capacity(R),
            ip_len: Col::with_capacity(R),
            src_port: Col::with_capacity(R),
            dst_port: Col::with_capacity(R),
            icmp_type: Col::with_capacity(R),
            icmp_code: Col::with_capacity(R),
            tcp_flags: Dict::new(),
            tcp_seq: Col::with_capacity(R),
            tcp_ack: Col::with_capacity(R),
            tcp_seq_rel: Col::with_capacity(R),
            tcp_ack_rel: Col::with_capacity(R),
            tcp_win: Col::with_capacity(R),
            tcp_len: Col::with_capacity(R),
            tcp_option_kinds: Dict::new(),
            tcp_mss: Col::with_capacity(R),
            tcp_wscale: Col::with_capacity(R),
            tcp_sack_permitted: BoolCol::with_capacity(R),
            tcp_ts_val: Col::with_capacity(R),
            tcp_ts_ecr: Col::with_capacity(R),
            tcp_sack: TextCol::with_capacity(R),
            tcp_options_other: TextCol::with_capacity(R),
            tcp_analysis: Dict::new(),
            conn_id: Col::with_capacity(R),
            tcp_stream: Col::with_capacity(R),
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
                        self.interface.key(i.id, |_, b| {
                            b.write_str(String::from_utf8_lossy(v).trim_end_matches('\0'))
                                .unwrap_or_default();
                        })
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

        // The stack of layers as one number: each layer's kind (below 34)
        // plus one in 6 bits, at most 16 layers (`MAX_LAYERS`) in 96 bits
        // (a list of the names' addresses hashed and copied was 2% of the
        // table's time).
        let mut stack = 0u128;
        let (mut ether, mut vlan) = (None, None);
        for l in d.layers() {
            stack = stack << 6 | (l.kind() as u128 + 1);
            match l {
                Layer::Ether(e) if ether.is_none() => ether = Some(*e),
                Layer::Vlan(v) if vlan.is_none() => vlan = Some(i32::from(v.vid())),
                _ => {}
            }
        }
        let key = self.layers.key(stack, |_, b| {
            joined(b, d.layers().iter().map(Layer::name), ':');
        });
        self.layers.keys.append_value(key);
        match ether {
            Some(e) => {
                self.eth.push(e.src(), e.dst(), |m, b| {
                    b.write_str(mac(&mut [0u8; 17], &m)).unwrap_or_default();
                });
                self.ethertype.append_value(i32::from(e.ethertype()));
            }
            None => {
                self.eth.push_null();
                self.ethertype.append_null();
            }
        }
        self.vlan_id.append_option(vlan);
        match d.ip() {
            Some(ip) => {
                let (src, dst) = (ip.src(), ip.dst());
                self.ip_version.append_value(if ip.is_v6() { 6 } else { 4 });
                self.ip.push(src, dst, |a, b| match a {
                    IpAddr::V4(v4) => {
                        b.write_str(dotted(&mut [0u8; 15], v4)).unwrap_or_default();
                    }
                    IpAddr::V6(_) => write!(b, "{a}").unwrap_or_default(),
                });
                self.ip_src_bin.append_value(addr16(src));
                self.ip_dst_bin.append_value(addr16(dst));
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
                self.ip.push_null();
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
                self.tcp_flags.push(flags, |flags, b| {
                    b.write_str(&flag_texts()[usize::from(*flags)])
                        .unwrap_or_default();
                });
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
                self.options(t.options());
                let bits = facts.map_or(0, |f| f.analysis);
                self.tcp_analysis
                    .push(bits, |bits, b| joined(b, analysis_names(*bits), ','));
                self.conn_id
                    .append_option(facts.map(|f| i64::try_from(f.conn_id).unwrap_or(i64::MAX)));
                self.tcp_stream
                    .append_option(facts.map(|f| i64::try_from(f.stream).unwrap_or(i64::MAX)));
            }
            None => {
                self.tcp_flags.keys.append_null();
                self.tcp_seq.append_null();
                self.tcp_ack.append_null();
                self.tcp_seq_rel.append_null();
                self.tcp_ack_rel.append_null();
                self.tcp_win.append_null();
                self.tcp_len.append_null();
                self.tcp_option_kinds.keys.append_null();
                self.tcp_mss.append_null();
                self.tcp_wscale.append_null();
                self.tcp_sack_permitted.append_null();
                self.tcp_ts_val.append_null();
                self.tcp_ts_ecr.append_null();
                self.tcp_sack.append_null();
                self.tcp_options_other.append_null();
                self.tcp_analysis.keys.append_null();
                self.conn_id.append_null();
                self.tcp_stream.append_null();
            }
        }
    }

    /// A TCP segment's options: the first MSS, window scale, SACK-permitted,
    /// timestamps and SACK in their typed columns (tshark's
    /// `tcp.options.mss_val`, `wscale.shift`, `sack_perm`,
    /// `timestamp.tsval`/`tsecr`, the SACK blocks); the kinds in order; and
    /// `--json`'s records of every other option (a second MSS, an unknown
    /// kind, a malformed one), so nothing `--json` lists is lost. Typed
    /// columns because the JSON text of every option was a third of the
    /// table's bytes and of its writing, and a query wants `tcp_mss < 1400`.
    fn options(&mut self, opts: crate::decode::tcp::TcpOptions<'_>) {
        let mut kinds = ArrayVec::<u8, 40>::new();
        let (mut mss, mut wscale, mut sack_ok, mut ts, mut sack) = (None, None, false, None, false);
        let mut other = false;
        self.text.clear();
        for item in opts {
            let kind = match item {
                TcpOption::Opt(o) => o.kind,
                TcpOption::BadLen { kind, .. } => kind,
                TcpOption::Cut => break,
            };
            // 40 bytes of options hold at most 40: a longer list is not
            // a header's.
            let _ = kinds.try_push(kind);
            let typed = match item {
                TcpOption::Opt(o) => match o.value() {
                    Some(OptionValue::Eol | OptionValue::Nop) => true,
                    Some(OptionValue::Mss(m)) if mss.is_none() => {
                        mss = Some(i32::from(m));
                        true
                    }
                    Some(OptionValue::WindowScale(w)) if wscale.is_none() => {
                        wscale = Some(i32::from(w));
                        true
                    }
                    Some(OptionValue::SackPermitted) if !sack_ok => {
                        sack_ok = true;
                        true
                    }
                    Some(OptionValue::Timestamps { val, ecr }) if ts.is_none() => {
                        ts = Some((i64::from(val), i64::from(ecr)));
                        true
                    }
                    Some(OptionValue::Sack(b)) if !sack => {
                        sack = true;
                        self.sack_text.clear();
                        write_sack_blocks(b, &mut self.sack_text);
                        self.tcp_sack.append_value(&self.sack_text);
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            if !typed {
                self.text.push(if other { ',' } else { '[' });
                other = true;
                write_option_record(&item, &mut self.text);
            }
            if !matches!(item, TcpOption::Opt(_)) {
                break;
            }
        }
        self.tcp_option_kinds.push(kinds, |kinds, b| {
            joined(b, kinds.iter().map(|k| option_kind_name(*k)), ',');
        });
        self.tcp_mss.append_option(mss);
        self.tcp_wscale.append_option(wscale);
        self.tcp_sack_permitted.append_value(sack_ok);
        self.tcp_ts_val.append_option(ts.map(|t| t.0));
        self.tcp_ts_ecr.append_option(ts.map(|t| t.1));
        if !sack {
            self.tcp_sack.append_null();
        }
        if other {
            self.text.push(']');
            self.tcp_options_other.append_value(&self.text);
        } else {
            self.tcp_options_other.append_null();
        }
    }

    /// The rows so far, to be made a batch by [`Builder::into_batch`]
    /// (on the writer's thread); this Builder starts again empty (and the
    /// dictionaries with no value).
    pub fn take(&mut self) -> Builder {
        // The next batch starts in a new Builder (its own dictionaries: the
        // interface's value is added again at its next row), keeping the
        // schema and the memoized texts.
        let mut next = Builder::new(self.input.clone(), self.unit, self.csv);
        next.schema = self.schema();
        std::mem::swap(&mut next.text, &mut self.text);
        std::mem::replace(self, next)
    }

    /// The rows as one Arrow batch.
    pub fn into_batch(mut self) -> Result<RecordBatch, ArrowError> {
        let b = &mut self;
        let n = b.n;
        let ts: ArrayRef = match b.unit {
            TimeUnit::Nanosecond => Arc::new(
                TimestampNanosecondArray::from(std::mem::take(&mut b.ts)).with_timezone(b.tz),
            ),
            _ => Arc::new(
                TimestampMicrosecondArray::from(std::mem::take(&mut b.ts)).with_timezone(b.tz),
            ),
        };
        let [eth_src, eth_dst] = b.eth.finish()?;
        let [ip_src, ip_dst] = b.ip.finish()?;
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
            eth_src,
            eth_dst,
            Arc::new(b.ethertype.finish()),
            Arc::new(b.vlan_id.finish()),
            Arc::new(b.ip_version.finish()),
            ip_src,
            ip_dst,
            Arc::new(b.ip_src_bin.finish()?),
            Arc::new(b.ip_dst_bin.finish()?),
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
            b.tcp_option_kinds.finish()?,
            Arc::new(b.tcp_mss.finish()),
            Arc::new(b.tcp_wscale.finish()),
            Arc::new(b.tcp_sack_permitted.finish()),
            Arc::new(b.tcp_ts_val.finish()),
            Arc::new(b.tcp_ts_ecr.finish()),
            Arc::new(b.tcp_sack.finish()?),
            Arc::new(b.tcp_options_other.finish()?),
            b.tcp_analysis.finish()?,
            Arc::new(b.conn_id.finish()),
            Arc::new(b.tcp_stream.finish()),
        ];
        RecordBatch::try_new(b.schema(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_is_ipv4_display() {
        // Every octet value in every position, and the longest text.
        for o in 0..=255u8 {
            for a in [[o, 0, 0, 0], [1, o, 10, 100], [255, 99, o, 9], [0, 0, 0, o]] {
                let a = Ipv4Addr::from(a);
                assert_eq!(dotted(&mut [0; 15], a), a.to_string());
            }
        }
        assert_eq!(dotted(&mut [0; 15], Ipv4Addr::BROADCAST), "255.255.255.255");
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
    fn validity_sets_bit_i_for_row_i() {
        // Every pattern of eight rows (each byte of the bitmap), flipped
        // every other byte, at lengths that end mid-byte too: as `Valid`
        // and as `packed`.
        for len in [1usize, 7, 8, 9, 63, 64, 65, 200] {
            for seed in 0usize..256 {
                let valid: Vec<u8> = (0..len)
                    .map(|i| u8::from(((seed >> (i % 8)) ^ (i / 8)) & 1 == 1))
                    .collect();
                let mut v = Valid::new();
                for (row, _) in valid.iter().enumerate().filter(|(_, b)| **b == 0) {
                    v.null(row);
                }
                let want = valid.iter().filter(|&&v| v == 0).count();
                let bits = packed(&valid);
                assert_eq!(bits.len(), len);
                match v.finish(len) {
                    Some(nulls) => {
                        assert_eq!(nulls.len(), len);
                        assert_eq!(nulls.null_count(), want);
                        for (i, &b) in valid.iter().enumerate() {
                            assert_eq!(nulls.is_valid(i), b == 1, "len {len} seed {seed} row {i}");
                        }
                    }
                    None => assert_eq!(want, 0),
                }
                for (i, &b) in valid.iter().enumerate() {
                    assert_eq!(bits.value(i), b == 1, "len {len} seed {seed} row {i}");
                }
                assert!(v.finish(len).is_none(), "empty again");
            }
        }
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

    /// What `options` writes for `opts` (a header of `hlen` option bytes):
    /// the kinds text, the typed values, the SACK blocks' and the other
    /// options' JSON.
    type Columns = (
        String,
        [Option<i64>; 4],
        bool,
        Option<serde_json::Value>,
        Option<serde_json::Value>,
    );

    fn columns(opts: &[u8], hlen: usize) -> Columns {
        use arrow_array::Array;
        let mut seg = vec![0u8; crate::decode::tcp::TcpView::HEADER_LEN];
        seg.extend_from_slice(opts);
        let input = Input {
            file: "t".into(),
            hardware: None,
            os: None,
        };
        let mut b = Builder::new(input, TimeUnit::Microsecond, false);
        b.options(crate::decode::tcp::TcpOptions::new(&seg, hlen));
        let kinds = b.tcp_option_kinds.finish().unwrap();
        let kinds = kinds
            .as_any()
            .downcast_ref::<DictionaryArray<Int32Type>>()
            .unwrap();
        let values = kinds
            .values()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        let text = values
            .value(usize::try_from(kinds.keys().value(0)).unwrap())
            .to_string();
        let int = |a: &Int32Array| (!a.is_null(0)).then(|| i64::from(a.value(0)));
        let long = |a: &arrow_array::Int64Array| (!a.is_null(0)).then(|| a.value(0));
        let json =
            |a: &StringArray| (!a.is_null(0)).then(|| serde_json::from_str(a.value(0)).unwrap());
        (
            text,
            [
                int(&b.tcp_mss.finish()),
                int(&b.tcp_wscale.finish()),
                long(&b.tcp_ts_val.finish()),
                long(&b.tcp_ts_ecr.finish()),
            ],
            b.tcp_sack_permitted.finish().value(0),
            json(&b.tcp_sack.finish().unwrap()),
            json(&b.tcp_options_other.finish().unwrap()),
        )
    }

    /// The same columns by README's rule, from `--json`'s records.
    fn by_the_rule(opts: &[u8], hlen: usize) -> Columns {
        let mut seg = vec![0u8; crate::decode::tcp::TcpView::HEADER_LEN];
        seg.extend_from_slice(opts);
        let records =
            crate::analyze::option_records(crate::decode::tcp::TcpOptions::new(&seg, hlen));
        let kinds: Vec<&str> = records.iter().map(|r| r.kind.as_str()).collect();
        let (mut typed, mut sack_ok, mut sack, mut other) = ([None; 4], false, None, Vec::new());
        let mut seen = Vec::new();
        for r in &records {
            let k = r.kind.as_str();
            let known = ["mss", "wscale", "sackOK", "TS", "sack"].contains(&k);
            if r.malformed || !known || seen.contains(&k) {
                if r.malformed || !["eol", "nop"].contains(&k) {
                    other.push(serde_json::to_value(r).unwrap());
                }
                continue;
            }
            seen.push(k);
            match k {
                "mss" => typed[0] = r.value.map(i64::from),
                "wscale" => typed[1] = r.value.map(i64::from),
                "TS" => (typed[2], typed[3]) = (r.val.map(i64::from), r.ecr.map(i64::from)),
                "sackOK" => sack_ok = true,
                _ => sack = Some(serde_json::to_value(&r.blocks).unwrap()),
            }
        }
        let other = (!other.is_empty()).then_some(serde_json::Value::Array(other));
        (kinds.join(","), typed, sack_ok, sack, other)
    }

    #[test]
    fn options_columns() {
        // A SYN's: MSS, SACK-permitted, timestamps, NOP, window scale.
        let syn = [
            2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 1, 0, 0, 0, 0, 9, 1, 3, 3, 7,
        ];
        let c = columns(&syn, syn.len());
        assert_eq!(c.0, "mss,sackOK,TS,nop,wscale");
        assert_eq!(c.1, [Some(1460), Some(7), Some(256), Some(9)]);
        assert!(c.2);
        assert_eq!((c.3, c.4), (None, None));
        // A second MSS, an unknown kind and a SACK: the repeat and the
        // unknown in the other options, the SACK blocks typed.
        let odd = [
            2, 4, 1, 0, 2, 4, 2, 0, 99, 3, 0xab, 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 9,
        ];
        let c = columns(&odd, odd.len());
        assert_eq!(c.0, "mss,mss,unknown-99,nop,nop,sack");
        assert_eq!(c.1, [Some(256), None, None, None]);
        assert_eq!(c.3, Some(serde_json::json!([[1, 9]])));
        assert_eq!(
            c.4,
            Some(
                serde_json::json!([{"kind": "mss", "value": 512}, {"data": "ab", "kind": "unknown-99", "len": 3}])
            )
        );
        // No options: an empty kinds text, every value null.
        assert_eq!(
            columns(&[], 0),
            (String::new(), [None; 4], false, None, None)
        );
        for (opts, hlen) in [(&syn[..], syn.len()), (&odd[..], odd.len()), (&syn[..], 7)] {
            assert_eq!(columns(opts, hlen), by_the_rule(opts, hlen));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// Any option bytes, any header length (cut, malformed, unknown
        /// kinds, repeats, short SACKs): the columns README's rule gives.
        #[test]
        fn options_columns_follow_the_rule(
            opts in proptest::collection::vec(
                proptest::prop_oneof![
                    0u8..=35, proptest::strategy::Just(2u8), proptest::strategy::Just(4),
                    proptest::strategy::Just(5), proptest::strategy::Just(8),
                    proptest::strategy::Just(10), proptest::arbitrary::any::<u8>()
                ],
                0..44,
            ),
            cut in 0usize..48,
        ) {
            let hlen = cut.min(opts.len());
            proptest::prop_assert_eq!(columns(&opts, hlen), by_the_rule(&opts, hlen));
        }
    }
}
