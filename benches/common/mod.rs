//! What the corpus benchmarks share: the corpus texts, and the median of timed passes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::hint::black_box;

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

/// The median wall time of `passes` runs of `pass`.
pub fn median(passes: usize, mut pass: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..passes)
        .map(|_| {
            let start = Instant::now();
            pass();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[passes / 2]
}

/// pulldown-cmark alone over `texts`, with the extensions checkdown turns on and source offsets, as checkdown reads
/// them: the baseline every corpus benchmark compares with.
pub fn pulldown_alone(passes: usize, texts: &[(String, String)]) -> Duration {
    let options = checkdown::parse::markdown::options();
    median(passes, || {
        for (_, text) in texts {
            black_box(Parser::new_ext(text, options).into_offset_iter().count());
        }
    })
}

/// checkdown's parser over `texts`, with the procedure view of each article.
pub fn checkdown_parse(passes: usize, texts: &[(String, String)]) -> Duration {
    median(passes, || {
        for (name, text) in texts {
            let parsed = parse(name, text, &ParseOptions::default(), &NoIncludes);
            black_box(parsed.article.procedure());
        }
    })
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
