//! The live-capture flags (`-i -D -L -J -y -p -s -B -j -Q -Z
//! --immediate-mode`) checked as tcpdump's option parser checks them, with
//! its messages, and turned into a [`LiveConfig`].

use std::io::IsTerminal;

use super::ConfigError;
use super::args::Args;
use tcpscope::config::live::{Direction, LiveConfig, LiveOptions, TstampType};
use tcpscope::cstd::{atoi, strtol0};
use tcpscope::packet::{LinkType, Precision};

/// libpcap's MAXIMUM_SNAPLEN, tcpdump's bound for `-s`.
const MAXIMUM_SNAPLEN: i64 = 262_144;

fn invalid(msg: String) -> ConfigError {
    ConfigError::Invalid(msg)
}

/// The live settings; `None` when reading a file (`-r`) or with `-d` and no `-i`.
pub fn build(a: &Args, precision: Precision) -> Result<Option<LiveConfig>, ConfigError> {
    // Option values are checked while parsing, as tcpdump's getopt loop does.
    let snaplen = match a.s.as_deref() {
        None => 0,
        Some(s) => match strtol0(s) {
            Some(n) if (0..=MAXIMUM_SNAPLEN).contains(&n) => n as u32,
            _ => {
                return Err(invalid(format!(
                    "invalid snaplen {s} (must be >= 0 and <= {MAXIMUM_SNAPLEN})"
                )));
            }
        },
    };
    let buffer_size = match a.big_b.as_deref() {
        None => None,
        // `atoi(optarg)*1024` in an int: it wraps (`-B 4194305` is 1 KiB).
        Some(b) => match (atoi(b) as i32).wrapping_mul(1024) {
            n if n > 0 => Some(n),
            _ => return Err(invalid(format!("invalid packet buffer size {b}"))),
        },
    };
    let direction = match a.q_dir.as_deref() {
        None => None,
        Some(q) if q.eq_ignore_ascii_case("in") => Some(Direction::In),
        Some(q) if q.eq_ignore_ascii_case("out") => Some(Direction::Out),
        Some(q) if q.eq_ignore_ascii_case("inout") => Some(Direction::InOut),
        Some(q) => return Err(invalid(format!("unknown capture direction `{q}'"))),
    };
    let tstamp_type = match a.j.as_deref() {
        None => None,
        Some(j) => Some(
            TstampType::from_name(j)
                .ok_or_else(|| invalid(format!("invalid time stamp type {j}")))?,
        ),
    };
    let link_type = match a.y.as_deref() {
        None => None,
        Some(y) => {
            let lt = pcap::Linktype::from_name(y)
                .ok()
                .and_then(|l| u32::try_from(l.0).ok())
                .ok_or_else(|| invalid(format!("invalid data link type {y}")))?;
            Some((y.to_string(), LinkType(lt)))
        }
    };
    if a.read_file.is_some() || (a.i.is_none() && a.dump_bpf > 0 && !a.big_l && !a.big_j) {
        return Ok(None);
    }
    // tcpdump's 0.1 s read timeout when printing to a terminal or with -l
    // (with -w only when --print prints too).
    let printing = a.w.is_none() || a.print;
    let timeout_ms = if printing && (a.line_buffered || std::io::stdout().is_terminal()) {
        100
    } else {
        1000
    };
    // libpcap (through the pcap crate) takes device names as text.
    let device = match &a.i {
        None => None,
        Some(i) => Some(i.to_str().map(str::to_string).ok_or_else(|| {
            invalid(format!(
                "-i {}: tcpscope takes only UTF-8 interface names",
                std::path::Path::new(i).display()
            ))
        })?),
    };
    Ok(Some(LiveConfig {
        options: LiveOptions {
            device,
            snaplen,
            promisc: !a.p,
            buffer_size,
            immediate: a.immediate,
            timeout_ms,
            direction,
            link_type,
            tstamp_type,
            precision,
        },
        list_link_types: a.big_l,
        list_tstamp_types: a.big_j,
    }))
}
