//! Throughput and RTT over time for one direction of a connection.
//!
//! Throughput: the payload bytes the direction sent (retransmissions
//! included) and the bytes the other direction acknowledged (the ACK's
//! advance), per interval, in bytes per second; the intervals are a
//! hundredth of the connection's duration (at most one per pixel column).
//! RTT: one sample per ACK that advances past a data segment, the time from
//! that segment to the ACK; a segment retransmitted (or covered by a
//! retransmission) gives no sample (Karn's rule), so only the analyzer's
//! own retransmission flags decide which segments are left out.

use std::collections::VecDeque;

use plotters::prelude::*;

use super::thin;
use super::tsg::{DrawResult, Rel, base, chart, legend, secs, space, x_end};
use crate::analyze::trace::{Traced, flag};
use crate::decode::TcpFlags;

pub const SENT: RGBColor = RGBColor(0x1F, 0x77, 0xB4);
pub const ACKED: RGBColor = RGBColor(0x2C, 0xA0, 0x2C);
pub const SAMPLE: RGBColor = RGBColor(0xD6, 0x27, 0x28);

const BUCKETS: usize = 100;

/// A curve: (seconds, value) points.
pub type Curve = Vec<(f64, f64)>;

/// The duration, and the bytes per second sent and acknowledged, per
/// interval.
pub fn throughput_series(t: &Traced, from_client: bool) -> (f64, Curve, Curve) {
    let dur = secs(t, t.end).max(1e-6);
    let width = dur / BUCKETS as f64;
    let mut sent = vec![0u64; BUCKETS];
    let mut acked = vec![0u64; BUCKETS];
    let mut rel = Rel::new(base(t, from_client));
    let mut last_ack: Option<i64> = None;
    let bucket = |x: f64| ((x / width) as usize).min(BUCKETS - 1);
    for g in &t.segs {
        let x = secs(t, g.ts);
        if g.from_client == from_client {
            rel.of(g.seq);
            if let Some(b) = sent.get_mut(bucket(x)) {
                *b += u64::from(g.len);
            }
        } else if g.flags.has(TcpFlags::ACK) {
            let a = rel.of(g.ack);
            if let Some(l) = last_ack
                && a > l
                && let Some(b) = acked.get_mut(bucket(x))
            {
                *b += (a - l) as u64;
            }
            last_ack = Some(last_ack.map_or(a, |l| l.max(a)));
        }
    }
    let rate = |v: Vec<u64>| {
        v.into_iter()
            .enumerate()
            .map(|(i, b)| ((i as f64 + 0.5) * width, b as f64 / width))
            .collect()
    };
    (dur, rate(sent), rate(acked))
}

pub fn throughput(svg: &mut String, t: &Traced, from_client: bool) -> DrawResult {
    let (dur, sent, acked) = throughput_series(t, from_client);
    let top = sent.iter().chain(&acked).map(|p| p.1).fold(1.0, f64::max) * 1.08;
    let root = SVGBackend::with_string(svg, (super::WIDTH, super::HEIGHT)).into_drawing_area();
    let mut chart = chart(
        &root,
        t,
        from_client,
        "throughput",
        0f64..dur * 1.02,
        0f64..top,
    )?;
    chart
        .configure_mesh()
        .x_desc("seconds since the connection's first segment")
        .y_desc("bytes per second")
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    chart
        .draw_series(LineSeries::new(sent, SENT.stroke_width(2)))?
        .label("payload sent (retransmissions included)")
        .legend(|(x, y)| Rectangle::new([(x, y - 1), (x + 14, y + 1)], SENT.filled()));
    chart
        .draw_series(LineSeries::new(acked, ACKED.stroke_width(2)))?
        .label("acknowledged by the peer")
        .legend(|(x, y)| Rectangle::new([(x, y - 1), (x + 14, y + 1)], ACKED.filled()));
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    let note = format!(
        "x 0 to {:.6} s; {} intervals of {:.6} s",
        secs(t, t.end),
        BUCKETS,
        dur / BUCKETS as f64
    );
    root.draw(&Text::new(note, (14, 30), ("sans-serif", 12)))?;
    root.present()?;
    Ok(())
}

/// RTT samples (seconds since the start, milliseconds).
pub fn rtt_samples(t: &Traced, from_client: bool) -> Vec<(f64, f64)> {
    let mut rel = Rel::new(base(t, from_client));
    // Segments in flight: (end, sent at, may be sampled).
    let mut flight: VecDeque<(i64, u64, bool)> = VecDeque::new();
    let mut out = Vec::new();
    for g in &t.segs {
        if g.from_client == from_client {
            let lo = rel.of(g.seq);
            let sp = space(g);
            if sp == 0 {
                continue;
            }
            let end = lo + i64::from(sp);
            if g.analysis & flag::RETRANSMISSION != 0 {
                // Karn: no sample for anything this retransmission covers.
                for f in flight.iter_mut().filter(|f| f.0 > lo) {
                    f.2 = false;
                }
                continue;
            }
            if flight.back().is_none_or(|b| end > b.0) {
                flight.push_back((end, g.ts, true));
            }
        } else if g.flags.has(TcpFlags::ACK) {
            let a = rel.of(g.ack);
            let mut newest = None;
            while let Some(&f) = flight.front() {
                if f.0 > a {
                    break;
                }
                flight.pop_front();
                newest = Some(f);
            }
            if let Some((_, sent, true)) = newest {
                out.push((secs(t, g.ts), g.ts.saturating_sub(sent) as f64 / 1e6));
            }
        }
    }
    out
}

pub fn rtt(svg: &mut String, t: &Traced, from_client: bool) -> DrawResult {
    let mut samples = rtt_samples(t, from_client);
    let n = samples.len();
    let dur = secs(t, t.end);
    let x1 = x_end(dur);
    let top = samples.iter().map(|p| p.1).fold(0.001, f64::max) * 1.08;
    let root = SVGBackend::with_string(svg, (super::WIDTH, super::HEIGHT)).into_drawing_area();
    let mut chart = chart(
        &root,
        t,
        from_client,
        "round-trip time",
        0f64..x1,
        0f64..top,
    )?;
    let cols = chart.plotting_area().dim_in_pixel().0.max(1) as usize;
    let thinned = thin::points(&mut samples, 0.0, x1, cols);
    chart
        .configure_mesh()
        .x_desc("seconds since the connection's first segment")
        .y_desc("RTT (ms): data segment to the ACK covering it")
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    chart
        .draw_series(samples.iter().map(|&p| Circle::new(p, 3, SAMPLE.filled())))?
        .label(format!("RTT samples: {n}"))
        .legend(|(x, y)| Circle::new((x + 7, y), 3, SAMPLE.filled()));
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    let mut note =
        format!("x 0 to {dur:.6} s; {n} samples (none for retransmitted segments: Karn's rule)");
    if thinned {
        note.push_str("; thinned to the largest sample per pixel column");
    }
    root.draw(&Text::new(note, (14, 30), ("sans-serif", 12)))?;
    root.present()?;
    Ok(())
}
