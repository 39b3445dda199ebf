//! The streaming pipeline: a reader thread fills bounded chunks, the rayon pool analyses
//! (and formats) each chunk, the main thread consumes the chunks in input order. Memory holds
//! a few chunks at most, whatever the input's size.
//!
//! The main thread never blocks on the reader for long: it waits for the next chunk in
//! slices of 50 ms and looks at [`INTERRUPTED`] in between, so Ctrl-C ends a run promptly
//! even while the reader waits on an idle stdin (it is left behind; the process ends).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel, sync_channel};
use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::{Chunk, Layout, Reporter, Source, read_all};

/// Set by Ctrl-C: the run stops after the chunk in hand, whose lines are written whole.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How a run ended.
pub struct Outcome {
    /// Items handed to the consumer.
    pub items: u64,
}

fn progress_bar(sources: &[Source], show: bool) -> Option<ProgressBar> {
    if !show || !std::io::stderr().is_terminal() {
        return None;
    }
    let total: Option<u64> = sources.iter().map(Source::size).sum();
    let pb = match total {
        Some(t) => {
            let pb = ProgressBar::new(t);
            pb.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} · {msg} · ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            pb
        }
        None => {
            let pb = ProgressBar::new_spinner();
            pb.set_style(
                ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} · {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            pb
        }
    };
    pb.set_draw_target(ProgressDrawTarget::stderr_with_hz(5));
    pb.enable_steady_tick(Duration::from_millis(200));
    Some(pb)
}

/// Takes chunks a consumer is done with back to the reader thread, which reuses their item
/// lists and line buffers (see `input::Chunker`) and frees the rest there: no allocation
/// per line once the first chunks have gone round, and no freeing on the thread that
/// analyses. A chunk not handed back is simply dropped.
pub struct Spent(Sender<Chunk>);

impl Spent {
    /// Hands `chunk` back.
    pub fn put(&self, chunk: Chunk) {
        // The reader may have finished; then the chunk is dropped here.
        let _ = self.0.send(chunk);
    }
}

/// Reads `sources` on a background thread and hands each chunk, in order, to `consume`
/// (which returns false to stop early; it may give the chunk back with [`Spent::put`]). A
/// fatal input error is returned after the chunks read before it have been consumed.
pub fn drive(
    sources: &[Source],
    layout: &Layout,
    reporter: &Arc<Reporter>,
    show_progress: bool,
    mut consume: impl FnMut(Chunk, &Spent) -> Result<bool>,
) -> Result<Outcome> {
    let pb = progress_bar(sources, show_progress);
    let started = std::time::Instant::now();
    let (tx, rx) = sync_channel::<Chunk>(2);
    let (spent_tx, spent_rx) = channel::<Chunk>();
    let spent = Spent(spent_tx);
    let mut items = 0u64;
    let mut stopped = false;
    let (srcs, lay, rep) = (sources.to_vec(), layout.clone(), Arc::clone(reporter));
    // Not a scoped thread: on Ctrl-C the reader may be blocked reading an idle stdin, and the
    // run must end without waiting for it.
    let reader = std::thread::spawn(move || {
        read_all(
            &srcs,
            &lay,
            &rep,
            &INTERRUPTED,
            Some(&spent_rx),
            &mut |chunk| tx.send(chunk).is_ok(),
        )
    });
    let consumed = loop {
        // After Ctrl-C, the chunk in hand (if one is ready) is still written; an idle input
        // is not waited for.
        let chunk = match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) if INTERRUPTED.load(Ordering::Relaxed) => {
                stopped = true;
                break Ok(());
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break Ok(()),
        };
        // Placeholders of skipped text lines are not items.
        let n = chunk.items.iter().filter(|i| i.skipped.is_none()).count() as u64;
        let bytes = chunk.bytes;
        let go_on = match consume(chunk, &spent) {
            Ok(go_on) => go_on,
            Err(e) => break Err(e),
        };
        items += n;
        if let Some(pb) = &pb {
            pb.inc(bytes);
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            pb.set_message(format!("{items} rows · {:.0} rows/s", items as f64 / secs));
        }
        if !go_on || INTERRUPTED.load(Ordering::Relaxed) {
            stopped = true;
            break Ok(());
        }
    };
    // Dropping the receiver makes the reader's next send fail, ending it.
    drop(rx);
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    consumed?;
    if stopped {
        // The run was cut short on purpose: what the reader was doing no longer matters.
        return Ok(Outcome { items });
    }
    reader
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("the input reader panicked")))?;
    Ok(Outcome { items })
}

/// A rayon pool with `threads` workers (all cores when 0; the command line caps the number).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    let n = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    Ok(rayon::ThreadPoolBuilder::new().num_threads(n).build()?)
}
