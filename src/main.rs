use std::process::ExitCode;

use bdctl::cli::Cli;
use bdctl::error::{ExitStatus, exit_status};

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse_from_env();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitStatus::Failure.into();
        }
    };
    let result = runtime.block_on(bdctl::run(cli));
    // Background SDK tasks (connection pools, credential refresh) must not hold the exit.
    runtime.shutdown_background();
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            let status = exit_status(&err);
            if status != ExitStatus::Success {
                eprintln!("{}", bdctl::error::render(&err));
            }
            status.into()
        }
    }
}

/// Queries and transforms allocate and free many buffers of 128 KiB to a few MiB on several
/// threads. glibc maps each of those afresh and unmaps it on free, so every use faults its pages
/// in and zeroes them again (a fifth of a short query's time); kept in the heap they are reused.
/// Peak memory stays what the program holds at once. A `GLIBC_TUNABLES` setting wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
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
fn keep_freed_memory() {}
