//! The time-sequence graph (Stevens, tcptrace and Wireshark's
//! "Stevens"/"tcptrace" graphs) of one direction of a connection: x is
//! seconds since the connection's first segment, y the data direction's
//! relative sequence number (0 at its first segment, as Wireshark's
//! relative numbers). Each segment that takes sequence space (payload, SYN,
//! FIN) is a vertical bar from seq to seq + len, coloured by the analyzer's
//! flags for it (retransmission, which includes fast and spurious ones;
//! else out-of-order; else "previous segment not captured"; else plain
//! data). From the other direction: the ACK line, the receive-window line
//! (ACK + window, scaled) above it, SACK blocks as bars, and its zero-window
//! periods shaded (from a zero window to the next non-zero one, as the
//! analyzer times them). SYN, FIN and RST of both directions are marked.

use std::fmt::Write as _;

use plotters::prelude::*;

use super::thin::{self, Bar};
use crate::analyze::trace::{Seg, Traced, flag};
use crate::decode::TcpFlags;

pub const DATA: RGBColor = RGBColor(0x1F, 0x77, 0xB4);
pub const RETRANS: RGBColor = RGBColor(0xD6, 0x27, 0x28);
pub const OOO: RGBColor = RGBColor(0xFF, 0x7F, 0x0E);
pub const GAP: RGBColor = RGBColor(0x94, 0x67, 0xBD);
pub const ACK: RGBColor = RGBColor(0x2C, 0xA0, 0x2C);
pub const WINDOW: RGBColor = RGBColor(0xBC, 0xBD, 0x22);
pub const SACK: RGBColor = RGBColor(0x17, 0xBE, 0xCF);
pub const ZERO_WIN: RGBColor = RGBColor(0xFF, 0xC8, 0xC8);
pub const SYN: RGBColor = RGBColor(0x00, 0x80, 0x00);
pub const FIN: RGBColor = RGBColor(0x8C, 0x56, 0x4B);
pub const RST: RGBColor = RGBColor(0x00, 0x00, 0x00);

/// Sequence numbers as 64-bit values relative to a base, unwrapped modulo
/// 2^32 against the last one seen (the values drawn move slowly).
pub struct Rel {
    last_raw: u32,
    last: i64,
}

impl Rel {
    pub fn new(base: u32) -> Rel {
        Rel {
            last_raw: base,
            last: 0,
        }
    }
    pub fn of(&mut self, x: u32) -> i64 {
        self.last += i64::from(x.wrapping_sub(self.last_raw) as i32);
        self.last_raw = x;
        self.last
    }
}

/// The class of a data segment, from the analyzer's flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Data,
    Retransmission,
    OutOfOrder,
    AfterGap,
}

pub fn class(analysis: u16) -> Class {
    if analysis & flag::RETRANSMISSION != 0 {
        Class::Retransmission
    } else if analysis & flag::OUT_OF_ORDER != 0 {
        Class::OutOfOrder
    } else if analysis & flag::LOST_SEGMENT != 0 {
        Class::AfterGap
    } else {
        Class::Data
    }
}

/// Sequence space a segment takes (payload, +1 for SYN, +1 for FIN).
pub fn space(g: &Seg) -> u32 {
    g.len
        .saturating_add(u32::from(g.flags.has(TcpFlags::SYN)))
        .saturating_add(u32::from(g.flags.has(TcpFlags::FIN)))
}

/// The base of the data direction's relative numbers: its first segment's
/// sequence number, else the first ACK of the other direction.
pub fn base(t: &Traced, from_client: bool) -> u32 {
    t.segs
        .iter()
        .find(|g| g.from_client == from_client)
        .map(|g| g.seq)
        .or_else(|| {
            t.segs
                .iter()
                .find(|g| g.from_client != from_client && g.flags.has(TcpFlags::ACK))
                .map(|g| g.ack)
        })
        .unwrap_or(0)
}

pub fn secs(t: &Traced, ts: u64) -> f64 {
    ts.saturating_sub(t.start) as f64 / 1e9
}

/// "client 10.0.0.1:5000 > server 10.0.0.2:80" in the drawn direction.
pub fn direction_words(t: &Traced, from_client: bool) -> String {
    let ep = crate::analyze::endpoint;
    let (c, s) = (ep(t.client.0, t.client.1), ep(t.server.0, t.server.1));
    if from_client {
        format!("{c} > {s} (client's data)")
    } else {
        format!("{s} > {c} (server's data)")
    }
}

/// What the picture draws, in chart coordinates.
#[derive(Default)]
struct Marks {
    bars: [Vec<Bar>; 4],
    acks: Vec<(f64, f64)>,
    wins: Vec<(f64, f64)>,
    sacks: Vec<Bar>,
    zero: Vec<(f64, f64)>,
    syn: Vec<(f64, f64)>,
    fin: Vec<(f64, f64)>,
    rst: Vec<(f64, f64)>,
    /// The data's sequence extent.
    seq_max: i64,
    zero_s: f64,
}

fn marks(t: &Traced, from_client: bool) -> Marks {
    let mut m = Marks::default();
    let mut rel = Rel::new(base(t, from_client));
    let mut sacks = t.sacks.iter().peekable();
    let mut zero_since: Option<f64> = None;
    let (mut last_ack, mut last_win): (Option<f64>, Option<f64>) = (None, None);
    for (i, g) in t.segs.iter().enumerate() {
        let x = secs(t, g.ts);
        let ctl = g.flags.any(TcpFlags::SYN | TcpFlags::FIN | TcpFlags::RST);
        if g.from_client == from_client {
            let lo = rel.of(g.seq);
            let sp = space(g);
            if sp > 0 {
                let hi = lo + i64::from(sp);
                m.seq_max = m.seq_max.max(hi);
                let k = class(g.analysis) as usize;
                if let Some(v) = m.bars.get_mut(k) {
                    v.push(Bar {
                        x,
                        lo: lo as f64,
                        hi: hi as f64,
                    });
                }
            }
            let y = lo as f64;
            mark(&mut m, g, x, y);
        } else {
            let y = if g.flags.has(TcpFlags::ACK) {
                let a = rel.of(g.ack) as f64;
                let w = a + f64::from(g.win);
                step(&mut m.acks, &mut last_ack, x, a);
                step(&mut m.wins, &mut last_win, x, w);
                a
            } else {
                0.0
            };
            mark(&mut m, g, x, y);
            while let Some(&&(j, l, r)) = sacks.peek() {
                if j as usize > i {
                    break;
                }
                sacks.next();
                if j as usize == i {
                    m.sacks.push(Bar {
                        x,
                        lo: rel.of(l) as f64,
                        hi: rel.of(r) as f64,
                    });
                }
            }
            // The receiver's zero-window time, as the analyzer counts it.
            if !ctl || g.flags.has(TcpFlags::RST) {
                match (g.win == 0 && !ctl, zero_since) {
                    (true, None) => zero_since = Some(x),
                    (false, Some(s)) => {
                        m.zero.push((s, x));
                        zero_since = None;
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(s) = zero_since {
        m.zero.push((s, secs(t, t.end)));
    }
    let z: f64 = m.zero.iter().map(|(a, b)| b - a).sum();
    // An empty sum is -0.0.
    m.zero_s = if z > 0.0 { z } else { 0.0 };
    m
}

fn mark(m: &mut Marks, g: &Seg, x: f64, y: f64) {
    if g.flags.has(TcpFlags::SYN) {
        m.syn.push((x, y));
    }
    if g.flags.has(TcpFlags::FIN) {
        m.fin.push((x, y));
    }
    if g.flags.has(TcpFlags::RST) {
        m.rst.push((x, y));
    }
}

/// A step line: the value holds until the next one.
fn step(v: &mut Vec<(f64, f64)>, last: &mut Option<f64>, x: f64, y: f64) {
    if let Some(p) = *last {
        if p == y {
            return;
        }
        v.push((x, p));
    }
    v.push((x, y));
    *last = Some(y);
}

pub(super) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A picture's chart: seconds on x, f64 on y, drawn into an SVG string.
pub(super) type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The right end of a picture's x axis: the connection's duration `dur`
/// and a margin (a connection of one instant still gets a visible axis).
pub(super) fn x_end(dur: f64) -> f64 {
    if dur > 0.0 { dur * 1.02 } else { 1e-3 }
}

/// The chart every picture draws on: `root` filled white, titled
/// "tcp.stream N: direction: `what`", with the same margins and axis room.
pub(super) fn chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    t: &Traced,
    from_client: bool,
    what: &str,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let title = format!(
        "tcp.stream {}: {}: {what}",
        t.stream,
        direction_words(t, from_client)
    );
    Ok(ChartBuilder::on(root)
        .caption(title, ("sans-serif", 17))
        .margin(12)
        .margin_top(40)
        .x_label_area_size(42)
        .y_label_area_size(90)
        .build_cartesian_2d(x, y)?)
}

/// The legend box every picture draws, at `position`.
pub(super) fn legend<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    position: SeriesLabelPosition,
) -> DrawResult {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 12))
        .draw()?;
    Ok(())
}

/// Draws the time-sequence graph of `t`'s direction `from_client` into `svg`.
pub fn draw(svg: &mut String, t: &Traced, from_client: bool) -> DrawResult {
    let mut m = marks(t, from_client);
    let dur = secs(t, t.end);
    let x1 = x_end(dur);
    let ys = m
        .acks
        .iter()
        .chain(&m.wins)
        .map(|p| p.1)
        .chain(m.sacks.iter().map(|b| b.hi))
        .fold(m.seq_max as f64, f64::max);
    let y_lo = m
        .acks
        .iter()
        .map(|p| p.1)
        .chain(m.sacks.iter().map(|b| b.lo))
        .fold(0.0, f64::min);
    let y1 = ys + (ys - y_lo).max(1.0) * 0.04;
    let counts: Vec<usize> = m.bars.iter().map(Vec::len).collect();
    let sack_n = m.sacks.len();
    let root = SVGBackend::with_string(svg, (super::WIDTH, super::HEIGHT)).into_drawing_area();
    let mut chart = chart(
        &root,
        t,
        from_client,
        "time-sequence graph",
        0f64..x1,
        y_lo..y1,
    )?;
    let (cols, rows) = chart.plotting_area().dim_in_pixel();
    let cols = cols.max(1) as usize;
    // A retransmission, out-of-order or after-a-gap bar (and a SACK block)
    // is at least 5 pixels tall, so that one among a million is seen.
    let min_h = (y1 - y_lo) / f64::from(rows.max(1)) * 5.0;
    for b in m
        .bars
        .iter_mut()
        .skip(1)
        .flatten()
        .chain(m.sacks.iter_mut())
    {
        if b.hi - b.lo < min_h {
            b.hi = b.lo + min_h;
        }
    }
    let mut thinned = false;
    for v in m.bars.iter_mut() {
        thinned |= thin::bars(v, 0.0, x1, cols);
    }
    thinned |= thin::bars(&mut m.sacks, 0.0, x1, cols);
    for v in [&mut m.syn, &mut m.fin, &mut m.rst] {
        thinned |= thin::points(v, 0.0, x1, cols);
    }
    thin::line(&mut m.acks, 0.0, x1, cols);
    thin::line(&mut m.wins, 0.0, x1, cols);
    chart
        .configure_mesh()
        .x_desc("seconds since the connection's first segment")
        .y_desc("relative sequence number")
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    chart
        .draw_series(
            m.zero
                .iter()
                .map(|&(a, b)| Rectangle::new([(a, y_lo), (b.max(a), y1)], ZERO_WIN.filled())),
        )?
        .label("zero window (receiver)")
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], ZERO_WIN.filled()));
    chart
        .draw_series(LineSeries::new(
            m.wins.iter().copied(),
            WINDOW.stroke_width(1),
        ))?
        .label("receive window (ACK + window)")
        .legend(|(x, y)| Rectangle::new([(x, y - 1), (x + 14, y + 1)], WINDOW.filled()));
    chart
        .draw_series(LineSeries::new(m.acks.iter().copied(), ACK.stroke_width(1)))?
        .label("ACK")
        .legend(|(x, y)| Rectangle::new([(x, y - 1), (x + 14, y + 1)], ACK.filled()));
    let names = [
        (DATA, "data"),
        (RETRANS, "retransmission"),
        (OOO, "out of order"),
        (GAP, "after a gap (previous segment not captured)"),
    ];
    for ((v, n), (color, name)) in m.bars.iter().zip(&counts).zip(names) {
        chart
            .draw_series(
                v.iter().map(|b| {
                    PathElement::new(vec![(b.x, b.lo), (b.x, b.hi)], color.stroke_width(2))
                }),
            )?
            .label(format!("{name}: {n}"))
            .legend(move |(x, y)| Rectangle::new([(x + 5, y - 6), (x + 9, y + 6)], color.filled()));
    }
    chart
        .draw_series(
            m.sacks
                .iter()
                .map(|b| PathElement::new(vec![(b.x, b.lo), (b.x, b.hi)], SACK.stroke_width(3))),
        )?
        .label(format!("SACK blocks: {sack_n}"))
        .legend(|(x, y)| Rectangle::new([(x + 4, y - 6), (x + 10, y + 6)], SACK.filled()));
    chart
        .draw_series(
            m.syn
                .iter()
                .map(|&p| TriangleMarker::new(p, 6, SYN.filled())),
        )?
        .label("SYN")
        .legend(|(x, y)| TriangleMarker::new((x + 7, y), 6, SYN.filled()));
    chart
        .draw_series(m.fin.iter().map(|&p| Circle::new(p, 4, FIN.filled())))?
        .label("FIN")
        .legend(|(x, y)| Circle::new((x + 7, y), 4, FIN.filled()));
    chart
        .draw_series(m.rst.iter().map(|&p| Cross::new(p, 5, RST.stroke_width(2))))?
        .label("RST")
        .legend(|(x, y)| Cross::new((x + 7, y), 5, RST.stroke_width(2)));
    legend(&mut chart, SeriesLabelPosition::LowerRight)?;
    let mut note = format!(
        "x 0 to {dur:.6} s; sequence 0 to {}; {} data segments ({} retransmitted, {} out of order, \
         {} after a gap); zero window {:.3} s",
        m.seq_max,
        counts.iter().sum::<usize>(),
        counts.get(1).copied().unwrap_or(0),
        counts.get(2).copied().unwrap_or(0),
        counts.get(3).copied().unwrap_or(0),
        m.zero_s
    );
    if thinned {
        note.push_str("; thinned to one mark per pixel column per class");
    }
    if t.dropped > 0 {
        let _ = write!(
            note,
            "; {} later segments not recorded (memory bound)",
            t.dropped
        );
    }
    root.draw(&Text::new(note, (14, 30), ("sans-serif", 12)))?;
    root.present()?;
    Ok(())
}
