//! Placeholder until the fake Graph lands.

fn main() {}
