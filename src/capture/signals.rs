//! tcpdump's signals during a live capture: SIGINT, SIGTERM (and SIGHUP
//! unless it was ignored, as tcpdump cooperates with nohup) stop the
//! capture; SIGUSR1 asks for the counts (tcpdump's `requestinfo`, SIGINFO
//! on BSDs). The handlers only set flags (signal-hook's self-pipe); one
//! thread then wakes libpcap with `pcap_breakloop`, as tcpdump's `cleanup()`
//! does from its handler, so a blocked read returns at once.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;

use crate::source::live::Waker;

/// The flags the capture loop polls.
pub struct Requests {
    /// Set by SIGINT/SIGTERM/SIGHUP: stop, print the counts, exit 0.
    pub stop: Arc<AtomicBool>,
    /// Set by SIGUSR1: print the counts and go on.
    pub info: Arc<AtomicBool>,
}

/// Installs the handlers and starts the thread that wakes `waker`.
pub fn install(waker: Waker) -> io::Result<Requests> {
    let mut sigs = vec![SIGINT, SIGTERM, SIGUSR1];
    if !hup_ignored() {
        sigs.push(SIGHUP);
    }
    let mut signals = Signals::new(&sigs)?;
    let stop = Arc::new(AtomicBool::new(false));
    let info = Arc::new(AtomicBool::new(false));
    let (s, i) = (Arc::clone(&stop), Arc::clone(&info));
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if sig == SIGUSR1 {
                    i.store(true, Ordering::SeqCst);
                } else {
                    s.store(true, Ordering::SeqCst);
                }
                waker.wake();
            }
        })?;
    Ok(Requests { stop, info })
}

/// Whether SIGHUP is ignored (`nohup`), read from `/proc/self/status`
/// (`SigIgn`, a hex mask with bit N-1 for signal N) instead of calling
/// sigaction, which needs `unsafe`.
pub fn hup_ignored() -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (SIGHUP - 1)) != 0)
}
