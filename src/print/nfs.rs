//! NFS over Sun RPC (`print-nfs.c`, `parsenfsfh.c`): calls to port 2049 and
//! replies from it, over UDP and over TCP (after the record mark), NFS v2
//! and v3 as tcpdump 4.99.3 prints them.
//!
//! A reply says nothing of what it answers: tcpdump remembers each call's
//! procedure and version in a ring of 64 entries (`xid_map`), keyed by xid,
//! client and server, and prints a reply's results only when it finds its
//! call there. [`XidMap`] is that ring, with tcpdump's replacement (always
//! the next slot) and search order (from the last hit), so a reply whose
//! call was pushed out prints as tcpdump prints it. The ring is state across
//! packets: a deferred printer (the threaded pipeline) neither reads nor
//! writes it and marks the line for the sink to format again in packet
//! order ([`Printer::nfs_sequential`], ARCHITECTURE.md "Threads never change
//! the output").
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer, out};
use crate::decode::{Bytes, IpAddrs, R};

pub(super) const NFS_PORT: u16 = 2049;

/// `XIDMAPSIZE`.
const XIDMAPSIZE: usize = 64;

#[derive(Clone, Copy, Default)]
struct Entry {
    xid: u32,
    /// 0 (never filled: matches nothing), 4 or 6.
    ipver: u8,
    client: [u8; 16],
    server: [u8; 16],
    proc_: u32,
    vers: u32,
}

/// tcpdump's `xid_map`: the last 64 calls, a ring.
pub(super) struct XidMap {
    entries: [Entry; XIDMAPSIZE],
    next: usize,
    hint: usize,
}

impl Default for XidMap {
    fn default() -> Self {
        XidMap {
            entries: [Entry::default(); XIDMAPSIZE],
            next: 0,
            hint: 0,
        }
    }
}

/// The addresses as tcpdump's `xid_map` keeps them: (version, source,
/// destination), IPv4 in the first 4 bytes.
fn key(ip: IpAddrs<'_>) -> (u8, [u8; 16], [u8; 16]) {
    match ip {
        IpAddrs::V4 { src, dst, .. } => {
            let mut s = [0; 16];
            let mut d = [0; 16];
            s[..4].copy_from_slice(&src);
            d[..4].copy_from_slice(&dst);
            (4, s, d)
        }
        IpAddrs::V6 { src, dst, .. } => (6, *src, *dst),
    }
}

impl XidMap {
    /// `xid_map_enter`'s bookkeeping: the call's slot is always the next one.
    fn enter(&mut self, xid: u32, ip: IpAddrs<'_>, proc_: u32, vers: u32) {
        let (ipver, client, server) = key(ip);
        if let Some(e) = self.entries.get_mut(self.next) {
            *e = Entry {
                xid,
                ipver,
                client,
                server,
                proc_,
                vers,
            };
        }
        self.next = (self.next + 1) % XIDMAPSIZE;
    }

    /// `xid_map_find`: a reply from the call's server to its client.
    fn find(&mut self, xid: u32, ip: IpAddrs<'_>) -> Option<(u32, u32)> {
        let (ipver, src, dst) = key(ip);
        let n = if ipver == 4 { 4 } else { 16 };
        let mut i = self.hint;
        loop {
            if let Some(e) = self.entries.get(i)
                && e.ipver == ipver
                && e.xid == xid
                && e.server.get(..n) == src.get(..n)
                && e.client.get(..n) == dst.get(..n)
            {
                self.hint = i;
                return Some((e.proc_, e.vers));
            }
            i = (i + 1) % XIDMAPSIZE;
            if i == self.hint {
                return None;
            }
        }
    }
}

// NFS procedure numbers (`nfs.h`), v3's; v2's are mapped onto them.
const NULL: u32 = 0;
const GETATTR: u32 = 1;
const SETATTR: u32 = 2;
const LOOKUP: u32 = 3;
const ACCESS: u32 = 4;
const READLINK: u32 = 5;
const READ: u32 = 6;
const WRITE: u32 = 7;
const CREATE: u32 = 8;
const MKDIR: u32 = 9;
const SYMLINK: u32 = 10;
const MKNOD: u32 = 11;
const REMOVE: u32 = 12;
const RMDIR: u32 = 13;
const RENAME: u32 = 14;
const LINK: u32 = 15;
const READDIR: u32 = 16;
const READDIRPLUS: u32 = 17;
const FSSTAT: u32 = 18;
const FSINFO: u32 = 19;
const PATHCONF: u32 = 20;
const COMMIT: u32 = 21;
const NOOP: u32 = 25;

/// `nfsv3_procid`: NFS v2's procedure numbers as v3's.
const V2_PROCID: [u32; 26] = [
    NULL, GETATTR, SETATTR, NOOP, LOOKUP, READLINK, READ, NOOP, WRITE, CREATE, REMOVE, RENAME,
    LINK, SYMLINK, MKDIR, RMDIR, READDIR, FSSTAT, NOOP, NOOP, NOOP, NOOP, NOOP, NOOP, NOOP, NOOP,
];

/// `nfsproc_str`.
fn proc_name(proc_: u32) -> Option<&'static str> {
    Some(match proc_ {
        NOOP => "nop",
        NULL => "null",
        GETATTR => "getattr",
        SETATTR => "setattr",
        LOOKUP => "lookup",
        ACCESS => "access",
        READLINK => "readlink",
        READ => "read",
        WRITE => "write",
        CREATE => "create",
        MKDIR => "mkdir",
        SYMLINK => "symlink",
        MKNOD => "mknod",
        REMOVE => "remove",
        RMDIR => "rmdir",
        RENAME => "rename",
        LINK => "link",
        READDIR => "readdir",
        READDIRPLUS => "readdirplus",
        FSSTAT => "fsstat",
        FSINFO => "fsinfo",
        PATHCONF => "pathconf",
        COMMIT => "commit",
        _ => return None,
    })
}

fn print_proc(p: &mut Printer, proc_: u32) {
    match proc_name(proc_) {
        Some(s) => out!(p, " {s}"),
        None => out!(p, " proc-{proc_}"),
    }
}

/// `status2str`.
fn status_name(e: u32) -> Option<&'static str> {
    Some(match e {
        1 => "Operation not permitted",
        2 => "No such file or directory",
        5 => "Input/output error",
        6 => "Device not configured",
        11 => "Resource deadlock avoided",
        12 => "Cannot allocate memory",
        13 => "Permission denied",
        17 => "File exists",
        18 => "Cross-device link",
        19 => "Operation not supported by device",
        20 => "Not a directory",
        21 => "Is a directory",
        22 => "Invalid argument",
        26 => "Text file busy",
        27 => "File too large",
        28 => "No space left on device",
        30 => "Read-only file system",
        31 => "Too many links",
        45 => "Operation not supported",
        62 => "Too many levels of symbolic links",
        63 => "File name too long",
        66 => "Directory not empty",
        69 => "Disc quota exceeded",
        70 => "Stale NFS file handle",
        71 => "Too many levels of remote in path",
        99 => "Write cache flushed to disk",
        10001 => "Illegal NFS file handle",
        10002 => "Update synchronization mismatch",
        10003 => "READDIR/READDIRPLUS cookie is stale",
        10004 => "Operation not supported",
        10005 => "Buffer or request is too small",
        10006 => "Unspecified error on server",
        10007 => "Object of that type not supported",
        10008 => "Request couldn't be completed in time",
        _ => return None,
    })
}

/// `type2str`.
fn type_name(t: u32) -> Option<&'static str> {
    Some(match t {
        0 => "NON",
        1 => "REG",
        2 => "DIR",
        3 => "BLK",
        4 => "CHR",
        5 => "LNK",
        7 => "FIFO",
        _ => return None,
    })
}

/// `tok2str(nfsv3_writemodes, NULL, v)`.
fn write_mode(p: &mut Printer, v: u32) {
    match v {
        0 => p.s("unstable"),
        1 => p.s("datasync"),
        2 => p.s("filesync"),
        _ => out!(p, "#{}", v as i32),
    }
}

/// `roundup2(len, 4)` in `u_int` arithmetic (it wraps as C's does).
fn round4(len: u32) -> u32 {
    len.wrapping_add(3) & !3
}

/// What a `parse*` function of `print-nfs.c` returns: the offset after
/// what it read, `None` for its NULL (cut, or an error it printed), and
/// `Err` for a `GET_*` read past the capture (the longjmp).
type Step = R<Option<usize>>;

impl Printer {
    /// A line that reads or writes [`XidMap`]: a deferred printer leaves
    /// the ring alone and asks for the line to be formatted again in order.
    fn nfs_sequential(&mut self) -> bool {
        if self.run.defer {
            self.buf.redo = true;
        }
        self.run.defer
    }
}

/// `nfsreq_noaddr_print`: after `NFS request xid N `.
pub(super) fn request(p: &mut Printer, rp: &[u8], length: u32, ip: IpAddrs<'_>) -> P {
    p.cur.protocol = "nfs";
    p.dec(length);
    // xid_map_enter
    if !rp.has(20, 4) {
        return Err(p.soft_trunc());
    }
    let vers = rp.be32(16)?;
    let mut proc_ = rp.be32(20)?;
    if !p.nfs_sequential() {
        let xid = rp.be32(0)?;
        p.run.xids.enter(xid, ip, proc_, vers);
    }
    let v3 = vers == 3;
    if !v3 && proc_ < 26 {
        proc_ = V2_PROCID.get(proc_ as usize).copied().unwrap_or(NOOP);
    }
    print_proc(p, proc_);
    match request_body(p, rp, length, v3, proc_)? {
        Some(()) => Ok(()),
        None => Err(p.soft_trunc()),
    }
}

fn request_body(p: &mut Printer, rp: &[u8], length: u32, v3: bool, proc_: u32) -> R<Option<()>> {
    macro_rules! t {
        ($e:expr) => {
            match $e? {
                Some(v) => v,
                None => return Ok(None),
            }
        };
    }
    match proc_ {
        GETATTR | SETATTR | READLINK | FSSTAT | FSINFO | PATHCONF => {
            let dp = t!(parsereq(rp, length));
            t!(parsefh(p, rp, dp, v3));
        }
        LOOKUP | CREATE | MKDIR | REMOVE | RMDIR => {
            let dp = t!(parsereq(rp, length));
            t!(parsefhn(p, rp, dp, v3));
        }
        ACCESS => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            let f = rp.be32(dp)?;
            if f & !0x3f != 0 {
                out!(p, " {f:04x}");
            } else if f & 0x3f == 0x3f {
                p.s(" NFS_ACCESS_FULL");
            } else {
                let mut sep = ' ';
                for (bit, name) in [
                    (0x01, "NFS_ACCESS_READ"),
                    (0x02, "NFS_ACCESS_LOOKUP"),
                    (0x04, "NFS_ACCESS_MODIFY"),
                    (0x08, "NFS_ACCESS_EXTEND"),
                    (0x10, "NFS_ACCESS_DELETE"),
                    (0x20, "NFS_ACCESS_EXECUTE"),
                ] {
                    if f & bit != 0 {
                        out!(p, "{sep}{name}");
                        sep = '|';
                    }
                }
            }
        }
        READ => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            if v3 {
                out!(p, " {} bytes @ {}", rp.be32(dp + 8)?, rp.be64(dp)?);
            } else {
                out!(p, " {} bytes @ {}", rp.be32(dp + 4)?, rp.be32(dp)?);
            }
        }
        WRITE => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            if v3 {
                out!(
                    p,
                    " {} ({}) bytes @ {}",
                    rp.be32(dp + 16)?,
                    rp.be32(dp + 8)?,
                    rp.be64(dp)?
                );
                if p.opts.verbose > 0 {
                    p.s(" <");
                    let m = rp.be32(dp + 12)?;
                    write_mode(p, m);
                    p.s(">");
                }
            } else {
                out!(
                    p,
                    " {} ({}) bytes @ {} ({})",
                    rp.be32(dp + 12)?,
                    rp.be32(dp + 8)?,
                    rp.be32(dp + 4)?,
                    rp.be32(dp)?
                );
            }
        }
        SYMLINK => {
            let dp = t!(parsereq(rp, length));
            let mut dp = t!(parsefhn(p, rp, dp, v3));
            p.s(" ->");
            let mut sa = Sattr3::default();
            if v3 {
                dp = sa.parse(rp, dp)?;
            }
            t!(parsefn(p, rp, dp));
            if v3 && p.opts.verbose > 0 {
                sa.print(p, p.opts.verbose);
            }
        }
        MKNOD => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefhn(p, rp, dp, v3));
            let ty = rp.be32(dp)?;
            let mut sa = Sattr3::default();
            let dp = sa.parse(rp, dp + 4)?;
            match type_name(ty) {
                Some(s) => out!(p, " {s}"),
                None => out!(p, " unk-ft {ty}"),
            }
            if p.opts.verbose > 0 && (ty == 4 || ty == 3) {
                out!(p, " {}/{}", rp.be32(dp)?, rp.be32(dp + 4)?);
            }
            if p.opts.verbose > 0 {
                sa.print(p, p.opts.verbose);
            }
        }
        RENAME => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefhn(p, rp, dp, v3));
            p.s(" ->");
            t!(parsefhn(p, rp, dp, v3));
        }
        LINK => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            p.s(" ->");
            t!(parsefhn(p, rp, dp, v3));
        }
        READDIR => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            if v3 {
                out!(p, " {} bytes @ {}", rp.be32(dp + 16)?, rp.be64(dp)? as i64);
                if p.opts.verbose > 0 {
                    out!(p, " verf {:08x}{:08x}", rp.be32(dp + 8)?, rp.be32(dp + 12)?);
                }
            } else {
                out!(p, " {} bytes @ {}", rp.be32(dp + 4)?, rp.be32(dp)?);
            }
        }
        READDIRPLUS => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            out!(p, " {} bytes @ {}", rp.be32(dp + 16)?, rp.be64(dp)? as i64);
            if p.opts.verbose > 0 {
                out!(
                    p,
                    " max {} verf {:08x}{:08x}",
                    rp.be32(dp + 20)?,
                    rp.be32(dp + 8)?,
                    rp.be32(dp + 12)?
                );
            }
        }
        COMMIT => {
            let dp = t!(parsereq(rp, length));
            let dp = t!(parsefh(p, rp, dp, v3));
            out!(p, " {} bytes @ {}", rp.be32(dp + 8)?, rp.be64(dp)?);
        }
        _ => {}
    }
    Ok(Some(()))
}

/// `struct nfsv3_sattr` and `parse_sattr3`/`print_sattr3`.
#[derive(Default)]
struct Sattr3 {
    mode: Option<u32>,
    uid: Option<u32>,
    gid: Option<u32>,
    atime: Option<(u32, u32)>,
    mtime: Option<(u32, u32)>,
}

impl Sattr3 {
    fn parse(&mut self, rp: &[u8], mut dp: usize) -> R<usize> {
        let opt = |dp: &mut usize| -> R<Option<u32>> {
            let set = rp.be32(*dp)?;
            *dp += 4;
            if set != 0 {
                let v = rp.be32(*dp)?;
                *dp += 4;
                Ok(Some(v))
            } else {
                Ok(None)
            }
        };
        self.mode = opt(&mut dp)?;
        self.uid = opt(&mut dp)?;
        self.gid = opt(&mut dp)?;
        opt(&mut dp)?; // size
        let time = |dp: &mut usize| -> R<Option<(u32, u32)>> {
            let ty = rp.be32(*dp)?;
            *dp += 4;
            // NFSV3SATTRTIME_TOCLIENT
            if ty == 2 {
                let s = rp.be32(*dp)?;
                let ns = rp.be32(*dp + 4)?;
                *dp += 8;
                Ok(Some((s, ns)))
            } else {
                Ok(None)
            }
        };
        self.atime = time(&mut dp)?;
        self.mtime = time(&mut dp)?;
        Ok(dp)
    }

    fn print(&self, p: &mut Printer, verbose: u8) {
        if let Some(m) = self.mode {
            out!(p, " mode {m:o}");
        }
        if let Some(u) = self.uid {
            out!(p, " uid {u}");
        }
        if let Some(g) = self.gid {
            out!(p, " gid {g}");
        }
        if verbose > 1 {
            if let Some((s, ns)) = self.atime {
                out!(p, " atime {s}.{ns:06}");
            }
            if let Some((s, ns)) = self.mtime {
                out!(p, " mtime {s}.{ns:06}");
            }
        }
    }
}

/// `parsereq`: the offset of the call's arguments, after the credentials
/// and the verifier, or `None` when they are not all there.
fn parsereq(rp: &[u8], length: u32) -> Step {
    let mut dp = 24usize;
    let mut length = u64::from(length);
    if length < 8 {
        return Ok(None);
    }
    let len = rp.be32(dp + 4)?;
    let rounded = round4(len);
    if !rp.has(dp + 8, rounded as usize) {
        return Ok(None);
    }
    if 8 + u64::from(rounded) <= length {
        dp += ((u64::from(len) + 11) / 4 * 4) as usize;
        length -= 8 + u64::from(rounded);
        if length < 8 {
            return Ok(None);
        }
        let len = rp.be32(dp + 4)?;
        let rounded = round4(len);
        if !rp.has(dp + 8, rounded as usize) {
            return Ok(None);
        }
        if 8 + u64::from(rounded) < length {
            dp += ((u64::from(len) + 11) / 4 * 4) as usize;
            return Ok(Some(dp));
        }
    }
    Ok(None)
}

/// `parsefh`: prints a file handle (v2: 32 bytes; v3: counted).
fn parsefh(p: &mut Printer, rp: &[u8], dp: usize, v3: bool) -> Step {
    let (words, dp) = if v3 {
        ((rp.be32(dp)? / 4) as usize, dp + 4)
    } else {
        (8, dp)
    };
    match rp.range(dp, words * 4) {
        Ok(fh) => {
            printfh(p, fh, words);
            Ok(Some(dp + words * 4))
        }
        Err(_) => Ok(None),
    }
}

/// `parsefn`: a quoted file name.
fn parsefn(p: &mut Printer, rp: &[u8], dp: usize) -> Step {
    let len = rp.be32(dp)?;
    let dp = dp + 4;
    if u32::MAX - len < 3 {
        p.s("[cannot pad to 32-bit boundaries] (invalid)");
        return Ok(None);
    }
    let rounded = round4(len) as usize;
    if !rp.has(dp, rounded) {
        return Ok(None);
    }
    p.s("\"");
    super::chars::printn(p, rp, dp, len as usize);
    p.s("\"");
    Ok(Some(dp + rounded))
}

/// `parsefhn`.
fn parsefhn(p: &mut Printer, rp: &[u8], dp: usize, v3: bool) -> Step {
    let Some(dp) = parsefh(p, rp, dp, v3)? else {
        return Ok(None);
    };
    p.s(" ");
    parsefn(p, rp, dp)
}

/// `nfs_printfh` with `Parse_fh`'s guess of the server's OS: ` fh
/// MAJOR,MINOR/INODE`, or ` fh NAME/…` when the guess names no device
/// (`Unknown/` and the handle's first 32 bytes in hex).
fn printfh(p: &mut Printer, fh: &[u8], words: usize) {
    let b = |i: usize| fh.get(i).copied().unwrap_or(0);
    let be16 = |i: usize| u32::from(b(i)) << 8 | u32::from(b(i + 1));
    let be24 = |i: usize| u32::from(b(i)) << 16 | be16(i + 1);
    let be32 = |i: usize| be16(i) << 16 | be16(i + 2);
    let le32 = |i: usize| u32::from_le_bytes([b(i), b(i + 1), b(i + 2), b(i + 3)]);
    enum Fh {
        Unknown,
        Auspex,
        Bsd44,
        DecOsf,
        Irix4,
        SunOs4,
        SunOs5,
        Ultrix,
        VmsUcx,
        HpUx9,
    }
    let ty = if words < 4 {
        Fh::Unknown
    } else if b(0) == 0 && b(1) == 0 {
        if b(2) == 0 && b(3) == 0 {
            Fh::Auspex
        } else if b(4) != 0 && b(5) == 0 && b(8) == 12 && b(9) == 0 {
            Fh::DecOsf
        } else if b(4) == 0 && b(5) == 8 && b(6) == 0 && b(7) == 0 {
            Fh::Irix4
        } else {
            Fh::SunOs4
        }
    } else if b(2) == 0 && b(3) == 0 {
        if b(6) == 0 && b(7) == 0 {
            Fh::Bsd44
        } else if words >= 6 && b(21) == 0 && b(23) == 0 {
            Fh::Ultrix
        } else if b(9) == 10 {
            Fh::SunOs5
        } else {
            Fh::Unknown
        }
    } else if b(8) == 12 && b(9) == 0 {
        Fh::DecOsf
    } else if b(8) == 0 && b(9) == 10 {
        if b(7) == 0 && b(6) == 0 && b(5) == 0 && b(4) == 0 {
            Fh::HpUx9
        } else {
            Fh::SunOs5
        }
    } else if is_ucx(fh, words) {
        Fh::VmsUcx
    } else {
        Fh::Unknown
    };
    // (major, minor, inode)
    let (major, minor, ino) = match ty {
        Fh::Auspex => (u32::from(b(6)), u32::from(b(7)), be32(12)),
        Fh::Bsd44 => (u32::from(b(1)), u32::from(b(0)), le32(12)),
        Fh::DecOsf => {
            let t = le32(0);
            ((t >> 20) & 0xfff, t & 0xfffff, le32(12))
        }
        Fh::Irix4 | Fh::SunOs4 => (
            u32::from(b(2)),
            u32::from(b(3)),
            be32(if matches!(ty, Fh::Irix4) { 8 } else { 12 }),
        ),
        Fh::SunOs5 => ((be16(0) >> 2) & 0x3fff, be24(1) & 0x3ffff, be32(12)),
        Fh::Ultrix => (u32::from(b(1)), u32::from(b(0)), le32(4)),
        Fh::HpUx9 => (u32::from(b(0)), be24(1), be32(12)),
        Fh::VmsUcx => {
            // The first 14 bytes copied over the fsid (a little-endian host).
            let ino = u32::from(b(26)) << 24
                | u32::from(b(27)) << 16
                | (u32::from(b(23)) << 8 | u32::from(b(22)));
            (le32(4), le32(0), ino)
        }
        Fh::Unknown => (257, 257, 1),
    };
    // The server's file system name (VMS's, or "Unknown"), cut to `words`
    // characters and at its first space or NUL.
    let name: Option<&[u8]> = match ty {
        Fh::Unknown => Some(b"Unknown"),
        Fh::VmsUcx => Some(fh.get(1..).unwrap_or(&[])),
        _ => None,
    };
    match name {
        Some(n) => {
            let n = n.cap(words.min(64));
            let end = n
                .iter()
                .position(|&c| c == 0 || c == b' ')
                .unwrap_or(n.len());
            p.s(" fh ");
            p.out().extend_from_slice(n.get(..end).unwrap_or(&[]));
            p.s("/");
        }
        None => out!(p, " fh {major},{minor}/"),
    }
    if minor == 257 {
        match ty {
            Fh::Unknown => {
                for &c in fh.cap(32) {
                    out!(p, "{c:02X}");
                }
            }
            Fh::VmsUcx => {
                // The opaque-handle field holds bytes 8..14 of the handle.
                let o = fh.get(8..14).unwrap_or(&[]);
                let end = o.iter().position(|&c| c == 0).unwrap_or(o.len());
                p.out().extend_from_slice(o.get(..end).unwrap_or(&[]));
            }
            // tcpdump prints an uninitialised buffer here; nothing.
            _ => {}
        }
    } else {
        p.dec(ino);
    }
}

/// `is_UCX`.
fn is_ucx(fh: &[u8], words: usize) -> bool {
    if words < 7 {
        return false;
    }
    let mut seen_null = false;
    for i in 1..14 {
        let c = fh.get(i).copied().unwrap_or(0);
        if (0x20..=0x7e).contains(&c) {
            if seen_null {
                return false;
            }
        } else if c == 0 {
            seen_null = true;
        } else {
            return false;
        }
    }
    true
}

/// `nfsreply_noaddr_print`: after `NFS reply xid N `.
pub(super) fn reply(p: &mut Printer, rp: &[u8], length: u32, ip: IpAddrs<'_>) -> P {
    p.cur.protocol = "nfs";
    if !rp.has(8, 4) {
        return Err(p.soft_trunc());
    }
    let stat = rp.be32(8)?;
    match stat {
        0 => {
            out!(p, "reply ok {length}");
            if p.nfs_sequential() {
                return Ok(());
            }
            let xid = rp.be32(0)?;
            if let Some((proc_, vers)) = p.run.xids.find(xid, ip) {
                return interp_reply(p, rp, proc_, vers, length);
            }
        }
        1 => {
            out!(p, "reply ERR {length}: ");
            if !rp.has(12, 4) {
                return Err(p.soft_trunc());
            }
            let rstat = rp.be32(12)?;
            match rstat {
                0 => {
                    if !rp.has(20, 4) {
                        return Err(p.soft_trunc());
                    }
                    out!(
                        p,
                        "RPC Version mismatch ({}-{})",
                        rp.be32(16)?,
                        rp.be32(20)?
                    );
                }
                1 => {
                    if !rp.has(16, 4) {
                        return Err(p.soft_trunc());
                    }
                    let why = rp.be32(16)?;
                    let s = match why {
                        0 => "OK",
                        1 => "Bogus Credentials (seal broken)",
                        2 => "Rejected Credentials (client should begin new session)",
                        3 => "Bogus Verifier (seal broken)",
                        4 => "Verifier expired or was replayed",
                        5 => "Credentials are too weak",
                        6 => "Bogus response verifier",
                        7 => "Unknown failure",
                        _ => {
                            out!(p, "Auth Invalid failure code {why}");
                            return Ok(());
                        }
                    };
                    out!(p, "Auth {s}");
                }
                _ => out!(p, "Unknown reason for rejecting rpc message {rstat}"),
            }
        }
        _ => out!(p, "reply Unknown rpc response code={stat} {length}"),
    }
    Ok(())
}

/// What the reply printers carry besides the offset: `nfserr` (an error
/// was printed, so a cut is not reported).
struct Rep {
    nfserr: bool,
}

/// `parserep`: the offset of the results after the verifier, or `None`
/// (with ` PROG_UNAVAIL` etc. printed when the call was not accepted).
fn parserep(p: &mut Printer, rp: &[u8], length: u32, st: &mut Rep) -> Step {
    let dp = 12usize;
    let len = rp.be32(dp + 4)?;
    if len >= length {
        return Ok(None);
    }
    let dp = dp + ((u64::from(len) + 11) / 4 * 4) as usize;
    let astat = rp.be32(dp)?;
    if astat != 0 {
        match astat {
            1 => p.s(" PROG_UNAVAIL"),
            2 => p.s(" PROG_MISMATCH"),
            3 => p.s(" PROC_UNAVAIL"),
            4 => p.s(" GARBAGE_ARGS"),
            5 => p.s(" SYSTEM_ERR"),
            _ => out!(p, " ar_stat {astat}"),
        }
        st.nfserr = true;
        return Ok(None);
    }
    Ok(Some(dp + 4))
}

/// `parsestatus`: the status, printed when an error.
fn parsestatus(p: &mut Printer, rp: &[u8], dp: usize, st: &mut Rep) -> R<(usize, u32)> {
    let e = rp.be32(dp)?;
    if e != 0 {
        if !p.opts.quiet {
            match status_name(e) {
                Some(s) => out!(p, " ERROR: {s}"),
                None => out!(p, " ERROR: unk {e}"),
            }
        }
        st.nfserr = true;
    }
    Ok((dp + 4, e))
}

/// `parsefattr`.
fn parsefattr(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8, v3: bool) -> Step {
    if !rp.has(dp + 16, 4) {
        return Ok(None);
    }
    if verbose > 0 {
        let ty = rp.be32(dp)?;
        match type_name(ty) {
            Some(s) => out!(p, " {s}"),
            None => out!(p, " unk-ft {ty} "),
        }
        out!(
            p,
            " {:o} ids {}/{}",
            rp.be32(dp + 4)?,
            rp.be32(dp + 12)? as i32,
            rp.be32(dp + 16)? as i32
        );
        if v3 {
            out!(p, " sz {}", rp.be64(dp + 20)?);
        } else {
            out!(p, " sz {}", rp.be32(dp + 20)?);
        }
    }
    if verbose > 1 {
        if v3 {
            if !rp.has(dp + 76, 8) {
                return Ok(None);
            }
            out!(
                p,
                " nlink {} rdev {}/{}",
                rp.be32(dp + 8)?,
                rp.be32(dp + 36)?,
                rp.be32(dp + 40)?
            );
            out!(p, " fsid {:x}", rp.be64(dp + 44)?);
            out!(p, " fileid {:x}", rp.be64(dp + 52)?);
            out!(
                p,
                " a/m/ctime {}.{:06}",
                rp.be32(dp + 60)?,
                rp.be32(dp + 64)?
            );
            out!(p, " {}.{:06}", rp.be32(dp + 68)?, rp.be32(dp + 72)?);
            out!(p, " {}.{:06}", rp.be32(dp + 76)?, rp.be32(dp + 80)?);
        } else {
            if !rp.has(dp + 60, 8) {
                return Ok(None);
            }
            out!(
                p,
                " nlink {} rdev 0x{:x} fsid 0x{:x} nodeid 0x{:x} a/m/ctime",
                rp.be32(dp + 8)?,
                rp.be32(dp + 28)?,
                rp.be32(dp + 36)?,
                rp.be32(dp + 40)?
            );
            out!(p, " {}.{:06}", rp.be32(dp + 44)?, rp.be32(dp + 48)?);
            out!(p, " {}.{:06}", rp.be32(dp + 52)?, rp.be32(dp + 56)?);
            out!(p, " {}.{:06}", rp.be32(dp + 60)?, rp.be32(dp + 64)?);
        }
    }
    Ok(Some(dp + if v3 { 84 } else { 68 }))
}

/// `parseattrstat`.
fn parseattrstat(
    p: &mut Printer,
    rp: &[u8],
    dp: usize,
    verbose: u8,
    v3: bool,
    st: &mut Rep,
) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if er != 0 {
        return Ok(Some(dp));
    }
    parsefattr(p, rp, dp, verbose, v3)
}

/// `parsediropres`.
fn parsediropres(p: &mut Printer, rp: &[u8], dp: usize, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if er != 0 {
        return Ok(Some(dp));
    }
    let Some(dp) = parsefh(p, rp, dp, false)? else {
        return Ok(None);
    };
    parsefattr(p, rp, dp, p.opts.verbose, false)
}

/// `parselinkres`.
fn parselinkres(p: &mut Printer, rp: &[u8], dp: usize, v3: bool, st: &mut Rep) -> Step {
    let (mut dp, er) = parsestatus(p, rp, dp, st)?;
    if er != 0 {
        return Ok(Some(dp));
    }
    if v3 {
        let Some(d) = parse_post_op_attr(p, rp, dp, p.opts.verbose)? else {
            return Ok(None);
        };
        dp = d;
    }
    p.s(" ");
    parsefn(p, rp, dp)
}

/// `parsestatfs`.
fn parsestatfs(p: &mut Printer, rp: &[u8], dp: usize, v3: bool, st: &mut Rep) -> Step {
    let (mut dp, er) = parsestatus(p, rp, dp, st)?;
    if !v3 && er != 0 {
        return Ok(Some(dp));
    }
    if p.opts.quiet {
        return Ok(Some(dp));
    }
    if v3 {
        if p.opts.verbose > 0 {
            p.s(" POST:");
        }
        let Some(d) = parse_post_op_attr(p, rp, dp, p.opts.verbose)? else {
            return Ok(None);
        };
        dp = d;
    }
    if !rp.has(dp, if v3 { 52 } else { 20 }) {
        return Ok(None);
    }
    if v3 {
        out!(
            p,
            " tbytes {} fbytes {} abytes {}",
            rp.be64(dp)?,
            rp.be64(dp + 8)?,
            rp.be64(dp + 16)?
        );
        if p.opts.verbose > 0 {
            out!(
                p,
                " tfiles {} ffiles {} afiles {} invar {}",
                rp.be64(dp + 24)?,
                rp.be64(dp + 32)?,
                rp.be64(dp + 40)?,
                rp.be32(dp + 48)?
            );
        }
    } else {
        out!(
            p,
            " tsize {} bsize {} blocks {} bfree {} bavail {}",
            rp.be32(dp)?,
            rp.be32(dp + 4)?,
            rp.be32(dp + 8)?,
            rp.be32(dp + 12)?,
            rp.be32(dp + 16)?
        );
    }
    Ok(Some(dp))
}

/// `parserddires` (v2).
fn parserddires(p: &mut Printer, rp: &[u8], dp: usize, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if er != 0 || p.opts.quiet {
        return Ok(Some(dp));
    }
    out!(p, " offset 0x{:x} size {} ", rp.be32(dp)?, rp.be32(dp + 4)?);
    if rp.be32(dp + 8)? != 0 {
        p.s(" eof");
    }
    Ok(Some(dp))
}

/// `parse_wcc_attr`.
fn parse_wcc_attr(p: &mut Printer, rp: &[u8], dp: usize) -> R<usize> {
    out!(p, " sz {}", rp.be64(dp)?);
    out!(
        p,
        " mtime {}.{:06} ctime {}.{:06}",
        rp.be32(dp + 8)?,
        rp.be32(dp + 12)?,
        rp.be32(dp + 16)?,
        rp.be32(dp + 20)?
    );
    Ok(dp + 24)
}

/// `parse_pre_op_attr`: printed from `-vv` on.
fn parse_pre_op_attr(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8) -> Step {
    if rp.be32(dp)? == 0 {
        return Ok(Some(dp + 4));
    }
    let dp = dp + 4;
    if !rp.has(dp, 24) {
        return Ok(None);
    }
    if verbose > 1 {
        parse_wcc_attr(p, rp, dp).map(Some)
    } else {
        Ok(Some(dp + 24))
    }
}

/// `parse_post_op_attr`: printed from `-v` on.
fn parse_post_op_attr(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8) -> Step {
    if rp.be32(dp)? == 0 {
        return Ok(Some(dp + 4));
    }
    let dp = dp + 4;
    if verbose > 0 {
        parsefattr(p, rp, dp, verbose, true)
    } else {
        Ok(Some(dp + 84))
    }
}

/// `parse_wcc_data`.
fn parse_wcc_data(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8) -> Step {
    if verbose > 1 {
        p.s(" PRE:");
    }
    let Some(dp) = parse_pre_op_attr(p, rp, dp, verbose)? else {
        return Ok(None);
    };
    if verbose > 0 {
        p.s(" POST:");
    }
    parse_post_op_attr(p, rp, dp, verbose)
}

/// `parsecreateopres`.
fn parsecreateopres(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if er != 0 {
        return parse_wcc_data(p, rp, dp, verbose);
    }
    if rp.be32(dp)? == 0 {
        return Ok(Some(dp + 4));
    }
    let Some(mut dp) = parsefh(p, rp, dp + 4, true)? else {
        return Ok(None);
    };
    if verbose > 0 {
        let Some(d) = parse_post_op_attr(p, rp, dp, verbose)? else {
            return Ok(None);
        };
        dp = d;
        if p.opts.verbose > 1 {
            p.s(" dir attr:");
            return parse_wcc_data(p, rp, dp, verbose);
        }
    }
    Ok(Some(dp))
}

/// `parsewccres`.
fn parsewccres(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8, st: &mut Rep) -> Step {
    let (dp, _) = parsestatus(p, rp, dp, st)?;
    parse_wcc_data(p, rp, dp, verbose)
}

/// `parsev3rddirres`.
fn parsev3rddirres(p: &mut Printer, rp: &[u8], dp: usize, verbose: u8, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if p.opts.verbose > 0 {
        p.s(" POST:");
    }
    let Some(mut dp) = parse_post_op_attr(p, rp, dp, verbose)? else {
        return Ok(None);
    };
    if er != 0 {
        return Ok(Some(dp));
    }
    if p.opts.verbose > 0 {
        out!(p, " verf {:08x}{:08x}", rp.be32(dp)?, rp.be32(dp + 4)?);
        dp += 8;
    }
    Ok(Some(dp))
}

/// `parsefsinfo`.
fn parsefsinfo(p: &mut Printer, rp: &[u8], dp: usize, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if p.opts.verbose > 0 {
        p.s(" POST:");
    }
    let Some(dp) = parse_post_op_attr(p, rp, dp, p.opts.verbose)? else {
        return Ok(None);
    };
    if er != 0 {
        return Ok(Some(dp));
    }
    if !rp.has(dp, 48) {
        return Ok(None);
    }
    out!(
        p,
        " rtmax {} rtpref {} wtmax {} wtpref {} dtpref {}",
        rp.be32(dp)?,
        rp.be32(dp + 4)?,
        rp.be32(dp + 12)?,
        rp.be32(dp + 16)?,
        rp.be32(dp + 24)?
    );
    if p.opts.verbose > 0 {
        out!(
            p,
            " rtmult {} wtmult {} maxfsz {}",
            rp.be32(dp + 8)?,
            rp.be32(dp + 20)?,
            rp.be64(dp + 28)?
        );
        out!(p, " delta {}.{:06} ", rp.be32(dp + 36)?, rp.be32(dp + 40)?);
    }
    Ok(Some(dp))
}

/// `parsepathconf`.
fn parsepathconf(p: &mut Printer, rp: &[u8], dp: usize, st: &mut Rep) -> Step {
    let (dp, er) = parsestatus(p, rp, dp, st)?;
    if p.opts.verbose > 0 {
        p.s(" POST:");
    }
    let Some(dp) = parse_post_op_attr(p, rp, dp, p.opts.verbose)? else {
        return Ok(None);
    };
    if er != 0 {
        return Ok(Some(dp));
    }
    if !rp.has(dp, 24) {
        return Ok(None);
    }
    let flag = |v: u32, s: &'static str| if v != 0 { s } else { "" };
    out!(
        p,
        " linkmax {} namemax {} {} {} {} {}",
        rp.be32(dp)?,
        rp.be32(dp + 4)?,
        flag(rp.be32(dp + 8)?, "notrunc"),
        flag(rp.be32(dp + 12)?, "chownres"),
        flag(rp.be32(dp + 16)?, "igncase"),
        flag(rp.be32(dp + 20)?, "keepcase")
    );
    Ok(Some(dp))
}

/// `interp_reply`: a reply's results, read as its call's procedure.
fn interp_reply(p: &mut Printer, rp: &[u8], proc_: u32, vers: u32, length: u32) -> P {
    let mut st = Rep { nfserr: false };
    match interp_body(p, rp, proc_, vers, length, &mut st)? {
        Some(()) => Ok(()),
        None if st.nfserr => Ok(()),
        None => Err(p.soft_trunc()),
    }
}

fn interp_body(
    p: &mut Printer,
    rp: &[u8],
    mut proc_: u32,
    vers: u32,
    length: u32,
    st: &mut Rep,
) -> R<Option<()>> {
    macro_rules! t {
        ($e:expr) => {
            match $e? {
                Some(v) => v,
                None => return Ok(None),
            }
        };
    }
    let v3 = vers == 3;
    if !v3 && proc_ < 26 {
        proc_ = V2_PROCID.get(proc_ as usize).copied().unwrap_or(NOOP);
    }
    print_proc(p, proc_);
    let vf = p.opts.verbose;
    match proc_ {
        GETATTR => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parseattrstat(p, rp, dp, u8::from(!p.opts.quiet), v3, st));
        }
        SETATTR => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                t!(parsewccres(p, rp, dp, vf, st));
            } else {
                t!(parseattrstat(p, rp, dp, u8::from(!p.opts.quiet), false, st));
            }
        }
        LOOKUP => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                let (dp, er) = parsestatus(p, rp, dp, st)?;
                if er != 0 {
                    if vf > 1 {
                        p.s(" post dattr:");
                        t!(parse_post_op_attr(p, rp, dp, vf));
                    }
                } else {
                    let dp = t!(parsefh(p, rp, dp, v3));
                    let dp = t!(parse_post_op_attr(p, rp, dp, vf));
                    if vf > 1 {
                        p.s(" post dattr:");
                        t!(parse_post_op_attr(p, rp, dp, vf));
                    }
                }
            } else {
                t!(parsediropres(p, rp, dp, st));
            }
        }
        ACCESS => {
            let dp = t!(parserep(p, rp, length, st));
            let (dp, er) = parsestatus(p, rp, dp, st)?;
            if vf > 0 {
                p.s(" attr:");
            }
            let dp = t!(parse_post_op_attr(p, rp, dp, vf));
            if er == 0 {
                out!(p, " c {:04x}", rp.be32(dp)?);
            }
        }
        READLINK => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parselinkres(p, rp, dp, v3, st));
        }
        READ => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                let (dp, er) = parsestatus(p, rp, dp, st)?;
                let dp = t!(parse_post_op_attr(p, rp, dp, vf));
                if er == 0 && vf > 0 {
                    out!(p, " {} bytes", rp.be32(dp)?);
                    if rp.be32(dp + 4)? != 0 {
                        p.s(" EOF");
                    }
                }
            } else {
                t!(parseattrstat(p, rp, dp, vf, false, st));
            }
        }
        WRITE => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                let (dp, er) = parsestatus(p, rp, dp, st)?;
                let dp = t!(parse_wcc_data(p, rp, dp, vf));
                if er == 0 && vf > 0 {
                    out!(p, " {} bytes", rp.be32(dp)?);
                    if vf > 1 {
                        p.s(" <");
                        let m = rp.be32(dp + 4)?;
                        write_mode(p, m);
                        p.s(">");
                        out!(p, " verf {:x}", rp.be64(dp + 8)?);
                    }
                }
            } else {
                t!(parseattrstat(p, rp, dp, vf, v3, st));
            }
        }
        CREATE | MKDIR => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                t!(parsecreateopres(p, rp, dp, vf, st));
            } else {
                t!(parsediropres(p, rp, dp, st));
            }
        }
        SYMLINK => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                t!(parsecreateopres(p, rp, dp, vf, st));
            } else {
                parsestatus(p, rp, dp, st)?;
            }
        }
        MKNOD => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parsecreateopres(p, rp, dp, vf, st));
        }
        REMOVE | RMDIR => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                t!(parsewccres(p, rp, dp, vf, st));
            } else {
                parsestatus(p, rp, dp, st)?;
            }
        }
        RENAME => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                let (dp, _) = parsestatus(p, rp, dp, st)?;
                if vf > 0 {
                    p.s(" from:");
                    let dp = t!(parse_wcc_data(p, rp, dp, vf));
                    p.s(" to:");
                    t!(parse_wcc_data(p, rp, dp, vf));
                }
            } else {
                parsestatus(p, rp, dp, st)?;
            }
        }
        LINK => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                let (dp, _) = parsestatus(p, rp, dp, st)?;
                if vf > 0 {
                    p.s(" file POST:");
                    let dp = t!(parse_post_op_attr(p, rp, dp, vf));
                    p.s(" dir:");
                    t!(parse_wcc_data(p, rp, dp, vf));
                }
            } else {
                parsestatus(p, rp, dp, st)?;
            }
        }
        READDIR => {
            let dp = t!(parserep(p, rp, length, st));
            if v3 {
                t!(parsev3rddirres(p, rp, dp, vf, st));
            } else {
                t!(parserddires(p, rp, dp, st));
            }
        }
        READDIRPLUS => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parsev3rddirres(p, rp, dp, vf, st));
        }
        FSSTAT => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parsestatfs(p, rp, dp, v3, st));
        }
        FSINFO => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parsefsinfo(p, rp, dp, st));
        }
        PATHCONF => {
            let dp = t!(parserep(p, rp, length, st));
            t!(parsepathconf(p, rp, dp, st));
        }
        COMMIT => {
            let dp = t!(parserep(p, rp, length, st));
            let dp = t!(parsewccres(p, rp, dp, vf, st));
            if vf > 1 {
                out!(p, " verf {:x}", rp.be64(dp)?);
            }
        }
        _ => {}
    }
    Ok(Some(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(src: [u8; 4], dst: [u8; 4]) -> IpAddrs<'static> {
        IpAddrs::V4 {
            src,
            dst,
            proto: 17,
        }
    }

    const C: [u8; 4] = [10, 0, 0, 1];
    const S: [u8; 4] = [10, 0, 0, 2];

    /// tcpdump's ring: 64 calls are remembered, the 65th takes the first
    /// one's slot; a reply must come from the call's server to its client.
    #[test]
    fn the_ring_keeps_the_last_64_calls() {
        let mut m = XidMap::default();
        for xid in 0..64 {
            m.enter(xid, v4(C, S), xid % 22, 3);
        }
        assert_eq!(m.find(0, v4(S, C)), Some((0, 3)));
        assert_eq!(m.find(63, v4(S, C)), Some((63 % 22, 3)));
        assert_eq!(m.find(0, v4(C, S)), None, "the reply's direction");
        assert_eq!(m.find(0, v4(S, [10, 0, 0, 9])), None, "another client");
        m.enter(64, v4(C, S), 1, 2);
        assert_eq!(m.find(0, v4(S, C)), None, "pushed out by the 65th call");
        assert_eq!(m.find(64, v4(S, C)), Some((1, 2)));
        assert_eq!(m.find(1, v4(S, C)), Some((1, 3)));
    }

    /// Of two calls with the same xid, the search from the last hit finds
    /// the one at or after it first (tcpdump's `xid_map_hint`).
    #[test]
    fn the_search_starts_at_the_last_hit() {
        let mut m = XidMap::default();
        m.enter(7, v4(C, S), 1, 3); // slot 0
        m.enter(8, v4(C, S), 2, 3); // slot 1
        m.enter(7, v4(C, S), 3, 3); // slot 2
        assert_eq!(m.find(7, v4(S, C)), Some((1, 3)));
        assert_eq!(m.find(8, v4(S, C)), Some((2, 3)));
        // The hint is now slot 1: slot 2's call comes before slot 0's.
        assert_eq!(m.find(7, v4(S, C)), Some((3, 3)));
    }

    #[test]
    fn ipv6_calls_match_ipv6_replies_only() {
        let a = [1u8; 16];
        let b = [2u8; 16];
        let mut m = XidMap::default();
        m.enter(
            9,
            IpAddrs::V6 {
                src: &a,
                dst: &b,
                next: 17,
            },
            6,
            3,
        );
        assert_eq!(
            m.find(
                9,
                IpAddrs::V6 {
                    src: &b,
                    dst: &a,
                    next: 17
                }
            ),
            Some((6, 3))
        );
        assert_eq!(m.find(9, v4([2; 4], [1; 4])), None);
    }
}
