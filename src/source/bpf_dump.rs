//! tcpdump's `-d`, `-dd` and `-ddd`: the filter compiled by libpcap
//! (`pcap_compile`), printed as tcpdump's `bpf_dump()` prints it. `-d` is
//! libpcap's `bpf_image()` per instruction, `-dd` a C array initialiser,
//! `-ddd` the count then the four fields in decimal.
//!
//! The program comes from the `pcap` crate, whose `BpfInstruction` exposes
//! its fields only through `Display` (`"code jt jf k"`): that text is parsed
//! back, keeping this crate free of unsafe code.

pub use crate::packet::BpfInsn as Insn;
use crate::packet::LinkType;

/// The snapshot length of the `pcap` crate's dead handles
/// (`Capture::dead` always opens with 65535).
const DEAD_SNAPLEN: u32 = 65535;

/// `pcap_compile(pd, expr, optimize, netmask 0)` on libpcap's own handle for
/// the capture file at `path`, as tcpdump compiles for `-d -r FILE` (the
/// text up to its first NUL, on a large stack: see
/// [`on_large_stack`](super::on_large_stack)).
/// libpcap compiles some primitives differently for savefiles than for
/// other handles (`inbound`/`outbound` and `ifindex` are refused, IPv6 over
/// DLT_NULL/LOOP tests every BSD `AF_INET6`, byte-swapped DLT_NULL files get
/// swapped `AF_` values), so only a savefile handle gives tcpdump's program.
/// `None` when libpcap cannot open the file; `Err` carries libpcap's
/// message.
pub fn compile_savefile<T: AsRef<[u8]> + ?Sized>(
    path: &std::path::Path,
    expr: &T,
    optimize: bool,
) -> Option<Result<Vec<Insn>, String>> {
    let expr = super::libpcap_text(expr.as_ref());
    super::on_large_stack(move || {
        let cap = pcap::Capture::from_file(path).ok()?;
        Some(instructions(&cap.into(), &expr, optimize, None))
    })
}

/// `pcap_compile(pd, expr, optimize, netmask 0)` on a dead handle
/// (`pcap_open_dead(link, snaplen)`), as tcpdump compiles for `-d` without
/// a file. `Err` carries libpcap's message.
///
/// The snapshot length enters a program only as the value of the accepting
/// `ret` (gencode's `gen_retblk(cstate->snaplen)`); the `pcap` crate's dead
/// handles have 65535, so those returns are rewritten to `snaplen`. The
/// optimiser only compares return values for equality, and `snaplen` is
/// never 0 (libpcap adjusts 0 to the link type's maximum), so the program is
/// the one libpcap compiles for a handle with `snaplen`.
pub fn compile_dead<T: AsRef<[u8]> + ?Sized>(
    expr: &T,
    link: LinkType,
    snaplen: u32,
    optimize: bool,
) -> Result<Vec<Insn>, String> {
    let dlt = i32::try_from(link.0).map_err(|_| format!("unknown data link type {}", link.0))?;
    let expr = super::libpcap_text(expr.as_ref());
    super::on_large_stack(move || {
        let cap = pcap::Capture::dead(pcap::Linktype(dlt)).map_err(|e| e.to_string())?;
        instructions(&cap.into(), &expr, optimize, Some(snaplen))
    })
}

/// libpcap's program for the filter to run on a link type tcpscope's code
/// generation does not port (`filter::LibpcapCompile`): `pcap_compile` on a
/// dead handle, as [`compile_dead`] (its accepting returns keep 65535: only
/// whether a return is 0 matters there).
pub fn compile_for_filter(
    expr: &[u8],
    link: LinkType,
    optimize: bool,
) -> Result<Vec<Insn>, String> {
    let dlt = i32::try_from(link.0).map_err(|_| format!("unknown data link type {}", link.0))?;
    let expr = super::libpcap_text(expr);
    super::on_large_stack(move || {
        let cap = pcap::Capture::dead(pcap::Linktype(dlt)).map_err(|e| e.to_string())?;
        instructions(&cap.into(), &expr, optimize, None)
    })
}

/// Compiles on `cap`; with `snaplen`, rewrites the dead handle's accepting
/// returns (see [`compile_dead`]).
fn instructions(
    cap: &pcap::Capture<dyn pcap::Activated>,
    expr: &str,
    optimize: bool,
    snaplen: Option<u32>,
) -> Result<Vec<Insn>, String> {
    let prog = cap.compile(expr, optimize).map_err(|e| match e {
        pcap::Error::PcapError(msg) => msg,
        e => e.to_string(),
    })?;
    prog.get_instructions()
        .iter()
        .map(|i| {
            let text = i.to_string();
            let mut insn = parse_display(&text)
                .ok_or_else(|| format!("unexpected BPF instruction text {text:?}"))?;
            if let Some(snaplen) = snaplen
                && insn.code == BPF_RET | BPF_K
                && insn.k == DEAD_SNAPLEN
            {
                insn.k = snaplen;
            }
            Ok(insn)
        })
        .collect()
}

/// `pcap::BpfInstruction`'s `Display`: `"code jt jf k"` in decimal.
fn parse_display(text: &str) -> Option<Insn> {
    let mut it = text.split(' ');
    let insn = Insn {
        code: it.next()?.parse().ok()?,
        jt: it.next()?.parse().ok()?,
        jf: it.next()?.parse().ok()?,
        k: it.next()?.parse().ok()?,
    };
    it.next().is_none().then_some(insn)
}

/// tcpdump's `bpf_dump(prog, dflag)`: the whole text it prints to stdout.
pub fn dump(prog: &[Insn], level: u8) -> String {
    let mut s = String::new();
    if level > 2 {
        s.push_str(&format!("{}\n", prog.len()));
        for i in prog {
            s.push_str(&format!("{} {} {} {}\n", i.code, i.jt, i.jf, i.k));
        }
    } else if level > 1 {
        for i in prog {
            s.push_str(&format!(
                "{{ 0x{:x}, {}, {}, 0x{:08x} }},\n",
                i.code, i.jt, i.jf, i.k
            ));
        }
    } else {
        for (n, i) in prog.iter().enumerate() {
            s.push_str(&image(i, n));
            s.push('\n');
        }
    }
    s
}

// Instruction classes and fields (<pcap/bpf.h>).
const BPF_LD: u16 = 0x00;
const BPF_LDX: u16 = 0x01;
const BPF_ST: u16 = 0x02;
const BPF_STX: u16 = 0x03;
const BPF_ALU: u16 = 0x04;
const BPF_JMP: u16 = 0x05;
const BPF_RET: u16 = 0x06;
const BPF_MISC: u16 = 0x07;

const BPF_W: u16 = 0x00;
const BPF_H: u16 = 0x08;
const BPF_B: u16 = 0x10;

const BPF_IMM: u16 = 0x00;
const BPF_ABS: u16 = 0x20;
const BPF_IND: u16 = 0x40;
const BPF_MEM: u16 = 0x60;
const BPF_LEN: u16 = 0x80;
const BPF_MSH: u16 = 0xa0;

const BPF_ADD: u16 = 0x00;
const BPF_SUB: u16 = 0x10;
const BPF_MUL: u16 = 0x20;
const BPF_DIV: u16 = 0x30;
const BPF_OR: u16 = 0x40;
const BPF_AND: u16 = 0x50;
const BPF_LSH: u16 = 0x60;
const BPF_RSH: u16 = 0x70;
const BPF_NEG: u16 = 0x80;
const BPF_MOD: u16 = 0x90;
const BPF_XOR: u16 = 0xa0;

const BPF_JA: u16 = 0x00;
const BPF_JEQ: u16 = 0x10;
const BPF_JGT: u16 = 0x20;
const BPF_JGE: u16 = 0x30;
const BPF_JSET: u16 = 0x40;

const BPF_K: u16 = 0x00;
const BPF_X: u16 = 0x08;
const BPF_A: u16 = 0x10;

const BPF_TAX: u16 = 0x00;
const BPF_TXA: u16 = 0x80;

/// Linux's special absolute-load offsets (`SKF_AD_OFF` + `SKF_AD_*` in
/// <linux/filter.h>), which libpcap on Linux prints by name: `ldb [type]`.
const SKF_AD_OFF: u32 = 0xffff_f000;
const SKF_AD_NAMES: [(u32, &str); 16] = [
    (0, "proto"),
    (4, "type"),
    (8, "ifidx"),
    (12, "nla"),
    (16, "nlan"),
    (20, "mark"),
    (24, "queue"),
    (28, "hatype"),
    (32, "rxhash"),
    (36, "cpu"),
    (40, "xor_x"),
    (44, "vlan_tci"),
    (48, "vlanp"),
    (52, "poff"),
    (56, "random"),
    (60, "vlan_tpid"),
];

/// `bpf_print_abs_load_operand`.
fn abs_operand(k: u32) -> String {
    let special = k
        .checked_sub(SKF_AD_OFF)
        .and_then(|off| SKF_AD_NAMES.iter().find(|(o, _)| *o == off));
    match special {
        Some((_, name)) => format!("[{name}]"),
        None => format!("[{}]", k as i32),
    }
}

/// libpcap's `bpf_image(insn, n)`: instruction `n` as `-d` prints it,
/// without the newline. Constants print as C's `%d` (signed) or `0x%x` as
/// libpcap chooses per opcode; jump targets are absolute.
pub fn image(p: &Insn, n: usize) -> String {
    let k = p.k;
    let signed = || format!("#{}", k as i32);
    let hex = || format!("#0x{k:x}");
    let (op, operand): (&str, String) = match p.code {
        c if c == BPF_RET | BPF_K => ("ret", signed()),
        c if c == BPF_RET | BPF_A => ("ret", String::new()),
        c if c == BPF_LD | BPF_W | BPF_ABS => ("ld", abs_operand(k)),
        c if c == BPF_LD | BPF_H | BPF_ABS => ("ldh", abs_operand(k)),
        c if c == BPF_LD | BPF_B | BPF_ABS => ("ldb", abs_operand(k)),
        c if c == BPF_LD | BPF_W | BPF_LEN => ("ld", "#pktlen".into()),
        c if c == BPF_LD | BPF_W | BPF_IND => ("ld", format!("[x + {}]", k as i32)),
        c if c == BPF_LD | BPF_H | BPF_IND => ("ldh", format!("[x + {}]", k as i32)),
        c if c == BPF_LD | BPF_B | BPF_IND => ("ldb", format!("[x + {}]", k as i32)),
        c if c == BPF_LD | BPF_IMM => ("ld", hex()),
        c if c == BPF_LDX | BPF_IMM => ("ldx", hex()),
        c if c == BPF_LDX | BPF_MSH | BPF_B => ("ldxb", format!("4*([{}]&0xf)", k as i32)),
        c if c == BPF_LD | BPF_MEM => ("ld", format!("M[{}]", k as i32)),
        c if c == BPF_LDX | BPF_MEM => ("ldx", format!("M[{}]", k as i32)),
        c if c == BPF_ST => ("st", format!("M[{}]", k as i32)),
        c if c == BPF_STX => ("stx", format!("M[{}]", k as i32)),
        c if c == BPF_JMP | BPF_JA => {
            // C: `n + 1 + p->k` is unsigned arithmetic printed with %d.
            let target = (n as u32).wrapping_add(1).wrapping_add(k) as i32;
            ("ja", target.to_string())
        }
        c if c == BPF_JMP | BPF_JGT | BPF_K => ("jgt", hex()),
        c if c == BPF_JMP | BPF_JGE | BPF_K => ("jge", hex()),
        c if c == BPF_JMP | BPF_JEQ | BPF_K => ("jeq", hex()),
        c if c == BPF_JMP | BPF_JSET | BPF_K => ("jset", hex()),
        c if c == BPF_JMP | BPF_JGT | BPF_X => ("jgt", "x".into()),
        c if c == BPF_JMP | BPF_JGE | BPF_X => ("jge", "x".into()),
        c if c == BPF_JMP | BPF_JEQ | BPF_X => ("jeq", "x".into()),
        c if c == BPF_JMP | BPF_JSET | BPF_X => ("jset", "x".into()),
        c if c == BPF_ALU | BPF_ADD | BPF_X => ("add", "x".into()),
        c if c == BPF_ALU | BPF_SUB | BPF_X => ("sub", "x".into()),
        c if c == BPF_ALU | BPF_MUL | BPF_X => ("mul", "x".into()),
        c if c == BPF_ALU | BPF_DIV | BPF_X => ("div", "x".into()),
        c if c == BPF_ALU | BPF_MOD | BPF_X => ("mod", "x".into()),
        c if c == BPF_ALU | BPF_AND | BPF_X => ("and", "x".into()),
        c if c == BPF_ALU | BPF_OR | BPF_X => ("or", "x".into()),
        c if c == BPF_ALU | BPF_XOR | BPF_X => ("xor", "x".into()),
        c if c == BPF_ALU | BPF_LSH | BPF_X => ("lsh", "x".into()),
        c if c == BPF_ALU | BPF_RSH | BPF_X => ("rsh", "x".into()),
        c if c == BPF_ALU | BPF_ADD | BPF_K => ("add", signed()),
        c if c == BPF_ALU | BPF_SUB | BPF_K => ("sub", signed()),
        c if c == BPF_ALU | BPF_MUL | BPF_K => ("mul", signed()),
        c if c == BPF_ALU | BPF_DIV | BPF_K => ("div", signed()),
        c if c == BPF_ALU | BPF_MOD | BPF_K => ("mod", signed()),
        c if c == BPF_ALU | BPF_AND | BPF_K => ("and", hex()),
        c if c == BPF_ALU | BPF_OR | BPF_K => ("or", hex()),
        c if c == BPF_ALU | BPF_XOR | BPF_K => ("xor", hex()),
        c if c == BPF_ALU | BPF_LSH | BPF_K => ("lsh", signed()),
        c if c == BPF_ALU | BPF_RSH | BPF_K => ("rsh", signed()),
        c if c == BPF_ALU | BPF_NEG => ("neg", String::new()),
        c if c == BPF_MISC | BPF_TAX => ("tax", String::new()),
        c if c == BPF_MISC | BPF_TXA => ("txa", String::new()),
        c => ("unimp", format!("0x{c:x}")),
    };
    let (class, bop) = (p.code & 0x07, p.code & 0xf0);
    if class == BPF_JMP && bop != BPF_JA {
        format!(
            "({n:03}) {op:<8} {operand:<16} jt {}\tjf {}",
            n + 1 + usize::from(p.jt),
            n + 1 + usize::from(p.jf)
        )
    } else {
        format!("({n:03}) {op:<8} {operand}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn insn(code: u16, jt: u8, jf: u8, k: u32) -> Insn {
        Insn { code, jt, jf, k }
    }

    #[test]
    fn images_as_libpcap() {
        let cases: &[(Insn, usize, &str)] = &[
            (insn(0x28, 0, 0, 12), 0, "(000) ldh      [12]"),
            (
                insn(0x15, 0, 6, 0x86dd),
                1,
                "(001) jeq      #0x86dd          jt 2\tjf 8",
            ),
            (insn(0x30, 0, 0, 20), 2, "(002) ldb      [20]"),
            (insn(0xb1, 0, 0, 14), 13, "(013) ldxb     4*([14]&0xf)"),
            (insn(0x48, 0, 0, 14), 14, "(014) ldh      [x + 14]"),
            (
                insn(0x45, 6, 0, 0x1fff),
                12,
                "(012) jset     #0x1fff          jt 19\tjf 13",
            ),
            (insn(0x06, 0, 0, 262144), 18, "(018) ret      #262144"),
            (insn(0x06, 0, 0, 0), 19, "(019) ret      #0"),
            (insn(0x16, 0, 0, 0), 3, "(003) ret      "),
            (insn(0x80, 0, 0, 0), 0, "(000) ld       #pktlen"),
            (insn(0x00, 0, 0, 0x2c), 0, "(000) ld       #0x2c"),
            (insn(0x01, 0, 0, 0x2c), 0, "(000) ldx      #0x2c"),
            (insn(0x02, 0, 0, 1), 4, "(004) st       M[1]"),
            (insn(0x61, 0, 0, 1), 4, "(004) ldx      M[1]"),
            (insn(0x05, 0, 0, 3), 7, "(007) ja       11"),
            (
                insn(0x1d, 1, 0, 0),
                5,
                "(005) jeq      x                jt 7\tjf 6",
            ),
            (insn(0x54, 0, 0, 0xff), 0, "(000) and      #0xff"),
            (insn(0x74, 0, 0, 4), 0, "(000) rsh      #4"),
            (insn(0x14, 0, 0, 0xffff_ffff), 0, "(000) sub      #-1"),
            (insn(0x84, 0, 0, 0), 0, "(000) neg      "),
            (insn(0x07, 0, 0, 0), 0, "(000) tax      "),
            (insn(0x87, 0, 0, 0), 0, "(000) txa      "),
            (insn(0x28, 0, 0, 0xffff_f004), 0, "(000) ldh      [type]"),
            (insn(0x20, 0, 0, 0xffff_f008), 0, "(000) ld       [ifidx]"),
            (insn(0x20, 0, 0, 0xffff_f040), 0, "(000) ld       [-4032]"),
            (insn(0x30, 0, 0, 0xffff_f002), 0, "(000) ldb      [-4094]"),
            (insn(0xff, 0, 0, 0), 1000, "(1000) unimp    0xff"),
            // An unknown jump opcode still prints its targets.
            (
                insn(0x55, 0, 1, 0),
                2,
                "(002) unimp    0x55             jt 3\tjf 4",
            ),
        ];
        for (i, n, want) in cases {
            assert_eq!(image(i, *n), *want, "{i:?}");
        }
    }

    #[test]
    fn dump_levels() {
        let prog = [
            insn(0x28, 0, 0, 12),
            insn(0x15, 0, 1, 0x800),
            insn(6, 0, 0, 262144),
            insn(6, 0, 0, 0),
        ];
        assert_eq!(
            dump(&prog, 1),
            "(000) ldh      [12]\n\
             (001) jeq      #0x800           jt 2\tjf 3\n\
             (002) ret      #262144\n\
             (003) ret      #0\n"
        );
        assert_eq!(
            dump(&prog, 2),
            "{ 0x28, 0, 0, 0x0000000c },\n\
             { 0x15, 0, 1, 0x00000800 },\n\
             { 0x6, 0, 0, 0x00040000 },\n\
             { 0x6, 0, 0, 0x00000000 },\n"
        );
        assert_eq!(
            dump(&prog, 3),
            "4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n"
        );
        assert_eq!(dump(&prog, 9), dump(&prog, 3));
    }

    #[test]
    fn parses_the_crates_display() {
        assert_eq!(parse_display("40 0 0 12"), Some(insn(40, 0, 0, 12)));
        assert_eq!(parse_display("40 0 0"), None);
        assert_eq!(parse_display("40 0 0 12 1"), None);
        assert_eq!(parse_display("40 0 0 x"), None);
    }

    #[test]
    fn compiles_with_libpcap_and_the_given_snaplen() {
        let prog = compile_dead("ip", LinkType::EN10MB, 54, true).unwrap();
        assert_eq!(
            prog,
            [
                insn(0x28, 0, 0, 12),
                insn(0x15, 0, 1, 0x800),
                insn(6, 0, 0, 54),
                insn(6, 0, 0, 0)
            ]
        );
        assert_eq!(
            compile_dead("", LinkType::EN10MB, 262144, true).unwrap(),
            [insn(6, 0, 0, 262144)]
        );
        assert_eq!(
            compile_dead("ip and not ip", LinkType::EN10MB, 262144, true).unwrap_err(),
            "expression rejects all packets"
        );
        // Without the optimiser libpcap keeps the contradiction.
        assert!(compile_dead("ip and not ip", LinkType::EN10MB, 262144, false).is_ok());
    }

    #[test]
    fn savefile_handles_refuse_live_only_primitives() {
        let cap = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("captures/snaplen54.pcap");
        let prog = compile_savefile(&cap, "ip", true).unwrap().unwrap();
        assert_eq!(prog[2], insn(6, 0, 0, 54));
        assert_eq!(
            compile_savefile(&cap, "inbound", true)
                .unwrap()
                .unwrap_err(),
            "inbound/outbound not supported on Ethernet when reading savefiles"
        );
        assert!(compile_dead("inbound", LinkType::EN10MB, 54, true).is_ok());
        assert!(compile_savefile(std::path::Path::new("/nonexistent.pcap"), "", true).is_none());
    }
}
