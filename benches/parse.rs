//! Parse throughput on the shared corpus, next to pulldown-cmark alone on the same files.
//!
//! Run: `cargo bench --bench parse`. Prints MB/s for both and their ratio (the target: checkdown within 1.5x of
//! pulldown-cmark alone). Each figure is the median of several passes over every Markdown file of the corpus, the
//! passes of each taken in turns. Two floors put the ratio in scale: pulldown-cmark's events merely kept in a vector
//! (the least any model of a file costs), and kept as owned values (the least any model that outlives the file's
//! text costs, as checkdown's does).

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{checkdown_pass, corpus_texts, medians, ms, pulldown_pass};
use pulldown_cmark::Parser;

const PASSES: usize = 15;

fn main() {
    let texts = corpus_texts();
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();

    // What reading front matter costs: the flat reader, with serde_yaml for the few front matters beyond it, and
    // the line index of the front matter alone (its keys' lines).
    let mut front_matter = || {
        for (_, text) in &texts {
            let split = checkdown::parse::front_matter::split(text);
            let index = checkdown::parse::lines::LineIndex::new(&text[..split.body_start]);
            black_box(checkdown::parse::front_matter::read(&split, &index).ok());
        }
    };
    let options = checkdown::parse::markdown::options();
    let mut kept = || {
        for (_, text) in &texts {
            black_box(Parser::new_ext(text, options).into_offset_iter().collect::<Vec<_>>());
        }
    };
    let mut owned = || {
        for (_, text) in &texts {
            let events = Parser::new_ext(text, options).into_offset_iter();
            black_box(events.map(|(event, range)| (event.into_static(), range)).collect::<Vec<_>>());
        }
    };
    let [pulldown, kept, owned, checkdown, yaml] = medians(
        PASSES,
        [&mut pulldown_pass(&texts), &mut kept, &mut owned, &mut checkdown_pass(&texts), &mut front_matter],
    );
    let rate = |time: Duration| bytes as f64 / 1e6 / time.as_secs_f64();
    println!("corpus: {} files, {:.1} MB, median of {PASSES} passes", texts.len(), bytes as f64 / 1e6);
    println!("pulldown-cmark alone:                    {:>7.1} ms  {:>6.1} MB/s", ms(pulldown), rate(pulldown));
    let ratio = |time: Duration| time.as_secs_f64() / pulldown.as_secs_f64();
    println!("its events kept in a vector:             {:>7.1} ms  {:>6.2}x", ms(kept), ratio(kept));
    println!("its events kept as owned values:         {:>7.1} ms  {:>6.2}x", ms(owned), ratio(owned));
    println!("front matter alone:                      {:>7.1} ms", ms(yaml));
    println!("checkdown parse + procedure view:        {:>7.1} ms  {:>6.1} MB/s", ms(checkdown), rate(checkdown));
    println!("ratio (checkdown / pulldown-cmark):      {:>7.2}x", ratio(checkdown));
}
