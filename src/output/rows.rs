//! Rows in every output format: table, CSV, TSV, JSON (an array of objects) and NDJSON.
//! Cells are JSON values so that numbers stay numbers in JSON and line up right in tables.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, presets};
use serde_json::Value;

use crate::cli::OutputFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Ndjson,
}

impl Format {
    /// `auto` is a table for a person at a terminal and tab-separated values for a pipe.
    pub fn resolve(choice: OutputFormat, stdout_is_terminal: bool) -> Self {
        match choice {
            OutputFormat::Auto if stdout_is_terminal => Format::Table,
            OutputFormat::Auto => Format::Tsv,
            OutputFormat::Table => Format::Table,
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Tsv => Format::Tsv,
            OutputFormat::Json => Format::Json,
            OutputFormat::Ndjson => Format::Ndjson,
        }
    }

    pub fn is_machine_readable(self) -> bool {
        self != Format::Table
    }
}

/// A small, fully materialized result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Self {
        Self { columns: columns.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }
}

/// Text of a cell for the text formats: nulls are empty, strings unquoted, the rest as JSON.
pub fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

enum Sink<W: Write> {
    /// Tables need every width before the first line: rows are kept until `finish`.
    Table {
        out: W,
        rows: Vec<Vec<Value>>,
    },
    Delimited(csv::Writer<W>),
    Json {
        out: W,
        first: bool,
    },
    Ndjson(W),
}

/// Streams rows to a writer in one format. Call `finish` at the end: it completes JSON arrays
/// and renders tables.
pub struct RowWriter<W: Write> {
    columns: Vec<String>,
    sink: Sink<W>,
    color: bool,
    terminal: bool,
    byte_sizes_for_people: bool,
}

impl<W: Write> RowWriter<W> {
    pub fn new(out: W, format: Format, columns: Vec<String>, color: bool, terminal: bool) -> Self {
        let sink = match format {
            Format::Table => Sink::Table { out, rows: Vec::new() },
            Format::Csv | Format::Tsv => {
                let delimiter = if format == Format::Csv { b',' } else { b'\t' };
                Sink::Delimited(csv::WriterBuilder::new().delimiter(delimiter).from_writer(out))
            }
            Format::Json => Sink::Json { out, first: true },
            Format::Ndjson => Sink::Ndjson(out),
        };
        let mut writer = Self { columns, sink, color, terminal, byte_sizes_for_people: false };
        if let Sink::Delimited(csv) = &mut writer.sink {
            // A header even for an empty result, so scripts can rely on line 1.
            if let Err(err) = csv.write_record(&writer.columns) {
                tracing::debug!("header not written: {err}");
            }
        }
        writer
    }

    /// For bdctl's own reports: in a table, byte counts (columns named `bytes`, `bytes_…` or
    /// `…_bytes`) read as sizes (5.4 MB). Other formats keep the exact numbers.
    pub fn with_byte_sizes_for_people(mut self) -> Self {
        self.byte_sizes_for_people = true;
        self
    }

    pub fn write_row(&mut self, row: Vec<Value>) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table { rows, .. } => rows.push(row),
            Sink::Delimited(csv) => {
                csv.write_record(row.iter().map(cell_text)).map_err(csv_to_io)?;
            }
            Sink::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                write_object(out, &self.columns, &row)?;
            }
            Sink::Ndjson(out) => {
                write_object(out, &self.columns, &row)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Hands what was written so far to the writer (a follow shows each event as it comes).
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table { .. } => Ok(()),
            Sink::Delimited(csv) => csv.flush(),
            Sink::Json { out, .. } | Sink::Ndjson(out) => out.flush(),
        }
    }

    /// Completes the output and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        match self.sink {
            Sink::Table { mut out, rows } => {
                let sizes: Vec<bool> = self
                    .columns
                    .iter()
                    .map(|c| {
                        self.byte_sizes_for_people
                            && (c == "bytes" || c.starts_with("bytes_") || c.ends_with("_bytes"))
                    })
                    .collect();
                let table = render_table(&self.columns, &rows, &sizes, self.color, self.terminal);
                writeln!(out, "{table}")?;
                out.flush()?;
                Ok(out)
            }
            Sink::Delimited(csv) => {
                let mut out = csv.into_inner().map_err(|e| e.into_error())?;
                out.flush()?;
                Ok(out)
            }
            Sink::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
                Ok(out)
            }
            Sink::Ndjson(mut out) => {
                out.flush()?;
                Ok(out)
            }
        }
    }
}

fn csv_to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// One JSON object with keys in column order (serde_json's map would sort them).
fn write_object<W: Write>(out: &mut W, columns: &[String], row: &[Value]) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, column)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, row.get(i).unwrap_or(&Value::Null))?;
    }
    out.write_all(b"}")
}

fn render_table(
    columns: &[String],
    rows: &[Vec<Value>],
    byte_sizes: &[bool],
    color: bool,
    terminal: bool,
) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.apply_modifier(comfy_table::modifiers::UTF8_ROUND_CORNERS);
    if terminal {
        table.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table.force_no_tty();
    }
    if color {
        table.enforce_styling();
    }
    table.set_header(columns.iter().map(|name| {
        let cell = Cell::new(name);
        if color { cell.add_attribute(comfy_table::Attribute::Bold) } else { cell }
    }));
    for row in rows {
        table.add_row(row.iter().enumerate().map(|(i, value)| {
            let text = match value.as_u64() {
                Some(bytes) if byte_sizes.get(i).copied().unwrap_or(false) => {
                    crate::pricing::human_bytes(bytes)
                }
                _ => cell_text(value),
            };
            let cell = Cell::new(text);
            if value.is_number() { cell.set_alignment(CellAlignment::Right) } else { cell }
        }));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(format: Format, rows: &[Vec<Value>]) -> String {
        let mut out = Vec::new();
        let mut writer = RowWriter::new(&mut out, format, vec!["name".into(), "count".into()], false, false);
        for row in rows {
            writer.write_row(row.clone()).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Vec<Vec<Value>> {
        vec![vec![json!("page_view"), json!(12)], vec![json!("a,b\tc"), Value::Null]]
    }

    #[test]
    fn json_is_an_array_of_objects_in_column_order() {
        let text = render(Format::Json, &sample());
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, json!([{"name": "page_view", "count": 12}, {"name": "a,b\tc", "count": null}]));
        assert!(text.find("\"name\"").unwrap() < text.find("\"count\"").unwrap());
        assert_eq!(render(Format::Json, &[]), "[]\n");
    }

    #[test]
    fn ndjson_is_one_object_per_line() {
        let text = render(Format::Ndjson, &sample());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            serde_json::from_str::<Value>(lines[0]).unwrap(),
            json!({"name": "page_view", "count": 12})
        );
    }

    #[test]
    fn csv_and_tsv_quote_what_needs_quoting() {
        assert_eq!(render(Format::Csv, &sample()), "name,count\npage_view,12\n\"a,b\tc\",\n");
        assert_eq!(render(Format::Tsv, &sample()), "name\tcount\npage_view\t12\n\"a,b\tc\"\t\n");
        assert_eq!(render(Format::Csv, &[]), "name,count\n");
    }

    #[test]
    fn table_right_aligns_numbers() {
        let text = render(Format::Table, &[vec![json!("x"), json!(5)], vec![json!("y"), json!(12345)]]);
        assert!(text.contains("name") && text.contains("count"), "{text}");
        let line = text.lines().find(|l| l.contains(" x ")).unwrap();
        assert!(line.contains("     5 "), "{text}");
    }

    #[test]
    fn auto_is_table_on_terminal_and_tsv_in_pipe() {
        assert_eq!(Format::resolve(OutputFormat::Auto, true), Format::Table);
        assert_eq!(Format::resolve(OutputFormat::Auto, false), Format::Tsv);
    }
}
