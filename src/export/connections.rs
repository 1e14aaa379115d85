//! The connections table: one row per [`Connection`] the analyzer reports,
//! every field of `--json` under its JSON name (with `start`/`end` as
//! timestamps), then the columns only the table has: `conn_id`, the input,
//! the ends apart (address text, 16-byte address, port). Counters are
//! signed 64-bit integers and ports 32-bit ones, as every engine (Spark
//! included) reads them without a cast; states and outcomes are
//! dictionary-encoded strings. CSV has `syn_intervals_s` as its JSON text
//! (CSV has no lists).

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, ListBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, FixedSizeBinaryArray, Float64Array, Int32Array,
    Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray, TimestampNanosecondArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use super::{Input, addr16, dict, ts_type, ts_value};
use crate::analyze::Connection;

/// The table's columns, in order (README's schema).
pub fn schema(unit: TimeUnit, csv: bool) -> SchemaRef {
    use DataType::{Boolean, Float64, Int32, Int64, Utf8};
    let f = Field::new;
    let intervals = if csv {
        f("syn_intervals_s", Utf8, false)
    } else {
        f(
            "syn_intervals_s",
            DataType::List(Arc::new(f("item", Float64, false))),
            false,
        )
    };
    Arc::new(Schema::new(vec![
        f("conn_id", Int64, false),
        // --json's "stream" (Wireshark's tcp.stream): conn_id unless a
        // connection continues another's conversation.
        f("stream", Int64, false),
        dict("input_file", false),
        dict("capture_hardware", true),
        dict("capture_os", true),
        f("start", ts_type(unit, csv), false),
        f("end", ts_type(unit, csv), false),
        f("client", Utf8, false),
        f("client_ip", Utf8, false),
        f("client_ip_bin", DataType::FixedSizeBinary(16), false),
        f("client_port", Int32, false),
        f("server", Utf8, false),
        f("server_ip", Utf8, false),
        f("server_ip_bin", DataType::FixedSizeBinary(16), false),
        f("server_port", Int32, false),
        f("duration_s", Float64, false),
        dict("outcome", false),
        f("diagnosis", Utf8, false),
        dict("client_state", false),
        dict("server_state", false),
        dict("zeek_state", false),
        f("history", Utf8, false),
        f("client_fin", Boolean, false),
        f("server_fin", Boolean, false),
        f("midstream", Boolean, false),
        f("packets_c2s", Int64, false),
        f("packets_s2c", Int64, false),
        f("bytes_c2s", Int64, false),
        f("bytes_s2c", Int64, false),
        f("orig_bytes", Int64, false),
        f("resp_bytes", Int64, false),
        f("handshake_rtt_ms", Float64, true),
        f("syn_count", Int64, false),
        f("synack_count", Int64, false),
        intervals,
        f("syn_span_s", Float64, false),
        dict("scan_answer", true),
        f("rsts", Int64, false),
        f("ignored_rsts", Int64, false),
        f("icmp_type", Int32, true),
        f("icmp_code", Int32, true),
        f("retransmissions", Int64, false),
        f("fast_retransmissions", Int64, false),
        f("spurious_retransmissions", Int64, false),
        f("out_of_order", Int64, false),
        f("lost_segments", Int64, false),
        f("dup_acks", Int64, false),
        f("sacks", Int64, false),
        f("dsacks", Int64, false),
        f("keepalives", Int64, false),
        f("keepalive_acks", Int64, false),
        f("window_probes", Int64, false),
        f("zero_windows", Int64, false),
        f("zero_window_s", Float64, false),
        f("close_wait_s", Float64, false),
        f("half_closed_s", Float64, false),
    ]))
}

fn i64s(rows: &[Connection], v: impl Fn(&Connection) -> u64) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(
        rows.iter().map(|r| i64::try_from(v(r)).unwrap_or(i64::MAX)),
    ))
}

fn f64s(rows: &[Connection], v: impl Fn(&Connection) -> f64) -> ArrayRef {
    Arc::new(Float64Array::from_iter_values(rows.iter().map(v)))
}

fn bools(rows: &[Connection], v: impl Fn(&Connection) -> bool) -> ArrayRef {
    Arc::new(BooleanArray::from_iter(rows.iter().map(|r| Some(v(r)))))
}

fn strs<'a>(rows: &'a [Connection], v: impl Fn(&'a Connection) -> &'a str) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(rows.iter().map(v)))
}

fn dicts<'a>(rows: &'a [Connection], v: impl Fn(&'a Connection) -> Option<&'a str>) -> ArrayRef {
    Arc::new(rows.iter().map(v).collect::<DictionaryArray<Int32Type>>())
}

fn same(rows: &[Connection], v: Option<&str>) -> ArrayRef {
    Arc::new(std::iter::repeat_n(v, rows.len()).collect::<DictionaryArray<Int32Type>>())
}

fn times(
    rows: &[Connection],
    unit: TimeUnit,
    tz: &str,
    v: impl Fn(&Connection) -> u64,
) -> ArrayRef {
    let values = rows.iter().map(|r| ts_value(v(r), unit));
    match unit {
        TimeUnit::Nanosecond => {
            Arc::new(TimestampNanosecondArray::from_iter_values(values).with_timezone(tz))
        }
        _ => Arc::new(TimestampMicrosecondArray::from_iter_values(values).with_timezone(tz)),
    }
}

fn bins(rows: &[Connection], v: impl Fn(&Connection) -> [u8; 16]) -> Result<ArrayRef, ArrowError> {
    Ok(Arc::new(FixedSizeBinaryArray::try_from_iter(
        rows.iter().map(v),
    )?))
}

/// One batch of rows (`rows` not empty) in `schema`'s columns.
pub fn batch(
    schema: &SchemaRef,
    input: &Input,
    rows: &[Connection],
) -> Result<RecordBatch, ArrowError> {
    let (unit, tz) = match schema.field_with_name("start")?.data_type() {
        DataType::Timestamp(u, tz) => (*u, tz.as_deref().unwrap_or("UTC").to_string()),
        _ => (TimeUnit::Microsecond, "UTC".to_string()),
    };
    let csv = schema.field_with_name("syn_intervals_s")?.data_type() == &DataType::Utf8;
    let intervals: ArrayRef = if csv {
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| {
            serde_json::to_string(&r.syn_intervals_s).unwrap_or_default()
        })))
    } else {
        let mut b = ListBuilder::new(Float64Builder::new()).with_field(Arc::new(Field::new(
            "item",
            DataType::Float64,
            false,
        )));
        for r in rows {
            b.values().append_slice(&r.syn_intervals_s);
            b.append(true);
        }
        Arc::new(b.finish())
    };
    let columns: Vec<ArrayRef> = vec![
        i64s(rows, |r| r.conn_id),
        i64s(rows, |r| r.stream),
        same(rows, Some(&input.file)),
        same(rows, input.hardware.as_deref()),
        same(rows, input.os.as_deref()),
        times(rows, unit, &tz, |r| r.start_ns),
        times(rows, unit, &tz, |r| r.end_ns),
        strs(rows, |r| &r.client),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.client_addr.0.to_string()),
        )),
        bins(rows, |r| addr16(r.client_addr.0))?,
        Arc::new(Int32Array::from_iter_values(
            rows.iter().map(|r| i32::from(r.client_addr.1)),
        )),
        strs(rows, |r| &r.server),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.server_addr.0.to_string()),
        )),
        bins(rows, |r| addr16(r.server_addr.0))?,
        Arc::new(Int32Array::from_iter_values(
            rows.iter().map(|r| i32::from(r.server_addr.1)),
        )),
        f64s(rows, |r| r.duration_s),
        dicts(rows, |r| Some(r.outcome)),
        strs(rows, |r| &r.diagnosis),
        dicts(rows, |r| Some(r.client_state)),
        dicts(rows, |r| Some(r.server_state)),
        dicts(rows, |r| Some(r.zeek_state)),
        strs(rows, |r| &r.history),
        bools(rows, |r| r.client_fin),
        bools(rows, |r| r.server_fin),
        bools(rows, |r| r.midstream),
        i64s(rows, |r| r.packets_c2s),
        i64s(rows, |r| r.packets_s2c),
        i64s(rows, |r| r.bytes_c2s),
        i64s(rows, |r| r.bytes_s2c),
        i64s(rows, |r| r.orig_bytes),
        i64s(rows, |r| r.resp_bytes),
        Arc::new(Float64Array::from_iter(
            rows.iter().map(|r| r.handshake_rtt_ms),
        )),
        i64s(rows, |r| u64::from(r.syn_count)),
        i64s(rows, |r| u64::from(r.synack_count)),
        intervals,
        f64s(rows, |r| r.syn_span_s),
        dicts(rows, |r| r.scan_answer),
        i64s(rows, |r| u64::from(r.rsts)),
        i64s(rows, |r| u64::from(r.ignored_rsts)),
        Arc::new(Int32Array::from_iter(
            rows.iter().map(|r| r.icmp_type.map(i32::from)),
        )),
        Arc::new(Int32Array::from_iter(
            rows.iter().map(|r| r.icmp_code.map(i32::from)),
        )),
        i64s(rows, |r| r.retransmissions),
        i64s(rows, |r| r.fast_retransmissions),
        i64s(rows, |r| r.spurious_retransmissions),
        i64s(rows, |r| r.out_of_order),
        i64s(rows, |r| r.lost_segments),
        i64s(rows, |r| r.dup_acks),
        i64s(rows, |r| r.sacks),
        i64s(rows, |r| r.dsacks),
        i64s(rows, |r| r.keepalives),
        i64s(rows, |r| r.keepalive_acks),
        i64s(rows, |r| r.window_probes),
        i64s(rows, |r| r.zero_windows),
        f64s(rows, |r| r.zero_window_s),
        f64s(rows, |r| r.close_wait_s),
        f64s(rows, |r| r.half_closed_s),
    ];
    RecordBatch::try_new(SchemaRef::clone(schema), columns)
}
