//! Table output: the analyzer's connection records (`--connections`) or
//! one row per kept packet (`--packets`) written as Parquet or CSV
//! (`--format parquet|csv --output PATH`), streaming: rows are gathered
//! in batches of [`BATCH_ROWS`] and handed to the file writer's thread as
//! they fill (the packets table's made into Arrow record batches there),
//! and the Parquet writer closes a row group every
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded whatever the capture
//! holds. The schema is README's ("Tables: Parquet and CSV"), versioned by
//! [`SCHEMA_VERSION`] (the Parquet file's `schema_version` key). Parquet is
//! written by the `parquet` crate's `ArrowWriter`, CSV by `arrow-csv` from
//! the same batches, so both hold the same records.
//!
//! A stage beside `write` and `print`: the pipeline's sink owns the
//! [`Exporter`] and feeds it; this module reads `analyze`'s records,
//! `decode`'s layers and `packet`'s types, and nothing above it.

mod connections;
mod packets;

use std::fs::File;
use std::io::{self, BufWriter};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread;

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::EnabledStatistics;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::analyze::{Connection, PacketFacts};
pub use crate::config::export::{Export, Format, Table};
use crate::decode::Decoded;
use crate::packet::RawPacket;

/// The schema's version (README "Tables: Parquet and CSV"): raised when a
/// column changes meaning or type, or goes; new columns at the end keep it.
pub const SCHEMA_VERSION: &str = "2";
/// The columns written without min/max statistics (see
/// `parquet_properties`): texts nobody filters by range, and numbers whose
/// every row group holds nearly the whole range (sequence numbers, lengths,
/// windows), so their statistics would never let a reader skip one. Kept:
/// times, packet and connection numbers, ports, protocol, ICMP type.
const NO_STATISTICS_COLUMNS: &[&str] = &[
    "interface",
    "layers",
    "eth_src",
    "eth_dst",
    "ip_src",
    "ip_dst",
    "ip_src_bin",
    "ip_dst_bin",
    "tcp_flags",
    "tcp_option_kinds",
    "tcp_sack",
    "tcp_options_other",
    "tcp_analysis",
    "caplen",
    "wire_len",
    "link_type",
    "ethertype",
    "vlan_id",
    "ip_version",
    "ip_ttl",
    "ip_len",
    "icmp_code",
    "tcp_seq",
    "tcp_ack",
    "tcp_seq_rel",
    "tcp_ack_rel",
    "tcp_win",
    "tcp_len",
    "tcp_mss",
    "tcp_wscale",
    "tcp_sack_permitted",
    "tcp_ts_val",
    "tcp_ts_ecr",
];
/// Rows gathered before they go to the file writer as one batch.
pub const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group (what the writer holds encoded in memory).
pub const ROW_GROUP_ROWS: usize = 131_072;

/// The columns written with Parquet dictionary pages (of either table):
/// the Arrow dictionary columns, addresses and the states; every other
/// column is plain (numbers that rarely repeat: a dictionary is hashing per
/// value for nothing).
const DICTIONARY_COLUMNS: &[&str] = &[
    "input_file",
    "capture_hardware",
    "capture_os",
    "interface",
    "layers",
    "tcp_flags",
    "tcp_option_kinds",
    "tcp_analysis",
    "eth_src",
    "eth_dst",
    "ip_src",
    "ip_dst",
    "ip_src_bin",
    "ip_dst_bin",
    "outcome",
    "diagnosis",
    "client_state",
    "server_state",
    "zeek_state",
    "history",
    "scan_answer",
    "client",
    "server",
    "client_ip",
    "server_ip",
    "client_ip_bin",
    "server_ip_bin",
];

/// Writing a table failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {msg}")]
    File { path: String, msg: String },
}

/// What a table says of the input it came from, in every row.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The input file's name as given (several merged: the names joined
    /// by `,`).
    pub file: String,
    /// The pcapng section's `shb_hardware` and `shb_os` (the first
    /// section's), when the file says them.
    pub hardware: Option<String>,
    pub os: Option<String>,
}

impl Input {
    /// The input `file`, with the host its pcapng section header describes
    /// (`section_options`: little-endian option TLVs, as
    /// `PacketSource::section_options` gives them).
    pub fn new(file: String, section_options: &[u8]) -> Input {
        let mut input = Input {
            file,
            ..Input::default()
        };
        for (code, value) in tlvs(section_options) {
            let text = || {
                Some(
                    String::from_utf8_lossy(value)
                        .trim_end_matches('\0')
                        .to_string(),
                )
            };
            match code {
                2 if input.hardware.is_none() => input.hardware = text(),
                3 if input.os.is_none() => input.os = text(),
                _ => {}
            }
        }
        input
    }
}

/// Little-endian pcapng option TLVs (code, value), padded to 4 bytes.
fn tlvs(mut b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let (head, rest) = b.split_first_chunk::<4>()?;
        let code = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let value = rest.get(..len)?;
        b = rest.get(len.div_ceil(4) * 4..).unwrap_or_default();
        Some((code, value))
    })
}

/// The name of `input`'s table file in `dir`: its file name with the
/// format's extension (`dump-2024050110.pcap` → `dump-2024050110.parquet`);
/// a compressed capture's second extension goes too (`a.pcap.gz` →
/// `a.parquet`).
pub fn per_input_path(dir: &Path, input: &Path, format: Format) -> PathBuf {
    let name = input
        .file_name()
        .map_or_else(|| "stdin".into(), |n| n.to_string_lossy().into_owned());
    let mut stem = name.as_str();
    for ext in [".gz", ".zst", ".pcapng", ".pcap", ".cap"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    dir.join(format!("{stem}.{}", format.extension()))
}

/// Creates (or truncates) the table file `path`: before the privilege
/// drop, as `-w`'s file is.
pub fn create_file(path: &Path) -> Result<File, ExportError> {
    File::create(path).map_err(|e| ExportError::File {
        path: path.display().to_string(),
        msg: crate::cstd::strerror(&e),
    })
}

/// The file one table is written to.
enum Sink {
    Parquet(Box<ArrowWriter<BufWriter<File>>>),
    Csv(Box<arrow_csv::Writer<BufWriter<File>>>),
}

impl Sink {
    fn write(&mut self, batch: &RecordBatch) -> Result<(), String> {
        match self {
            Sink::Parquet(w) => w.write(batch).map_err(parquet_msg),
            Sink::Csv(w) => w.write(batch).map_err(csv_msg),
        }
    }

    /// Writes what is buffered and closes the file (a Parquet file's
    /// footer; a CSV table without rows gets its header row).
    fn close(self, schema: &SchemaRef, written: u64) -> Result<(), String> {
        match self {
            Sink::Parquet(w) => w.close().map(|_| ()).map_err(parquet_msg),
            Sink::Csv(mut w) => {
                if written == 0 {
                    let empty = RecordBatch::new_empty(Arc::clone(schema));
                    w.write(&empty).map_err(csv_msg)?;
                }
                let mut file = w.into_inner();
                io::Write::flush(&mut file).map_err(|e| crate::cstd::strerror(&e))
            }
        }
    }
}

/// A batch's rows as the reading thread gathered them, made into Arrow
/// arrays by the writer's thread ([`Background`]).
enum Gathered {
    /// A batch of the packets table's rows, its columns as `Vec`s.
    Packets(Box<packets::Builder>),
    /// A batch already made (the connections table's: its records, some
    /// 500 bytes each, are made Arrow arrays as they are reported, so a
    /// flood's evicted quarter is never held twice).
    Batch(RecordBatch),
}

impl Gathered {
    fn rows(&self) -> usize {
        match self {
            Gathered::Packets(b) => b.len(),
            Gathered::Batch(b) => b.num_rows(),
        }
    }
}

/// The sink on a thread of its own, fed batches in order through a channel
/// of one: making a batch's Arrow arrays, encoding and compressing them
/// (more than half of the packets table's CPU time) overlaps with reading
/// and analyzing the next packets when a second core is free. At most three
/// batches exist at once (being gathered, queued, being written), so memory
/// stays bounded. The thread stops at the first error; the next `send`
/// finds the channel closed and `join` returns the error.
struct Background {
    tx: Option<mpsc::SyncSender<Gathered>>,
    thread: Option<thread::JoinHandle<Result<(), String>>>,
}

impl Background {
    fn start(mut sink: Sink, schema: SchemaRef) -> Result<Background, String> {
        let (tx, rx) = mpsc::sync_channel::<Gathered>(1);
        let thread = thread::Builder::new()
            .name("table writer".into())
            .spawn(move || {
                let mut written = 0u64;
                for rows in rx {
                    let batch = match rows {
                        Gathered::Packets(b) => b.into_batch().map_err(|e| e.to_string())?,
                        Gathered::Batch(b) => b,
                    };
                    sink.write(&batch)?;
                    written += batch.num_rows() as u64;
                }
                sink.close(&schema, written)
            })
            .map_err(|e| crate::cstd::strerror(&e))?;
        Ok(Background {
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    fn send(&mut self, rows: Gathered) -> Result<(), String> {
        let sent = self.tx.as_ref().map(|tx| tx.send(rows).is_ok());
        if sent == Some(true) {
            return Ok(());
        }
        // The thread has stopped: its error.
        self.join()
    }

    /// Closes the channel and waits for the file to be complete (also when
    /// the run ends early: the rows sent are in a readable file).
    fn join(&mut self) -> Result<(), String> {
        self.tx = None;
        match self.thread.take().map(thread::JoinHandle::join) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err("the table writer thread failed".into()),
            None => Err("the table is already closed".into()),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.join();
        }
    }
}

/// One table file being written.
pub struct Exporter {
    path: String,
    sink: Background,
    schema: SchemaRef,
    rows: Rows,
    written: u64,
    input: Input,
}

/// The rows not yet handed to the file.
enum Rows {
    Connections(Vec<Connection>),
    Packets(Box<packets::Builder>),
}

impl Exporter {
    /// Writes the rows of `input` into `file` (made by [`create_file`]
    /// from `export.path`); `nano`: timestamps in nanoseconds (else
    /// microseconds).
    pub fn create(
        export: &Export,
        file: File,
        input: Input,
        nano: bool,
    ) -> Result<Exporter, ExportError> {
        let path = export.path.display().to_string();
        let unit = if nano {
            TimeUnit::Nanosecond
        } else {
            TimeUnit::Microsecond
        };
        let csv = export.format == Format::Csv;
        // The same keys in the Arrow schema (pyarrow and pandas show them)
        // as in the Parquet file's key-value metadata (DuckDB's
        // parquet_kv_metadata, Spark).
        let mut meta: Vec<(String, String)> = vec![
            ("schema_version".into(), SCHEMA_VERSION.into()),
            (
                "table".into(),
                match export.table {
                    Table::Connections => "connections",
                    Table::Packets => "packets",
                }
                .into(),
            ),
            ("input_file".into(), input.file.clone()),
        ];
        if let Some(h) = &input.hardware {
            meta.push(("capture_hardware".into(), h.clone()));
        }
        if let Some(o) = &input.os {
            meta.push(("capture_os".into(), o.clone()));
        }
        let with_meta = |s: SchemaRef| -> SchemaRef {
            Arc::new(
                s.as_ref().clone().with_metadata(
                    meta.iter()
                        .cloned()
                        .collect::<std::collections::HashMap<String, String>>(),
                ),
            )
        };
        let (schema, rows) = match export.table {
            Table::Connections => (
                with_meta(connections::schema(unit, csv)),
                Rows::Connections(Vec::with_capacity(64)),
            ),
            Table::Packets => {
                let mut b = packets::Builder::new(input.clone(), unit, csv);
                b.set_schema(with_meta(b.schema()));
                (b.schema(), Rows::Packets(Box::new(b)))
            }
        };
        let fail = |msg: String| ExportError::File {
            path: path.clone(),
            msg,
        };
        let file = BufWriter::with_capacity(1 << 20, file);
        let sink = match export.format {
            Format::Parquet => {
                let meta = meta.into_iter().map(|(k, v)| KeyValue::new(k, v)).collect();
                let props = parquet_properties(&schema, meta);
                let w = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))
                    .map_err(|e| fail(parquet_msg(e)))?;
                Sink::Parquet(Box::new(w))
            }
            Format::Csv => {
                let ts = if nano {
                    "%Y-%m-%dT%H:%M:%S%.9fZ"
                } else {
                    "%Y-%m-%dT%H:%M:%S%.6fZ"
                };
                Sink::Csv(Box::new(
                    arrow_csv::WriterBuilder::new()
                        .with_header(true)
                        .with_timestamp_tz_format(ts.to_string())
                        .build(file),
                ))
            }
            Format::Text | Format::Json => {
                return Err(fail("text and JSON are not tables".into()));
            }
        };
        let sink = Background::start(sink, Arc::clone(&schema)).map_err(fail)?;
        Ok(Exporter {
            path,
            sink,
            schema,
            rows,
            written: 0,
            input,
        })
    }

    /// Connection records reported by the analyzer (in report order).
    pub fn connections(&mut self, records: Vec<Connection>) -> Result<(), ExportError> {
        let Rows::Connections(rows) = &mut self.rows else {
            return Ok(());
        };
        if rows.is_empty() {
            *rows = records;
        } else {
            rows.extend(records);
        }
        if rows.len() >= BATCH_ROWS {
            self.flush_connections()?;
        }
        Ok(())
    }

    fn flush_connections(&mut self) -> Result<(), ExportError> {
        let Rows::Connections(rows) = &mut self.rows else {
            return Ok(());
        };
        if rows.is_empty() {
            return Ok(());
        }
        let taken = std::mem::take(rows);
        // A batch at most BATCH_ROWS rows, however many came at once (the
        // oldest quarter of a full table reported together).
        for chunk in taken.chunks(BATCH_ROWS) {
            let batch =
                connections::batch(&self.schema, &self.input, chunk).map_err(|e| self.arrow(e))?;
            self.write(Gathered::Batch(batch))?;
        }
        Ok(())
    }

    /// One packet the filter kept (`number`: its 1-based number, tcpdump's
    /// `-#`), its layers (`Decoded::decode` of `pkt`, shared with the
    /// analyzer) and what the analyzer knows of it.
    pub fn packet(
        &mut self,
        number: u64,
        pkt: &RawPacket<'_>,
        decoded: &Decoded<'_>,
        facts: Option<PacketFacts>,
    ) -> Result<(), ExportError> {
        let Rows::Packets(b) = &mut self.rows else {
            return Ok(());
        };
        b.push(number, pkt, decoded, facts);
        if b.len() >= BATCH_ROWS {
            let full = Box::new(b.take());
            self.write(Gathered::Packets(full))?;
        }
        Ok(())
    }

    fn write(&mut self, rows: Gathered) -> Result<(), ExportError> {
        self.written += rows.rows() as u64;
        self.sink.send(rows).map_err(|msg| ExportError::File {
            path: self.path.clone(),
            msg,
        })
    }

    /// Which table this is.
    pub fn table(&self) -> Table {
        match self.rows {
            Rows::Connections(_) => Table::Connections,
            Rows::Packets(_) => Table::Packets,
        }
    }

    /// The rows written so far.
    pub fn rows(&self) -> u64 {
        self.written
    }

    /// Writes the rows left and closes the file (a Parquet file's footer).
    pub fn finish(mut self) -> Result<u64, ExportError> {
        self.flush_connections()?;
        if let Rows::Packets(b) = &mut self.rows
            && b.len() > 0
        {
            let last = Box::new(b.take());
            self.write(Gathered::Packets(last))?;
        }
        self.sink.join().map_err(|msg| ExportError::File {
            path: self.path.clone(),
            msg,
        })?;
        Ok(self.written)
    }

    fn arrow(&self, e: ArrowError) -> ExportError {
        ExportError::File {
            path: self.path.clone(),
            msg: e.to_string(),
        }
    }
}

/// How a table of `schema` is written to Parquet, with the file's key-value
/// metadata `meta` (public for the writer's own benchmark).
pub fn parquet_properties(schema: &Schema, meta: Vec<KeyValue>) -> WriterProperties {
    // Dictionary pages only for the columns whose values repeat (measured
    // on 300,000 packets of gen-bench-capture.py: the writer's default, a
    // dictionary for every column, hashed every sequence number and
    // timestamp: 1.21 s user against 0.83 s, for a file 3% smaller).
    // Snappy, what Spark and DuckDB write and read fastest; zstd level 1
    // made it 30% smaller for 12% more time.
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_dictionary_enabled(false);
    for c in DICTIONARY_COLUMNS {
        props = props.set_column_dictionary_enabled(ColumnPath::from(*c), true);
    }
    // No min/max for the columns no reader could skip a row group by
    // (`NO_STATISTICS_COLUMNS`): for the texts the writer compared every
    // value's bytes (7% of the packets table's instructions, by callgrind
    // on 100,000 packets), for the numbers 2%.
    for c in NO_STATISTICS_COLUMNS {
        props = props.set_column_statistics_enabled(ColumnPath::from(*c), EnabledStatistics::None);
    }
    // Integers and timestamps as DELTA_BINARY_PACKED, not compressed: the
    // differences of times, packet numbers and relative sequence numbers
    // are small, so the bit-packing is the compression, and Snappy over
    // plain 4- and 8-byte values was 1,570 instructions per packet. On the
    // 1 M-packet generated capture: 11,976 -> 11,564 instructions per packet
    // (callgrind, first 100,000), 1.58 -> 1.44 CPU-seconds on one core, file
    // 63.0 -> 54.5 MB; Zeek's real traces' tables 29% smaller. An encoding
    // pyarrow, DuckDB and Spark (3.3 and later) read; the tests read every
    // table back with all three and check the encodings.
    for field in schema.fields() {
        if matches!(
            field.data_type(),
            DataType::Int32 | DataType::Int64 | DataType::Timestamp(_, _)
        ) {
            let col = ColumnPath::from(field.name().as_str());
            props = props
                .set_column_encoding(col.clone(), Encoding::DELTA_BINARY_PACKED)
                .set_column_compression(col, Compression::UNCOMPRESSED);
        }
    }
    props
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_key_value_metadata(Some(meta))
        .set_created_by(format!("tcpscope {}", env!("CARGO_PKG_VERSION")))
        .build()
}

/// arrow-csv's error as the C library words it: its I/O errors arrive as
/// text (`Csv error: No space left on device (os error 28)`).
fn csv_msg(e: ArrowError) -> String {
    match e {
        ArrowError::IoError(_, io) => crate::cstd::strerror(&io),
        ArrowError::CsvError(text) => crate::cstd::without_os_error(text),
        e => e.to_string(),
    }
}

fn parquet_msg(e: ParquetError) -> String {
    match e {
        ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => crate::cstd::strerror(&io),
            Err(other) => other.to_string(),
        },
        e => e.to_string(),
    }
}

/// A timestamp column in UTC (`+00:00` for CSV, where arrow-csv formats
/// only offsets without the time zone database).
fn ts_type(unit: TimeUnit, csv: bool) -> DataType {
    DataType::Timestamp(unit, Some(if csv { "+00:00" } else { "UTC" }.into()))
}

/// A dictionary-encoded string column.
fn dict(name: &str, nullable: bool) -> Field {
    Field::new_dictionary(name, DataType::Int32, DataType::Utf8, nullable)
}

/// An address as 16 bytes: IPv6 as it is, IPv4 mapped (`::ffff:a.b.c.d`),
/// so one column sorts and compares both.
fn addr16(a: IpAddr) -> [u8; 16] {
    match a {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

/// Nanoseconds since the epoch in `unit`.
fn ts_value(ns: u64, unit: TimeUnit) -> i64 {
    let v = match unit {
        TimeUnit::Nanosecond => ns,
        _ => ns / 1000,
    };
    i64::try_from(v).unwrap_or(i64::MAX)
}
