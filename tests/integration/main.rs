//! checkdown's integration tests: one test binary, one module per area, fixtures in a folder beside each module.

mod corpus;
mod parse;
mod support;
mod sync;
