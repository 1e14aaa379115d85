//! What `-w` is asked for (`-w -U -C -G -W -z`), as plain data:
//! [`crate::write`] writes with it and re-exports it.

/// What `-w` and its companions asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// `-w FILE`; `-` is standard output.
    pub path: String,
    /// `-U`: flush after every packet.
    pub packet_buffered: bool,
    /// `-C`: rotate when a file holds more than this many bytes (MB × 10^6).
    pub file_size: Option<u64>,
    /// `-G`: rotate on the first packet this many seconds (wall clock)
    /// after the last rotation; names go through strftime.
    pub rotate_seconds: Option<i64>,
    /// `-W`: with `-C`, a ring of this many files; with `-G` alone, stop
    /// after this many files.
    pub max_files: Option<u32>,
    /// `-z CMD`: run `CMD FILE` on each file closed by a rotation.
    pub post_rotate: Option<String>,
    /// Write pcapng (`--pcapng`, or a `-w` name ending in `.pcapng`)
    /// rather than classic pcap: the input's interfaces (several link
    /// types in one file) and comments are kept.
    pub pcapng: bool,
}
