//! tcpdump's privilege drop (`droproot` in tcpdump.c): when running as
//! root, switch to the `-Z` user, or to the user Debian's tcpdump is built
//! with (`WITH_USER`, `tcpdump`) when it exists, after the device or file
//! is opened and the filter compiled, live and with `-r` alike. Debian's
//! tcpdump prints nothing on success (its patch removes `dropped privs to
//! ...`); neither does tcpscope. Around the drop, the `-w` file is opened
//! in Debian's order ([`open_writer_and_drop`]).

use std::ffi::CString;

use nix::unistd::{Uid, User, chown, getuid, initgroups, setgid, setuid};

use super::error::RunError;
use super::pump::open_writer;
use crate::config::Config;
use crate::source::PacketSource;
use crate::write;

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

/// Gives a file this run created as root to the user it will switch to
/// (as tcpdump's chown of its `-w` file, unchecked), so that it may still
/// remove it after the switch.
pub(crate) fn give_to(path: &std::path::Path, user: Option<&str>) {
    if let Some(Ok(Some(pw))) = user.map(User::from_name) {
        let _ = chown(path, Some(pw.uid), Some(pw.gid));
    }
}

/// Opens the `-w` file and drops privileges (to `user`, when root) in the
/// order of Debian's tcpdump 4.99.3 (strace): the first file is created as
/// root and given to the user (`chown`) before the drop; with `-C` the drop
/// comes first and every file is created as the user, so `-C 1 -w x` in a
/// folder only root may write to is "x: Permission denied" (the refusal
/// issue 18 saw for `-W 1000000 -C 1 -w x`). Later `-G` files are created
/// as the user either way. Standard output (`-w -`) is not a file to give.
pub(crate) fn open_writer_and_drop(
    config: &Config,
    src: &mut dyn PacketSource,
    user: Option<&str>,
) -> Result<Option<write::Writer>, RunError> {
    let Some(user) = user else {
        return open_writer(config, src);
    };
    if config.progress {
        // After the switch the process may not open its own /proc/self/io.
        super::progress::open_io_count();
    }
    let drop = || drop_to(user).map_err(RunError::Live);
    if config.output.write().is_some_and(|w| w.file_size.is_some()) {
        drop()?;
        return open_writer(config, src);
    }
    let writer = open_writer(config, src)?;
    if let (Some(w), Ok(Some(pw))) = (&writer, User::from_name(user))
        && w.current_file() != "-"
    {
        // tcpdump does not check this chown either.
        let _ = chown(w.current_file(), Some(pw.uid), Some(pw.gid));
    }
    drop()?;
    Ok(writer)
}
