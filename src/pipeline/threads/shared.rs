//! A regular classic pcap file, read by position by every thread, the
//! calling one included: a thread takes the next block's number, reads its
//! range (beside the other threads' reads), waits for the block before to
//! be split and splits its own records from where that one ended, then
//! filters and formats it and leaves it ready. The calling thread also hands the ready blocks to the sink in
//! order. No thread waits on a dedicated reader or orderer, so every core
//! formats, and a block is decoded by the core whose cache it was just
//! read into. At most `window` blocks exist at once, which bounds memory
//! and how far ahead of the sink the threads run.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::{Batch, Work, sink_batch};
use crate::pipeline::sink::{Flow, Sink};
use crate::source::block::{Positioned, Split};

/// The blocks handed out, and where the next one to split starts.
struct Chain {
    /// The next block to hand out.
    next_j: u64,
    /// The next block to split: blocks are read in parallel but split
    /// in order, each from where the one before ended.
    split_j: u64,
    /// Where block `split_j` starts; `None`: the file has ended (or is
    /// damaged) before it.
    next_start: Option<u64>,
}

struct State {
    free: Vec<Batch>,
    /// Blocks allocated so far.
    made: usize,
    /// Processed blocks by number, waiting for the sink.
    ready: BTreeMap<u64, Batch>,
    /// The sink has ended the run: threads take no more blocks.
    stop: bool,
}

enum Take {
    Block(Box<Batch>),
    /// Every block is in use (the calling thread does not wait for one).
    Busy,
    /// No block left to read.
    NoMore,
    Stopped,
}

struct Shared<'a> {
    pos: &'a Positioned,
    range: usize,
    window: usize,
    chain: Mutex<Chain>,
    /// Signalled when a block has been split.
    split: Condvar,
    state: Mutex<State>,
    changed: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared<'_> {
    fn wait<'g>(&self, g: MutexGuard<'g, State>) -> MutexGuard<'g, State> {
        self.changed.wait(g).unwrap_or_else(PoisonError::into_inner)
    }

    /// A free block (waiting for one if `wait`), filled with the next
    /// block of the file.
    fn take(&self, wait: bool) -> Take {
        let mut b = {
            let mut st = lock(&self.state);
            loop {
                if st.stop {
                    return Take::Stopped;
                }
                if let Some(b) = st.free.pop() {
                    break b;
                }
                if st.made < self.window {
                    st.made += 1;
                    break Batch::default();
                }
                if !wait {
                    return Take::Busy;
                }
                st = self.wait(st);
            }
        };
        let j = {
            let mut ch = lock(&self.chain);
            if ch.next_start.is_none() {
                drop(ch);
                self.give_back(b);
                return Take::NoMore;
            }
            ch.next_j += 1;
            ch.next_j - 1
        };
        b.j = j;
        b.error = None;
        // Read outside the lock, beside the other threads' reads.
        let loaded = b
            .block
            .load(self.pos, self.pos.range_start(j, self.range), self.range);
        let mut ch = lock(&self.chain);
        while ch.split_j != j {
            ch = self.split.wait(ch).unwrap_or_else(PoisonError::into_inner);
        }
        let split = match (ch.next_start, loaded) {
            // The file ended in an earlier block: this one is past its end.
            (None, _) => Split::End,
            (Some(start), Ok(())) => b.block.split(self.pos, start, self.range),
            (Some(_), Err(e)) => Split::Damaged(e),
        };
        let was_open = ch.next_start.is_some();
        ch.split_j += 1;
        ch.next_start = match split {
            Split::Next(at) => Some(at),
            Split::End => None,
            Split::Damaged(e) => {
                b.error = Some(e);
                None
            }
        };
        b.last = ch.next_start.is_none();
        drop(ch);
        self.split.notify_all();
        if !was_open {
            self.give_back(b);
            return Take::NoMore;
        }
        Take::Block(Box::new(b))
    }

    fn put(&self, b: Batch) {
        lock(&self.state).ready.insert(b.j, b);
        self.changed.notify_all();
    }

    fn give_back(&self, b: Batch) {
        lock(&self.state).free.push(b);
        self.changed.notify_all();
    }
}

pub(super) fn pump(
    threads: usize,
    pos: &Positioned,
    range: usize,
    work: impl Fn() -> Work,
    sink: &mut Sink<'_>,
) -> Flow {
    let shared = Shared {
        pos,
        range,
        window: 2 * threads + 1,
        chain: Mutex::new(Chain {
            next_j: 0,
            split_j: 0,
            next_start: Some(pos.first()),
        }),
        split: Condvar::new(),
        state: Mutex::new(State {
            free: Vec::new(),
            made: 0,
            ready: BTreeMap::new(),
            stop: false,
        }),
        changed: Condvar::new(),
    };
    let shared = &shared;
    std::thread::scope(|s| {
        // The calling thread is one of the `threads`.
        for _ in 1..threads {
            let mut work = work();
            s.spawn(move || {
                while let Take::Block(mut b) = shared.take(true) {
                    work.process(&mut b);
                    shared.put(*b);
                }
            });
        }
        let mut work = work();
        let mut next = 0u64;
        let end = loop {
            let ready = lock(&shared.state).ready.remove(&next);
            if let Some(mut b) = ready {
                next += 1;
                let end = sink_batch(sink, &mut b);
                shared.give_back(b);
                match end {
                    Some(end) => break end,
                    None => continue,
                }
            }
            match shared.take(false) {
                Take::Block(mut b) => {
                    work.process(&mut b);
                    shared.put(*b);
                }
                // Block `next` is being processed by another thread.
                Take::Busy | Take::NoMore => {
                    let mut st = lock(&shared.state);
                    while !st.ready.contains_key(&next) {
                        st = shared.wait(st);
                    }
                }
                Take::Stopped => break Flow::Stop(Ok(())),
            }
        };
        lock(&shared.state).stop = true;
        shared.changed.notify_all();
        end
    })
}
