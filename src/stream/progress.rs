//! The progress bar of a long run: documents done, throughput, time left.
//!
//! Drawn on stderr only when stderr is a terminal, and only once the run has
//! lasted a second: a quick check prints nothing extra, and a log file or a
//! pipe never receives a bar.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// A progress bar that shows itself after [`DELAY`].
pub struct Progress {
    bar: Option<ProgressBar>,
    enabled: bool,
    started: Instant,
    bytes: u64,
    done: u64,
    total: Option<u64>,
}

impl Progress {
    /// A bar for `total` documents (unknown for a stream), drawn only if
    /// `enabled` (stderr is a terminal).
    pub fn new(total: Option<u64>, enabled: bool) -> Progress {
        Progress {
            bar: None,
            enabled,
            started: Instant::now(),
            bytes: 0,
            done: 0,
            total,
        }
    }

    /// A progress bar that never draws.
    pub fn hidden() -> Progress {
        Progress::new(None, false)
    }

    /// Counts one more document of `bytes` bytes.
    pub fn inc(&mut self, bytes: usize) {
        self.bytes += bytes as u64;
        self.done += 1;
        if !self.enabled {
            return;
        }
        let elapsed = self.started.elapsed();
        if self.bar.is_none() && elapsed >= DELAY {
            self.bar = Some(self.make_bar());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
            let mb = self.bytes as f64 / 1e6;
            bar.set_message(format!(
                "{mb:.0} MB, {:.1} MB/s",
                mb / elapsed.as_secs_f64().max(1e-3)
            ));
        }
    }

    fn make_bar(&self) -> ProgressBar {
        let (bar, template) = match self.total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                "{bar:30} {pos}/{len} documents  {msg}  {eta} left",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {pos} documents  {msg}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("━╸ "));
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }

    /// Bytes of the documents counted so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Runs `f` (which writes to stderr) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
