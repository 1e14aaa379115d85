//! Telnet option negotiation on TCP port 23 (`print-telnet.c`): the
//! commands at the start of a segment, ` [telnet DO AUTHENTICATION, WILL
//! ECHO]`; with `-X` and `-vvv` each command's bytes in hex instead.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::hex::alt_hex;
use super::{P, Printer, out};
use crate::decode::{Bytes, Trunc};

const IAC: u8 = 255;
const SB: u8 = 250;
const SE: u8 = 240;
const TELCMD_FIRST: u8 = 236;

const TELCMDS: [&str; 20] = [
    "EOF", "SUSP", "ABORT", "EOR", "SE", "NOP", "DMARK", "BRK", "IP", "AO", "AYT", "EC", "EL",
    "GA", "SB", "WILL", "WONT", "DO", "DONT", "IAC",
];

const TELOPTS: [&str; 40] = [
    "BINARY",
    "ECHO",
    "RCP",
    "SUPPRESS GO AHEAD",
    "NAME",
    "STATUS",
    "TIMING MARK",
    "RCTE",
    "NAOL",
    "NAOP",
    "NAOCRD",
    "NAOHTS",
    "NAOHTD",
    "NAOFFD",
    "NAOVTS",
    "NAOVTD",
    "NAOLFD",
    "EXTEND ASCII",
    "LOGOUT",
    "BYTE MACRO",
    "DATA ENTRY TERMINAL",
    "SUPDUP",
    "SUPDUP OUTPUT",
    "SEND LOCATION",
    "TERMINAL TYPE",
    "END OF RECORD",
    "TACACS UID",
    "OUTPUT MARKING",
    "TTYLOC",
    "3270 REGIME",
    "X.3 PAD",
    "NAWS",
    "TSPEED",
    "LFLOW",
    "LINEMODE",
    "XDISPLOC",
    "OLD-ENVIRON",
    "AUTHENTICATION",
    "ENCRYPT",
    "NEW-ENVIRON",
];

const CMDS: [Option<&str>; 3] = [Some("IS"), Some("SEND"), Some("INFO")];
const AUTHCMD: [Option<&str>; 4] = [Some("IS"), Some("SEND"), Some("REPLY"), Some("NAME")];
const AUTHTYPE: [Option<&str>; 16] = [
    Some("NULL"),
    Some("KERBEROS_V4"),
    Some("KERBEROS_V5"),
    Some("SPX"),
    Some("MINK"),
    Some("SRP"),
    Some("RSA"),
    Some("SSL"),
    None,
    None,
    Some("LOKI"),
    Some("SSA"),
    Some("KEA_SJ"),
    Some("KEA_SJ_INTEG"),
    Some("DSS"),
    Some("NTLM"),
];
const ENCCMD: [Option<&str>; 9] = [
    Some("IS"),
    Some("SUPPORT"),
    Some("REPLY"),
    Some("START"),
    Some("END"),
    Some("REQUEST-START"),
    Some("REQUEST-END"),
    Some("END_KEYID"),
    Some("DEC_KEYID"),
];
const ENCTYPE: [Option<&str>; 10] = [
    Some("NULL"),
    Some("DES_CFB64"),
    Some("DES_OFB64"),
    Some("DES3_CFB64"),
    Some("DES3_OFB64"),
    None,
    Some("CAST5_40_CFB64"),
    Some("CAST5_40_OFB64"),
    Some("CAST128_CFB64"),
    Some("CAST128_OFB64"),
];

/// `STR_OR_ID`: the table's name, else `numstr` (`%#x`).
fn str_or_id(p: &mut Printer, x: u8, tab: &[Option<&str>]) {
    match tab.get(usize::from(x)).copied().flatten() {
        Some(s) => p.s(s),
        None => alt_hex(p, x),
    }
}

/// `telnet_parse`: the command's length, `None` where tcpdump gives up
/// (`pktend`); prints it when `print`.
fn parse(p: &mut Printer, d: &[u8], length: usize, print: bool) -> Result<Option<usize>, Trunc> {
    let mut sp = 0usize;
    let mut length = length;
    macro_rules! fetch {
        () => {{
            if length < 1 {
                return Ok(None);
            }
            let c = d.u8_at(sp)?;
            sp += 1;
            length -= 1;
            c
        }};
    }
    let c = fetch!();
    if c != IAC {
        return Ok(None);
    }
    let c = fetch!();
    if c == IAC {
        if print {
            p.s("IAC IAC");
        }
        return Ok(Some(sp));
    }
    if c < TELCMD_FIRST {
        return Ok(None);
    }
    let name = TELCMDS
        .get(usize::from(c - TELCMD_FIRST))
        .copied()
        .unwrap_or("");
    if !(SB..=254).contains(&c) {
        // Every command but DONT/DO/WONT/WILL/SB is one byte.
        if print {
            p.s(name);
        }
        return Ok(Some(sp));
    }
    let x = fetch!();
    if print {
        match TELOPTS.get(usize::from(x)) {
            Some(o) => out!(p, "{name} {o}"),
            None => {
                out!(p, "{name} ");
                alt_hex(p, x);
            }
        }
    }
    if c != SB {
        return Ok(Some(sp));
    }
    // IAC SB … IAC SE: `q` finds the IAC SE within what is left.
    let mut q = sp;
    while length > q + 1 - sp {
        if d.u8_at(q)? == IAC && d.u8_at(q + 1)? == SE {
            break;
        }
        q += 1;
    }
    if d.u8_at(q)? != IAC {
        return Ok(None);
    }
    let (first, second): (&[Option<&str>], Option<&[Option<&str>]>) = match x {
        37 => (&AUTHCMD, Some(&AUTHTYPE)),
        38 => (&ENCCMD, Some(&ENCTYPE)),
        _ => (&CMDS, None),
    };
    if q > sp {
        let c = fetch!();
        if print {
            p.s(" ");
            str_or_id(p, c, first);
        }
        if let Some(second) = second
            && q > sp
        {
            let c = fetch!();
            if print {
                p.s(" ");
                str_or_id(p, c, second);
            }
        }
    }
    while q > sp {
        let x = fetch!();
        if print {
            p.s(" ");
            alt_hex(p, x);
        }
    }
    if print {
        p.s(" SE");
    }
    Ok(Some(sp + 2))
}

/// `telnet_print`.
pub(super) fn telnet_print(p: &mut Printer, d: &[u8], length: usize) -> P {
    p.cur.protocol = "telnet";
    let hex = p.opts.hex_ascii > 0 && p.opts.verbose > 2;
    let mut first = true;
    let mut sp = 0usize;
    let mut length = length;
    while length > 0 && d.u8_at(sp)? == IAC {
        let here = d.from(sp)?;
        let Some(l) = parse(p, here, length, false)? else {
            break;
        };
        if hex {
            if first {
                p.s("\nTelnet:");
            }
            super::hex::hex_print_with_offset(p, "\n", here, l, sp)?;
            if l > 8 {
                p.s("\n\t\t\t\t");
            } else {
                out!(p, "{:1$}\t", "", (8 - l) * 3);
            }
        } else {
            p.s(if first { " [telnet " } else { ", " });
        }
        parse(p, here, length, true)?;
        first = false;
        sp += l;
        length = length.saturating_sub(l);
    }
    if !first {
        p.s(if hex { "\n" } else { "]" });
    }
    Ok(())
}
