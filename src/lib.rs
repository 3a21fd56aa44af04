//! checkdown turns Microsoft Learn documentation into checklists people can print, verify against a Microsoft 365
//! tenant, and keep in sync across languages.
//!
//! The pipeline, in module order (ARCHITECTURE.md walks through it):
//! [`parse`] reads Learn-flavoured Markdown into the [`model`]; [`render`] turns the model into printable
//! checklists; [`sync`] compares a translation with its source; [`verify`] checks a live tenant read-only; and
//! [`report`] prints what sync and the parser find.

pub mod assets;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod i18n;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod sync;
pub mod verify;
