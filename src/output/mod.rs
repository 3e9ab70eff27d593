//! Everything a command shows: rows on stdout in the chosen format; notices, progress, spinners
//! and prompts on stderr, hidden when stderr is not a terminal or with `--quiet`.

pub mod parquet_rows;
mod rows;

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::usage;

pub use rows::{Format, RowWriter, Table, cell_text};

/// The handle commands use to talk to the person or the script that called them.
#[derive(Debug, Clone)]
pub struct Printer {
    format: Format,
    quiet: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    stdin_tty: bool,
    color: bool,
    no_input: bool,
    assume_yes: bool,
}

impl Printer {
    pub fn new(global: &GlobalArgs) -> Self {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (color_out, color_err) = match global.color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto if no_color_env => (false, false),
            ColorChoice::Auto => (stdout_tty, stderr_tty),
        };
        console::set_colors_enabled(color_out);
        console::set_colors_enabled_stderr(color_err);
        Self {
            format: Format::resolve(global.output, stdout_tty),
            quiet: global.quiet,
            stdout_tty,
            stderr_tty,
            stdin_tty: io::stdin().is_terminal(),
            color: color_out,
            no_input: global.no_input,
            assume_yes: global.yes,
        }
    }

    /// A printer with fixed answers to the terminal questions, for tests.
    #[cfg(test)]
    pub fn for_tests(output: crate::cli::OutputFormat) -> Self {
        Self {
            format: Format::resolve(output, false),
            quiet: true,
            stdout_tty: false,
            stderr_tty: false,
            stdin_tty: false,
            color: false,
            no_input: true,
            assume_yes: false,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// An informational line on stderr (hidden with --quiet).
    pub fn notice(&self, message: impl Display) {
        if !self.quiet {
            let _ = writeln!(io::stderr(), "{message}");
        }
    }

    /// A warning on stderr (shown even with --quiet: it may change what the caller does).
    pub fn warn(&self, message: impl Display) {
        let label = console::style("warning:").yellow().bold().for_stderr();
        let _ = writeln!(io::stderr(), "{label} {message}");
    }

    fn shows_progress(&self) -> bool {
        self.stderr_tty && !self.quiet
    }

    /// A spinner on stderr; a hidden one when nobody is watching.
    pub fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner:.cyan} {msg} {elapsed:.dim}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    }

    /// A spinner that long operations of the backend report through: its state on the spinner,
    /// notices and warnings printed above it. Cleared when dropped.
    pub fn reporter(&self, message: impl Into<String>) -> SpinnerReporter<'_> {
        SpinnerReporter { printer: self, bar: self.spinner(message) }
    }

    /// A progress bar of `len` units on stderr; hidden when nobody is watching.
    pub fn progress(&self, len: u64, template: &str) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
        }
        bar
    }

    /// Asks before something destructive. `--yes` answers for the user; without a terminal, or
    /// with `--no-input`, it fails with a hint instead of waiting for an answer that never comes.
    pub fn confirm(&self, prompt: &str) -> anyhow::Result<bool> {
        if self.assume_yes {
            return Ok(true);
        }
        if self.no_input || !self.stdin_tty || !self.stderr_tty {
            return Err(usage(format!(
                "{prompt}: confirmation needed but there is no terminal to ask (pass --yes to proceed)"
            )));
        }
        let answer = dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .interact_on(&console::Term::stderr())?;
        Ok(answer)
    }

    /// True when prompts may be shown (a terminal on stdin and stderr, no --no-input).
    pub fn can_prompt(&self) -> bool {
        !self.no_input && self.stdin_tty && self.stderr_tty
    }

    /// Writes a whole table to stdout in the chosen format.
    pub fn print_table(&self, table: &Table) -> io::Result<()> {
        let stdout = io::stdout();
        let mut writer = self.row_writer(stdout.lock(), table.columns.clone()).with_byte_sizes_for_people();
        for row in &table.rows {
            writer.write_row(row.clone())?;
        }
        writer.finish().map(|_| ())
    }

    /// A streaming writer of rows in the chosen format.
    pub fn row_writer<W: Write>(&self, out: W, columns: Vec<String>) -> RowWriter<W> {
        RowWriter::new(out, self.format, columns, self.color, self.stdout_tty)
    }

    /// A streaming writer of rows to stdout in a given format (the SQL shell's `\format`).
    pub fn terminal_row_writer<W: Write>(
        &self,
        out: W,
        columns: Vec<String>,
        format: Format,
    ) -> RowWriter<W> {
        RowWriter::new(out, format, columns, self.color, self.stdout_tty)
    }

    /// A streaming writer of rows in a given format, for files (`--out`).
    pub fn file_row_writer<W: Write>(&self, out: W, columns: Vec<String>, format: Format) -> RowWriter<W> {
        RowWriter::new(out, format, columns, false, false)
    }
}

/// A measured quantity as a JSON number: whole values as integers (a count of 2000 reads `2000`,
/// not `2000.0`), and never a negative zero (an empty float sum is `-0.0`).
/// See [`Printer::reporter`].
pub struct SpinnerReporter<'a> {
    printer: &'a Printer,
    bar: ProgressBar,
}

impl crate::backend::Reporter for SpinnerReporter<'_> {
    fn status(&self, text: &str) {
        self.bar.set_message(text.to_string());
    }
    fn notice(&self, text: &str) {
        self.bar.suspend(|| self.printer.notice(text));
    }
    fn warn(&self, text: &str) {
        self.bar.suspend(|| self.printer.warn(text));
    }
}

impl Drop for SpinnerReporter<'_> {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

pub fn number(value: f64) -> serde_json::Value {
    let value = value + 0.0;
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_expect() {
        assert_eq!(number(2000.0).to_string(), "2000");
        assert_eq!(number(-0.0).to_string(), "0");
        assert_eq!(number(0.25).to_string(), "0.25");
        assert_eq!(number([].iter().sum::<f64>()).to_string(), "0");
    }

    #[test]
    fn confirmation_without_a_terminal_fails_with_a_hint() {
        let printer = Printer::for_tests(crate::cli::OutputFormat::Json);
        let err = printer.confirm("delete 3 objects").unwrap_err();
        assert!(err.to_string().contains("pass --yes"), "{err}");
        assert_eq!(crate::error::exit_status(&err), crate::error::ExitStatus::Usage);
        let yes = Printer { assume_yes: true, ..printer };
        assert!(yes.confirm("delete 3 objects").unwrap());
    }
}

/// JSON on one line for a terminal: keys blue, strings green (a `level` of error red, of warning
/// yellow), numbers yellow.
pub fn coloured_json(value: &serde_json::Value) -> String {
    let mut text = String::new();
    colour_json(value, None, &mut text);
    text
}

fn colour_json(value: &serde_json::Value, key: Option<&str>, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            out.push('{');
            for (i, (name, inner)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(
                    &console::style(serde_json::Value::from(name.as_str()).to_string()).blue().to_string(),
                );
                out.push(':');
                colour_json(inner, Some(name), out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, inner) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                colour_json(inner, None, out);
            }
            out.push(']');
        }
        serde_json::Value::String(text) => {
            let shown = value.to_string();
            let styled = match (key, text.as_str()) {
                (Some("level"), "ERROR" | "error" | "FATAL") => console::style(shown).red().bold(),
                (Some("level"), "WARN" | "WARNING" | "warn") => console::style(shown).yellow().bold(),
                _ => console::style(shown).green(),
            };
            out.push_str(&styled.to_string());
        }
        serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
            out.push_str(&console::style(value.to_string()).yellow().to_string())
        }
        serde_json::Value::Null => out.push_str(&console::style("null").dim().to_string()),
    }
}
