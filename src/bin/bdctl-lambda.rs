//! `bootstrap` of the transform function on Lambda's provided.al2023 runtime: it serves the
//! Runtime API that `AWS_LAMBDA_RUNTIME_API` names, with the settings of its environment.

use std::process::ExitCode;

fn main() -> ExitCode {
    bdctl::allocator::keep_freed_memory();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(bdctl::lambda::serve()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
