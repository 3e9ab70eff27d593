//! Athena's result CSV, read incrementally as its bytes arrive from S3.
//!
//! Athena quotes every value and writes NULL as an empty, unquoted field, so `""` is an empty
//! string and nothing at all is NULL. The `csv` crate does not say whether a field was quoted,
//! which is the one thing that tells the two apart: hence this small reader of that dialect.

/// One record: a value per column, `None` for NULL.
pub type Record = Vec<Option<String>>;

#[derive(Debug, Default)]
pub struct CsvRecords {
    field: Vec<u8>,
    quoted: bool,
    in_quotes: bool,
    /// A quote inside a quoted field: the end of the field, or the first of a doubled quote.
    quote_pending: bool,
    record: Record,
    /// Nothing of the current record has been read yet.
    at_record_start: bool,
}

impl CsvRecords {
    pub fn new() -> Self {
        Self { at_record_start: true, ..Self::default() }
    }

    /// Reads `chunk`, appending the records it completes to `out`.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<Record>) {
        for &byte in chunk {
            if self.in_quotes {
                if self.quote_pending {
                    self.quote_pending = false;
                    if byte == b'"' {
                        self.field.push(b'"');
                        continue;
                    }
                    self.in_quotes = false;
                } else if byte == b'"' {
                    self.quote_pending = true;
                    continue;
                } else {
                    self.field.push(byte);
                    continue;
                }
            }
            self.at_record_start = false;
            match byte {
                b'"' if self.field.is_empty() && !self.quoted => {
                    self.quoted = true;
                    self.in_quotes = true;
                }
                b',' => self.end_field(),
                b'\n' => {
                    self.end_field();
                    out.push(std::mem::take(&mut self.record));
                    self.at_record_start = true;
                }
                b'\r' => {}
                _ => self.field.push(byte),
            }
        }
    }

    /// The last record when the data does not end with a newline.
    pub fn finish(mut self) -> Option<Record> {
        if self.quote_pending {
            self.in_quotes = false;
        }
        if self.at_record_start && self.field.is_empty() && !self.quoted {
            return None;
        }
        self.end_field();
        Some(self.record)
    }

    fn end_field(&mut self) {
        let bytes = std::mem::take(&mut self.field);
        let value = if bytes.is_empty() && !self.quoted {
            None
        } else {
            Some(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )
        };
        self.record.push(value);
        self.quoted = false;
        self.in_quotes = false;
        self.quote_pending = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in_chunks(text: &str, chunk: usize) -> Vec<Record> {
        let mut reader = CsvRecords::new();
        let mut out = Vec::new();
        for piece in text.as_bytes().chunks(chunk) {
            reader.feed(piece, &mut out);
        }
        out.extend(reader.finish());
        out
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn nulls_empty_strings_quotes_and_newlines() {
        let text = "\"a\",\"b\",\"c\"\n\"1\",,\"\"\n\"say \"\"hi\"\"\",\"x,y\",\"two\nlines\"\n";
        for chunk in [1, 2, 3, 7, 1000] {
            let records = parse_in_chunks(text, chunk);
            assert_eq!(
                records,
                vec![
                    vec![s("a"), s("b"), s("c")],
                    vec![s("1"), None, s("")],
                    vec![s("say \"hi\""), s("x,y"), s("two\nlines")],
                ],
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn a_last_record_without_newline_and_crlf() {
        assert_eq!(parse_in_chunks("\"1\",\"2\"", 4), vec![vec![s("1"), s("2")]]);
        assert_eq!(parse_in_chunks("\"1\",\"2\"\r\n", 1), vec![vec![s("1"), s("2")]]);
        assert_eq!(parse_in_chunks("", 1), Vec::<Record>::new());
        assert_eq!(parse_in_chunks("\"ends with quote\"\"\"", 1), vec![vec![s("ends with quote\"")]]);
        assert_eq!(parse_in_chunks("\"é\",\"日本\"\n", 1), vec![vec![s("é"), s("日本")]]);
    }
}
