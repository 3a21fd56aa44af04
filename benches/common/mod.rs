//! What the corpus benchmarks share: the corpus texts, and the median of timed passes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::hint::black_box;

/// The allocator the `checkdown` binary uses (src/main.rs), so every figure is the shipped one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use checkdown::parse::{NoIncludes, ParseOptions, parse, read_file};
use pulldown_cmark::Parser;

/// Every Markdown file of the shared corpus (`en-us/` then `fr-fr/`) as (path, text).
pub fn corpus_texts() -> Vec<(String, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    for locale in ["en-us", "fr-fr"] {
        collect(&corpus.join(locale), &mut files);
    }
    assert!(!files.is_empty(), "no corpus at {}", corpus.display());
    files.iter().map(|file| (file.display().to_string(), read_file(file).expect("corpus files are readable"))).collect()
}

/// The median wall time of each piece of `work`, timed in turns: one pass of each, `passes` times over. This machine's
/// speed drifts during a run; taking turns makes the drift weigh on every piece alike, so their ratios hold.
pub fn medians<const N: usize>(passes: usize, mut work: [&mut dyn FnMut(); N]) -> [Duration; N] {
    let mut times: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(passes));
    for _ in 0..passes {
        for (pass, times) in work.iter_mut().zip(&mut times) {
            let start = Instant::now();
            pass();
            times.push(start.elapsed());
        }
    }
    times.map(|mut times| {
        times.sort();
        times[passes / 2]
    })
}

/// One pass of pulldown-cmark alone over `texts`, with the extensions checkdown turns on and source offsets, as
/// checkdown reads them: the baseline every corpus benchmark compares with.
pub fn pulldown_pass(texts: &[(String, String)]) -> impl FnMut() + '_ {
    let options = checkdown::parse::markdown::options();
    move || {
        for (_, text) in texts {
            black_box(Parser::new_ext(text, options).into_offset_iter().count());
        }
    }
}

/// One pass of checkdown's parser over `texts`, with the procedure view of each article.
pub fn checkdown_pass(texts: &[(String, String)]) -> impl FnMut() + '_ {
    move || {
        for (name, text) in texts {
            let parsed = parse(name, text, &ParseOptions::default(), &NoIncludes);
            black_box(parsed.article.procedure());
        }
    }
}

/// Milliseconds, for printing.
pub fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            files.push(path);
        }
    }
}
