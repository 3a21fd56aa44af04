//! The `checkdown` command: parse the arguments, run the job, print the whole error chain on failure.

use std::process::ExitCode;

use checkdown::cli::{Args, Exit};
use clap::Parser as _;

/// A parse builds many small strings and lists; mimalloc serves them about twice as fast as the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let outcome = Args::parse().resolve().and_then(|job| job.run());
    match outcome {
        Ok(exit) => exit.into(),
        // A closed pipe (`checkdown parse x.md | head`) is not a failure.
        Err(error) if is_broken_pipe(&error) => Exit::Success.into(),
        Err(error) => {
            eprintln!("checkdown: error: {}", checkdown::verify::redact(&format!("{error:#}")));
            Exit::Failure.into()
        }
    }
}

/// A write to a closed pipe, whether it came straight from I/O or through a JSON writer.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => Some(io.kind()),
            None => cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
