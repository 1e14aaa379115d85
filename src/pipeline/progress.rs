//! Progress of a long `-r` run on stderr (issue 17): bytes of the file read
//! out of its size, a bar, the rate, the time left and the packets kept so
//! far, redrawn in place by indicatif. Only when `cli` decided so
//! (`Config::progress`: stderr is a terminal and no packet line is printed
//! where the bar would be drawn), and cleared before the run's own output
//! at the end. It costs the packet loop one relaxed store per kept packet:
//! a thread of its own redraws ten times a second, and reads how far the
//! file has been read from the kernel's count of bytes this process has
//! read (`rchar` in `/proc/self/io`), which sees every path through the
//! file alike (sequential, by position on several threads, through a
//! decompressor) without a counter in the readers.

use std::fs::File;
use std::io::{Read, Seek};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar and its redrawing thread.
pub(crate) struct Progress {
    kept: Arc<AtomicU64>,
    stop: Sender<()>,
    thread: Option<JoinHandle<()>>,
}

/// `/proc/self/io`, opened by [`open_io_count`] before privileges are
/// dropped: once the process switches user it is no longer "dumpable" and
/// may not open its own `/proc/self/io` (root owns it then), but reading a
/// descriptor opened before stays allowed (the kernel lets a process
/// inspect itself).
static IO: OnceLock<Option<Mutex<File>>> = OnceLock::new();

/// Opens the kernel's count of bytes read, for a progress bar started
/// later; call it before the privilege drop.
pub(crate) fn open_io_count() {
    IO.get_or_init(|| File::open("/proc/self/io").ok().map(Mutex::new));
}

/// Bytes this process has read so far (`rchar`), if Linux says.
fn bytes_read() -> Option<u64> {
    open_io_count();
    let mut f = IO.get()?.as_ref()?.lock().ok()?;
    let mut io = String::new();
    f.rewind().ok()?;
    f.read_to_string(&mut io).ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("rchar:"))
        .and_then(|n| n.trim().parse().ok())
}

impl Progress {
    /// Starts drawing for reading `path` (`-` is standard input: no size,
    /// so no bar nor time left). `None` when the kernel's count is missing.
    pub(crate) fn start(path: &std::path::Path) -> Option<Progress> {
        let base = bytes_read()?;
        let size = (path.as_os_str() != "-")
            .then(|| std::fs::metadata(path).ok().map(|m| m.len()))
            .flatten();
        let template = if size.is_some() {
            "{bytes}/{total_bytes} [{bar:30}] {percent}%  {binary_bytes_per_sec}  \
             {eta} left  {msg}"
        } else {
            "{spinner} {bytes} read  {binary_bytes_per_sec}  {msg}"
        };
        let style = ProgressStyle::with_template(template)
            .ok()?
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::stderr_with_hz(10))
            .with_style(style);
        let kept = Arc::new(AtomicU64::new(0));
        let (stop, stopped) = mpsc::channel::<()>();
        let k = Arc::clone(&kept);
        let thread = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                loop {
                    let read = bytes_read().unwrap_or(base).saturating_sub(base);
                    // The file's bytes, not the few the process read beside them.
                    bar.set_position(size.map_or(read, |s| read.min(s)));
                    let n = k.load(Ordering::Relaxed);
                    bar.set_message(format!("{n} packet{} kept", if n == 1 { "" } else { "s" }));
                    match stopped.recv_timeout(Duration::from_millis(100)) {
                        Err(RecvTimeoutError::Timeout) => {}
                        _ => break,
                    }
                }
                bar.finish_and_clear();
            })
            .ok()?;
        Some(Progress {
            kept,
            stop,
            thread: Some(thread),
        })
    }

    /// The packets kept so far.
    pub(crate) fn kept(&self, n: u32) {
        self.kept.store(u64::from(n), Ordering::Relaxed);
    }

    /// Clears the bar (before the run's own output) and ends the thread.
    pub(crate) fn finish(mut self) {
        self.end();
    }

    fn end(&mut self) {
        let _ = self.stop.send(());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// An early return (a closed pipe) clears the bar too.
impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}
