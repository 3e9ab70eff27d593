//! bdctl: operate the clickstream data platform on AWS or on the local disk.
//!
//! The binary (`src/main.rs`) only parses arguments, calls [`run`] and maps errors to exit codes;
//! everything else lives here so that tests can drive it in-process.

pub mod access;
pub mod backend;
pub mod cli;
pub mod commands;
pub mod discover;
pub mod error;
pub mod estimate;
pub mod files;
pub mod layout;
pub mod output;
pub mod pipeline;
pub mod pricing;
pub mod services;
pub mod settings;
pub mod synth;
pub mod transform;

pub use commands::run;
