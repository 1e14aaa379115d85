//! Leaf types shared by every stage: the record a source hands on ([`RawPacket`]),
//! its [`Timestamp`] and the [`LinkType`] that says how to decode its first byte;
//! a BPF instruction ([`BpfInsn`]), as libpcap compiles a filter.
//! Knows nothing of files, decoding or printing.

/// Timestamp as the capture stored it, already scaled to the precision the user
/// asked for (libpcap scales when it reads, so we do too): `frac` is in
/// microseconds or nanoseconds according to [`Precision`]. `frac` is not
/// normalised: a damaged file may carry a value ≥ 10^6, and tcpdump prints it as is.
/// For a pcap file `frac` holds the bits of libpcap's signed `tv_usec` (a
/// field with the sign bit set is negative there, e.g. `u64::MAX` for -1),
/// as tcpdump's `-ttt` computes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Timestamp {
    pub sec: u64,
    pub frac: u64,
}

/// Units of [`Timestamp::frac`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Precision {
    #[default]
    Micro,
    Nano,
}

impl Precision {
    pub fn units_per_sec(self) -> u64 {
        match self {
            Precision::Micro => 1_000_000,
            Precision::Nano => 1_000_000_000,
        }
    }
}

/// A link-layer type, by its libpcap DLT value (not the LINKTYPE_ value in
/// files: the reader maps those as libpcap's `linktype_to_dlt` does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkType(pub u32);

impl LinkType {
    pub const NULL: LinkType = LinkType(0);
    pub const EN10MB: LinkType = LinkType(1);
    pub const PPP: LinkType = LinkType(9);
    pub const FDDI: LinkType = LinkType(10);
    pub const RAW: LinkType = LinkType(12);
    pub const RAW_OPENBSD: LinkType = LinkType(14);
    pub const PPP_SERIAL: LinkType = LinkType(50);
    pub const C_HDLC: LinkType = LinkType(104);
    pub const LOOP: LinkType = LinkType(108);
    pub const LINUX_SLL: LinkType = LinkType(113);
    pub const IPNET: LinkType = LinkType(226);
    pub const IPV4: LinkType = LinkType(228);
    pub const IPV6: LinkType = LinkType(229);
    pub const NFLOG: LinkType = LinkType(239);
    pub const LINUX_SLL2: LinkType = LinkType(276);

    /// libpcap's `linktype_to_dlt` as built on Linux: LINKTYPE_RAW (101) is
    /// DLT_RAW (12), and the other LINKTYPE_ values whose DLT differs map
    /// back (ATM_RFC1483, SLIP_BSDOS, PPP_BSDOS, ATM_CLIP); everything else
    /// keeps its number. `write::pcap::dlt_to_linktype` is the inverse.
    pub fn from_file_value(v: u32) -> LinkType {
        match v {
            101 => LinkType::RAW,
            100 => LinkType(11),
            102 => LinkType(15),
            103 => LinkType(16),
            106 => LinkType(19),
            v => LinkType(v),
        }
    }

    /// Whether libpcap's filter compiler knows this link type. tcpdump
    /// compiles a filter (even an empty one) before reading, so an unknown
    /// type ends the run with `unknown data link type N` (gencode.c): values
    /// inside DLT_MATCHING_MIN..=MAX (104..=289) pass, below that only the
    /// classic DLTs it has cases for (not 2-5, 13, 14, 17, 18 or 20-49:
    /// tcpdump 4.99.3 with libpcap 1.10.3 refuses a file of those types even
    /// without an expression).
    pub fn known_to_libpcap(self) -> bool {
        matches!(self.0, 0 | 1 | 6..=12 | 15 | 16 | 19 | 50 | 51 | 99 | 104..=289)
    }
}

/// One captured packet as a source hands it on; `data` is borrowed from the
/// source's buffer and valid until the next call.
#[derive(Clone, Copy, Debug)]
pub struct RawPacket<'a> {
    pub ts: Timestamp,
    /// Bytes on the wire (pcap `len`), which may exceed `data.len()`.
    pub wire_len: u32,
    pub link: LinkType,
    pub data: &'a [u8],
    /// The interface and comments a pcapng file gave the packet, which a
    /// pcapng `-w` file keeps; empty for other sources.
    pub origin: Origin<'a>,
}

/// What a packet carries besides its bytes, for pcapng output.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origin<'a> {
    /// The pcapng interface the packet arrived on (`None`: a pcap file or
    /// a live capture, one interface of the packet's link type).
    pub iface: Option<&'a Interface>,
    /// The packet's pcapng options worth keeping (`opt_comment`), as
    /// little-endian option TLVs without the end-of-options marker.
    pub options: &'a [u8],
}

/// A capture interface as a pcapng file describes it (an Interface
/// Description Block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// Unique among the interfaces of one run (all sections, all files).
    pub id: u32,
    pub link: LinkType,
    pub snaplen: u32,
    /// The options worth keeping (`if_name`, `if_description`,
    /// `opt_comment`, `if_os`, `if_hardware`) as little-endian option TLVs
    /// without the end-of-options marker.
    pub options: Vec<u8>,
}

impl RawPacket<'_> {
    pub fn caplen(&self) -> u32 {
        u32::try_from(self.data.len()).unwrap_or(u32::MAX)
    }
}

/// One classic BPF instruction (`struct bpf_insn`), as libpcap's
/// `pcap_compile` makes them: `-d` prints them, and the filter runs them for
/// the link types whose code generation it does not port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BpfInsn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}
