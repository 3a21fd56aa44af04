//! The `checkdown` command.

fn main() {}
