//! Exit codes and the one-line rendering of errors.
//!
//! Commands return `anyhow::Error`; the exit code is decided by the most specific marker error
//! found anywhere in its chain, so context can be added freely without losing the code.

use std::io;
use std::process::ExitCode;

/// The documented exit codes of every bdctl command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success = 0,
    /// The operation failed.
    Failure = 1,
    /// Bad usage or configuration.
    Usage = 2,
    /// A remote job or query failed or was cancelled on the service side.
    RemoteFailed = 3,
    /// Timed out waiting.
    TimedOut = 4,
    /// Interrupted by Ctrl-C or SIGTERM.
    Interrupted = 130,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(status as u8)
    }
}

/// A usage or configuration problem (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// What this backend cannot do, with the reason (exit 2): the answer of a capability that one
/// backend has and the other has not, as arrow-rs-object-store's `NotSupported`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotSupported(pub String);

/// A job, crawl or query that failed or was cancelled on the service side (exit 3).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RemoteFailed(pub String);

/// Gave up waiting (exit 4).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TimedOut(pub String);

/// Stopped by Ctrl-C or SIGTERM (exit 130).
#[derive(Debug, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted;

/// AWS refused the credentials (expired, unknown or missing), as opposed to refusing an action.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CredentialsRefused(pub String);

/// Resolves on the first Ctrl-C (SIGINT) or SIGTERM.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// A request to stop, raised by the first SIGINT or SIGTERM, for commands that finish the work in
/// flight and report what was done before exiting 130. A second signal while the request is held
/// exits at once.
#[derive(Clone)]
pub struct StopRequest {
    raised: tokio::sync::watch::Receiver<bool>,
}

impl StopRequest {
    /// Starts listening for the signals (inside the runtime).
    pub fn listen() -> Self {
        let (raise, raised) = tokio::sync::watch::channel(false);
        // The listener ends with the last receiver, so that a long-lived caller (the SQL shell)
        // does not keep one per statement, each ready to exit on a later Ctrl-C.
        tokio::spawn(async move {
            tokio::select! {
                () = interrupted() => {}
                () = raise.closed() => return,
            }
            let _ = raise.send(true);
            tokio::select! {
                () = interrupted() => {}
                () = raise.closed() => return,
            }
            eprintln!("error: interrupted again: stopping now");
            std::process::exit(ExitStatus::Interrupted as i32);
        });
        Self { raised }
    }

    pub fn requested(&self) -> bool {
        *self.raised.borrow()
    }

    /// Resolves once a stop is requested.
    pub async fn wait(&mut self) {
        let _ = self.raised.wait_for(|raised| *raised).await;
    }
}

/// Shorthand for a `NotSupported` answer built from its reason.
pub fn not_supported(reason: impl Into<String>) -> anyhow::Error {
    NotSupported(reason.into()).into()
}

/// True when the error is a backend saying it cannot do this at all.
pub fn is_not_supported(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<NotSupported>())
}

/// Shorthand for a usage error built from a message.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

pub fn exit_status(err: &anyhow::Error) -> ExitStatus {
    for cause in err.chain() {
        if cause.is::<Interrupted>() {
            return ExitStatus::Interrupted;
        }
        if cause.is::<TimedOut>() {
            return ExitStatus::TimedOut;
        }
        if cause.is::<RemoteFailed>() {
            return ExitStatus::RemoteFailed;
        }
        if cause.is::<UsageError>()
            || cause.is::<NotSupported>()
            || cause.is::<crate::settings::SettingsError>()
        {
            return ExitStatus::Usage;
        }
        if let Some(io_err) = cause.downcast_ref::<io::Error>() {
            // `bdctl … | head` closes the pipe early: that is the reader's choice, not a failure.
            if io_err.kind() == io::ErrorKind::BrokenPipe {
                return ExitStatus::Success;
            }
        }
    }
    ExitStatus::Failure
}

/// One line: `error: what failed: why: underlying cause`, with repeated messages folded.
pub fn render(err: &anyhow::Error) -> String {
    format!("error: {}", message(err))
}

/// The error's causes on one line, without the `error:` label: for a table cell.
pub fn message(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string().replace('\n', " ");
        let text = text.trim();
        if text.is_empty() || parts.iter().any(|seen| seen.contains(text)) {
            continue;
        }
        parts.push(text.to_string());
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn marker_anywhere_in_chain_decides_the_code() {
        let err = Err::<(), _>(RemoteFailed("query failed".into())).context("running the query").unwrap_err();
        assert_eq!(exit_status(&err), ExitStatus::RemoteFailed);
        assert_eq!(exit_status(&anyhow::anyhow!("plain")), ExitStatus::Failure);
        assert_eq!(exit_status(&usage("bad flag")), ExitStatus::Usage);
        let unsupported = not_supported("the local backend has no crawler").context("crawling");
        assert_eq!(exit_status(&unsupported), ExitStatus::Usage);
        assert!(is_not_supported(&unsupported));
        assert!(!is_not_supported(&usage("bad flag")));
    }

    #[test]
    fn broken_pipe_is_success() {
        let err = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing rows");
        assert_eq!(exit_status(&err), ExitStatus::Success);
    }

    #[test]
    fn render_is_one_line_with_causes() {
        let err =
            Err::<(), _>(io::Error::other("disk full\nreally")).context("writing bdctl.toml").unwrap_err();
        assert_eq!(render(&err), "error: writing bdctl.toml: disk full really");
    }
}
