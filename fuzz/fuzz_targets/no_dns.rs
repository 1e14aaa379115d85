//! Shared by the filter fuzz targets: keeping inputs away from DNS.
//! A host name in an expression would be looked up on the network; a name
//! token is safe only as `localhost` (answered from /etc/hosts) or right
//! after `port`, `portrange`, `proto` or `protochain`, where it is always a
//! service or protocol name.

use tcpscope::filter::lexer::{Kw, Tok, tokenize};

/// Whether compiling `text` can never resolve a host name.
pub fn safe_names(text: &str) -> bool {
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
