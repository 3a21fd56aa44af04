//! The `checkdown` command: parse the arguments, run the job, print the whole error chain on failure.

use std::process::ExitCode;

use checkdown::cli::{Args, Exit};
use clap::Parser as _;

fn main() -> ExitCode {
    let outcome = Args::parse().resolve().and_then(|job| job.run());
    match outcome {
        Ok(exit) => exit.into(),
        // A closed pipe (`checkdown parse x.md | head`) is not a failure.
        Err(error) if is_broken_pipe(&error) => Exit::Success.into(),
        Err(error) => {
            eprintln!("checkdown: error: {error:#}");
            Exit::Failure.into()
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
