//! bdctl: operate the clickstream data platform on AWS or on the local disk.
//!
//! The binary (`src/main.rs`) only parses arguments, calls [`run`] and maps errors to exit codes;
//! everything else lives here so that tests can drive it in-process.

pub mod access;
pub mod allocator;
pub mod backend;
pub mod cli;
pub mod commands;
pub(crate) mod discover;
pub mod error;
pub(crate) mod estimate;
pub(crate) mod files;
pub mod lambda;
pub mod layout;
pub(crate) mod output;
pub(crate) mod pipeline;
pub(crate) mod pricing;
pub mod services;
pub mod settings;
pub mod spark;
pub(crate) mod synth;
pub mod transform;

pub use commands::run;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

/// The cores this process may use (1 when the system cannot tell).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
