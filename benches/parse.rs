//! Parse throughput on the shared corpus, next to pulldown-cmark alone on the same files.
//!
//! Run: `cargo bench --bench parse`. Prints MB/s for both and their ratio (the target: checkdown within 1.5x of
//! pulldown-cmark alone). Each figure is the median of several passes over every Markdown file of the corpus.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use checkdown::parse::{NoIncludes, ParseOptions, parse, read_file};
use pulldown_cmark::{Options, Parser};

const PASSES: usize = 15;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    for locale in ["en-us", "fr-fr"] {
        collect(&corpus.join(locale), &mut files);
    }
    assert!(!files.is_empty(), "no corpus at {}", corpus.display());
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|file| (file.display().to_string(), read_file(file).expect("corpus files are readable")))
        .collect();
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();

    // The same extensions checkdown turns on, with source offsets, as checkdown reads them.
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM;
    let pulldown = median(|| {
        for (_, text) in &texts {
            black_box(Parser::new_ext(text, options).into_offset_iter().count());
        }
    });
    let checkdown = median(|| {
        for (name, text) in &texts {
            let parsed = parse(name, text, &ParseOptions::default(), &NoIncludes);
            black_box(parsed.article.procedure());
        }
    });
    // What the mandated YAML reader alone costs: the floor under any parse that reads front matter.
    let yaml = median(|| {
        for (_, text) in &texts {
            let split = checkdown::parse::front_matter::split(text);
            let index = checkdown::parse::lines::LineIndex::new(text);
            black_box(checkdown::parse::front_matter::read(text, &split, &index).ok());
        }
    });
    let rate = |time: Duration| bytes as f64 / 1e6 / time.as_secs_f64();
    println!("corpus: {} files, {:.1} MB, median of {PASSES} passes", texts.len(), bytes as f64 / 1e6);
    println!("pulldown-cmark alone:                    {:>7.1} ms  {:>6.1} MB/s", ms(pulldown), rate(pulldown));
    println!("front matter alone (serde_yaml):         {:>7.1} ms", ms(yaml));
    println!("checkdown parse + procedure view:        {:>7.1} ms  {:>6.1} MB/s", ms(checkdown), rate(checkdown));
    println!("ratio (checkdown / pulldown-cmark):      {:>7.2}x", checkdown.as_secs_f64() / pulldown.as_secs_f64());
}

fn median(mut pass: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..PASSES)
        .map(|_| {
            let start = Instant::now();
            pass();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[PASSES / 2]
}

fn ms(time: Duration) -> f64 {
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
