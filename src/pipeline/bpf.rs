//! `-d`/`-dd`/`-ddd`: the filter compiled by libpcap and printed as
//! tcpdump's `bpf_dump()` instead of reading packets, for a file, a device
//! or (neither given) a dead Ethernet handle.

use std::io::Write;

use super::error::{RunError, quiet_pipe};
use crate::config::Config;
use crate::{filter, packet, source};

/// tcpdump's `-d`/`-dd`/`-ddd`: compiles the filter (empty when none) with
/// libpcap and prints the program to `out`. With `-r` of a regular file
/// libpcap compiles on its own handle for that file, as tcpdump does;
/// otherwise (no `-r`, or standard input and pipes, which cannot be opened
/// twice) on a dead handle for `link` and `snaplen`. Errors are libpcap's,
/// worded as tcpdump prints them.
pub(crate) fn dump_bpf(
    config: &Config,
    link: packet::LinkType,
    snaplen: u32,
    out: &mut dyn Write,
) -> Result<(), RunError> {
    let text = config.filter.as_deref().unwrap_or("");
    let reopen = config
        .read_file
        .as_deref()
        .filter(|p| p.as_os_str() != "-")
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
    let prog =
        match reopen.and_then(|p| source::bpf_dump::compile_savefile(p, text, config.optimize)) {
            Some(prog) => prog.map_err(RunError::FilterLibpcap)?,
            None => {
                let prog = source::bpf_dump::compile_dead(text, link, snaplen, config.optimize)
                    .map_err(RunError::FilterLibpcap)?;
                // A dead handle accepts what libpcap refuses for savefiles
                // (`inbound`, `ifindex`): tcpscope's parser knows those.
                if config.read_file.is_some() {
                    filter::Filter::compile(text, link).map_err(RunError::Filter)?;
                }
                prog
            }
        };
    let text = source::bpf_dump::dump(&prog, config.dump_bpf);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => quiet_pipe(e),
    }
}
