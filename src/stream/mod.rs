//! Checking at archive scale: documents read, extracted, evaluated and
//! reported in parallel, in input order, as soon as each is done.
//!
//! [`ordered_map`] is the engine: a producer hands numbered items to worker
//! threads over a bounded channel, and the caller's thread puts the results
//! back in order in a reorder buffer and emits each as soon as it and every
//! earlier one are done. A window of credits bounds the items in flight plus
//! the ones waiting in the buffer, so memory does not grow with the input:
//! a slow document holds the others back, it never lets them pile up.
//!
//! [`check`] runs `factlint check` on it: each worker turns one document into
//! the text of its findings, its counts, and — only when the rules have
//! `agree` statements — the bound values and the few words those need at the
//! end ([`crate::excerpt`]). The text itself is dropped as soon as the
//! document is done. [`jsonl`] reads and writes the JSON-lines form, and
//! [`progress`] draws the progress bar.
//!
//! Architecture invariant: the output of a run does not depend on the number
//! of threads; `--threads 1` runs the same code on the caller's thread.

pub mod check;
pub mod jsonl;
pub mod progress;

use std::collections::BTreeMap;
use std::thread;

pub use check::{check, CheckOptions, CheckSummary, Input, OutputFormat};

/// How many batches may be in flight or waiting to be emitted per worker.
/// Enough to keep every worker busy behind a slow item, small enough that
/// the buffer holds a few thousand small documents at most.
pub const WINDOW_PER_THREAD: usize = 4;

/// How many items go to a worker at once.
///
/// Every hand-off costs a channel send and a wake-up each way, and on a
/// machine with as many busy threads as cores each wake-up preempts a
/// worker. Batches therefore start at `first` items, so that a small run
/// is spread over every worker and its first findings come out at once,
/// and double with each batch up to `most`, so that a long run pays for
/// few hand-offs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batching {
    /// Items in the first batch (at least one).
    pub first: usize,
    /// Items in a batch at most.
    pub most: usize,
}

impl Batching {
    /// The size of the first batch: `first`, but at least one and at most
    /// `most`.
    fn first_size(self) -> usize {
        self.first.clamp(1, self.most.max(1))
    }

    /// The size of the batch after one of `size` items.
    fn next(self, size: usize) -> usize {
        size.saturating_mul(2).min(self.most).max(1)
    }
}

/// Documents (files or JSON lines) handed to a worker at once in a `check`
/// run: 16 at first, growing to 256. With a fixed 16, the two workers of a
/// two-core machine were switched out about once per batch (some 4,000
/// times on the 66,000 files of the 100 MB benchmark corpus) and the run
/// took 1.15× the time it takes with 256.
pub const BATCHING: Batching = Batching {
    first: 16,
    most: 256,
};

/// [`BATCHING`] for runs whose every document has a large result: the JSON
/// reports list an outcome per assertion for every document (some 40 kB
/// of JSON per document with 200 rules, unless `--stated-only`), and the
/// window of 256-document batches held up to 80 MB of them.
pub const BATCHING_LARGE_RESULTS: Batching = Batching {
    first: 16,
    most: 16,
};

/// Where a producer pushes the items of an [`ordered_map`] run.
pub trait Feed<I> {
    /// Adds `item` to the batch being gathered, and hands the batch to a
    /// worker once it is full. Returns `false` once the run is stopping
    /// (because `emit` returned `false`); the producer should then stop.
    fn push(&mut self, item: I) -> bool;

    /// Hands the items gathered so far to a worker now. A producer whose
    /// next item may be slow to come (a line from a pipe, whose writer may
    /// be waiting for the answers to the lines it wrote) flushes before it
    /// waits. Returns `false` once the run is stopping.
    fn flush(&mut self) -> bool;
}

/// Maps `work` over the items `produce` pushes, on `threads` threads, and
/// hands each result to `emit` in the order the items were pushed.
///
/// Items go to the workers in batches sized by `batching`; a batch waits
/// until it is full or the producer flushes it. With one thread everything
/// runs on the caller's thread, in order, and batches do not matter.
pub fn ordered_map<I, O>(
    threads: usize,
    batching: Batching,
    produce: impl FnOnce(&mut dyn Feed<I>) + Send,
    work: impl Fn(I) -> O + Sync,
    mut emit: impl FnMut(O) -> bool,
) where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        produce(&mut Inline {
            work: &work,
            emit: &mut emit,
            going: true,
        });
        return;
    }
    let window = threads * WINDOW_PER_THREAD;
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(usize, Vec<I>)>(threads);
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<(usize, Vec<O>)>();
    let (credit_tx, credit_rx) = crossbeam_channel::bounded::<()>(window);
    for _ in 0..window {
        // Cannot fail: the channel has room for exactly `window` credits.
        let _ = credit_tx.send(());
    }
    let work = &work;
    thread::scope(|s| {
        s.spawn(move || {
            let first = batching.first_size();
            let mut feed = Batches {
                batching,
                size: first,
                batch: Vec::with_capacity(first),
                next: 0,
                credits: credit_rx,
                jobs: job_tx,
                going: true,
            };
            produce(&mut feed);
            feed.flush();
        });
        for _ in 0..threads {
            let job_rx = job_rx.clone();
            let done_tx = done_tx.clone();
            s.spawn(move || {
                for (i, items) in job_rx {
                    let outs = items.into_iter().map(work).collect();
                    if done_tx.send((i, outs)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(job_rx);
        drop(done_tx);
        let mut pending: BTreeMap<usize, Vec<O>> = BTreeMap::new();
        let mut next = 0usize;
        'receive: for (i, outs) in &done_rx {
            pending.insert(i, outs);
            while let Some(outs) = pending.remove(&next) {
                next += 1;
                for out in outs {
                    if !emit(out) {
                        break 'receive;
                    }
                }
                let _ = credit_tx.send(());
            }
        }
        // Stopping early: dropping our ends makes the producer's next credit
        // and the workers' next send fail, so every thread winds down.
        drop(done_rx);
        drop(credit_tx);
    });
}

/// The [`Feed`] of a one-thread run: each item is worked and emitted as it
/// is pushed.
struct Inline<'a, W, E> {
    work: &'a W,
    emit: &'a mut E,
    going: bool,
}

impl<I, O, W: Fn(I) -> O, E: FnMut(O) -> bool> Feed<I> for Inline<'_, W, E> {
    fn push(&mut self, item: I) -> bool {
        self.going = self.going && (self.emit)((self.work)(item));
        self.going
    }

    fn flush(&mut self) -> bool {
        self.going
    }
}

/// The [`Feed`] of a run on worker threads: gathers batches, and sends each
/// with its number once a credit says the window has room.
struct Batches<I> {
    batching: Batching,
    /// The size of the batch being gathered.
    size: usize,
    batch: Vec<I>,
    /// The number of the batch being gathered.
    next: usize,
    /// One per batch that may be sent; the consumer returns one per batch
    /// emitted.
    credits: crossbeam_channel::Receiver<()>,
    jobs: crossbeam_channel::Sender<(usize, Vec<I>)>,
    going: bool,
}

impl<I> Feed<I> for Batches<I> {
    fn push(&mut self, item: I) -> bool {
        self.batch.push(item);
        if self.batch.len() >= self.size {
            self.flush();
        }
        self.going
    }

    fn flush(&mut self) -> bool {
        if self.going && !self.batch.is_empty() {
            self.size = self.batching.next(self.size);
            let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(self.size));
            self.going = self.credits.recv().is_ok() && self.jobs.send((self.next, batch)).is_ok();
            self.next += 1;
        }
        self.going
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, n: usize, stop_after: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        ordered_map(
            threads,
            Batching { first: 1, most: 8 },
            |feed| {
                for i in 0..n {
                    if !feed.push(i) {
                        break;
                    }
                    // A flush now and then, as a pipe's producer does.
                    if i % 50 == 49 && !feed.flush() {
                        break;
                    }
                }
            },
            |i: usize| {
                // Later items finish first now and then.
                if i.is_multiple_of(7) {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                i * 2
            },
            |o| {
                out.push(o);
                stop_after != Some(out.len())
            },
        );
        out
    }

    #[test]
    fn results_come_out_in_input_order_whatever_the_thread_count() {
        let expected: Vec<usize> = (0..500).map(|i| i * 2).collect();
        for threads in [1, 2, 4] {
            assert_eq!(run(threads, 500, None), expected, "{threads} threads");
        }
    }

    #[test]
    fn batches_double_up_to_the_most() {
        let sizes: Vec<usize> =
            std::iter::successors(Some(BATCHING.first), |&n| Some(BATCHING.next(n)))
                .take(7)
                .collect();
        assert_eq!(sizes, [16, 32, 64, 128, 256, 256, 256]);
        assert_eq!(Batching { first: 1, most: 1 }.next(1), 1);
        // A most below the first caps the batches too, and none is empty.
        assert_eq!(Batching { first: 8, most: 2 }.first_size(), 2);
        assert_eq!(Batching { first: 8, most: 2 }.next(8), 2);
        assert_eq!(Batching { first: 0, most: 0 }.first_size(), 1);
        assert_eq!(Batching { first: 0, most: 0 }.next(0), 1);
    }

    #[test]
    fn stopping_early_winds_every_thread_down() {
        assert_eq!(run(4, 10_000, Some(3)), vec![0, 2, 4]);
        assert_eq!(run(1, 10_000, Some(3)), vec![0, 2, 4]);
    }
}
