//! tcpdump's privilege drop (`droproot` in tcpdump.c): when running as
//! root, switch to the `-Z` user, or to the user Debian's tcpdump is built
//! with (`WITH_USER`, `tcpdump`) when it exists, after the device is opened
//! and the filter compiled. Debian's tcpdump prints nothing on success (its
//! patch removes `dropped privs to ...`); neither does tcpscope.

use std::ffi::CString;

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
pub fn drop_to(name: &str) -> Result<(), String> {
    let short: String = name.chars().take(32).collect();
    let Ok(Some(pw)) = User::from_name(name) else {
        return Err(format!("Couldn't find user '{short}'"));
    };
    let cname = CString::new(pw.name.as_bytes()).map_err(|e| e.to_string())?;
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
        })
}
