//! `--states`: how many endpoints are in each RFC state, client side and
//! server side, at the end of the capture or at `--at TIME`: the
//! `netstat -nat | awk '{print $6}' | sort | uniq -c` each host would have
//! shown. Connections already reported count with their final states;
//! those still in the table with their current ones.

use std::fmt::Write as _;

use super::endpoint::State;

pub type Tally = [[u64; 11]; 2];

pub fn add(t: &mut Tally, client: State, server: State) {
    if let Some(n) = t[0].get_mut(client.index()) {
        *n += 1;
    }
    if let Some(n) = t[1].get_mut(server.index()) {
        *n += 1;
    }
}

/// The text table (states with a zero count left out).
pub fn text(t: &Tally, at: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(at) = at {
        let _ = writeln!(s, "TCP states at {at}");
    }
    let _ = writeln!(
        s,
        "{:<14}{:>8}{:>8}{:>8}",
        "STATE", "CLIENT", "SERVER", "TOTAL"
    );
    let (mut c, mut v) = (0u64, 0u64);
    for st in State::ALL {
        let (a, b) = (t[0][st.index()], t[1][st.index()]);
        c += a;
        v += b;
        if a + b > 0 {
            let _ = writeln!(s, "{:<14}{a:>8}{b:>8}{:>8}", st.name(), a + b);
        }
    }
    let _ = writeln!(s, "{:<14}{c:>8}{v:>8}{:>8}", "total", c + v);
    s
}
