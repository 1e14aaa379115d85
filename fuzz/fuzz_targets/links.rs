//! Shared by the packet fuzz targets: the link types tcpscope decodes, one
//! picked by a byte of the input.

use tcpscope::packet::LinkType;

pub const LINKS: [LinkType; 9] = [
    LinkType::EN10MB,
    LinkType::LINUX_SLL,
    LinkType::LINUX_SLL2,
    LinkType::NULL,
    LinkType::LOOP,
    LinkType::RAW,
    LinkType::IPV4,
    LinkType::IPV6,
    LinkType::IPNET,
];
