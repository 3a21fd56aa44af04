//! How the time of `checkdown sync` grows with the size of one pair: each shape at four sizes, each twice the last.
//!
//! Run: `cargo bench --bench scaling`. Starts the release binary on generated pairs, writing the text report and the
//! JSON report (which fingerprints every finding), and prints the median wall time of each (process start to exit)
//! and how much it grew from the size before: about 2x when the work grows linearly, 4x when quadratically. The shapes
//! are the ones that once grew faster than linearly: many paragraphs that start alike, some left in English (the
//! identical-to-source lookup), one paragraph of thousands of references and numbers, some missing or written
//! another way (reference matching, numbers, fingerprints and snippets of one long line), and code blocks each broken
//! so that it swallows the rest of the file until it is mended (each is found only once the one before is closed, and
//! each find reads the file again: this grows quadratically, by design, and once grew as the cube), and lines of
//! fences and texts drawn at random, as QA's fuzzer writes them (the mending went round without end on such files).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const SIZES: [usize; 4] = [2_000, 4_000, 8_000, 16_000];
/// Broken code blocks: a few hundred are already far more than any real file has.
const BROKEN_SIZES: [usize; 4] = [150, 300, 600, 1_200];
/// Lines of fences and short texts drawn at random: a third are fences.
const DENSE_SIZES: [usize; 4] = [750, 1_500, 3_000, 6_000];

/// A source and a translation of `size` units of one shape.
type Shape = fn(usize) -> (String, String);

fn main() {
    let dir = std::env::temp_dir().join(format!("checkdown-scaling-bench-{}", std::process::id()));
    let shapes: [(&str, Shape, [usize; 4]); 5] = [
        ("paragraphs that start alike", alike_paragraphs, SIZES),
        ("one long paragraph", long_paragraph, SIZES),
        ("code blocks closed with the wrong fence", wrong_closing_fences, BROKEN_SIZES),
        ("code blocks that lost both fences", lost_fences, BROKEN_SIZES),
        ("fences and texts at random", dense_fences, DENSE_SIZES),
    ];
    for (name, shape, sizes) in shapes {
        println!("{name}:");
        let mut previous: Option<[Duration; 2]> = None;
        for size in sizes {
            let (source, target) = shape(size);
            let (english, french) = (dir.join("en-us/a.md"), dir.join("fr-fr/a.md"));
            for (path, text) in [(&english, &source), (&french, &target)] {
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("a temporary folder");
                std::fs::write(path, text).expect("the pair is written");
            }
            let times = ["text", "json"].map(|format| median_run(&dir, format));
            let growth = |index: usize| {
                previous.map_or(String::new(), |previous: [Duration; 2]| {
                    format!(" ({:.1}x)", times[index].as_secs_f64() / previous[index].as_secs_f64())
                })
            };
            println!(
                "  {size:>6} units, {:>5} kB: text {:>7.1} ms{:<8} json {:>7.1} ms{}",
                source.len() / 1000,
                ms(times[0]),
                growth(0),
                ms(times[1]),
                growth(1)
            );
            previous = Some(times);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sections of a paragraph each, all starting with the same words; the translation leaves every tenth in English, from
/// another version of the source: like none of the source's paragraphs, so each is looked up among all of them.
fn alike_paragraphs(size: usize) -> (String, String) {
    let mut source = String::from("# Set up\n\n");
    let mut target = String::from("---\nms.contentlocale: fr-fr\n---\n# Configurer\n\n");
    for i in 0..size {
        source.push_str(&format!("## Part {i}\n\nSelect **Next** on page {i} of the wizard, then wait for it.\n\n"));
        target.push_str(&if i % 10 == 0 {
            format!("## Partie {i}\n\nSelect **Next** on page {i} of the wizard and wait until it is done.\n\n")
        } else {
            format!("## Partie {i}\n\nSélectionnez **Suivant** à la page {i} de l’assistant.\n\n")
        });
    }
    (source, target)
}

/// One paragraph of inline code, links and numbers; the translation writes the links as relative paths, leaves out
/// every tenth unit and changes every twentieth number.
fn long_paragraph(size: usize) -> (String, String) {
    let mut source = String::from("# Reference\n\n");
    let mut target = String::from("---\nms.contentlocale: fr-fr\n---\n# Référence\n\n");
    for i in 0..size {
        source.push_str(&format!(
            "Run `Get-Item{i} -Name x` and see [page {i}](https://learn.microsoft.com/en-us/office/p{i}). "
        ));
        if i % 10 != 0 {
            let number = if i % 20 == 1 { i + 1 } else { i };
            target
                .push_str(&format!("Exécutez `Get-Item{i} -name x` et voyez [la page {number}](../office/p{i}.md). "));
        }
    }
    (source + "\n", target + "\n")
}

/// Code blocks after a paragraph each; the translation closes each `~~~` block with ```, which cannot close it.
fn wrong_closing_fences(size: usize) -> (String, String) {
    let mut source = String::from("# Run\n\n");
    let mut target = String::from("---\nms.contentlocale: fr-fr\n---\n# Exécuter\n\n");
    for i in 0..size {
        source.push_str(&format!("Step {i}.\n\n~~~\nGet-Thing -Id {i}\n~~~\n\n"));
        target.push_str(&format!("Étape {i}.\n\n~~~\nGet-Thing -Id {i}\n```\n\n"));
    }
    (source, target)
}

/// A command and its output, each a code block; the translation lost both fences of every command.
fn lost_fences(size: usize) -> (String, String) {
    let mut source = String::from("# Run\n\n");
    let mut target = String::from("---\nms.contentlocale: fr-fr\n---\n# Exécuter\n\n");
    for i in 0..size {
        source.push_str(&format!("Run {i}:\n\n```\nGet-Thing -Id {i}\n```\n\n```\nId : {i}\n```\n\n"));
        target.push_str(&format!("Exécutez {i} :\n\nGet-Thing -Id {i}\n\n```\nId : {i}\n```\n\n"));
    }
    (source, target)
}

/// Lines drawn at random, as a fuzzer writes them: fences of both kinds and short texts, each after a list, note or
/// indentation prefix; the translation changes every number and moves every fiftieth line to the margin. Such fences
/// pair in ways no writer's do, and mending them once went round without end, reading the file again each time, until
/// a round was spent for every fence: the time grew with the cube of the size.
fn dense_fences(size: usize) -> (String, String) {
    const PREFIXES: [&str; 8] = ["", "   ", "     ", "> ", "   > ", "1. ", "- ", "    "];
    const LINES: [&str; 9] =
        ["```", "~~~", "```powershell", "Get-A -Name x", "Step 15 minutes.", "", "Run this:", "````", "Text 3."];
    // xorshift64: the same pair at every run, with no crate for it.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let (mut source, mut target) =
        (String::from("# T\n\n"), String::from("---\nms.contentlocale: fr-fr\n---\n# T\n\n"));
    for i in 0..size {
        let line = format!("{}{}\n", PREFIXES[next(PREFIXES.len())], LINES[next(LINES.len())]);
        source.push_str(&line);
        let translated = line.replace("15", "20");
        target.push_str(if i % 50 == 0 { translated.trim_start_matches([' ', '>']) } else { &translated });
    }
    (source, target)
}

/// The median wall time of `checkdown sync en-us/a.md fr-fr/a.md` in `dir`, writing a report in `format`.
fn median_run(dir: &Path, format: &str) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_checkdown"))
                .args(["sync", "en-us/a.md", "fr-fr/a.md", "--fail-on", "never", "--force", "--format", format, "-o"])
                .arg(format!("report.{format}"))
                .current_dir(dir)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("checkdown runs");
            let elapsed = start.elapsed();
            assert!(status.success(), "checkdown sync failed on the {format} run");
            elapsed
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
