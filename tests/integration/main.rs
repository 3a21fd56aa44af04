//! checkdown's integration tests: one test binary, one module per area, fixtures in folders beside them.

mod support;
mod verify;
