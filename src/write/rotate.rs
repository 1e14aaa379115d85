//! Rotation of `-w` files as tcpdump 4.99 rotates them (`tcpdump.c`:
//! `dump_packet_and_trunc`, `MakeFilename`, `getWflagChars`,
//! `compress_savefile`): the names (`FILE`, `FILE1`…, zero-padded to the
//! width of `-W COUNT - 1`; strftime of the last rotation time with `-G`),
//! the clock `-G` reads, and the `-z` command. The decision of when to
//! rotate lives in [`super::Writer::write`].
//!
//! `-G` reads the wall clock (`time(NULL)`), also when reading a file, as
//! tcpdump does: it rotates on the first packet handled at least SECONDS
//! after the last rotation, whatever the packets' own timestamps say.

use std::process::{Child, Command};

use chrono::format::{Item, StrftimeItems};
use chrono::{Local, TimeZone};

use crate::cstd::strerror;

/// Linux's PATH_MAX: longer names are refused as tcpdump refuses them.
const PATH_MAX: usize = 4096;

/// `getWflagChars`: how many digits numbered files get with `-W count`.
pub fn digits_for(count: u32) -> usize {
    let mut x = count.saturating_sub(1);
    let mut c = 0;
    while x > 0 {
        c += 1;
        x /= 10;
    }
    c
}

/// `time(NULL)`.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `MakeFilename`: `base` through strftime at `time` (local time) when
/// `-G` is given, then `cnt` appended with `width` digits, unless both are 0.
pub fn file_name(
    base: &str,
    time: Option<i64>,
    cnt: u32,
    width: usize,
) -> Result<String, super::WriteError> {
    let name = match time {
        Some(t) => strftime(base, t),
        None => base.to_string(),
    };
    if cnt == 0 && width == 0 {
        return Ok(name);
    }
    let name = format!("{name}{cnt:0width$}");
    if name.len() > PATH_MAX {
        return Err(super::WriteError::Name);
    }
    Ok(name)
}

/// C's `strftime(3)` in local time (honouring `TZ`), conversion by
/// conversion through chrono, whose specifiers are C's; a conversion chrono
/// does not know is copied as written (as glibc does).
fn strftime(fmt: &str, t: i64) -> String {
    let Some(when) = Local.timestamp_opt(t, 0).earliest() else {
        return fmt.to_string();
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let spec = rest.get(i..).unwrap_or_default();
        // `%`, an optional padding flag, the conversion character.
        let mut chars = spec.char_indices().skip(1);
        let mut end = spec.len();
        if let Some((_, c)) = chars.next() {
            end = if matches!(c, '-' | '_' | '0') {
                chars.next().map_or(spec.len(), |(j, c)| j + c.len_utf8())
            } else {
                1 + c.len_utf8()
            };
        }
        let conv = spec.get(..end).unwrap_or(spec);
        let items: Vec<Item<'_>> = StrftimeItems::new(conv).collect();
        if items.iter().any(|it| matches!(it, Item::Error)) {
            out.push_str(conv);
        } else {
            out.push_str(&when.format_with_items(items.into_iter()).to_string());
        }
        rest = spec.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// `-z CMD`: runs `CMD FILE` on a file just closed, without waiting for it
/// (tcpdump forks and reaps the child on SIGCHLD). A command that cannot
/// be started gets tcpdump's message.
pub fn post_rotate(cmd: &str, file: &str, children: &mut Vec<Child>) -> Option<String> {
    children.retain_mut(|c| !matches!(c.try_wait(), Ok(Some(_))));
    match Command::new(cmd).arg(file).spawn() {
        Ok(child) => {
            children.push(child);
            None
        }
        Err(e) => Some(format!(
            "compress_savefile: execlp({cmd}, {file}) failed: {}",
            strerror(&e)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_tcpdumps() {
        assert_eq!(digits_for(1), 0);
        assert_eq!(digits_for(2), 1);
        assert_eq!(digits_for(10), 1);
        assert_eq!(digits_for(11), 2);
        assert_eq!(digits_for(101), 3);
    }

    #[test]
    fn names_are_tcpdumps() {
        assert_eq!(file_name("f", None, 0, 0).unwrap(), "f");
        assert_eq!(file_name("f", None, 0, 2).unwrap(), "f00");
        assert_eq!(file_name("f", None, 3, 0).unwrap(), "f3");
        assert_eq!(file_name("f", None, 12, 1).unwrap(), "f12");
    }

    #[test]
    fn strftime_copies_unknown_conversions() {
        // Only conversions that do not depend on the time zone are checked.
        let s = strftime("a-%Y-%Q-%%-%-m-", 0);
        assert!(s.starts_with("a-19") || s.starts_with("a-20"), "{s}");
        assert!(s.contains("-%Q-%-"), "{s}");
        assert!(s.ends_with('-'));
    }
}
