use std::process::ExitCode;

use bdctl::cli::{Cli, Command};
use bdctl::error::{ExitStatus, exit_status};

fn main() -> ExitCode {
    bdctl::allocator::keep_freed_memory();
    let cli = Cli::parse_from_env();
    if matches!(cli.command, Command::Query(_) | Command::Sql(_)) {
        bdctl::allocator::use_engine_allocator();
    }
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
