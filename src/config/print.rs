//! What the printer is asked for (`-n -q -S -v -K -# -t… --nano -e -x -X -A
//! -N`), as plain data: [`crate::print`] formats with it and re-exports it.

use crate::packet::Precision;

/// What the user asked the printer for (already validated from the command line).
#[derive(Clone, Debug, Default)]
pub struct PrintOptions {
    /// `-n` count: 0 resolves hosts and ports, 1+ prints numbers.
    pub numeric: u8,
    /// `-q`
    pub quiet: bool,
    /// `-S`: absolute TCP sequence numbers.
    pub absolute_seq: bool,
    /// `-v` count.
    pub verbose: u8,
    /// Verify IP/TCP/UDP checksums under `-v` (false with `-K`; ICMP and
    /// ICMPv6 checksums are checked regardless, as in tcpdump). The command
    /// line sets it; the derived `Default` (unit tests) leaves it false.
    pub verify_checksums: bool,
    /// `-#`
    pub number: bool,
    pub ts_style: TimestampStyle,
    pub precision: Precision,
    /// `-e`: print the link-layer header.
    pub link_header: bool,
    /// `-H`: an 802.11 QoS data frame may carry an 802.11s mesh control
    /// field after its MAC header.
    pub mesh_headers: bool,
    /// `-x` count (hex dump; 2+: including the link-layer header).
    pub hex: u8,
    /// `-X` count (hex and ASCII dump; 2+: including the link-layer header).
    pub hex_ascii: u8,
    /// `-A` count (ASCII dump; 2+: including the link-layer header).
    pub ascii: u8,
    /// `-N`: host names without their domain.
    pub short_hostnames: bool,
}

/// `-t` count 0..=5 as a type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimestampStyle {
    /// `HH:MM:SS.frac` in local time.
    #[default]
    Time,
    /// `-t`: none.
    None,
    /// `-tt`: seconds since the epoch.
    Unix,
    /// `-ttt`: delta since the previous packet.
    DeltaPrev,
    /// `-tttt`: date and time, local.
    DateTime,
    /// `-ttttt`: delta since the first packet.
    DeltaFirst,
}
