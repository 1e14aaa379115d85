//! tcpdump's privilege drop (`droproot` in tcpdump.c): when running as
//! root, switch to the `-Z` user, or to the user Debian's tcpdump is built
//! with (`WITH_USER`, `tcpdump`) when it exists, after the device is opened
//! and the filter compiled. Debian's tcpdump prints nothing on success (its
//! patch removes `dropped privs to ...`); neither does tcpscope.
//!
//! With `-w`, Debian's tcpdump (built with libcap-ng) keeps one capability
//! across the switch, CAP_DAC_OVERRIDE, so that the `-w` file can be
//! created where only root may write; it gives it up once the file is open,
//! or keeps it for the whole run with `-C`/`-G`, which open new files later
//! (`main()` and `droproot()` in tcpdump.c, `#ifdef HAVE_LIBCAP_NG`).
//! tcpscope does the same with the `caps` crate: keep-caps across
//! `setuid`, then permitted and effective reduced to CAP_DAC_OVERRIDE
//! ([`drop_to`]), then to nothing ([`give_up_dac_override`]). Capabilities
//! belong to a thread: both run on the thread that opens the files, before
//! any other thread of the capture is started.

use std::ffi::CString;

use caps::{CapSet, Capability, CapsHashSet};
use nix::unistd::{Uid, User, getuid, initgroups, setgid, setuid};

/// The user Debian's tcpdump drops to by default.
pub const DEFAULT_USER: &str = "tcpdump";

/// Whether tcpdump would drop privileges at all (`getuid() == 0 || geteuid() == 0`).
pub fn running_as_root() -> bool {
    getuid().is_root() || Uid::effective().is_root()
}

/// The user to switch to: `-Z USER`, else [`DEFAULT_USER`] if it exists
/// (where tcpdump would fail with "Couldn't find user", tcpscope stays root);
/// `None` when not root (tcpdump ignores `-Z` then).
pub fn target_user(requested: Option<&str>) -> Option<String> {
    if !running_as_root() {
        return None;
    }
    match requested {
        Some(u) => Some(u.to_string()),
        None => match User::from_name(DEFAULT_USER) {
            Ok(Some(_)) => Some(DEFAULT_USER.to_string()),
            _ => None,
        },
    }
}

/// `initgroups`, `setgid`, `setuid` to `name`, with tcpdump's messages.
/// With `keep_dac_override` (a `-w` run) the thread keeps CAP_DAC_OVERRIDE,
/// and only it, in its permitted and effective sets, as tcpdump's
/// `capng_change_id` after `capng_update(CAPNG_ADD, …, CAP_DAC_OVERRIDE)`.
pub fn drop_to(name: &str, keep_dac_override: bool) -> Result<(), String> {
    let short: String = name.chars().take(32).collect();
    let Ok(Some(pw)) = User::from_name(name) else {
        return Err(format!("Couldn't find user '{short}'"));
    };
    let cname = CString::new(pw.name.as_bytes()).map_err(|e| e.to_string())?;
    // Switching to root (-Z root) keeps every privilege anyway.
    let keep = keep_dac_override && !pw.uid.is_root();
    if keep {
        caps::securebits::set_keepcaps(true).map_err(|e| format!("prctl(PR_SET_KEEPCAPS): {e}"))?;
    }
    initgroups(&cname, pw.gid)
        .and_then(|()| setgid(pw.gid))
        .and_then(|()| setuid(pw.uid))
        .map_err(|e| {
            format!(
                "Couldn't change to '{short}' uid={} gid={}: {}",
                pw.uid,
                pw.gid,
                e.desc()
            )
        })?;
    if keep {
        let only: CapsHashSet = [Capability::CAP_DAC_OVERRIDE].into_iter().collect();
        caps::securebits::set_keepcaps(false)
            .and_then(|()| caps::set(None, CapSet::Permitted, &only))
            .and_then(|()| caps::set(None, CapSet::Effective, &only))
            .map_err(|e| format!("capset: {e}"))?;
    }
    Ok(())
}

/// After the `-w` file is open (without `-C`/`-G`): the last capability
/// goes too. A no-op when none is held (not root, or `-Z root`, which keeps
/// root's rights as tcpdump does).
pub fn give_up_dac_override() -> Result<(), String> {
    if Uid::effective().is_root() {
        return Ok(());
    }
    caps::clear(None, CapSet::Effective)
        .and_then(|()| caps::clear(None, CapSet::Permitted))
        .map_err(|e| format!("capset: {e}"))
}
