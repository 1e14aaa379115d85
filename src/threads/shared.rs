//! A regular classic pcap file, read by position by every thread, the
//! calling one included: a thread takes the next block under the `chain`
//! lock (reading its range and splitting its records from where the block
//! before ended), then filters and formats it unlocked and leaves it
//! ready. The calling thread also hands the ready blocks to the sink in
//! order. No thread waits on a dedicated reader or orderer, so every core
//! formats, and a block is decoded by the core whose cache it was just
//! read into. At most `window` blocks exist at once, which bounds memory
//! and how far ahead of the sink the threads run.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::{Batch, Work, sink_batch};
use crate::sink::{Flow, Sink};
use crate::source::block::{Positioned, Split};

/// Where the next block starts; held while a block is read and split.
struct Chain {
    next_j: u64,
    /// `None`: the file has ended (or is damaged) before the next block.
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
        let mut ch = lock(&self.chain);
        let Some(start) = ch.next_start else {
            drop(ch);
            self.give_back(b);
            return Take::NoMore;
        };
        b.j = ch.next_j;
        ch.next_j += 1;
        b.error = None;
        let from = self.pos.range_start(b.j, self.range);
        let split = match b.block.load(self.pos, from, self.range) {
            Ok(()) => b.block.split(self.pos, start, self.range),
            Err(e) => Split::Damaged(e),
        };
        ch.next_start = match split {
            Split::Next(at) => Some(at),
            Split::End => None,
            Split::Damaged(e) => {
                b.error = Some(e);
                None
            }
        };
        b.last = ch.next_start.is_none();
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
            next_start: Some(pos.first()),
        }),
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
