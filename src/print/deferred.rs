//! Formatting out of order, printing in order: the printer's half of the
//! threaded pipeline (`crate::pipeline::threads`). The one piece of state a `-n`
//! printer carries from packet to packet is tcpdump's relative-sequence
//! table; a deferred [`Printer`] formats a batch of packets without it,
//! recording each TCP header's lookup (`SeqOp`) and leaving the numbers
//! it changes as holes. [`SeqResolver`], run on batches in packet order,
//! replays the lookups on the one table and fills the holes, so the bytes
//! are those the sequential printer writes.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::tcp_seq::{self, Rel, SeqOp, SeqTable};
use super::{PrintOptions, Printer};
use crate::packet::RawPacket;

/// A number left out of a line: `raw` as lookup `op` of the line makes it.
#[derive(Clone, Copy)]
pub(crate) struct Hole {
    /// Byte offset in the line where the number goes.
    pub at: u32,
    /// Index of the lookup among the line's [`SeqOp`]s.
    pub op: u32,
    pub raw: u32,
    pub rel: Rel,
}

/// One line's place in a [`Formatted`] batch.
struct LineInfo {
    end: usize,
    ops_end: usize,
    holes_end: usize,
    /// Formatted again by the sink in packet order (`LineBuf::redo`).
    redo: bool,
}

/// Lines formatted by a deferred printer, with their lookups and holes.
#[derive(Default)]
pub struct Formatted {
    text: Vec<u8>,
    lines: Vec<LineInfo>,
    ops: Vec<SeqOp>,
    holes: Vec<Hole>,
}

impl Formatted {
    /// Whether line `i` must be formatted again, in packet order, by a
    /// sequential printer that shares the resolver's sequence table: it
    /// read or wrote state across packets that a deferred printer does
    /// not keep (NFS's call ring).
    pub fn redo(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| l.redo)
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.ops.clear();
        self.holes.clear();
    }
}

impl Printer {
    /// A printer whose relative-sequence lookups are deferred (see the
    /// module doc); the caller guarantees the options keep no other state
    /// between packets (`-n`, no `-ttt`/`-ttttt`).
    pub fn deferred(opts: PrintOptions) -> Self {
        let mut p = Printer::new(opts);
        p.run.defer = true;
        p
    }

    /// Formats one packet onto the end of `batch`.
    pub fn format_into(&mut self, pkt: &RawPacket<'_>, number: u32, batch: &mut Formatted) {
        // Formats straight into the batch's text: no copy of the line.
        std::mem::swap(&mut self.buf.line, &mut batch.text);
        self.buf.line_base = self.buf.line.len();
        self.emit(pkt, number);
        std::mem::swap(&mut self.buf.line, &mut batch.text);
        batch.ops.extend_from_slice(&self.buf.seq_ops);
        batch.holes.extend_from_slice(&self.buf.holes);
        batch.lines.push(LineInfo {
            end: batch.text.len(),
            ops_end: batch.ops.len(),
            holes_end: batch.holes.len(),
            redo: self.buf.redo,
        });
    }
}

/// The relative-sequence lookups, applied to formatted batches in order
/// on the sink's one table (its sequential printer's, which formats the
/// lines marked [`Formatted::redo`]).
#[derive(Default)]
pub struct SeqResolver {
    found: Vec<(bool, bool, tcp_seq::Isn)>,
}

impl SeqResolver {
    /// Writes line `i` of `batch` with every hole filled. Lines must be
    /// resolved in packet order, each once.
    pub(crate) fn resolve_line<W: std::io::Write>(
        &mut self,
        table: &mut SeqTable,
        batch: &Formatted,
        i: usize,
        out: &mut W,
    ) -> std::io::Result<()> {
        let Some(line) = batch.lines.get(i) else {
            return Ok(());
        };
        let (start, ops_start, holes_start) =
            match i.checked_sub(1).and_then(|p| batch.lines.get(p)) {
                Some(prev) => (prev.end, prev.ops_end, prev.holes_end),
                None => (0, 0, 0),
            };
        let text = batch.text.get(start..line.end).unwrap_or_default();
        let ops = batch.ops.get(ops_start..line.ops_end).unwrap_or_default();
        let holes = batch
            .holes
            .get(holes_start..line.holes_end)
            .unwrap_or_default();
        self.found.clear();
        for op in ops {
            let (found, th) = table.lookup(op);
            self.found.push((found, op.rev, th));
        }
        let mut at = 0;
        for h in holes {
            let cut = h.at as usize;
            out.write_all(text.get(at..cut).unwrap_or_default())?;
            at = cut;
            if let Some(&(found, rev, th)) = self.found.get(h.op as usize) {
                let v = tcp_seq::printed(found, rev, th, h.raw, h.rel);
                out.write_all(itoa::Buffer::new().format(v).as_bytes())?;
            }
        }
        out.write_all(text.get(at..).unwrap_or_default())
    }
}
