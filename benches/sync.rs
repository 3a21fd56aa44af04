//! Sync throughput on the shared corpus, next to pulldown-cmark alone parsing the same files.
//!
//! Run: `cargo bench --bench sync`. Prints pairs per second for pulldown-cmark alone and for checkdown's parser alone
//! (both files of every pair, in memory, one thread), for checkdown reading and parsing the files as the sync does,
//! and for the whole `checkdown sync` of the two corpus directories (listing, reading, parsing, comparing; rendering
//! aside) on one thread and on all cores; then the ratios of the one-thread sync to each (the target: within 2x of
//! parsing alone). Each figure is the median of several passes, the passes of each taken in turns; the first sync
//! pass, which also loads lingua's language models, is reported apart.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use checkdown::parse::{NoIncludes, ParseOptions, parse, read_decoded};
use checkdown::sync::{Progress, Settings, run};
use common::{checkdown_pass, corpus_texts, medians, ms, pulldown_pass};

const PASSES: usize = 15;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let (english, french) = (corpus.join("en-us"), corpus.join("fr-fr"));
    let texts = corpus_texts();
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();

    let sync_with = |jobs: usize| {
        let settings = Settings { jobs, ..Settings::default() };
        let outcome = run(&english, &french, &settings, &Progress::default()).expect("the corpus syncs");
        black_box(outcome.diagnostics.len());
        outcome.files_checked
    };
    let start = Instant::now();
    let pairs = sync_with(1);
    let first = start.elapsed();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    // What the sync does before comparing: each file read from disk, decoded and parsed.
    let mut read_and_parse = || {
        for (path, _) in &texts {
            let decoded = read_decoded(Path::new(path)).expect("corpus files are readable");
            black_box(parse(path, &decoded.text, &ParseOptions::default(), &NoIncludes));
        }
    };
    let [pulldown, checkdown_parse, read_parse, one_thread, all_cores] = medians(
        PASSES,
        [
            &mut pulldown_pass(&texts),
            &mut checkdown_pass(&texts),
            &mut read_and_parse,
            &mut || {
                sync_with(1);
            },
            &mut || {
                sync_with(cores);
            },
        ],
    );

    let rate = |time: Duration| pairs as f64 / time.as_secs_f64();
    println!("corpus: {pairs} pairs, {} files, {:.1} MB, median of {PASSES} passes", texts.len(), bytes as f64 / 1e6);
    println!("pulldown-cmark alone (both files, 1 thread): {:>7.1} ms  {:>7.0} pairs/s", ms(pulldown), rate(pulldown));
    println!(
        "checkdown parse alone (both files, 1 thread): {:>6.1} ms  {:>7.0} pairs/s",
        ms(checkdown_parse),
        rate(checkdown_parse)
    );
    println!(
        "checkdown read + parse (as the sync does):   {:>7.1} ms  {:>7.0} pairs/s",
        ms(read_parse),
        rate(read_parse)
    );
    println!(
        "checkdown sync, 1 thread:                    {:>7.1} ms  {:>7.0} pairs/s",
        ms(one_thread),
        rate(one_thread)
    );
    println!(
        "checkdown sync, {cores} threads:                   {:>7.1} ms  {:>7.0} pairs/s",
        ms(all_cores),
        rate(all_cores)
    );
    println!("checkdown sync, first pass (loads lingua):   {:>7.1} ms", ms(first));
    println!(
        "ratio (sync 1 thread / pulldown-cmark):      {:>7.2}x",
        one_thread.as_secs_f64() / pulldown.as_secs_f64()
    );
    println!(
        "ratio (sync 1 thread / checkdown parse):     {:>7.2}x",
        one_thread.as_secs_f64() / checkdown_parse.as_secs_f64()
    );
    println!(
        "ratio (sync 1 thread / read + parse):        {:>7.2}x",
        one_thread.as_secs_f64() / read_parse.as_secs_f64()
    );
}
