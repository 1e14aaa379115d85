//! Blocks filled by the calling thread ([`block::fill`]): for sources that
//! only it can read (pcapng, standard input, a decompressed file). Blocks
//! go to worker threads round robin, two per worker in flight, and come
//! back, processed, in the order sent, for the calling thread to sink.

use std::collections::VecDeque;
use std::sync::mpsc;

use super::{Batch, Work, sink_batch};
use crate::pipeline::error::RunError;
use crate::pipeline::sink::{Flow, Sink};
use crate::source::PacketSource;
use crate::source::block;

pub(super) fn pump(
    threads: usize,
    src: &mut dyn PacketSource,
    max_packets: Option<usize>,
    work: impl Fn() -> Work,
    sink: &mut Sink<'_>,
) -> Flow {
    std::thread::scope(|s| {
        let mut to = Vec::new();
        let mut back = Vec::new();
        for _ in 0..threads {
            let (tx, rx) = mpsc::channel::<Batch>();
            let (done, done_rx) = mpsc::channel::<Batch>();
            to.push(tx);
            back.push(done_rx);
            let mut work = work();
            s.spawn(move || {
                for mut b in rx {
                    work.process(&mut b);
                    if done.send(b).is_err() {
                        break;
                    }
                }
            });
        }
        let mut free: Vec<Batch> = Vec::new();
        let mut in_flight: VecDeque<usize> = VecDeque::new();
        let (mut next, mut sent_last) = (0, false);
        let end = loop {
            // Two blocks per thread in flight keeps every thread busy.
            while in_flight.len() < 2 * threads && !sent_last {
                let mut b = free.pop().unwrap_or_else(|| {
                    let mut b = Batch::default();
                    if let Some(n) = max_packets {
                        b.block.set_max_packets(n);
                    }
                    b
                });
                let status = block::fill(src, &mut b.block);
                b.last = !matches!(status, Ok(true));
                b.error = status.err();
                sent_last = b.last;
                if let Some(tx) = to.get(next) {
                    let _ = tx.send(b);
                }
                in_flight.push_back(next);
                next = (next + 1) % threads;
            }
            let done = in_flight
                .pop_front()
                .and_then(|w| back.get(w))
                .and_then(|rx| rx.recv().ok());
            let Some(mut b) = done else {
                let e = std::io::Error::other("worker thread ended");
                break Flow::Stop(Err(RunError::Output(e)));
            };
            if let Some(end) = sink_batch(sink, &mut b) {
                break end;
            }
            free.push(b);
        };
        drop(to);
        end
    })
}
