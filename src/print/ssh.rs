//! SSH (`print-ssh.c`): the version banner (`SSH: SSH-2.0-...`) when a TCP
//! segment on port 22 starts with one; anything else prints nothing.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use super::{P, Printer};
use crate::decode::Bytes;

/// `ssh_print` (`ssh_print_version`).
pub(super) fn ssh_print(p: &mut Printer, data: &[u8], len: usize) -> P {
    p.cur.protocol = "ssh";
    for (idx, &want) in b"SSH-".iter().enumerate() {
        if data.u8_at(idx)? != want {
            return Ok(());
        }
    }
    let mut idx = 4;
    while idx < len {
        let c = data.u8_at(idx)?;
        if c == b'\n' {
            break;
        } else if c == b'\r' {
            if idx + 1 >= len || data.u8_at(idx + 1)? != b'\n' {
                return Ok(());
            }
            break;
        } else if !(0x20..=0x7e).contains(&c) {
            return Ok(());
        }
        idx += 1;
    }
    if idx >= len {
        return Ok(());
    }
    p.s(": SSH: ");
    let line = data.range(0, idx)?;
    p.out().extend_from_slice(line);
    Ok(())
}
