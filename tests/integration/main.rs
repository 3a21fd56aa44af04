//! checkdown's integration tests: one test binary, one module per area, fixtures in a folder beside each module.

mod cli;
mod corpus;
mod parse;
mod render;
mod support;
mod sync;
mod verify;
