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
/// the buffer holds a few hundred documents at most.
pub const WINDOW_PER_THREAD: usize = 4;

/// Files handed to a worker at once. One hand-off per document (a channel
/// send and a wake-up each way) cost a third of a second per 66,000 small
/// documents on two cores; a batch shares it.
pub const FILE_BATCH: usize = 16;

/// Maps `work` over the items `produce` pushes, on `threads` threads, and
/// hands each result to `emit` in the order the items were pushed.
///
/// Items go to the workers `batch` at a time (at least one). A batch waits
/// for its last item, so input that arrives slowly (JSON lines from a pipe,
/// where the writer may wait for answers) should use batches of one.
///
/// `produce` gets a callback that returns `false` once the run is stopping
/// (because `emit` returned `false`); it should then stop pushing. With one
/// thread everything runs on the caller's thread, in order.
pub fn ordered_map<I, O>(
    threads: usize,
    batch: usize,
    produce: impl FnOnce(&mut dyn FnMut(I) -> bool) + Send,
    work: impl Fn(I) -> O + Sync,
    mut emit: impl FnMut(O) -> bool,
) where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        produce(&mut |item| emit(work(item)));
        return;
    }
    let size = batch.max(1);
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
            let mut next = 0usize;
            let mut batch = Vec::with_capacity(size);
            // A credit per batch: the consumer returns one per batch emitted.
            let mut send = |batch: Vec<I>| {
                let ok = credit_rx.recv().is_ok() && job_tx.send((next, batch)).is_ok();
                next += 1;
                ok
            };
            let mut going = true;
            produce(&mut |item| {
                batch.push(item);
                if batch.len() == size {
                    going = send(std::mem::replace(&mut batch, Vec::with_capacity(size)));
                }
                going
            });
            if going && !batch.is_empty() {
                send(batch);
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, n: usize, stop_after: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        ordered_map(
            threads,
            3,
            |push| {
                for i in 0..n {
                    if !push(i) {
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
    fn stopping_early_winds_every_thread_down() {
        assert_eq!(run(4, 10_000, Some(3)), vec![0, 2, 4]);
        assert_eq!(run(1, 10_000, Some(3)), vec![0, 2, 4]);
    }
}
