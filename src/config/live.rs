//! What a live capture is asked for (`-i -L -J` and how to open the
//! device: `-s -p -B -j -Q -y --immediate-mode`), as plain data:
//! [`crate::capture`] runs with it, [`crate::source::live`] opens the
//! device with [`LiveOptions`] and re-exports it.

use crate::packet::{LinkType, Precision};

/// What a live run does, validated from the command line.
#[derive(Clone, Debug)]
pub struct LiveConfig {
    pub options: LiveOptions,
    /// `-L`: list the device's link types and exit.
    pub list_link_types: bool,
    /// `-J`: list the device's time-stamp types and exit.
    pub list_tstamp_types: bool,
}

/// `-Q`: which packets of the device to capture (`pcap_setdirection`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
    InOut,
}

/// A libpcap time-stamp type (`-j`), by `pcap_tstamp_type_name_to_val` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TstampType(pub u8);

/// libpcap's `tstamp_type_choices`: name, description, value.
const TSTAMP_TYPES: [(&str, &str); 6] = [
    ("host", "Host"),
    ("host_lowprec", "Host, low precision"),
    ("host_hiprec", "Host, high precision"),
    ("adapter", "Adapter"),
    ("adapter_unsynced", "Adapter, not synced with system time"),
    (
        "host_hiprec_unsynced",
        "Host, high precision, not synced with system time",
    ),
];

impl TstampType {
    /// `pcap_tstamp_type_name_to_val` (case-insensitive).
    pub fn from_name(name: &str) -> Option<TstampType> {
        TSTAMP_TYPES
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|i| u8::try_from(i).ok())
            .map(TstampType)
    }
    pub fn name(self) -> &'static str {
        TSTAMP_TYPES.get(usize::from(self.0)).map_or("?", |t| t.0)
    }
}

/// How to open the device: tcpdump's settings before `pcap_activate`.
#[derive(Clone, Debug)]
pub struct LiveOptions {
    /// `-i`; `None` picks the first device of `pcap_findalldevs`.
    pub device: Option<String>,
    /// `-s`; 0 leaves libpcap's default (MAXIMUM_SNAPLEN).
    pub snaplen: u32,
    /// Not `-p`.
    pub promisc: bool,
    /// `-B` in bytes (tcpdump multiplies the KiB by 1024).
    pub buffer_size: Option<i32>,
    pub immediate: bool,
    /// tcpdump's read timeout: 1000 ms, 100 ms when printing to a terminal or with `-l`.
    pub timeout_ms: i32,
    pub direction: Option<Direction>,
    /// `-y NAME`: the name as given and its value.
    pub link_type: Option<(String, LinkType)>,
    pub tstamp_type: Option<TstampType>,
    pub precision: Precision,
}

#[cfg(test)]
mod tests {
    use super::TstampType;

    #[test]
    fn tstamp_type_names() {
        assert_eq!(TstampType::from_name("HOST"), Some(TstampType(0)));
        assert_eq!(
            TstampType::from_name("adapter_unsynced"),
            Some(TstampType(4))
        );
        assert_eq!(TstampType::from_name("nope"), None);
        assert_eq!(TstampType(3).name(), "adapter");
    }
}
