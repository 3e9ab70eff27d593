//! Shared by the integration tests: a `bdctl` command isolated from the caller's environment,
//! and the moto server the test harness (`scripts/test`) starts.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

pub mod moto;

/// The variable `scripts/test` sets to the moto server's URL.
pub const MOTO_ENDPOINT_VAR: &str = "BDCTL_TEST_MOTO_ENDPOINT";

/// `bdctl` run in `dir`, with an empty HOME and no AWS_*, BDCTL_* or colour settings from outside.
pub fn bdctl(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bdctl").expect("the bdctl binary is built");
    cmd.current_dir(dir);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().to_string();
        if key.starts_with("AWS_")
            || key.starts_with("BDCTL_")
            || matches!(key.as_str(), "RUST_LOG" | "NO_COLOR" | "CLICOLOR_FORCE")
        {
            cmd.env_remove(&key);
        }
    }
    let home = dir.join(".home");
    std::fs::create_dir_all(&home).expect("create HOME");
    cmd.env("HOME", &home);
    cmd
}

/// The moto server's URL. Missing outside CI: the test is skipped with a note. Missing in CI:
/// the test fails, because then the AWS half of the suite would silently not run.
pub fn moto_endpoint() -> Option<String> {
    harness_var(MOTO_ENDPOINT_VAR, "starts a moto server")
}

/// A variable `scripts/test` sets (`what` it does for it): skipped with a note outside CI, a
/// failure in CI.
pub fn harness_var(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Some(value),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{var} is not set: run the suite through scripts/test")
        }
        _ => {
            eprintln!("skipped: {var} is not set (scripts/test {what})");
            None
        }
    }
}

/// A name unique to this test run, for buckets and other resources on the shared moto server.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{prefix}-{}-{}-{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A bdctl.toml with one aws environment `moto` that points at the emulator.
pub fn moto_config(endpoint: &str, buckets: &[(&str, &str)]) -> String {
    let mut text = format!(
        "[env.moto]\nbackend = \"aws\"\nregion = \"us-east-1\"\nendpoint_url = \"{endpoint}\"\nmax_attempts = 1\n"
    );
    for (key, bucket) in buckets {
        text.push_str(&format!("{key} = \"{bucket}\"\n"));
    }
    text
}

/// Environment variables that give bdctl static test credentials.
pub fn with_test_credentials(cmd: &mut Command) -> &mut Command {
    cmd.env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
}

/// The Python with pyarrow that `scripts/test` provides, as an independent reader of Parquet.
/// Missing outside CI: skipped with a note; missing in CI: the test fails.
pub fn test_python() -> Option<String> {
    match std::env::var("BDCTL_TEST_PYTHON") {
        Ok(python) if !python.is_empty() => Some(python),
        _ if std::env::var_os("CI").is_some() => {
            panic!("BDCTL_TEST_PYTHON is not set: run the suite through scripts/test")
        }
        _ => {
            eprintln!("skipped: BDCTL_TEST_PYTHON is not set (scripts/test provides pyarrow)");
            None
        }
    }
}

/// Every file below `root`, sorted.
pub fn files_below(root: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out.sort();
    out
}

/// Runs a Python script with the test Python (boto3 comes with moto) and arguments; returns what
/// it printed, or panics with its stderr when it fails.
pub fn run_python(python: &str, script: &str, args: &[&str]) -> String {
    let output =
        std::process::Command::new(python).arg("-c").arg(script).args(args).output().expect("run python");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// The start of a Python script that runs bdctl in a pseudo-terminal, as a person types at it.
/// Its one argument is JSON: `argv`, `cwd` and `env` (added to the environment, with the
/// caller's `BDCTL_*` and `AWS_*` variables removed). `expect(text)` waits for text on the
/// terminal and returns what appeared; `type_(text)` types; `exit_code()` waits for the end.
#[allow(dead_code)]
pub const PTY_DRIVER: &str = r#"
import json, os, pty, select, struct, sys, time, fcntl, termios
spec = json.loads(sys.argv[1])
env = {k: v for k, v in os.environ.items() if not k.startswith(("BDCTL_", "AWS_"))}
env.update(TERM="xterm", NO_COLOR="1")
env.update(spec["env"])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    os.execve(spec["argv"][0], spec["argv"], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
seen = b""
# Where the previous match ended: one read may bring the next token too (a result and the
# prompt after it), and it must still be there for the next expect.
consumed = 0
def expect(token, timeout=60):
    global seen, consumed
    deadline = time.time() + timeout
    start = consumed
    while token.encode() not in seen[start:]:
        if time.time() > deadline:
            raise SystemExit(f"waited for {token!r}; the terminal showed {seen[-3000:].decode(errors='replace')!r}")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    found = seen.find(token.encode(), start)
    consumed = found + len(token.encode()) if found >= 0 else len(seen)
    return seen[start:consumed].decode(errors="replace")
def type_(text):
    os.write(fd, text.encode())
def exit_code():
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
"#;

/// Runs a scenario after [`PTY_DRIVER`] with bdctl started as `args` in `cwd` with `env`.
#[allow(dead_code)]
pub fn run_at_terminal(
    python: &str,
    scenario: &str,
    args: &[&str],
    cwd: &Path,
    env: &[(&str, &str)],
) -> String {
    let mut argv = vec![assert_cmd::cargo::cargo_bin("bdctl").display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let spec = serde_json::json!({
        "argv": argv,
        "cwd": cwd,
        "env": env.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(*v))).collect::<serde_json::Map<_, _>>(),
    });
    run_python(python, &format!("{PTY_DRIVER}{scenario}"), &[&spec.to_string()])
}
