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
#![no_main]

use libfuzzer_sys::fuzz_target;
use tcpscope::filter::Filter;
use tcpscope::filter::lexer::{Kw, Tok, tokenize};
use tcpscope::packet::LinkType;

const LINKS: [LinkType; 6] = [
    LinkType::EN10MB,
    LinkType::LINUX_SLL,
    LinkType::RAW,
    LinkType::NULL,
    LinkType::IPV6,
    LinkType::LINUX_SLL2,
];

/// Whether compiling `text` can never resolve a host name (see the header).
fn safe_names(text: &str) -> bool {
    let toks = tokenize(text);
    let mut prev: Option<&Tok> = None;
    for t in &toks {
        if let Tok::Id(name) = &t.tok {
            let after_service_kw = matches!(
                prev,
                Some(Tok::Kw(
                    Kw::Port | Kw::Portrange | Kw::Proto | Kw::Protochain
                ))
            );
            if !(after_service_kw || name == "localhost") {
                return false;
            }
        }
        prev = Some(&t.tok);
    }
    true
}

fuzz_target!(|data: &[u8]| {
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
});
