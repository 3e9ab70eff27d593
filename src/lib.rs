//! bdctl: operate the clickstream data platform on AWS or on the local disk.
//!
//! The binary (`src/main.rs`) only parses arguments, calls [`run`] and maps errors to exit codes;
//! everything else lives here so that tests can drive it in-process.

pub mod access;
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

/// The cores this process may use (1 when the system cannot tell).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Queries and transforms allocate and free many buffers of 128 KiB to a few MiB on several
/// threads. glibc maps each of those afresh and unmaps it on free, so every use faults its pages
/// in and zeroes them again (a fifth of a short query's time); kept in the heap they are reused.
/// Peak memory stays what the program holds at once. A `GLIBC_TUNABLES` setting wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    const MIB: libc::c_int = 1024 * 1024;
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        // SAFETY: mallopt only adjusts allocator parameters; called before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 32 * MIB);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 64 * MIB);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}
