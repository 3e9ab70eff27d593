//! Decompression and record framing.
//!
//! Framing is done by the JSON parser itself rather than by splitting lines first: producers
//! may or may not put a newline between records, and letting serde_json find the end of each
//! object avoids a second pass over every byte. Only when a record is not valid JSON does a
//! lexical scan decide where it ends.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use flate2::read::MultiGzDecoder;
use serde::de::IgnoredAny;
use serde_json::error::Category;

use super::TransformError;
use super::parse::Raw;

/// Bytes pulled from the decoder per refill; large enough that per-call overhead vanishes,
/// small enough to stay in L2/L3 while it is parsed.
pub(crate) const CHUNK: usize = 2 << 20;
/// The buffer an input starts with; it doubles at each refill up to `CHUNK`. Most objects (a
/// minute of events) fit in it, and zeroing a 2 MiB buffer for each of them took about a tenth
/// of the demo's transform.
pub(crate) const FIRST_CHUNK: usize = 64 << 10;
/// A record still open after this many bytes is cut and quarantined, so a stream without any
/// record boundary cannot make the buffer grow without bound.
pub(crate) const MAX_RECORD_BYTES: usize = 64 << 20;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Position of a record attempt in the object.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordMeta {
    /// 1-based, counting every attempt, good or bad.
    pub number: u64,
    /// Offset of the record's first byte in the decompressed stream.
    pub offset: u64,
}

/// Receives each framed record in order.
pub(crate) trait Handler {
    /// A JSON object that deserialised into [`Raw`]; it may still break semantic rules.
    fn good(&mut self, raw: &mut Raw<'_>, meta: RecordMeta, text: &[u8]) -> Result<(), TransformError>;
    /// Anything that did not: `reason` is final.
    fn bad(&mut self, meta: RecordMeta, text: &[u8], reason: String) -> Result<(), TransformError>;
}

/// The input with its first bytes read back in front, and what they said.
struct Sniffed<R> {
    input: io::Chain<io::Cursor<Vec<u8>>, R>,
    compressed: bool,
    damaged: Option<String>,
}

/// Reads the gzip magic so the object name never matters.
fn sniff<R: Read>(mut input: R) -> Sniffed<R> {
    let mut head = [0u8; 2];
    let mut n = 0;
    let mut damaged = None;
    while n < head.len() {
        match input.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                damaged = Some(format!("input read failed at byte 0: {e}"));
                break;
            }
        }
    }
    let compressed = n == 2 && head == [0x1f, 0x8b];
    Sniffed { input: io::Cursor::new(head[..n].to_vec()).chain(input), compressed, damaged }
}

/// Opens the input; gzip is inflated on the calling thread.
pub(crate) fn open<'r, R: Read + 'r>(input: R) -> Framer<'r> {
    let sniffed = sniff(input);
    let src: Box<dyn Read + 'r> = if sniffed.compressed {
        Box::new(MultiGzDecoder::new(sniffed.input))
    } else {
        Box::new(sniffed.input)
    };
    Framer::new(src, sniffed.compressed, sniffed.damaged)
}

/// Opens the input; gzip is inflated on a thread of `scope` while the caller frames and
/// parses. Inflating is about a fifth of a transform's work, so with a core to spare one
/// object goes through about a third faster. The framer sees exactly the bytes and the
/// error `open` would give it.
pub(crate) fn open_inflating<'scope, R: Read + Send + 'scope>(
    input: R,
    scope: &'scope std::thread::Scope<'scope, '_>,
) -> Framer<'scope> {
    let sniffed = sniff(input);
    // A failed sniff is never gzip, so it takes this path with its damage.
    if !sniffed.compressed {
        return Framer::new(Box::new(sniffed.input), sniffed.compressed, sniffed.damaged);
    }
    let (filled_tx, filled_rx) = sync_channel::<io::Result<(Vec<u8>, usize)>>(INFLATED_IN_FLIGHT);
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(INFLATED_IN_FLIGHT + 1);
    let mut decoder = MultiGzDecoder::new(sniffed.input);
    scope.spawn(move || {
        loop {
            let mut chunk = spare_rx.try_recv().unwrap_or_else(|_| vec![0; INFLATE_CHUNK]);
            let mut len = 0;
            let mut failure = None;
            let mut eof = false;
            while len < chunk.len() {
                match decoder.read(&mut chunk[len..]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => len += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            // A send fails only when the framer is gone: nobody needs the rest.
            if len > 0 && filled_tx.send(Ok((chunk, len))).is_err() {
                return;
            }
            if let Some(e) = failure {
                let _ = filled_tx.send(Err(e));
                return;
            }
            if eof {
                return;
            }
        }
    });
    let inflated = Inflated { filled: filled_rx, spare: spare_tx, chunk: Vec::new(), pos: 0, len: 0 };
    Framer::new(Box::new(inflated), true, None)
}

/// Decompressed bytes per message from the inflating thread.
const INFLATE_CHUNK: usize = 1 << 20;
/// Chunks inflated ahead of the framer.
const INFLATED_IN_FLIGHT: usize = 2;

/// The framer's end of the inflating thread: chunks in order, then its error or the end.
struct Inflated {
    filled: Receiver<io::Result<(Vec<u8>, usize)>>,
    spare: SyncSender<Vec<u8>>,
    chunk: Vec<u8>,
    pos: usize,
    len: usize,
}

impl Read for Inflated {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.len {
            match self.filled.recv() {
                Ok(Ok((chunk, len))) => {
                    let used = std::mem::replace(&mut self.chunk, chunk);
                    if !used.is_empty() {
                        let _ = self.spare.try_send(used);
                    }
                    self.pos = 0;
                    self.len = len;
                }
                Ok(Err(e)) => return Err(e),
                // The thread ended without an error: the stream is complete.
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.len - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

pub(crate) struct Framer<'r> {
    src: Box<dyn Read + 'r>,
    pub compressed: bool,
    /// `buf[start..end]` is decompressed input not yet framed; `buf[end..]` is free space.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Stream offset of `buf[0]`.
    base: u64,
    /// `buf[start..utf8_end]` is known to be valid UTF-8 (when `utf8_end > start`).
    utf8_end: usize,
    eof: bool,
    pub damaged: Option<String>,
    pub input_bytes: u64,
    pub records: u64,
}

/// What the slow path decided about a record the typed parse did not accept.
enum Framed {
    Bad(usize, String),
    NeedMore,
}

impl<'r> Framer<'r> {
    fn new(src: Box<dyn Read + 'r>, compressed: bool, damaged: Option<String>) -> Self {
        Framer {
            src,
            compressed,
            buf: vec![0; FIRST_CHUNK],
            start: 0,
            end: 0,
            base: 0,
            utf8_end: 0,
            eof: damaged.is_some(),
            damaged,
            input_bytes: 0,
            records: 0,
        }
    }

    pub(crate) fn run<H: Handler>(&mut self, h: &mut H) -> Result<(), TransformError> {
        self.fill();
        if self.buf[..self.end].starts_with(BOM) {
            self.start = BOM.len();
        }
        loop {
            while self.start < self.end && is_ws(self.buf[self.start]) {
                self.start += 1;
            }
            if self.start == self.end {
                if self.eof {
                    return Ok(());
                }
                self.fill();
                continue;
            }
            let text = &self.buf[self.start..self.end];
            let meta = RecordMeta { number: self.records + 1, offset: self.base + self.start as u64 };
            // Fast path: almost every record is an object that deserialises in one go.
            let typed_err = if text[0] == b'{' {
                if self.utf8_end <= self.start {
                    self.utf8_end = self.start + valid_utf8_prefix(text);
                }
                // SAFETY: `buf[old start..utf8_end]` was checked and the buffer has not changed
                // since (`fill` resets `utf8_end`); `text` starts with `{`, a character boundary,
                // so its part of the checked bytes is valid UTF-8 too.
                let valid = unsafe { std::str::from_utf8_unchecked(&text[..self.utf8_end - self.start]) };
                let typed = match parse_str(valid) {
                    // The record runs past the checked text: it holds invalid UTF-8, which the
                    // byte-level parse reports where it occurs.
                    (Some(Err(e)), _) if e.is_eof() && valid.len() < text.len() => parse_bytes(text),
                    typed => typed,
                };
                match typed {
                    (Some(Ok(mut raw)), len) => {
                        self.records += 1;
                        h.good(&mut raw, meta, &text[..len])?;
                        self.start += len;
                        continue;
                    }
                    (Some(Err(e)), _) => Some(e),
                    (None, _) => None,
                }
            } else {
                None
            };
            match frame(text, self.eof, self.damaged.is_some(), typed_err) {
                Framed::Bad(len, reason) => {
                    self.records += 1;
                    h.bad(meta, &text[..len], reason)?;
                    self.start += len;
                }
                Framed::NeedMore if text.len() >= MAX_RECORD_BYTES => {
                    let len = text.len();
                    self.records += 1;
                    let reason =
                        format!("record exceeds {} MiB without ending; cut here", MAX_RECORD_BYTES >> 20);
                    h.bad(meta, text, reason)?;
                    self.start += len;
                }
                Framed::NeedMore => self.fill(),
            }
        }
    }

    /// Moves pending bytes to the front and reads until the buffer is full or input ends.
    /// Doubles the buffer when one pending record already fills it, so a large record is
    /// re-parsed O(log size) times; shrinks back once that record is gone.
    fn fill(&mut self) {
        if self.eof {
            return;
        }
        let pending = self.end - self.start;
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.base += self.start as u64;
            self.start = 0;
            self.end = pending;
        }
        // Checked again with the bytes read now: a character cut by the end of one read is
        // completed by the next.
        self.utf8_end = 0;
        if pending == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        } else if self.buf.len() < CHUNK && self.input_bytes > 0 {
            // A refill: the input is larger than the first buffer.
            self.buf.resize((self.buf.len() * 2).min(CHUNK), 0);
        } else if self.buf.len() > CHUNK && pending <= CHUNK / 2 {
            self.buf.truncate(CHUNK);
            self.buf.shrink_to_fit();
        }
        while self.end < self.buf.len() {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => {
                    self.end += n;
                    self.input_bytes += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.eof = true;
                    let what = if self.compressed { "gzip stream damaged" } else { "input read failed" };
                    self.damaged = Some(format!("{what} after {} decompressed bytes: {e}", self.input_bytes));
                    break;
                }
            }
        }
    }
}

/// The length of the longest valid UTF-8 prefix of `text`. Checking a whole buffer at once is
/// several times cheaper than the parser checking each string it meets.
fn valid_utf8_prefix(text: &[u8]) -> usize {
    match simdutf8::compat::from_utf8(text) {
        Ok(_) => text.len(),
        Err(e) => e.valid_up_to(),
    }
}

type Typed<'a> = (Option<Result<Raw<'a>, serde_json::Error>>, usize);

/// The first record of `text` and where it ends.
fn parse_str(text: &str) -> Typed<'_> {
    let mut it = serde_json::Deserializer::from_str(text).into_iter::<Raw>();
    (it.next(), it.byte_offset())
}

/// The first record of `text`, checking UTF-8 as the parser meets strings, and where it ends.
fn parse_bytes(text: &[u8]) -> Typed<'_> {
    let mut it = serde_json::Deserializer::from_slice(text).into_iter::<Raw>();
    (it.next(), it.byte_offset())
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// Frames a record at the start of `text` (which begins with a non-whitespace byte) that the
/// typed parse rejected with `typed_err`, or that is not an object (`None`).
fn frame(text: &[u8], eof: bool, damaged: bool, typed_err: Option<serde_json::Error>) -> Framed {
    if typed_err.as_ref().is_some_and(|e| e.is_eof()) && !eof {
        return Framed::NeedMore;
    }

    // The typed parse failed (or this is not an object): find out whether the text is valid
    // JSON at all, and where it ends. serde_json skips values iteratively here, so this pass
    // has no recursion limit and always finds the extent of syntactically valid input.
    let mut it = serde_json::Deserializer::from_slice(text).into_iter::<IgnoredAny>();
    match it.next() {
        Some(Ok(_)) => {
            let len = it.byte_offset();
            if len == text.len() && !eof && !matches!(text[0], b'{' | b'[' | b'"') {
                // A bare number or literal cut by the buffer end may continue in the next read.
                return Framed::NeedMore;
            }
            let reason = match typed_err {
                Some(e) => typed_reason(&e),
                None => format!("not a JSON object: got {}", kind_of(text[0])),
            };
            Framed::Bad(len, reason)
        }
        Some(Err(e)) if e.is_eof() => {
            if !eof {
                Framed::NeedMore
            } else if let Some(end) = cut_short(text, text.len()) {
                Framed::Bad(end, "truncated: the record ends before its closing brace".to_owned())
            } else if damaged {
                Framed::Bad(text.len(), "truncated".to_owned())
            } else {
                Framed::Bad(text.len(), "truncated: input ends inside a record".to_owned())
            }
        }
        Some(Err(e)) => {
            let from = error_index(text, &e);
            match resync(text, from) {
                Some(len) => Framed::Bad(len, format!("invalid JSON: {e}")),
                None if !eof => Framed::NeedMore,
                None => Framed::Bad(text.len(), format!("invalid JSON: {e}")),
            }
        }
        None => Framed::Bad(text.len(), "truncated".to_owned()),
    }
}

fn kind_of(first: u8) -> &'static str {
    match first {
        b'[' => "array",
        b'"' => "string",
        b't' | b'f' => "boolean",
        b'n' => "null",
        _ => "number",
    }
}

/// Reason for a record that is valid JSON but failed the typed parse.
fn typed_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match e.classify() {
        // Our own messages ("field `price`: expected number, got string") are already
        // precise; serde_json appends a position relative to the record, dropped here.
        Category::Data => match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_owned(),
            None => msg,
        },
        _ if msg.starts_with("recursion limit exceeded") => {
            format!("JSON nested deeper than serde_json's limit of 128 levels ({msg})")
        }
        _ if msg.starts_with("invalid unicode code point") => {
            format!("invalid UTF-8 in a string ({msg})")
        }
        _ => format!("invalid JSON: {msg}"),
    }
}

/// Byte index in `text` of a serde_json error position (line is 1-based, column 1-based).
fn error_index(text: &[u8], e: &serde_json::Error) -> usize {
    let mut line_start = 0;
    let mut line = 1;
    while line < e.line() {
        match text[line_start..].iter().position(|&b| b == b'\n') {
            Some(p) => line_start += p + 1,
            None => break,
        }
        line += 1;
    }
    (line_start + e.column().saturating_sub(1)).min(text.len())
}

/// A record cut short (a producer crash, a truncated write) makes the parser run on into the
/// following lines and fail there, or at the end of the input. The bad record ends at the first
/// newline before `limit` that is followed by a line starting with `{`: the next record.
fn cut_short(text: &[u8], limit: usize) -> Option<usize> {
    let mut line_start = 0;
    while let Some(p) = text[line_start..limit.min(text.len())].iter().position(|&b| b == b'\n') {
        let newline = line_start + p;
        let next = text[newline + 1..].iter().position(|&b| !is_ws(b)).map(|q| text[newline + 1 + q]);
        if newline > 0 && next == Some(b'{') {
            return Some(newline);
        }
        line_start = newline + 1;
    }
    None
}

/// Where a record that is not valid JSON ends, so the records after it can still be read.
///
/// The record ends at the first newline at or after the error, else where its outermost
/// brackets close, else before a `{` at depth zero (the next record, when producers write no
/// separator). `None` when none of these is in `text` yet.
fn resync(text: &[u8], from: usize) -> Option<usize> {
    if let Some(end) = cut_short(text, from) {
        return Some(end);
    }
    let mut depth = 0usize;
    let mut in_str = false;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b == b'\n' && i >= from {
            return Some(i.max(1));
        }
        if in_str {
            match b {
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_str = true,
                b'{' if depth == 0 && i > 0 && i >= from => return Some(i),
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && i >= from {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `frame` as `Framer::run` reaches it: after the typed parse rejected the record.
    fn frame_rejected(text: &[u8], eof: bool, damaged: bool) -> Framed {
        let typed_err = if text[0] == b'{' {
            let mut it = serde_json::Deserializer::from_slice(text).into_iter::<Raw>();
            it.next().and_then(Result::err)
        } else {
            None
        };
        frame(text, eof, damaged, typed_err)
    }

    #[test]
    fn resync_points() {
        // cut short before a value: the parser takes the next record as that value and hits the end
        assert!(matches!(frame_rejected(b"{\"a\":\n{\"b\":1}\n", true, false), Framed::Bad(5, _)));
        // a record cut short: the parser fails on the next line, which is the next record
        assert_eq!(resync(b"{\"a\":\"x\"\n{\"b\":1}", 9), Some(8));
        assert_eq!(resync(b"{\"a\":\"x\"\n  \n{\"b\":1}", 12), Some(8));
        // newline after the error
        assert_eq!(resync(b"{\"a\":1,,\"b\":2}\n{}", 7), Some(14));
        assert_eq!(resync(b"{\"a\":1,,\n\"b\":2}", 7), Some(8));
        // no newline: brackets close
        assert_eq!(resync(b"{\"a\":,\"b\":{\"c\":\"}\"}}{\"x\":1}", 5), Some(20));
        // garbage before a record
        assert_eq!(resync(b"garbage{\"x\":1}", 0), Some(7));
        // a stray closer is a record of its own
        assert_eq!(resync(b"}{\"x\":1}", 0), Some(1));
        assert_eq!(resync(b"{\"a\":", 4), None);
    }
}
