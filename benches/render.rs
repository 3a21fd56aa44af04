//! Rendering the bundled article to printable HTML, end to end: process start to exit.
//!
//! Run: `cargo bench --bench render`. Starts the release binary `RUNS` times (`checkdown render -o FILE --force`) and
//! prints the median and the fastest wall time (the target: under 20 ms).

use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn main() {
    let dir = std::env::temp_dir().join(format!("checkdown-render-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let output = dir.join("checklist.html");
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_checkdown"))
                .args(["render", "--force", "-o"])
                .arg(&output)
                .current_dir(&dir)
                .status()
                .expect("checkdown runs");
            let elapsed = start.elapsed();
            assert!(status.success());
            elapsed
        })
        .collect();
    times.sort();
    let bytes = std::fs::metadata(&output).map(|metadata| metadata.len()).unwrap_or_default();
    println!("checkdown render (bundled article, HTML, {bytes} bytes), {RUNS} runs, process start to exit:");
    println!("median {:.1} ms, fastest {:.1} ms", ms(times[RUNS / 2]), ms(times[0]));
    let _ = std::fs::remove_dir_all(&dir);
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
