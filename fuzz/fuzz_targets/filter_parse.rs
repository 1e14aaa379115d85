//! Compiles arbitrary text as a pcap-filter expression with
//! `Filter::compile` for several link types: it must return `Ok` or `Err`,
//! never panic or hang.
//!
//! No network lookups: the parser resolves a host *name* (an `ID` token in
//! host context, e.g. `host foo`, `foo`, `src \http`) with getaddrinfo, which
//! may ask DNS. Before compiling, the text is cut into tokens with the
//! parser's own lexer (`tcpscope::filter::lexer::tokenize`, so token
//! boundaries are exactly the parser's), and the input is skipped unless
//! every name token is safe ([`safe_names`]): `localhost` (answered from
//! /etc/hosts), or a name right after the keywords `port`, `portrange`,
//! `proto` or `protochain`, which the grammar always reads as a service or
//! protocol name (looked up in /etc/services, /etc/protocols), never as a
//! host. Keywords, numbers, dotted quads, IPv6 and MAC addresses are parsed
//! without any lookup, so they are always allowed.
#![cfg_attr(fuzzing, no_main)]

#[path = "no_dns.rs"]
mod no_dns;
use no_dns::safe_names;
use tcpscope::filter::Filter;
use tcpscope::packet::LinkType;

const LINKS: [LinkType; 6] = [
    LinkType::EN10MB,
    LinkType::LINUX_SLL,
    LinkType::RAW,
    LinkType::NULL,
    LinkType::IPV6,
    LinkType::LINUX_SLL2,
];

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| run(data));

/// One input, as the fuzzer runs it; `tests/cli/fuzz_replay.rs` replays
/// `fuzz/regressions/filter_parse/` through it in the normal test suite.
pub fn run(data: &[u8]) {
    if data.len() > 4096 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if !safe_names(text) {
        return;
    }
    for link in LINKS {
        if let Ok(f) = Filter::compile(text, link) {
            assert_eq!(f.link_type(), link);
        }
    }
}
