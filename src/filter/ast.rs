//! The typed syntax tree of a pcap-filter expression (`man pcap-filter`),
//! as the parser builds it and the evaluator runs it. Qualifiers left
//! implicit in the text (`host a or b`, `port 80 or 443`) are already filled
//! in: every primitive carries its own full qualifiers. Each primitive also
//! carries the link-layer shift in force at its place in the text, since
//! libpcap's `vlan`/`mpls`/`pppoes` move every later offset (gencode.c).

use std::net::{Ipv4Addr, Ipv6Addr};

/// A byte range in the expression text, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A boolean filter expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// A primitive with the encapsulation state in force where it appears.
    Prim(Prim, Encap, Span),
    /// `arith relop arith`.
    Rel(RelOp, Arith, Arith, Encap, Span),
}

/// Link-layer encapsulation state at a point of the expression: what the
/// `vlan`, `mpls`, `pppoes` and `geneve` keywords before it have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Encap {
    /// Number of `vlan` keywords before this point (each adds a 4-byte tag).
    pub vlans: u8,
    /// Number of `mpls` keywords before this point (each adds a 4-byte label).
    pub mpls: u8,
    /// `pppoes` seen before this point (PPPoE session header + PPP protocol).
    pub pppoes: bool,
}

/// Protocol qualifiers and protocol abbreviations (`tcp`, `ip6`, `ether`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proto {
    Link, // `ether`, `link` (also `fddi`, `tr`, `wlan`, `ppp`, `slip`)
    Ip,
    Ip6,
    Arp,
    Rarp,
    Tcp,
    Udp,
    Sctp,
    Icmp,
    Icmp6,
    Igmp,
    Igrp,
    Pim,
    Vrrp,
    Carp,
    Ah,
    Esp,
    Atalk,
    Aarp,
    Decnet,
    Lat,
    Sca,
    Moprc,
    Mopdl,
    Iso,
    Esis,
    Isis,
    Clnp,
    Stp,
    Ipx,
    Netbeui,
    Radio,
}

impl Proto {
    /// Protocols whose `proto[i]` loads count from the network-layer header
    /// (gencode.c's `gen_load_internal`).
    pub fn loads_from_network_layer(self) -> bool {
        matches!(
            self,
            Proto::Ip
                | Proto::Arp
                | Proto::Rarp
                | Proto::Atalk
                | Proto::Decnet
                | Proto::Sca
                | Proto::Lat
                | Proto::Moprc
                | Proto::Mopdl
                | Proto::Ip6
        )
    }

    /// Protocols whose `proto[i]` loads count from the transport header
    /// (after the IPv4 header, or 40 bytes into IPv6).
    pub fn loads_from_transport_layer(self) -> bool {
        matches!(
            self,
            Proto::Sctp
                | Proto::Tcp
                | Proto::Udp
                | Proto::Icmp
                | Proto::Igmp
                | Proto::Igrp
                | Proto::Pim
                | Proto::Vrrp
                | Proto::Carp
        )
    }
}

/// Direction qualifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dir {
    Src,
    Dst,
    /// `src or dst`, also the default.
    #[default]
    SrcOrDst,
    /// `src and dst`.
    SrcAndDst,
}

/// A primitive test.
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// `[ip|ip6|arp|rarp] [dir] host A` with a numeric or resolved address:
    /// `proto` None means every protocol that has addresses of that family.
    Host4 {
        proto: Option<Proto>,
        dir: Dir,
        addr: Ipv4Addr,
    },
    Host6 {
        proto: Option<Proto>,
        dir: Dir,
        addr: Ipv6Addr,
    },
    /// `[dir] net A/len`, `net A mask M`, and `host` with a partial dotted quad.
    Net4 {
        proto: Option<Proto>,
        dir: Dir,
        addr: Ipv4Addr,
        mask: Ipv4Addr,
    },
    Net6 {
        proto: Option<Proto>,
        dir: Dir,
        addr: Ipv6Addr,
        prefix: u8,
    },
    /// `ether [dir] host MAC` (and `ether src/dst MAC`).
    EtherHost { dir: Dir, mac: [u8; 6] },
    /// `[tcp|udp|sctp] [dir] port N` (`proto` None: any of the three).
    Port {
        proto: Option<Proto>,
        dir: Dir,
        port: u16,
    },
    PortRange {
        proto: Option<Proto>,
        dir: Dir,
        lo: u16,
        hi: u16,
    },
    /// A bare protocol abbreviation: `tcp`, `ip6`, `arp`, `icmp`…
    Abbrev(Proto),
    /// `ip proto N`, `ip6 proto N`, `proto N` (family None: IPv4 or IPv6).
    IpProto { family: Option<Proto>, proto: u8 },
    /// `[ip|ip6] protochain N`.
    ProtoChain { family: Option<Proto>, proto: u8 },
    /// `ether proto N` (and `link proto N`).
    EtherProto(u16),
    /// `[ether|ip|ip6] broadcast`.
    Broadcast(Option<Proto>),
    /// `[ether|ip|ip6] multicast`.
    Multicast(Option<Proto>),
    /// `less N`: wire length <= N.
    Less(u32),
    /// `greater N`: wire length >= N.
    Greater(u32),
    /// `vlan [N]`: the frame has an 802.1Q/802.1ad tag here (with that VID).
    Vlan(Option<u16>),
    /// `mpls [N]`.
    Mpls(Option<u32>),
    /// `pppoed`.
    Pppoed,
    /// `pppoes [N]`.
    Pppoes(Option<u16>),
    /// `inbound` / `outbound` (Linux cooked captures).
    Inbound(bool),
    /// `ifindex N`: the interface index of a Linux cooked v2 header.
    IfIndex(u32),
}

/// Relational operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelOp {
    Gt,
    Ge,
    Eq,
    Ne,
    Lt,
    Le,
}

/// Binary arithmetic operators (all on 32-bit unsigned values, as BPF).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    Xor,
    Shl,
    Shr,
}

/// An arithmetic expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arith {
    Num(u32),
    /// `len`: the wire length.
    Len,
    /// `proto[index : size]` with size 1, 2 or 4.
    Load {
        proto: Proto,
        index: Box<Arith>,
        size: u8,
    },
    Bin(ArOp, Box<Arith>, Box<Arith>),
    Neg(Box<Arith>),
}
