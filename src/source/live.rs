//! Live capture through libpcap (the `pcap` crate): opening a device the way
//! tcpdump's `open_interface()` does (`pcap_create`, the `-s/-p/-B/-j/
//! --immediate-mode/--time-stamp-precision` settings, `pcap_activate`,
//! `-Q`), tcpdump's error wording for each activation status, the device
//! list of `-D`, the link types of `-L` and time-stamp types of `-J`, and
//! [`LiveSource`], which hands packets on as normalised [`RawPacket`]s. How
//! to open the device is a [`LiveOptions`] of the run's configuration
//! (`config::live`, re-exported here with [`Direction`] and [`TstampType`]).
//! The filter is installed in the kernel here (`pcap_setfilter`), so only
//! matching packets cross into user space. Knows nothing of decoding,
//! printing, signals or privileges: a stop request arrives as a flag and a
//! [`Waker`] (libpcap's `pcap_breakloop`), and a statistics request as a
//! flag whose report is a callback.
#![deny(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{PacketSource, SourceError};
pub use crate::config::live::{Direction, LiveOptions, TstampType};
use crate::packet::{LinkType, Precision, RawPacket, Timestamp};

/// libpcap's counters (`pcap_stats`) and the packets handed on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaptureStats {
    /// tcpdump's `packets_captured`: packets libpcap delivered (after the kernel filter).
    pub captured: u64,
    pub received: u32,
    pub dropped: u32,
    pub if_dropped: u32,
}

/// `pcap_statustostr` for the activation statuses tcpdump words specially.
const NO_SUCH_DEVICE: &str = "No such device exists";
const PERM_DENIED: &str = "You don't have permission to perform this capture on that device";
/// Other negative statuses: tcpdump prints `DEVICE: STATUS`.
const OTHER_STATUSES: [&str; 6] = [
    "That device is not up",
    "That device doesn't support monitor mode",
    "That operation is supported only in monitor mode",
    "That device doesn't support that time stamp precision",
    "You don't have permission to capture in promiscuous mode on that device",
    "The setting can't be changed after the pcap_t is activated",
];

/// Why a device could not be opened, as tcpdump reports it.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// `PCAP_ERROR_NO_SUCH_DEVICE`: tcpdump then tries the name as a `-D` index.
    #[error("{0}")]
    NoSuchDevice(String),
    #[error("{0}")]
    Other(String),
}

/// tcpdump's wording for a failed `pcap_activate`. The `pcap` crate returns
/// only `pcap_geterr()`; libpcap puts `pcap_statustostr(status)` there when
/// the platform code left no message, and otherwise an errno text, from
/// which the status is recognised.
fn activate_error(device: &str, msg: &str) -> OpenError {
    if msg == NO_SUCH_DEVICE || msg.ends_with("No such device") {
        // tcpdump's open_interface formats this one into its errbuf.
        OpenError::NoSuchDevice(super::errbuf(format!(
            "{device}: {NO_SUCH_DEVICE}\n({msg})"
        )))
    } else if msg == PERM_DENIED
        || msg.ends_with("Operation not permitted")
        || msg.ends_with("Permission denied")
    {
        OpenError::Other(format!("{device}: {PERM_DENIED}\n({msg})"))
    } else if OTHER_STATUSES.contains(&msg) {
        OpenError::Other(format!("{device}: {msg}"))
    } else {
        OpenError::Other(msg.to_string())
    }
}

fn pcap_message(e: pcap::Error) -> String {
    match e {
        pcap::Error::PcapError(m) => m,
        e => e.to_string(),
    }
}

/// The devices `pcap_findalldevs` lists, in its order.
pub fn devices() -> Result<Vec<pcap::Device>, String> {
    pcap::Device::list().map_err(pcap_message)
}

/// tcpdump's `-D` listing (`show_devices_and_exit`): `N.name (description) [flags]`.
pub fn device_list() -> Result<String, String> {
    use pcap::{ConnectionStatus, IfFlags};
    let mut text = String::new();
    for (i, dev) in devices()?.iter().enumerate() {
        text.push_str(&format!("{}.{}", i + 1, dev.name));
        if let Some(d) = &dev.desc {
            text.push_str(&format!(" ({d})"));
        }
        let flags = &dev.flags;
        if !flags.if_flags.is_empty() || flags.connection_status != ConnectionStatus::Unknown {
            // bittok2str(status_flags, "none", flags), in the table's order.
            let names: Vec<&str> = [
                (IfFlags::UP, "Up"),
                (IfFlags::RUNNING, "Running"),
                (IfFlags::LOOPBACK, "Loopback"),
                (IfFlags::WIRELESS, "Wireless"),
            ]
            .iter()
            .filter(|(f, _)| flags.contains(*f))
            .map(|(_, n)| *n)
            .collect();
            let names = if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            };
            let wireless = flags.is_wireless();
            let status = match (&flags.connection_status, wireless) {
                (ConnectionStatus::Unknown, true) => ", Association status unknown",
                (ConnectionStatus::Connected, true) => ", Associated",
                (ConnectionStatus::Disconnected, true) => ", Not associated",
                (ConnectionStatus::Unknown, false) => ", Connection status unknown",
                (ConnectionStatus::Connected, false) => ", Connected",
                (ConnectionStatus::Disconnected, false) => ", Disconnected",
                (ConnectionStatus::NotApplicable, _) => "",
            };
            text.push_str(&format!(" [{names}{status}]"));
        }
        text.push('\n');
    }
    Ok(text)
}

/// tcpdump's default device: the first one `pcap_findalldevs` lists
/// (libpcap sorts running, non-loopback devices first).
pub fn default_device() -> Result<String, String> {
    devices()?
        .into_iter()
        .next()
        .map(|d| d.name)
        .ok_or_else(|| "no interfaces available for capture".to_string())
}

/// tcpdump's `-J` listing. libpcap on Linux offers `host` only, unless the
/// adapter does hardware time stamping (asked with an ethtool ioctl that a
/// crate without `unsafe` cannot make; see README "Live capture").
pub fn tstamp_type_list(device: &str) -> String {
    format!("Time stamp types for {device} (use option -j to set):\n  host (Host)\n")
}

/// Whether libpcap offers this time-stamp type on the device (see [`tstamp_type_list`]).
pub fn tstamp_type_supported(t: TstampType) -> bool {
    t.0 == 0
}

/// Called with the counts when a statistics request is seen.
pub type StatsReport = Box<dyn FnMut(CaptureStats)>;

/// A live capture handle, activated, with tcpdump's effective snapshot length.
pub struct LiveSource {
    cap: pcap::Capture<pcap::Active>,
    device: String,
    link: LinkType,
    snaplen: u32,
    captured: u64,
    stop: Option<Arc<AtomicBool>>,
    info: Option<(Arc<AtomicBool>, StatsReport)>,
    /// The capture ended because `stop` was set.
    stopped_by_request: bool,
    /// The current packet's bytes (see [`PacketSource::next_packet`]).
    buf: Vec<u8>,
}

/// Wakes a [`LiveSource`] blocked in libpcap (`pcap_breakloop`, which
/// libpcap 1.10 makes safe from another thread on Linux).
pub struct Waker(pcap::BreakLoop);

impl Waker {
    pub fn wake(&self) {
        self.0.breakloop();
    }
}

/// Opens `device` as tcpdump's `open_interface` does, without the `-y`
/// change (see [`LiveSource::set_link_type`]).
pub fn open(device: &str, o: &LiveOptions) -> Result<LiveSource, OpenError> {
    let mut cap = pcap::Capture::from_device(device)
        .map_err(|e| OpenError::Other(pcap_message(e)))?
        .precision(match o.precision {
            Precision::Micro => pcap::Precision::Micro,
            Precision::Nano => pcap::Precision::Nano,
        })
        .promisc(o.promisc)
        .timeout(o.timeout_ms);
    if o.immediate {
        cap = cap.immediate_mode(true);
    }
    if o.snaplen != 0 {
        cap = cap.snaplen(i32::try_from(o.snaplen).unwrap_or(i32::MAX));
    }
    if let Some(b) = o.buffer_size {
        cap = cap.buffer_size(b);
    }
    if let Some(t) = o.tstamp_type
        && tstamp_type_supported(t)
    {
        cap = cap.tstamp_type(pcap::TimestampType::Host);
    }
    let cap = cap
        .open()
        .map_err(|e| activate_error(device, &pcap_message(e)))?;
    if let Some(d) = o.direction {
        cap.direction(match d {
            Direction::In => pcap::Direction::In,
            Direction::Out => pcap::Direction::Out,
            Direction::InOut => pcap::Direction::InOut,
        })
        .map_err(|e| {
            OpenError::Other(format!(
                "{device}: pcap_setdirection() failed: {}",
                pcap_message(e)
            ))
        })?;
    }
    let link = LinkType(u32::try_from(cap.get_datalink().0).unwrap_or(u32::MAX));
    Ok(LiveSource {
        cap,
        device: device.to_string(),
        link,
        snaplen: super::file::adjust_snapshot(link, o.snaplen),
        captured: 0,
        stop: None,
        info: None,
        stopped_by_request: false,
        buf: Vec::new(),
    })
}

/// The device name as the number of a `-D` entry (tcpdump's
/// `parse_interface_number`): `Ok(None)` when it is not a number.
pub fn device_by_number(name: &str) -> Result<Option<String>, String> {
    let Ok(n) = name.parse::<i64>() else {
        return Ok(None);
    };
    if n <= 0 {
        return Err("Invalid adapter index".into());
    }
    let devs = devices()?;
    usize::try_from(n - 1)
        .ok()
        .and_then(|i| devs.into_iter().nth(i))
        .map(|d| Some(d.name))
        .ok_or_else(|| "Invalid adapter index".into())
}

impl LiveSource {
    pub fn device(&self) -> &str {
        &self.device
    }

    /// tcpdump's `-L` listing (`show_dlts_and_exit`), on stderr in tcpdump.
    /// `printable` says whether tcpscope has a printer for a link type.
    pub fn link_type_list(&self, printable: impl Fn(LinkType) -> bool) -> Result<String, String> {
        let dlts = self.cap.list_datalinks().map_err(pcap_message)?;
        if dlts.is_empty() {
            return Err("No data link types.".into());
        }
        let mut text = format!(
            "Data link types for {} (use option -y to set):\n",
            self.device
        );
        for d in dlts {
            let lt = LinkType(u32::try_from(d.0).unwrap_or(u32::MAX));
            let not = if printable(lt) {
                ""
            } else {
                " (printing not supported)"
            };
            match super::link_names(lt) {
                Some((name, desc)) => text.push_str(&format!("  {name} ({desc}){not}\n")),
                None => text.push_str(&format!("  DLT {} (printing not supported)\n", d.0)),
            }
        }
        Ok(text)
    }

    /// `-y`: `pcap_set_datalink`; libpcap's message on refusal.
    pub fn set_link_type(&mut self, link: LinkType, requested_snaplen: u32) -> Result<(), String> {
        let v = i32::try_from(link.0).map_err(|_| "invalid data link type".to_string())?;
        self.cap
            .set_datalink(pcap::Linktype(v))
            .map_err(pcap_message)?;
        self.link = link;
        self.snaplen = super::file::adjust_snapshot(link, requested_snaplen);
        Ok(())
    }

    /// libpcap's verdict on the expression for this handle (`pcap_compile`),
    /// without installing it.
    pub fn check_filter<T: AsRef<[u8]> + ?Sized>(
        &self,
        expr: &T,
        optimize: bool,
    ) -> Result<(), String> {
        let expr = super::libpcap_text(expr.as_ref());
        let expr = expr.as_str();
        self.cap
            .compile(expr, optimize)
            .map(drop)
            .map_err(pcap_message)
    }

    /// Compiles `expr` with libpcap and installs it in the kernel (`pcap_setfilter`).
    pub fn install_filter<T: AsRef<[u8]> + ?Sized>(
        &mut self,
        expr: &T,
        optimize: bool,
    ) -> Result<(), String> {
        let expr = super::libpcap_text(expr.as_ref());
        self.cap.filter(&expr, optimize).map_err(pcap_message)
    }

    /// A handle that makes a blocked [`PacketSource::next_packet`] return.
    pub fn waker(&mut self) -> Waker {
        Waker(self.cap.breakloop_handle())
    }

    /// `next_packet` returns `Ok(None)` once `stop` is set (checked between
    /// packets and whenever libpcap returns without one); when `info` is set
    /// it is cleared and `report` called with the counts, and capture goes on.
    pub fn set_requests(
        &mut self,
        stop: Arc<AtomicBool>,
        info: Arc<AtomicBool>,
        report: StatsReport,
    ) {
        self.stop = Some(stop);
        self.info = Some((info, report));
    }

    /// Whether the capture ended because `stop` was set (tcpdump's
    /// `pcap_loop` returning -2), rather than by an error.
    pub fn stopped_by_request(&self) -> bool {
        self.stopped_by_request
    }

    /// `pcap_stats` plus the packets delivered so far.
    pub fn stats(&mut self) -> Result<CaptureStats, String> {
        let s = self.cap.stats().map_err(pcap_message)?;
        Ok(CaptureStats {
            captured: self.captured,
            received: s.received,
            dropped: s.dropped,
            if_dropped: s.if_dropped,
        })
    }

    fn poll_requests(&mut self) -> bool {
        if let Some((flag, _)) = &self.info
            && flag.swap(false, Ordering::SeqCst)
        {
            // tcpdump prints nothing when pcap_stats fails here either way.
            if let Ok(s) = self.stats()
                && let Some((_, report)) = &mut self.info
            {
                report(s);
            }
        }
        let stop = self.stop.as_ref().is_some_and(|f| f.load(Ordering::SeqCst));
        self.stopped_by_request |= stop;
        stop
    }
}

impl PacketSource for LiveSource {
    fn next_packet(&mut self) -> Result<Option<RawPacket<'_>>, SourceError> {
        // The packet is copied into `buf` (one reused buffer): a borrow of
        // libpcap's ring returned from inside this retry loop is what the
        // borrow checker cannot accept yet (NLL "problem case #3").
        let (ts, wire_len) = loop {
            if self.poll_requests() {
                return Ok(None);
            }
            match self.cap.next_packet() {
                Ok(p) => {
                    self.buf.clear();
                    self.buf.extend_from_slice(p.data);
                    break (timestamp(p.header), p.header.len);
                }
                // A read timeout, or pcap_breakloop (NoMorePackets is -2).
                Err(pcap::Error::TimeoutExpired | pcap::Error::NoMorePackets) => {}
                Err(e) => return Err(SourceError::Read(pcap_message(e))),
            }
        };
        self.captured += 1;
        Ok(Some(RawPacket {
            ts,
            wire_len,
            link: self.link,
            data: &self.buf,
            origin: Default::default(),
        }))
    }

    fn link_type(&self) -> LinkType {
        self.link
    }

    fn snaplen(&self) -> u32 {
        self.snaplen
    }
}

/// tcpdump's stats lines (`info(1)` at the end, `info(0)` on SIGUSR1).
pub fn stats_text(s: &CaptureStats, program: &str, at_end: bool) -> String {
    fn plural(n: u64) -> &'static str {
        if n == 1 { "" } else { "s" }
    }
    let sep = if at_end { "\n" } else { ", " };
    let mut t = String::new();
    if !at_end {
        t.push_str(program);
        t.push_str(": ");
    }
    t.push_str(&format!(
        "{} packet{} captured{sep}",
        s.captured,
        plural(s.captured)
    ));
    t.push_str(&format!(
        "{} packet{} received by filter{sep}",
        s.received,
        plural(u64::from(s.received))
    ));
    t.push_str(&format!(
        "{} packet{} dropped by kernel",
        s.dropped,
        plural(u64::from(s.dropped))
    ));
    if s.if_dropped != 0 {
        t.push_str(&format!(
            "{sep}{} packet{} dropped by interface",
            s.if_dropped,
            plural(u64::from(s.if_dropped))
        ));
    }
    t.push('\n');
    t
}

fn timestamp(h: &pcap::PacketHeader) -> Timestamp {
    Timestamp {
        sec: u64::try_from(h.ts.tv_sec).unwrap_or(0),
        frac: u64::try_from(h.ts.tv_usec).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_lines_as_tcpdump_info() {
        let s = CaptureStats {
            captured: 1,
            received: 2,
            dropped: 0,
            if_dropped: 0,
        };
        assert_eq!(
            stats_text(&s, "tcpscope", true),
            "1 packet captured\n2 packets received by filter\n0 packets dropped by kernel\n"
        );
        assert_eq!(
            stats_text(&s, "tcpscope", false),
            "tcpscope: 1 packet captured, 2 packets received by filter, 0 packets dropped by kernel\n"
        );
        let s = CaptureStats { if_dropped: 1, ..s };
        assert!(stats_text(&s, "x", true).ends_with("kernel\n1 packet dropped by interface\n"));
    }

    #[test]
    fn activation_errors_worded_as_tcpdump() {
        let check = |msg: &str, want: &str, no_dev: bool| {
            let e = activate_error("eth9", msg);
            assert_eq!(matches!(e, OpenError::NoSuchDevice(_)), no_dev, "{msg}");
            assert_eq!(e.to_string(), want);
        };
        check(
            "No such device exists",
            "eth9: No such device exists\n(No such device exists)",
            true,
        );
        check(
            "SIOCGIFHWADDR: No such device",
            "eth9: No such device exists\n(SIOCGIFHWADDR: No such device)",
            true,
        );
        check(
            "socket: Operation not permitted",
            "eth9: You don't have permission to perform this capture on that device\n\
             (socket: Operation not permitted)",
            false,
        );
        check(
            "That device is not up",
            "eth9: That device is not up",
            false,
        );
        check("something else", "something else", false);
    }
}
