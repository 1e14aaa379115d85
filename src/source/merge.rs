//! Several capture files read as one ([`Merged`]): their packets merged by
//! timestamp as Wireshark's `mergecap` merges them (the earliest head
//! first; on equal timestamps, the file named last, as mergecap), so printing,
//! filtering, `-w` and the analyzer see one capture, and a connection that
//! spans rotated files is one connection. Each file keeps its own link
//! type per packet. Interfaces are renumbered for the run, so that a
//! pcapng `-w` file keeps each file's interfaces apart.
//!
//! Damage in one file ends that file only: the others are merged to their
//! ends, then the run ends with the damaged file's error, which names it.
//! Knows nothing of decoding or printing.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{PacketSource, SourceError};
use crate::packet::{Interface, LinkType, Origin, RawPacket, Timestamp};

/// One file of the merge and a copy of its next packet (a source lends its
/// packet only until its next read, and the merge must hold one per file).
struct Input {
    path: String,
    src: Box<dyn PacketSource>,
    head: Option<Head>,
    data: Vec<u8>,
    options: Vec<u8>,
    /// The file's interfaces as the run numbers them, by the file's own
    /// interface id (`None`: a pcap file's one interface).
    ifaces: Vec<(Option<u32>, Interface)>,
}

#[derive(Clone, Copy)]
struct Head {
    ts: Timestamp,
    wire_len: u32,
    link: LinkType,
    /// Index into [`Input::ifaces`].
    iface: usize,
}

/// Several files read as one capture, in timestamp order.
pub struct Merged {
    inputs: Vec<Input>,
    /// Whether every file's first packet has been read.
    started: bool,
    /// The file whose packet was lent last: read on at the next call.
    last: Option<usize>,
    /// The first damage met, reported once the other files are done.
    failed: Option<SourceError>,
    next_id: u32,
    snaplen: u32,
}

impl Merged {
    /// Merges `files` (each with the name its errors are to carry); of
    /// equal timestamps, the file given last goes first.
    pub fn new(files: Vec<(String, Box<dyn PacketSource>)>) -> Merged {
        let snaplen = files.iter().map(|(_, s)| s.snaplen()).max().unwrap_or(0);
        Merged {
            inputs: files
                .into_iter()
                .map(|(path, src)| Input {
                    path,
                    src,
                    head: None,
                    data: Vec::new(),
                    options: Vec::new(),
                    ifaces: Vec::new(),
                })
                .collect(),
            started: false,
            last: None,
            failed: None,
            next_id: 0,
            snaplen,
        }
    }

    fn first(&self) -> Option<&dyn PacketSource> {
        self.inputs.first().map(|i| &*i.src)
    }
}

/// Reads `inp`'s next packet into its head (none at its end or damage;
/// damage is kept in `failed`, named after the file, unless some came first).
fn refill(inp: &mut Input, next_id: &mut u32, failed: &mut Option<SourceError>) {
    inp.head = None;
    let snaplen = inp.src.snaplen();
    match inp.src.next_packet() {
        Ok(Some(p)) => {
            inp.data.clear();
            inp.data.extend_from_slice(p.data);
            inp.options.clear();
            inp.options.extend_from_slice(p.origin.options);
            let key = p.origin.iface.map(|i| i.id);
            let iface = match inp
                .ifaces
                .iter()
                .position(|(k, i)| *k == key && (key.is_some() || i.link == p.link))
            {
                Some(at) => at,
                None => {
                    let mut desc = p.origin.iface.cloned().unwrap_or(Interface {
                        id: 0,
                        link: p.link,
                        snaplen,
                        options: Vec::new(),
                    });
                    desc.id = *next_id;
                    *next_id = next_id.wrapping_add(1);
                    inp.ifaces.push((key, desc));
                    inp.ifaces.len() - 1
                }
            };
            inp.head = Some(Head {
                ts: p.ts,
                wire_len: p.wire_len,
                link: p.link,
                iface,
            });
        }
        Ok(None) => {}
        Err(SourceError::Read(m) | SourceError::Open(m)) => {
            if failed.is_none() {
                *failed = Some(SourceError::Read(format!("{}: {m}", inp.path)));
            }
        }
    }
}

impl PacketSource for Merged {
    fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError> {
        if !self.started {
            self.started = true;
            for inp in &mut self.inputs {
                refill(inp, &mut self.next_id, &mut self.failed);
            }
        } else if let Some(inp) = self.last.and_then(|k| self.inputs.get_mut(k)) {
            refill(inp, &mut self.next_id, &mut self.failed);
        }
        // The earliest head. mergecap's `merge_read_packet` keeps the
        // last of equal ones (its `is_earlier` is `<=`), so we do too.
        let mut next: Option<(usize, Timestamp)> = None;
        for (k, inp) in self.inputs.iter().enumerate() {
            if let Some(h) = inp.head
                && next.is_none_or(|(_, ts)| h.ts <= ts)
            {
                next = Some((k, h.ts));
            }
        }
        let next = next.map(|(k, _)| k);
        self.last = next;
        let Some(inp) = next.and_then(|k| self.inputs.get(k)) else {
            return match self.failed.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        };
        let Some(h) = inp.head else {
            return Ok(None);
        };
        Ok(Some(RawPacket {
            ts: h.ts,
            wire_len: h.wire_len,
            link: h.link,
            data: &inp.data,
            origin: Origin {
                iface: inp.ifaces.get(h.iface).map(|(_, i)| i),
                options: &inp.options,
            },
        }))
    }

    /// The first file's, as the banner of the first file says.
    fn link_type(&self) -> LinkType {
        self.first().map_or(LinkType::EN10MB, |s| s.link_type())
    }

    /// The largest of the files' (mergecap's choice for its output).
    fn snaplen(&self) -> u32 {
        self.snaplen
    }

    fn big_endian(&self) -> bool {
        self.first()
            .map_or(cfg!(target_endian = "big"), |s| s.big_endian())
    }

    fn link_ext(&self) -> u32 {
        self.first().map_or(0, |s| s.link_ext())
    }

    fn one_link_type(&mut self) {
        for inp in &mut self.inputs {
            inp.src.one_link_type();
        }
    }

    fn section_options(&self) -> Vec<u8> {
        self.inputs
            .iter()
            .flat_map(|i| i.src.section_options())
            .collect()
    }

    fn link_types(&self) -> Vec<LinkType> {
        let mut v: Vec<LinkType> = Vec::new();
        for t in self.inputs.iter().flat_map(|i| i.src.link_types()) {
            if !v.contains(&t) {
                v.push(t);
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source handing out packets at the given seconds, then `end`.
    struct Fake {
        secs: Vec<u64>,
        at: usize,
        end: Option<&'static str>,
        byte: [u8; 1],
    }

    impl PacketSource for Fake {
        fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError> {
            let Some(&sec) = self.secs.get(self.at) else {
                return match self.end {
                    Some(m) => Err(SourceError::Read(m.into())),
                    None => Ok(None),
                };
            };
            self.at += 1;
            self.byte = [sec as u8];
            Ok(Some(RawPacket {
                ts: Timestamp { sec, frac: 0 },
                wire_len: 1,
                link: LinkType::EN10MB,
                data: &self.byte,
                origin: Origin::default(),
            }))
        }
        fn link_type(&self) -> LinkType {
            LinkType::EN10MB
        }
        fn snaplen(&self) -> u32 {
            100
        }
    }

    fn fake(secs: &[u64], end: Option<&'static str>) -> Box<dyn PacketSource> {
        Box::new(Fake {
            secs: secs.to_vec(),
            at: 0,
            end,
            byte: [0],
        })
    }

    /// (second, interface id) of every packet, then the error if any.
    fn drain(m: &mut Merged) -> (Vec<(u64, u32)>, Option<String>) {
        let mut v = Vec::new();
        loop {
            match m.next_packet() {
                Ok(Some(p)) => v.push((p.ts.sec, p.origin.iface.map_or(99, |i| i.id))),
                Ok(None) => return (v, None),
                Err(e) => return (v, Some(e.to_string())),
            }
        }
    }

    #[test]
    fn merges_by_timestamp_last_file_first_on_ties() {
        let mut m = Merged::new(vec![
            ("a".into(), fake(&[1, 4, 4, 9], None)),
            ("b".into(), fake(&[2, 4, 5], None)),
            ("c".into(), fake(&[], None)),
        ]);
        let (v, e) = drain(&mut m);
        assert_eq!(
            v,
            [(1, 0), (2, 1), (4, 1), (4, 0), (4, 0), (5, 1), (9, 0)],
            "each file its own interface"
        );
        assert_eq!(e, None);
    }

    #[test]
    fn damage_names_the_file_after_every_readable_packet() {
        let mut m = Merged::new(vec![
            ("a.pcap".into(), fake(&[1, 3, 5, 7], None)),
            ("b.pcap".into(), fake(&[2], Some("truncated dump file"))),
        ]);
        let (v, e) = drain(&mut m);
        assert_eq!(v.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3, 5, 7]);
        assert_eq!(e.as_deref(), Some("b.pcap: truncated dump file"));
    }
}
