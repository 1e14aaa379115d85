//! pcapng files: sections (each with its own byte order), interfaces (each
//! with its own link type, `if_tsresol` and `if_tsoffset`), and the packet
//! blocks EPB, SPB and the obsolete PB. Timestamps are converted the way
//! libpcap's `sf-pcapng.c` converts them. Unlike libpcap 1.10, interfaces may
//! have different link types: each packet carries its own interface's type.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

use super::file::{adjust_snapshot, io_err, read_full};
use super::{PacketSource, SourceError};
use crate::packet::{self, LinkType, Origin, Precision, RawPacket, Timestamp};

const BT_SHB: u32 = 0x0A0D_0D0A;
const BT_IDB: u32 = 1;
const BT_PB: u32 = 2;
const BT_SPB: u32 = 3;
const BT_EPB: u32 = 6;
/// libpcap refuses blocks larger than this (its `MAX_BLOCKSIZE` for the max snaplen).
const MAX_BLOCKSIZE: u32 = 16 * 1024 * 1024;

struct Interface {
    /// What a pcapng `-w` file writes of it.
    desc: packet::Interface,
    link: LinkType,
    /// Units per second of the raw timestamp.
    tsresol: u64,
    tsoffset: u64,
}

pub(super) struct PcapNgFile<R> {
    r: R,
    /// The current section's byte order.
    section_big_endian: bool,
    /// The first section's, which libpcap reports for the whole file.
    file_big_endian: bool,
    precision: Precision,
    interfaces: Vec<Interface>,
    /// From the first interface of the file, as libpcap reports it.
    link: LinkType,
    snaplen: u32,
    /// Refuse a later interface unlike the first (libpcap's rule; `-w`).
    one_link: bool,
    block: Vec<u8>,
    /// Offset of the packet data inside `block` after `next_packet`.
    data: (usize, usize),
    /// The next interface's [`packet::Interface::id`]: interfaces of every
    /// section are numbered in one sequence.
    next_id: u32,
    /// The last packet's options kept for `-w` (comments), little-endian.
    packet_options: Vec<u8>,
    /// The sections' options kept for `-w` (comments; the first section's
    /// hardware and OS), little-endian.
    section_options: Vec<u8>,
}

/// Option codes kept from a Section Header Block: `opt_comment`,
/// `shb_hardware`, `shb_os` (the writer names itself in `shb_userappl`).
const SHB_KEEP: &[u16] = &[1, 2, 3];
/// Option codes kept from an Interface Description Block: `opt_comment`,
/// `if_name`, `if_description`, `if_os`, `if_hardware` (not `if_tsresol`
/// or `if_tsoffset`: the writer's timestamps have their own resolution).
const IDB_KEEP: &[u16] = &[1, 2, 3, 11, 12, 13, 15];

/// Appends the options of `b[start..end]` (in the section's byte order
/// `be`) whose codes are in `keep` to `out`, as little-endian TLVs padded
/// to 4 bytes; stops at the end-of-options marker or a cut option.
fn keep_options(b: &[u8], start: usize, end: usize, be: bool, keep: &[u16], out: &mut Vec<u8>) {
    let mut at = start;
    while at + 4 <= end {
        let code = rd16(b, at, be);
        let len = usize::from(rd16(b, at + 2, be));
        let val = at + 4;
        if code == 0 {
            break;
        }
        let Some(v) = b.get(val..val + len).filter(|_| val + len <= end) else {
            break;
        };
        if keep.contains(&code) {
            out.extend_from_slice(&code.to_le_bytes());
            out.extend_from_slice(&rd16(b, at + 2, be).to_le_bytes());
            out.extend_from_slice(v);
            out.resize(out.len() + (4 - len % 4) % 4, 0);
        }
        at = val + len.div_ceil(4) * 4;
    }
}

fn rd32(b: &[u8], at: usize, be: bool) -> u32 {
    let mut w = [0u8; 4];
    if let Some(s) = b.get(at..at + 4) {
        w.copy_from_slice(s);
    }
    if be {
        u32::from_be_bytes(w)
    } else {
        u32::from_le_bytes(w)
    }
}

fn rd16(b: &[u8], at: usize, be: bool) -> u16 {
    let mut w = [0u8; 2];
    if let Some(s) = b.get(at..at + 2) {
        w.copy_from_slice(s);
    }
    if be {
        u16::from_be_bytes(w)
    } else {
        u16::from_le_bytes(w)
    }
}

impl<R: Read> PcapNgFile<R> {
    pub(super) fn open(
        mut r: R,
        magic: [u8; 4],
        precision: Precision,
    ) -> Result<Self, SourceError> {
        let open_err = |m: String| SourceError::Open(m);
        // SHB: type, length, byte-order magic.
        let mut head = [0u8; 12];
        head[..4].copy_from_slice(&magic);
        let rest = head.get_mut(4..).unwrap_or_default();
        let got = read_full(&mut r, rest).map_err(|e| open_err(io_err(&e)))?;
        if got < 8 {
            return Err(open_err(format!(
                "truncated dump file; tried to read {} file header bytes, only got {}",
                12,
                got + 4
            )));
        }
        let bom = rd32(&head, 8, true);
        let big_endian = match bom {
            0x1A2B_3C4D => true,
            0x4D3C_2B1A => false,
            _ => return Err(open_err("unknown file format".into())),
        };
        let mut f = PcapNgFile {
            r,
            section_big_endian: big_endian,
            file_big_endian: big_endian,
            precision,
            interfaces: Vec::new(),
            link: LinkType::EN10MB,
            snaplen: 0,
            one_link: false,
            block: Vec::new(),
            data: (0, 0),
            next_id: 0,
            packet_options: Vec::new(),
            section_options: Vec::new(),
        };
        let total = rd32(&head, 4, big_endian);
        if !(28..=MAX_BLOCKSIZE).contains(&total) {
            return Err(open_err(format!(
                "Section Header Block in pcapng dump file has invalid length {} < _{}_ < {} (BT_SHB_INSANE_MAX)",
                28, total, MAX_BLOCKSIZE
            )));
        }
        f.read_body(&head, total)
            .map_err(|e| open_err(e.to_string()))?;
        let major = rd16(&f.block, 12, big_endian);
        let minor = rd16(&f.block, 14, big_endian);
        if major != 1 {
            return Err(open_err(format!(
                "unsupported pcapng savefile version {major}.{minor}"
            )));
        }
        let end = f.block.len().saturating_sub(4);
        keep_options(
            &f.block,
            24,
            end,
            big_endian,
            SHB_KEEP,
            &mut f.section_options,
        );
        // libpcap reads blocks up to the first IDB to learn the link type.
        loop {
            match f.read_block() {
                Ok(None) => {
                    return Err(open_err(
                        "the capture file has no Interface Description Blocks".into(),
                    ));
                }
                Ok(Some(BT_IDB)) => break,
                Ok(Some(BT_EPB | BT_SPB | BT_PB)) => return Err(open_err(
                    "the capture file has a packet block before any Interface Description Blocks"
                        .into(),
                )),
                Ok(Some(_)) => {}
                Err(SourceError::Read(m) | SourceError::Open(m)) => return Err(open_err(m)),
            }
        }
        Ok(f)
    }

    /// Reads the rest of a block whose 12-byte start (type, length, first word) is `head`.
    fn read_body(&mut self, head: &[u8; 12], total: u32) -> Result<(), SourceError> {
        self.block.clear();
        self.block.extend_from_slice(head);
        self.block.resize(total as usize, 0);
        let rest = self.block.get_mut(12..).unwrap_or_default();
        let want = rest.len();
        let got = read_full(&mut self.r, rest).map_err(|e| SourceError::Read(io_err(&e)))?;
        if got < want {
            // libpcap reads everything after the 8-byte block header at once;
            // 4 of those bytes are already in `head`.
            return Err(SourceError::Read(format!(
                "truncated pcapng dump file; tried to read {} bytes, only got {}",
                want + 4,
                got + 4
            )));
        }
        let trailer = rd32(&self.block, total as usize - 4, self.section_big_endian);
        if trailer != total {
            return Err(SourceError::Read(
                "block total length in header and trailer don't match".into(),
            ));
        }
        Ok(())
    }

    /// Reads one block into `self.block`, handling SHB and IDB; returns its type.
    fn read_block(&mut self) -> Result<Option<u32>, SourceError> {
        let mut head = [0u8; 12];
        let got =
            read_full(&mut self.r, &mut head[..8]).map_err(|e| SourceError::Read(io_err(&e)))?;
        if got == 0 {
            return Ok(None);
        }
        if got < 8 {
            return Err(SourceError::Read(format!(
                "truncated pcapng dump file; tried to read 8 bytes, only got {got}"
            )));
        }
        let btype_raw = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
        if btype_raw == BT_SHB {
            // A new section: its own byte order, its own interfaces.
            let got = read_full(&mut self.r, &mut head[8..])
                .map_err(|e| SourceError::Read(io_err(&e)))?;
            if got < 4 {
                return Err(SourceError::Read(format!(
                    "truncated pcapng dump file; tried to read 12 bytes, only got {}",
                    got + 8
                )));
            }
            self.section_big_endian = match rd32(&head, 8, true) {
                0x1A2B_3C4D => true,
                0x4D3C_2B1A => false,
                _ => {
                    return Err(SourceError::Read(
                        "the file has a section with a bad byte order magic field".into(),
                    ));
                }
            };
            let total = rd32(&head, 4, self.section_big_endian);
            if !(28..=MAX_BLOCKSIZE).contains(&total) || !total.is_multiple_of(4) {
                return Err(SourceError::Read(format!(
                    "block in pcapng dump file has a length of {total} < 28"
                )));
            }
            self.read_body(&head, total)?;
            self.interfaces.clear();
            let end = self.block.len().saturating_sub(4);
            let be = self.section_big_endian;
            keep_options(&self.block, 24, end, be, &[1], &mut self.section_options);
            return Ok(Some(BT_SHB));
        }
        let btype = rd32(&head, 0, self.section_big_endian);
        let total = rd32(&head, 4, self.section_big_endian);
        if total < 12 {
            return Err(SourceError::Read(format!(
                "block in pcapng dump file has a length of {total} < 12"
            )));
        }
        if !total.is_multiple_of(4) {
            return Err(SourceError::Read(format!(
                "block in pcapng dump file has a length of {total} that is not a multiple of 4"
            )));
        }
        if total > MAX_BLOCKSIZE {
            return Err(SourceError::Read(format!(
                "pcapng block size {total} > maximum {MAX_BLOCKSIZE}"
            )));
        }
        let got =
            read_full(&mut self.r, &mut head[8..]).map_err(|e| SourceError::Read(io_err(&e)))?;
        if got < 4 {
            return Err(SourceError::Read(format!(
                "truncated pcapng dump file; tried to read {} bytes, only got {got}",
                total - 8
            )));
        }
        self.read_body(&head, total)?;
        if btype == BT_IDB {
            self.add_interface()?;
        }
        Ok(Some(btype))
    }

    fn add_interface(&mut self) -> Result<(), SourceError> {
        let be = self.section_big_endian;
        let b = &self.block;
        let end = b.len().saturating_sub(4);
        if end < 16 {
            return Err(SourceError::Read(
                "block of type 1 in pcapng dump file is too short".into(),
            ));
        }
        let link = LinkType::from_file_value(u32::from(rd16(b, 8, be)));
        let snaplen = rd32(b, 12, be);
        let mut tsresol: u64 = 1_000_000;
        let mut tsoffset: u64 = 0;
        let mut at = 16;
        while at + 4 <= end {
            let code = rd16(b, at, be);
            let len = usize::from(rd16(b, at + 2, be));
            let val = at + 4;
            if code == 0 {
                break;
            }
            if code == 9 && len == 1 {
                let v = b.get(val).copied().unwrap_or(6);
                let exp = u32::from(v & 0x7F);
                tsresol = if v & 0x80 != 0 {
                    if exp > 63 {
                        return Err(SourceError::Read(format!(
                            "Interface Description Block if_tsresol option resolution 2^-{exp} is too high"
                        )));
                    }
                    1u64 << exp
                } else {
                    10u64.checked_pow(exp).ok_or_else(|| {
                        SourceError::Read(format!(
                            "Interface Description Block if_tsresol option resolution 10^-{exp} is too high"
                        ))
                    })?
                };
            } else if code == 14 && len == 8 {
                let hi = u64::from(rd32(b, val, be));
                let lo = u64::from(rd32(b, val + 4, be));
                tsoffset = if be { hi << 32 | lo } else { lo << 32 | hi };
            }
            at = val + len.div_ceil(4) * 4;
        }
        if self.interfaces.is_empty() && self.snaplen == 0 {
            self.link = link;
            self.snaplen = adjust_snapshot(link, snaplen);
        } else if self.one_link {
            // sf-pcapng.c compares the first interface's DLT with this
            // one's raw LINKTYPE_ value, and the adjusted snapshot lengths.
            let raw = u32::from(rd16(b, 8, be));
            if raw != self.link.0 {
                // libpcap's words, then what to do about it.
                return Err(SourceError::Read(format!(
                    "an interface has a type {raw} different from the type of the first interface; \
                     a pcap file holds one link type: write pcapng instead (-w FILE.pcapng or --pcapng)"
                )));
            }
            if adjust_snapshot(self.link, snaplen) != self.snaplen {
                return Err(SourceError::Read(format!(
                    "an interface has a snapshot length {snaplen} different from the snapshot length of the first interface"
                )));
            }
        }
        let mut options = Vec::new();
        keep_options(b, 16, end, be, IDB_KEEP, &mut options);
        let desc = packet::Interface {
            id: self.next_id,
            link,
            snaplen: adjust_snapshot(link, snaplen),
            options,
        };
        self.next_id = self.next_id.wrapping_add(1);
        self.interfaces.push(Interface {
            desc,
            link,
            tsresol,
            tsoffset,
        });
        Ok(())
    }

    fn convert_ts(&self, t: u64, iface: &Interface) -> Timestamp {
        let sec = (t / iface.tsresol).wrapping_add(iface.tsoffset);
        let frac = t % iface.tsresol;
        let want = self.precision.units_per_sec();
        let frac = if iface.tsresol == want {
            frac
        } else {
            (u128::from(frac) * u128::from(want) / u128::from(iface.tsresol)) as u64
        };
        Timestamp { sec, frac }
    }
}

impl<R: Read> PacketSource for PcapNgFile<R> {
    fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError> {
        let (iface_id, ts, caplen, len, start) = loop {
            let Some(btype) = self.read_block()? else {
                return Ok(None);
            };
            // After the block: a new section may have another byte order.
            let be = self.section_big_endian;
            let b = &self.block;
            let body = b.len().saturating_sub(4);
            match btype {
                BT_EPB | BT_PB => {
                    if body < 28 {
                        return Err(SourceError::Read(format!(
                            "block of type {btype} in pcapng dump file is too short"
                        )));
                    }
                    let iface = if btype == BT_PB {
                        u32::from(rd16(b, 8, be))
                    } else {
                        rd32(b, 8, be)
                    };
                    let t = u64::from(rd32(b, 12, be)) << 32 | u64::from(rd32(b, 16, be));
                    break (iface, t, rd32(b, 20, be), rd32(b, 24, be), 28usize);
                }
                BT_SPB => {
                    if body < 12 {
                        return Err(SourceError::Read(
                            "block of type 3 in pcapng dump file is too short".into(),
                        ));
                    }
                    let len = rd32(b, 8, be);
                    break (0, 0, len.min(self.snaplen), len, 12usize);
                }
                _ => {}
            }
        };
        let Some(iface) = self.interfaces.get(iface_id as usize) else {
            return Err(SourceError::Read(format!(
                "a packet arrived on interface {iface_id}, but there's no Interface Description Block for that interface"
            )));
        };
        if caplen > self.snaplen {
            return Err(SourceError::Read(format!(
                "invalid packet capture length {caplen}, bigger than snaplen of {}",
                self.snaplen
            )));
        }
        let body_end = self.block.len().saturating_sub(4);
        if start + caplen as usize > body_end {
            return Err(SourceError::Read(format!(
                "block of type {} in pcapng dump file is too short",
                if start == 12 { BT_SPB } else { BT_EPB }
            )));
        }
        let ts = self.convert_ts(ts, iface);
        let link = iface.link;
        self.data = (start, start + caplen as usize);
        self.packet_options.clear();
        if start == 28 {
            // EPB and PB options follow the data, padded to 4 bytes.
            let opts = start + (caplen as usize).div_ceil(4) * 4;
            let be = self.section_big_endian;
            keep_options(
                &self.block,
                opts,
                body_end,
                be,
                &[1],
                &mut self.packet_options,
            );
        }
        Ok(Some(RawPacket {
            ts,
            wire_len: len,
            link,
            data: self.block.get(self.data.0..self.data.1).unwrap_or_default(),
            origin: Origin {
                iface: Some(&iface.desc),
                options: &self.packet_options,
            },
        }))
    }

    fn link_type(&self) -> LinkType {
        self.link
    }

    fn snaplen(&self) -> u32 {
        self.snaplen
    }

    fn big_endian(&self) -> bool {
        self.file_big_endian
    }

    fn one_link_type(&mut self) {
        self.one_link = true;
    }

    fn section_options(&self) -> Vec<u8> {
        self.section_options.clone()
    }
}
