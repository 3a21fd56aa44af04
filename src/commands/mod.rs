//! One module per subcommand: each takes a validated job from [`cli`](crate::cli) and runs it.

pub mod parse;
pub mod render;
pub mod sync;
pub mod verify;
