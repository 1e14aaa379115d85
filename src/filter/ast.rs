//! The typed syntax tree of a pcap-filter expression (`man pcap-filter`),
//! as the parser builds it and the evaluator runs it. Qualifiers left
//! implicit in the text (`host a or b`, `port 80 or 443`) are already filled
//! in: every primitive carries its own full qualifiers. Each primitive also
//! carries the link-layer shift in force at its place in the text, since
//! libpcap's `vlan`/`mpls`/`pppoes` move every later offset (gencode.c).
//!
//! Both trees ([`Expr`] and [`Arith`]) are flat: their nodes live in one
//! vector, each node after its operands and naming them by index, the root
//! last. A chain of 100,000 `and`s is as deep as it is long, and hostile
//! expressions are that; a vector is cloned, compared and dropped without
//! recursion, and every pass over it is a loop.

use std::net::{Ipv4Addr, Ipv6Addr};

/// A byte range in the expression text, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The index of a node in its tree's vector.
pub type NodeId = u32;

/// A boolean filter expression: [`Node`]s, operands before the nodes that
/// use them, the root last.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    nodes: Vec<Node>,
}

/// One node of an [`Expr`].
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
    Not(NodeId),
    /// A primitive with the encapsulation state in force where it appears.
    Prim(Prim, Encap, Span),
    /// `arith relop arith`.
    Rel(RelOp, Arith, Arith, Encap, Span),
}

impl Expr {
    /// An expression of one primitive or relation.
    pub fn leaf(node: Node) -> Expr {
        Expr { nodes: vec![node] }
    }

    /// Builds from nodes that each name only nodes before them; `None`
    /// when one does not (or there are none).
    pub fn from_nodes(nodes: Vec<Node>) -> Option<Expr> {
        let ok = !nodes.is_empty()
            && nodes.iter().enumerate().all(|(i, n)| {
                let before = |c: &NodeId| (*c as usize) < i;
                match n {
                    Node::And(a, b) | Node::Or(a, b) => before(a) && before(b),
                    Node::Not(a) => before(a),
                    Node::Prim(..) | Node::Rel(..) => true,
                }
            });
        ok.then_some(Expr { nodes })
    }

    /// The nodes, operands first; the root is the last.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The root's index.
    pub fn root(&self) -> NodeId {
        self.nodes.len().saturating_sub(1) as NodeId
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// `a and b`.
    pub fn and(a: Expr, b: Expr) -> Expr {
        Expr::join(a, b, Node::And)
    }

    /// `a or b`.
    pub fn or(a: Expr, b: Expr) -> Expr {
        Expr::join(a, b, Node::Or)
    }

    /// `not a`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(mut a: Expr) -> Expr {
        let r = a.root();
        a.nodes.push(Node::Not(r));
        a
    }

    fn join(mut a: Expr, b: Expr, op: fn(NodeId, NodeId) -> Node) -> Expr {
        let ra = a.root();
        let rb = a.append(b);
        a.nodes.push(op(ra, rb));
        a
    }

    /// Appends `b`'s nodes (renumbered) and returns the index of its root.
    pub(crate) fn append(&mut self, b: Expr) -> NodeId {
        let off = self.nodes.len() as NodeId;
        self.nodes.extend(b.nodes.into_iter().map(|n| match n {
            Node::And(x, y) => Node::And(x + off, y + off),
            Node::Or(x, y) => Node::Or(x + off, y + off),
            Node::Not(x) => Node::Not(x + off),
            n => n,
        }));
        self.root()
    }

    /// Adds a node naming earlier ones; returns its index.
    pub(crate) fn push(&mut self, n: Node) -> NodeId {
        self.nodes.push(n);
        self.root()
    }

    /// An empty tree for the parser to fill; not a valid expression until
    /// a node is pushed.
    pub(crate) fn empty() -> Expr {
        Expr { nodes: Vec::new() }
    }
}

/// How many `geneve` keywords libpcap compiles in one expression: each keeps
/// three of BPF's 16 scratch registers, and a sixth finds none.
pub const MAX_GENEVE: u8 = 5;

/// Link-layer encapsulation state at a point of the expression: what the
/// `vlan`, `mpls`, `pppoes` and `geneve` keywords before it have changed.
///
/// `geneve` replaces every link offset with ones read from the packet
/// (gen_geneve_offsets), so `vlans`, `mpls` and `pppoes` count only the
/// keywords since the last `geneve`; `mpls_outer` keeps the labels before
/// it, which libpcap's `label_stack_depth` still counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Encap {
    /// Number of `vlan` keywords since the last `geneve` (each adds a
    /// 4-byte tag).
    pub vlans: u8,
    /// Number of `mpls` keywords since the last `geneve` (each adds a
    /// 4-byte label).
    pub mpls: u8,
    /// Number of `mpls` keywords before the last `geneve`.
    pub mpls_outer: u8,
    /// `pppoes` seen since the last `geneve` (PPPoE session header + PPP
    /// protocol).
    pub pppoes: bool,
    /// Number of `geneve` keywords before this point: the primitive reads
    /// the payload of the innermost one.
    pub geneve: u8,
}

impl Encap {
    /// libpcap's `label_stack_depth`: every `mpls` so far.
    pub fn labels(&self) -> u8 {
        self.mpls.saturating_add(self.mpls_outer)
    }
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
    /// `geneve [VNI]`: UDP to port 6081 carrying Geneve version 0 (with
    /// that VNI), over IPv4 or IPv6.
    Geneve(Option<u32>),
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

/// An arithmetic expression: [`ANode`]s in postfix order (each node's
/// operands are the subtrees just before it, the left one first), the
/// root last, so it evaluates left to right with a stack.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Arith {
    nodes: Vec<ANode>,
}

/// One node of an [`Arith`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ANode {
    Num(u32),
    /// `len`: the wire length.
    Len,
    /// `proto[index : size]` with size 1, 2 or 4.
    Load {
        proto: Proto,
        index: NodeId,
        size: u8,
    },
    Bin(ArOp, NodeId, NodeId),
    Neg(NodeId),
}

impl Arith {
    pub fn num(n: u32) -> Arith {
        Arith {
            nodes: vec![ANode::Num(n)],
        }
    }

    pub fn len() -> Arith {
        Arith {
            nodes: vec![ANode::Len],
        }
    }

    /// `proto[index : size]`.
    pub fn load(proto: Proto, mut index: Arith, size: u8) -> Arith {
        let i = index.root();
        index.nodes.push(ANode::Load {
            proto,
            index: i,
            size,
        });
        index
    }

    /// `a op b`.
    pub fn bin(op: ArOp, mut a: Arith, b: Arith) -> Arith {
        let ra = a.root();
        let off = a.nodes.len() as NodeId;
        a.nodes.extend(b.nodes.into_iter().map(|n| n.shifted(off)));
        let rb = a.root();
        a.nodes.push(ANode::Bin(op, ra, rb));
        a
    }

    /// `-a`.
    #[allow(clippy::should_implement_trait)]
    pub fn neg(mut a: Arith) -> Arith {
        let r = a.root();
        a.nodes.push(ANode::Neg(r));
        a
    }

    pub fn nodes(&self) -> &[ANode] {
        &self.nodes
    }

    pub fn root(&self) -> NodeId {
        self.nodes.len().saturating_sub(1) as NodeId
    }

    pub fn node(&self, id: NodeId) -> Option<&ANode> {
        self.nodes.get(id as usize)
    }

    /// The root node.
    pub fn top(&self) -> Option<&ANode> {
        self.nodes.last()
    }

    /// An empty tree for the parser to fill.
    pub(crate) fn empty() -> Arith {
        Arith { nodes: Vec::new() }
    }

    /// Adds a node whose operands are the subtrees just before it.
    pub(crate) fn push(&mut self, n: ANode) -> NodeId {
        self.nodes.push(n);
        self.root()
    }
}

impl ANode {
    fn shifted(self, off: NodeId) -> ANode {
        match self {
            ANode::Load { proto, index, size } => ANode::Load {
                proto,
                index: index + off,
                size,
            },
            ANode::Bin(op, x, y) => ANode::Bin(op, x + off, y + off),
            ANode::Neg(x) => ANode::Neg(x + off),
            n => n,
        }
    }
}
