//! A classic BPF interpreter with libpcap's semantics (`bpf_filter.c`, as
//! `pcap_offline_filter` runs it on a saved packet): it runs the program
//! libpcap compiled for the link types whose code generation `gencode` does
//! not port (802.11, radiotap, FDDI, Token Ring…), so a filter keeps there
//! exactly what tcpdump keeps. A load past the captured bytes, a division by
//! zero, an unknown instruction or a jump out of the program reject the
//! packet, as in libpcap; `len` is the packet's length on the wire.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::packet::BpfInsn;

// Instruction classes, sizes, modes and operations (`bpf.h`).
const LD: u16 = 0x00;
const LDX: u16 = 0x01;
const ST: u16 = 0x02;
const STX: u16 = 0x03;
const ALU: u16 = 0x04;
const JMP: u16 = 0x05;
const RET: u16 = 0x06;
const MISC: u16 = 0x07;
const W: u16 = 0x00;
const H: u16 = 0x08;
const B: u16 = 0x10;
const IMM: u16 = 0x00;
const ABS: u16 = 0x20;
const IND: u16 = 0x40;
const MEM: u16 = 0x60;
const LEN: u16 = 0x80;
const MSH: u16 = 0xa0;
const X: u16 = 0x08;
/// `BPF_MEMWORDS`.
const MEMWORDS: usize = 16;

/// The value the program returns for `pkt` (captured bytes) of `wire_len`
/// bytes on the wire: 0 rejects it, anything else keeps it.
pub fn run(prog: &[BpfInsn], pkt: &[u8], wire_len: u32) -> u32 {
    run_checked(prog, pkt, wire_len).unwrap_or(0)
}

/// `None` where libpcap's `bpf_filter` returns 0 early.
fn run_checked(prog: &[BpfInsn], pkt: &[u8], wire_len: u32) -> Option<u32> {
    let mut a: u32 = 0;
    let mut x: u32 = 0;
    let mut mem = [0u32; MEMWORDS];
    let mut pc = 0usize;
    loop {
        let i = *prog.get(pc)?;
        pc += 1;
        let k = i.k;
        match i.code & 0x07 {
            RET => {
                return match i.code & 0x18 {
                    0x00 => Some(k),
                    0x10 => Some(a),
                    _ => None,
                };
            }
            LD => {
                a = match i.code & 0xe0 {
                    ABS => load(pkt, usize::try_from(k).ok()?, i.code & 0x18)?,
                    IND => load(pkt, (k as usize).checked_add(x as usize)?, i.code & 0x18)?,
                    IMM => k,
                    LEN => wire_len,
                    MEM => *mem.get(k as usize)?,
                    _ => return None,
                }
            }
            LDX => {
                x = match i.code & 0xe0 {
                    IMM => k,
                    LEN => wire_len,
                    MEM => *mem.get(k as usize)?,
                    MSH if i.code & 0x18 == B => u32::from(*pkt.get(k as usize)? & 0xf) << 2,
                    _ => return None,
                }
            }
            ST => *mem.get_mut(k as usize)? = a,
            STX => *mem.get_mut(k as usize)? = x,
            ALU => {
                let v = if i.code & X != 0 { x } else { k };
                a = match i.code & 0xf0 {
                    0x00 => a.wrapping_add(v),
                    0x10 => a.wrapping_sub(v),
                    0x20 => a.wrapping_mul(v),
                    0x30 => a.checked_div(v)?,
                    0x40 => a | v,
                    0x50 => a & v,
                    0x60 => a.checked_shl(v).unwrap_or(0),
                    0x70 => a.checked_shr(v).unwrap_or(0),
                    0x80 => a.wrapping_neg(),
                    0x90 => a.checked_rem(v)?,
                    0xa0 => a ^ v,
                    _ => return None,
                }
            }
            JMP => {
                let v = if i.code & X != 0 { x } else { k };
                let skip = match i.code & 0xf0 {
                    0x00 => k as usize,
                    op => {
                        let taken = match op {
                            0x10 => a == v,
                            0x20 => a > v,
                            0x30 => a >= v,
                            0x40 => a & v != 0,
                            _ => return None,
                        };
                        usize::from(if taken { i.jt } else { i.jf })
                    }
                };
                pc = pc.checked_add(skip)?;
            }
            MISC => {
                if i.code & 0xf8 == 0 {
                    x = a; // TAX
                } else {
                    a = x; // TXA
                }
            }
            _ => return None,
        }
    }
}

/// A big-endian load of `size` (W, H or B) at `at`; `None` past the
/// captured bytes.
fn load(pkt: &[u8], at: usize, size: u16) -> Option<u32> {
    match size {
        W => {
            let b = pkt.get(at..at.checked_add(4)?)?;
            Some(u32::from_be_bytes([
                *b.first()?,
                *b.get(1)?,
                *b.get(2)?,
                *b.get(3)?,
            ]))
        }
        H => {
            let b = pkt.get(at..at.checked_add(2)?)?;
            Some(u32::from(u16::from_be_bytes([*b.first()?, *b.get(1)?])))
        }
        B => pkt.get(at).map(|&v| u32::from(v)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(code: u16, jt: u8, jf: u8, k: u32) -> BpfInsn {
        BpfInsn { code, jt, jf, k }
    }

    #[test]
    fn loads_jumps_and_returns_as_libpcap() {
        // ldh [12]; jeq #0x800 jt 0 jf 1; ret #65535; ret #0
        let prog = [
            i(LD | H | ABS, 0, 0, 12),
            i(JMP | 0x10, 0, 1, 0x800),
            i(RET, 0, 0, 65535),
            i(RET, 0, 0, 0),
        ];
        let mut pkt = [0u8; 14];
        pkt[12] = 8;
        assert_eq!(run(&prog, &pkt, 60), 65535);
        pkt[13] = 6;
        assert_eq!(run(&prog, &pkt, 60), 0);
        // A load past the captured bytes rejects the packet.
        assert_eq!(run(&prog, &pkt[..13], 60), 0);
    }

    #[test]
    fn indexed_loads_msh_len_and_arithmetic() {
        // ldxb 4*([0]&0xf); ldb [x + 1]; add #1; st M[3]; ld len; ldx M[3];
        // jgt x jt 0 jf 1; ret a; ret #0
        let prog = [
            i(LDX | B | MSH, 0, 0, 0),
            i(LD | B | IND, 0, 0, 1),
            i(ALU, 0, 0, 1),
            i(ST, 0, 0, 3),
            i(LD | W | LEN, 0, 0, 0),
            i(LDX | MEM, 0, 0, 3),
            i(JMP | 0x20 | X, 0, 1, 0),
            i(RET | 0x10, 0, 0, 0),
            i(RET, 0, 0, 0),
        ];
        let mut pkt = [0u8; 8];
        pkt[0] = 0x41; // x = 4
        pkt[5] = 9; // a = 10
        assert_eq!(run(&prog, &pkt, 11), 11);
        assert_eq!(run(&prog, &pkt, 10), 0);
        // ldb [x + 1] past the end.
        pkt[0] = 0x42;
        assert_eq!(run(&prog, &pkt, 11), 0);
    }

    #[test]
    fn division_by_zero_and_running_off_the_end_reject() {
        let prog = [
            i(LD | IMM, 0, 0, 7),
            i(ALU | 0x30 | X, 0, 0, 0),
            i(RET | 0x10, 0, 0, 0),
        ];
        assert_eq!(run(&prog, &[], 0), 0);
        let prog = [i(LD | IMM, 0, 0, 7)];
        assert_eq!(run(&prog, &[], 0), 0);
        let prog = [i(JMP, 0, 0, 5), i(RET, 0, 0, 1)];
        assert_eq!(run(&prog, &[], 0), 0);
    }
}
