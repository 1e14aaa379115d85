//! A live capture run, in tcpdump 4.99's order (`main()` in tcpdump.c):
//! `-D` ([`list_interfaces`]); pick and open the device (`-J` before
//! activation, a numeric name as a `-D` index); `-L`; `-y`; `-d`; compile
//! the filter (tcpscope's parser for its errors, then libpcap's compiler);
//! open the `-w` file and drop privileges around it in Debian's order
//! (`pipeline::privs`); install the filter in the kernel; signals (`signals`); the banner; the shared packet loop (`pipeline::pump`,
//! which the offline run ends in too); then the closing newline (after a
//! signal) and the counts. Packets that libpcap's kernel filter passes are
//! also checked with tcpscope's own evaluator before printing, so a live
//! capture prints what `-r` of the same bytes prints. Called by
//! [`crate::run`]; knows nothing of the command line, only the
//! [`Config`] built from it.

mod signals;

pub(crate) use signals::hup_ignored;

use std::io::{self, Write};

use crate::config::{Config, LiveConfig};
use crate::packet::LinkType;
use crate::pipeline::{self, RunError, privs, quiet_pipe};
use crate::source::live::{self, OpenError, TstampType};
use crate::source::{self, PacketSource};

/// The program name tcpdump prints as `tcpdump:`.
const PROGRAM: &str = "tcpscope";

/// Link types tcpscope has a printer for (`has_printer` for `-L`).
fn printable(link: LinkType) -> bool {
    matches!(
        link,
        LinkType::NULL
            | LinkType::EN10MB
            | LinkType::RAW
            | LinkType::RAW_OPENBSD
            | LinkType::LOOP
            | LinkType::LINUX_SLL
            | LinkType::IPNET
            | LinkType::IPV4
            | LinkType::IPV6
            | LinkType::NFLOG
            | LinkType::LINUX_SLL2
            | LinkType::PPP
            | LinkType::PPP_SERIAL
            | LinkType::C_HDLC
            // DLT_PPP_ETHER, DLT_PPP_PPPD
            | LinkType(51)
            | LinkType(166)
    )
}

/// `-D`: tcpdump's device list on `out`.
pub fn list_interfaces(out: &mut dyn Write) -> Result<(), RunError> {
    let text = live::device_list().map_err(RunError::Live)?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(quiet_pipe)
}

/// Runs a live capture (or `-L`/`-J`/`-d` on a device) for `config`.
pub fn run(
    config: &Config,
    lc: &LiveConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), RunError> {
    let o = &lc.options;
    let device = match &o.device {
        Some(d) => d.clone(),
        None => live::default_device().map_err(RunError::Live)?,
    };
    if lc.list_tstamp_types {
        let _ = err.write_all(live::tstamp_type_list(&device).as_bytes());
        return Ok(());
    }
    // tcpdump 4.99 captures on "any…" as Linux cooked v2 unless -y says otherwise.
    let mut link_type = o.link_type.clone();
    if device.starts_with("any") && link_type.is_none() {
        link_type = Some(("LINUX_SLL2".into(), LinkType::LINUX_SLL2));
    }
    if let Some(t) = o.tstamp_type
        && !live::tstamp_type_supported(t)
    {
        let _ = writeln!(
            err,
            "{PROGRAM}: WARNING: When trying to set timestamp type '{}' on {device}: \
             That type of time stamp is not supported by that device",
            TstampType::name(t)
        );
    }
    let mut src = match live::open(&device, o) {
        Ok(s) => s,
        Err(OpenError::NoSuchDevice(msg)) => {
            match live::device_by_number(&device).map_err(RunError::Live)? {
                Some(name) => live::open(&name, o).map_err(|e| RunError::Live(e.to_string()))?,
                None => return Err(RunError::Live(msg)),
            }
        }
        Err(e) => return Err(RunError::Live(e.to_string())),
    };
    if lc.list_link_types {
        let text = src.link_type_list(printable).map_err(RunError::Live)?;
        let _ = err.write_all(text.as_bytes());
        return Ok(());
    }
    if let Some((_, lt)) = link_type {
        src.set_link_type(lt, o.snaplen).map_err(RunError::Live)?;
        let name = source::link_names(lt).map_or_else(|| lt.0.to_string(), |n| n.0);
        let _ = writeln!(err, "{PROGRAM}: data link type {name}");
    }
    let link = src.link_type();
    if config.dump_bpf > 0 {
        return pipeline::dump_bpf(config, link, src.snaplen(), out);
    }
    // Live, the capture's byte order is the host's.
    let filter = pipeline::compile_filter(config, link, cfg!(target_endian = "big"))?;
    let text = config.filter.as_deref().unwrap_or("");
    src.check_filter(text, config.optimize)
        .map_err(RunError::FilterLibpcap)?;
    let user = privs::target_user(config.user.as_deref());
    let writer = privs::open_writer_and_drop(config, &mut src, user.as_deref())?;
    src.install_filter(text, config.optimize)
        .map_err(RunError::Live)?;
    let requests = signals::install(src.waker()).map_err(RunError::Output)?;
    src.set_requests(
        requests.stop,
        requests.info,
        Box::new(|s| {
            let _ = io::stderr().write_all(live::stats_text(&s, PROGRAM, false).as_bytes());
        }),
    );
    banner(config, &src, err);
    // The live source returns at a stop request itself.
    let files = pipeline::Files {
        writer,
        export: None,
        pictures: Default::default(),
    };
    let result = pipeline::pump(config, &mut src, filter.as_ref(), files, out, err, None);
    if src.stopped_by_request() && config.output.write().is_none() {
        // tcpdump: "we didn't manage to finish a line we were printing"
        // (only when printing: not with -w, even with --print).
        let _ = out.write_all(b"\n").and_then(|()| out.flush());
    }
    let result = match result {
        // tcpdump's error() for a -C/-G file it cannot open exits at once,
        // without the counts.
        Err(e @ RunError::Write(_)) => return Err(e),
        Err(RunError::Read(e)) => {
            let _ = writeln!(err, "{PROGRAM}: pcap_loop: {e}");
            Err(RunError::Reported)
        }
        r => r,
    };
    match src.stats() {
        Ok(s) => {
            let _ = err.write_all(live::stats_text(&s, PROGRAM, true).as_bytes());
        }
        Err(e) => {
            let _ = writeln!(err, "pcap_stats: {e}");
        }
    }
    let _ = err.flush();
    result
}

/// tcpdump's start-up lines on stderr (with -w, `tcpdump: listening on …`
/// without the "verbose output" line).
fn banner(config: &Config, src: &live::LiveSource, err: &mut dyn Write) {
    if config.print.verbose == 0 && config.output.write().is_none() {
        let _ = writeln!(
            err,
            "{PROGRAM}: verbose output suppressed, use -v[v]... for full protocol decode"
        );
    } else {
        let _ = write!(err, "{PROGRAM}: ");
    }
    let _ = writeln!(
        err,
        "listening on {}, {}, snapshot length {} bytes",
        src.device(),
        source::link_type_words(src.link_type()),
        src.snaplen()
    );
    let _ = err.flush();
}
