"""bdctl's transform as a PySpark job (Spark 3.5 / Python 3.11, as on AWS Glue 5.0).

Reads the raw clickstream objects of some days (or some keys) and writes, row for row, what
``bdctl transform`` writes (bdctl's src/transform/ and src/pipeline.rs are the specification):

* ``<transformed>year=YYYY/month=MM/day=DD/<stem>.parquet``: one Snappy Parquet file per source
  object and event day, bdctl's 16 columns with their types and nullability;
* ``<errors>year=YYYY/month=MM/day=DD/<stem>.ndjson``: the object's quarantined records of that
  day, each line byte for byte bdctl's (records without a usable time: the raw key's own day);
* ``<state>manifests/<source key>.json`` (not for damaged objects; output ``bytes`` are this job's
  file sizes) and ``<state>partitions.json`` (merged).

``<stem>`` is the file name without .gz/.gzip/.json/.jsonl/.ndjson; names depend on the source name
only, so a re-run overwrites the outputs of the objects it processes and never duplicates them.

Arguments: ``--raw``, ``--transformed``, ``--errors``, ``--state`` (roots: ``s3://bucket/prefix/``
or local directories; ``--state`` is the ``_bdctl/`` prefix), ``--raw-layout hive|firehose``
(default hive), and ``--date YYYY-MM-DD`` (repeatable or comma list: the raw day directories) or
``--keys k1,k2`` (raw objects relative to ``--raw``; full keys starting with the raw key prefix,
as bdctl passes them, work too). Keys in rows and manifests are bucket keys as in bdctl: for s3://
roots the root's path, for a local root its directory name (bdctl's data directory is the bucket);
``--raw-key-prefix``, ``--transformed-key-prefix``, ``--errors-key-prefix`` override that.
Exits non-zero (after publishing everything else) when an object is damaged or failed, as bdctl.

Glue 5.0 runs this file as the job script: arguments come through
``awsglue.utils.getResolvedOptions(sys.argv, [...])`` when ``awsglue`` is importable (Glue job
parameters are one value each, so ``--date`` takes a comma list); add
``--additional-python-modules pyarrow==26.0.1``. EMR Serverless: ``entryPoint`` is this file,
``entryPointArguments`` the flags above, pyarrow from a packed virtualenv (``spark.archives``).
Locally: ``spark-submit transform_job.py --raw ... --date 2026-12-01``.

Design: the driver lists the objects and runs one task per object (``parallelize``, one slice per
object), so per-object semantics hold (record numbers, byte offsets, one file per object and day).
Each task reads its object whole through pyarrow.fs, replays bdctl's gzip reading (flate2's
MultiGzDecoder over a 32 KiB BufReader on zlib: a truncated or corrupt stream stops where bdctl's
stops), framing and validation (a port of serde_json's parser, with its error texts and
positions; well-formed records take Python's json C scanner under checks that keep it equal) and
redaction, and writes its files with pyarrow from the task: exactly one file per object and day
under bdctl's name, which Spark's writer cannot give without renames (copies on S3). Local files
are written under a hidden temporary name and renamed; each S3 put is atomic.
"""

import argparse
import datetime as _dt
import json
import math
import os
import re
import sys
import unicodedata
import uuid
import zlib

# ---------------------------------------------------------------------------------------------
# Constants of the contract (src/transform)

RAW_CAP_BYTES = 64 * 1024
CHUNK = 2 << 20
MAX_RECORD_BYTES = 64 << 20
BOM = b"\xef\xbb\xbf"
MICROS_PER_DAY = 86_400_000_000
MIN_MICROS = -62_135_596_800_000_000
MAX_MICROS = 253_402_300_799_999_999
MILLIS_THRESHOLD = 1e11
I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)
U64_MAX = (1 << 64) - 1
ROW_GROUP_ROWS = 128 * 1024
STEM_SUFFIXES = (".gz", ".gzip", ".json", ".jsonl", ".ndjson")

COLUMNS = (
    "event_id", "event_type", "event_ts", "user_id", "session_id", "page_url", "referrer",
    "user_agent", "product_id", "price", "quantity", "country", "device", "revenue",
    "source_key", "extra",
)

# ---------------------------------------------------------------------------------------------
# serde_json errors

DATA, EOF, SYNTAX = "data", "eof", "syntax"

_CODES = {
    "EofWhileParsingList": ("EOF while parsing a list", EOF),
    "EofWhileParsingObject": ("EOF while parsing an object", EOF),
    "EofWhileParsingString": ("EOF while parsing a string", EOF),
    "EofWhileParsingValue": ("EOF while parsing a value", EOF),
    "ExpectedColon": ("expected `:`", SYNTAX),
    "ExpectedListCommaOrEnd": ("expected `,` or `]`", SYNTAX),
    "ExpectedObjectCommaOrEnd": ("expected `,` or `}`", SYNTAX),
    "ExpectedSomeIdent": ("expected ident", SYNTAX),
    "ExpectedSomeValue": ("expected value", SYNTAX),
    "InvalidEscape": ("invalid escape", SYNTAX),
    "InvalidNumber": ("invalid number", SYNTAX),
    "NumberOutOfRange": ("number out of range", SYNTAX),
    "InvalidUnicodeCodePoint": ("invalid unicode code point", SYNTAX),
    "ControlCharacterWhileParsingString": (
        "control character (\\u0000-\\u001F) found while parsing a string", SYNTAX),
    "KeyMustBeAString": ("key must be a string", SYNTAX),
    "LoneLeadingSurrogateInHexEscape": ("lone leading surrogate in hex escape", SYNTAX),
    "TrailingComma": ("trailing comma", SYNTAX),
    "TrailingCharacters": ("trailing characters", SYNTAX),
    "UnexpectedEndOfHexEscape": ("unexpected end of hex escape", SYNTAX),
    "RecursionLimitExceeded": ("recursion limit exceeded", SYNTAX),
}


class JsonError(Exception):
    """A serde_json::Error: message, 1-based line, column (0/0 = no position), category."""

    def __init__(self, msg, line, column, category):
        super().__init__(msg)
        self.msg, self.line, self.column, self.category = msg, line, column, category

    def __str__(self):
        if self.line == 0:
            return self.msg
        return f"{self.msg} at line {self.line} column {self.column}"

    def is_eof(self):
        return self.category == EOF


class _NotFast(Exception):
    """The fast path cannot vouch for this record; the exact parser decides."""


class _WindowTooSmall(_NotFast):
    """The record may go on past the text the fast path looked at."""


def _wrong(field, expected, got):
    return JsonError(f"field `{field}`: expected {expected}, got {got}", 0, 0, DATA)


# ---------------------------------------------------------------------------------------------
# Number formatting: Rust's `Display for f64` and zmij (serde_json's float writer)


def _decimal_parts(f):
    """Shortest round-trip digits of |f| (f finite, non-zero) and the exponent of the first digit."""
    r = repr(abs(f))
    mant, _, exp = r.partition("e")
    e = int(exp) if exp else 0
    ip, _, fp = mant.partition(".")
    digits = ip + fp
    q = e - len(fp)
    stripped = digits.rstrip("0")
    q += len(digits) - len(stripped)
    stripped = stripped.lstrip("0")
    return stripped, q + len(stripped) - 1


def rust_display_f64(f):
    """`format!("{}", f)` for a finite f64: shortest digits, never an exponent."""
    sign = "-" if math.copysign(1.0, f) < 0 else ""
    if f == 0:
        return sign + "0"
    d, e = _decimal_parts(f)
    if e >= len(d) - 1:
        return sign + d + "0" * (e - len(d) + 1)
    if e >= 0:
        return sign + d[: e + 1] + "." + d[e + 1:]
    return sign + "0." + "0" * (-e - 1) + d


def zmij_f64(f):
    """`zmij::Buffer::format_finite`, what serde_json 1.0.154 writes for an f64."""
    sign = "-" if math.copysign(1.0, f) < 0 else ""
    if f == 0:
        return sign + "0.0"
    d, e = _decimal_parts(f)
    n = len(d)
    if -5 <= e <= 15:
        if n - 1 <= e:
            return sign + d + "0" * (e - n + 1) + ".0"
        if e >= 0:
            return sign + d[: e + 1] + "." + d[e + 1:]
        return sign + "0." + "0" * (-e - 1) + d
    mant = d[0] + ("." + d[1:] if n > 1 else "")
    return f"{sign}{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


def _json_str(s):
    # serde_json escapes exactly what json.dumps(ensure_ascii=False) escapes: " \ and U+0000..U+001F
    # (\b \t \n \f \r short, the rest as lowercase \u00XX).
    return json.dumps(s, ensure_ascii=False)


def serialize_value(v):
    """serde_json::to_string of a Value (compact), preserve_order maps."""
    t = type(v)
    if t is str:
        return _json_str(v)
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        return zmij_f64(v)
    if t is list:
        return "[" + ",".join(serialize_value(x) for x in v) + "]"
    if t is dict:
        return "{" + ",".join(_json_str(k) + ":" + serialize_value(x) for k, x in v.items()) + "}"
    raise TypeError(t)


# ---------------------------------------------------------------------------------------------
# A port of serde_json's SliceRead deserializer (1.0.154, no float_roundtrip)

_WS = re.compile(rb"[ \t\n\r]*")
_STR_STOP = re.compile(rb'["\\\x00-\x1f]')
_NOT_DIGIT = re.compile(rb"[^0-9]")
_POW10 = [float(f"1e{k}") for k in range(309)]
_HEX = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}


def _f64_from_parts(p, positive, significand, exponent):
    f = float(significand)
    while True:
        k = abs(exponent)
        if k <= 308:
            if exponent >= 0:
                f *= _POW10[k]
                if math.isinf(f):
                    raise p.err("NumberOutOfRange") if p is not None else _NotFast()
            else:
                f /= _POW10[k]
            break
        if f == 0.0:
            break
        if exponent >= 0:
            raise p.err("NumberOutOfRange") if p is not None else _NotFast()
        f /= 1e308
        exponent += 308
    return f if positive else -f


def _sat_i32(v):
    return max(-(1 << 31), min((1 << 31) - 1, v))


class _P:
    """serde_json::Deserializer over s[lo:hi]; positions are relative to lo."""

    __slots__ = ("s", "lo", "n", "i", "depth")

    def __init__(self, s, lo=0, hi=None):
        self.s = s
        self.lo = lo
        self.n = len(s) if hi is None else hi
        self.i = lo
        self.depth = 128

    # positions and errors
    def position(self, i):
        s, lo = self.s, self.lo
        nl = s.rfind(b"\n", lo, i)
        sol = lo if nl < 0 else nl + 1
        return 1 + s.count(b"\n", lo, sol), i - sol

    def err(self, code):
        msg, cat = _CODES[code]
        line, col = self.position(self.i)
        return JsonError(msg, line, col, cat)

    def peek_err(self, code):
        msg, cat = _CODES[code]
        line, col = self.position(min(self.n, self.i + 1))
        return JsonError(msg, line, col, cat)

    def fix(self, e):
        if e.line == 0:
            e.line, e.column = self.position(self.i)
        return e

    # bytes
    def peek(self):
        i = self.i
        return self.s[i] if i < self.n else None

    def peek0(self):
        i = self.i
        return self.s[i] if i < self.n else 0

    def next0(self):
        i = self.i
        if i < self.n:
            self.i = i + 1
            return self.s[i]
        return 0

    def ws(self):
        i = _WS.match(self.s, self.i, self.n).end()
        self.i = i
        return self.s[i] if i < self.n else None

    def ident(self, rest):
        for expected in rest:
            if self.i >= self.n:
                raise self.err("EofWhileParsingValue")
            c = self.s[self.i]
            self.i += 1
            if c != expected:
                raise self.err("ExpectedSomeIdent")

    # numbers
    def integer(self, positive):
        if self.i >= self.n:
            raise self.err("EofWhileParsingValue")
        c = self.s[self.i]
        self.i += 1
        if c == 0x30:
            if 0x30 <= self.peek0() <= 0x39:
                raise self.peek_err("InvalidNumber")
            return self.number(positive, 0)
        if 0x31 <= c <= 0x39:
            sig = c - 0x30
            s, n = self.s, self.n
            while True:
                c = s[self.i] if self.i < n else 0
                if 0x30 <= c <= 0x39:
                    d = c - 0x30
                    if sig * 10 + d > U64_MAX:
                        return self.long_integer(positive, sig)
                    self.i += 1
                    sig = sig * 10 + d
                else:
                    return self.number(positive, sig)
        raise self.err("InvalidNumber")

    def number(self, positive, sig):
        c = self.peek0()
        if c == 0x2E:
            return self.decimal(positive, sig, 0)
        if c in (0x65, 0x45):
            return self.exponent(positive, sig, 0)
        if positive:
            return sig
        x = sig if sig < (1 << 63) else sig - (1 << 64)
        neg = -x
        if neg > I64_MAX:
            neg -= 1 << 64
        if neg >= 0:
            return -float(sig)
        return neg

    def decimal(self, positive, sig, exp_before):
        self.i += 1
        exp_after = 0
        s, n = self.s, self.n
        while True:
            c = s[self.i] if self.i < n else 0
            if not 0x30 <= c <= 0x39:
                break
            d = c - 0x30
            if sig * 10 + d > U64_MAX:
                return self.decimal_overflow(positive, sig, exp_before + exp_after)
            self.i += 1
            sig = sig * 10 + d
            exp_after -= 1
        if exp_after == 0:
            if self.peek() is not None:
                raise self.peek_err("InvalidNumber")
            raise self.peek_err("EofWhileParsingValue")
        exponent = exp_before + exp_after
        if self.peek0() in (0x65, 0x45):
            return self.exponent(positive, sig, exponent)
        return _f64_from_parts(self, positive, sig, exponent)

    def exponent(self, positive, sig, starting):
        self.i += 1
        c = self.peek0()
        positive_exp = True
        if c == 0x2B:
            self.i += 1
        elif c == 0x2D:
            self.i += 1
            positive_exp = False
        if self.i >= self.n:
            raise self.err("EofWhileParsingValue")
        c = self.s[self.i]
        self.i += 1
        if not 0x30 <= c <= 0x39:
            raise self.err("InvalidNumber")
        exp = c - 0x30
        while 0x30 <= self.peek0() <= 0x39:
            d = self.s[self.i] - 0x30
            self.i += 1
            if exp * 10 + d > (1 << 31) - 1:
                return self.exponent_overflow(positive, sig == 0, positive_exp)
            exp = exp * 10 + d
        final = _sat_i32(starting + exp) if positive_exp else _sat_i32(starting - exp)
        return _f64_from_parts(self, positive, sig, final)

    def exponent_overflow(self, positive, zero_sig, positive_exp):
        if not zero_sig and positive_exp:
            raise self.err("NumberOutOfRange")
        while 0x30 <= self.peek0() <= 0x39:
            self.i += 1
        return 0.0 if positive else -0.0

    def long_integer(self, positive, sig):
        exponent = 0
        while True:
            c = self.peek0()
            if 0x30 <= c <= 0x39:
                self.i += 1
                exponent += 1
            elif c == 0x2E:
                return self.decimal(positive, sig, exponent)
            elif c in (0x65, 0x45):
                return self.exponent(positive, sig, exponent)
            else:
                return _f64_from_parts(self, positive, sig, exponent)

    def decimal_overflow(self, positive, sig, exponent):
        while 0x30 <= self.peek0() <= 0x39:
            self.i += 1
        if self.peek0() in (0x65, 0x45):
            return self.exponent(positive, sig, exponent)
        return _f64_from_parts(self, positive, sig, exponent)

    # strings
    def hex4(self):
        s, i = self.s, self.i
        if i + 4 <= self.n:
            self.i = i + 4
            try:
                return (_HEX[s[i]] << 12) | (_HEX[s[i + 1]] << 8) | (_HEX[s[i + 2]] << 4) | _HEX[s[i + 3]]
            except KeyError:
                raise self.err("InvalidEscape") from None
        self.i = self.n
        raise self.err("EofWhileParsingString")

    def escape(self, out):
        if self.i >= self.n:
            raise self.err("EofWhileParsingString")
        c = self.s[self.i]
        self.i += 1
        simple = _SIMPLE_ESCAPES.get(c)
        if simple is not None:
            out += simple
            return
        if c != 0x75:
            raise self.err("InvalidEscape")
        n = self.hex4()
        if 0xDC00 <= n <= 0xDFFF:
            raise self.err("LoneLeadingSurrogateInHexEscape")
        if n < 0xD800 or n > 0xDBFF:
            out += chr(n).encode("utf-8")
            return
        n1 = n
        for expected in (0x5C, 0x75):
            if self.i >= self.n:
                raise self.err("EofWhileParsingString")
            c = self.s[self.i]
            self.i += 1
            if c != expected:
                raise self.err("UnexpectedEndOfHexEscape")
        n2 = self.hex4()
        if n2 < 0xDC00 or n2 > 0xDFFF:
            raise self.err("LoneLeadingSurrogateInHexEscape")
        out += chr((((n1 - 0xD800) << 10) | (n2 - 0xDC00)) + 0x10000).encode("utf-8")

    def string(self):
        """parse_str after the opening quote: the decoded, UTF-8-checked str."""
        s, n = self.s, self.n
        start = self.i
        scratch = None
        while True:
            m = _STR_STOP.search(s, self.i, n)
            if m is None:
                self.i = n
                raise self.err("EofWhileParsingString")
            j = m.start()
            c = s[j]
            if c == 0x22:
                if scratch is None:
                    data = s[start:j]
                else:
                    scratch += s[start:j]
                    data = scratch
                self.i = j + 1
                try:
                    return data.decode("utf-8")
                except UnicodeDecodeError as e:
                    line, col = self.position(self.i)
                    col = max(0, col - (len(data) - e.start))
                    raise JsonError("invalid unicode code point", line, col, SYNTAX) from None
            if c == 0x5C:
                if scratch is None:
                    scratch = bytearray()
                scratch += s[start:j]
                self.i = j + 1
                self.escape(scratch)
                start = self.i
            else:
                self.i = j + 1
                raise self.err("ControlCharacterWhileParsingString")

    def ignore_str(self):
        s, n = self.s, self.n
        while True:
            m = _STR_STOP.search(s, self.i, n)
            if m is None:
                self.i = n
                raise self.err("EofWhileParsingString")
            j = m.start()
            self.i = j
            c = s[j]
            if c == 0x22:
                self.i = j + 1
                return
            if c == 0x5C:
                self.i = j + 1
                if self.i >= self.n:
                    raise self.err("EofWhileParsingString")
                e = s[self.i]
                self.i += 1
                if e in _SIMPLE_ESCAPES:
                    continue
                if e == 0x75:
                    self.hex4()
                    continue
                raise self.err("InvalidEscape")
            raise self.err("ControlCharacterWhileParsingString")

    # structure
    def colon(self):
        c = self.ws()
        if c == 0x3A:
            self.i += 1
            return
        if c is None:
            raise self.peek_err("EofWhileParsingObject")
        raise self.peek_err("ExpectedColon")

    def has_next_key(self, first):
        c = self.ws()
        if c is None:
            raise self.peek_err("EofWhileParsingObject")
        if c == 0x7D:
            return False
        if first:
            if c == 0x22:
                return True
            raise self.peek_err("KeyMustBeAString")
        if c == 0x2C:
            self.i += 1
            c = self.ws()
            if c == 0x22:
                return True
            if c == 0x7D:
                raise self.peek_err("TrailingComma")
            if c is None:
                raise self.peek_err("EofWhileParsingValue")
            raise self.peek_err("KeyMustBeAString")
        raise self.peek_err("ExpectedObjectCommaOrEnd")

    def has_next_element(self, first):
        c = self.ws()
        if c is None:
            raise self.peek_err("EofWhileParsingList")
        if c == 0x5D:
            return False
        if first:
            return True
        if c == 0x2C:
            self.i += 1
            c = self.ws()
            if c == 0x5D:
                raise self.peek_err("TrailingComma")
            if c is None:
                raise self.peek_err("EofWhileParsingValue")
            return True
        raise self.peek_err("ExpectedListCommaOrEnd")

    def enter(self):
        self.depth -= 1
        if self.depth == 0:
            raise self.peek_err("RecursionLimitExceeded")
        self.i += 1

    def key(self):
        self.i += 1  # the opening quote has_next_key saw
        return self.string()

    def scalar(self):
        """deserialize_any up to the visitor: (kind, value); compound values are not entered."""
        c = self.ws()
        if c is None:
            raise self.peek_err("EofWhileParsingValue")
        if c == 0x22:
            self.i += 1
            return "str", self.string()
        if c == 0x6E:
            self.i += 1
            self.ident(b"ull")
            return "unit", None
        if c == 0x74:
            self.i += 1
            self.ident(b"rue")
            return "bool", True
        if c == 0x66:
            self.i += 1
            self.ident(b"alse")
            return "bool", False
        if c == 0x2D:
            self.i += 1
            v = self.integer(False)
            return _num_kind(v), v
        if 0x30 <= c <= 0x39:
            v = self.integer(True)
            return _num_kind(v), v
        if c == 0x5B:
            self.enter()
            return "seq", None
        if c == 0x7B:
            self.enter()
            return "map", None
        raise self.peek_err("ExpectedSomeValue")

    def value(self):
        """serde_json::Value (maps keep input order, a repeated key keeps its first place)."""
        c = self.ws()
        if c is None:
            raise self.peek_err("EofWhileParsingValue")
        if c == 0x5B:
            self.enter()
            out = []
            first = True
            while self.has_next_element(first):
                first = False
                out.append(self.value())
            self.depth += 1
            self.i += 1
            return out
        if c == 0x7B:
            self.enter()
            out = {}
            first = True
            while self.has_next_key(first):
                first = False
                k = self.key()
                self.colon()
                out[k] = self.value()
            self.depth += 1
            self.i += 1
            return out
        return self.scalar()[1]

    def ignore_value(self):
        """deserialize_ignored_any: iterative, no recursion limit, no UTF-8 check."""
        stack = []
        enclosing = None
        while True:
            c = self.ws()
            if c is None:
                raise self.peek_err("EofWhileParsingValue")
            frame = None
            if c == 0x6E:
                self.i += 1
                self.ident(b"ull")
            elif c == 0x74:
                self.i += 1
                self.ident(b"rue")
            elif c == 0x66:
                self.i += 1
                self.ident(b"alse")
            elif c == 0x2D:
                self.i += 1
                self.ignore_integer()
            elif 0x30 <= c <= 0x39:
                self.ignore_integer()
            elif c == 0x22:
                self.i += 1
                self.ignore_str()
            elif c in (0x5B, 0x7B):
                if enclosing is not None:
                    stack.append(enclosing)
                    enclosing = None
                self.i += 1
                frame = c
            else:
                raise self.peek_err("ExpectedSomeValue")
            if frame is not None:
                accept_comma = False
            elif enclosing is not None:
                accept_comma, frame, enclosing = True, enclosing, None
            elif stack:
                accept_comma, frame = True, stack.pop()
            else:
                return
            while True:
                c = self.ws()
                if c == 0x2C and accept_comma:
                    self.i += 1
                    break
                if (c == 0x5D and frame == 0x5B) or (c == 0x7D and frame == 0x7B):
                    pass
                elif c is not None:
                    if accept_comma:
                        raise self.peek_err(
                            "ExpectedListCommaOrEnd" if frame == 0x5B else "ExpectedObjectCommaOrEnd")
                    break
                else:
                    raise self.peek_err("EofWhileParsingList" if frame == 0x5B else "EofWhileParsingObject")
                self.i += 1
                if not stack:
                    return
                frame = stack.pop()
                accept_comma = True
            if frame == 0x7B:
                c = self.ws()
                if c == 0x22:
                    self.i += 1
                elif c is None:
                    raise self.peek_err("EofWhileParsingObject")
                else:
                    raise self.peek_err("KeyMustBeAString")
                self.ignore_str()
                c = self.ws()
                if c == 0x3A:
                    self.i += 1
                elif c is None:
                    raise self.peek_err("EofWhileParsingObject")
                else:
                    raise self.peek_err("ExpectedColon")
            enclosing = frame

    def ignore_integer(self):
        c = self.next0()
        if c == 0x30:
            if 0x30 <= self.peek0() <= 0x39:
                raise self.peek_err("InvalidNumber")
        elif 0x31 <= c <= 0x39:
            m = _NOT_DIGIT.search(self.s, self.i, self.n)
            self.i = m.start() if m else self.n
        else:
            raise self.err("InvalidNumber")
        c = self.peek0()
        if c == 0x2E:
            self.i += 1
            start = self.i
            m = _NOT_DIGIT.search(self.s, self.i, self.n)
            self.i = m.start() if m else self.n
            if self.i == start:
                raise self.peek_err("InvalidNumber")
            if self.peek0() in (0x65, 0x45):
                self.ignore_exponent()
        elif c in (0x65, 0x45):
            self.ignore_exponent()

    def ignore_exponent(self):
        self.i += 1
        if self.peek0() in (0x2B, 0x2D):
            self.i += 1
        c = self.next0()
        if not 0x30 <= c <= 0x39:
            raise self.err("InvalidNumber")
        m = _NOT_DIGIT.search(self.s, self.i, self.n)
        self.i = m.start() if m else self.n


_SIMPLE_ESCAPES = {0x22: b'"', 0x5C: b"\\", 0x2F: b"/", 0x62: b"\x08", 0x66: b"\x0c",
                   0x6E: b"\n", 0x72: b"\r", 0x74: b"\t"}


def _num_kind(v):
    if type(v) is float:
        return "f64"
    return "u64" if v >= 0 else "i64"


def _kind(v):
    t = type(v)
    if t is str:
        return "str"
    if v is None:
        return "unit"
    if t is bool:
        return "bool"
    if t is int:
        return "u64" if v >= 0 else "i64"
    if t is float:
        return "f64"
    if t is _Pairs or t is dict:
        return "map"
    return "seq"


# ---------------------------------------------------------------------------------------------
# The typed record (parse.rs `Raw`) and its field visitors

class _Slot:
    """parse.rs Slot::Missing / Slot::Null of a required field (Slot::Set is the value itself)."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_MISSING, _NULL = _Slot("Missing"), _Slot("Null")
_GOT = {"bool": "boolean", "u64": "number", "i64": "number", "f64": "number", "str": "string",
        "seq": "array", "map": "object"}
_STR_FIELDS = ("user_id", "session_id", "page_url", "referrer", "user_agent", "product_id",
               "country", "device")


class Raw:
    __slots__ = ("event_id", "event_type", "timestamp", "user_id", "session_id", "page_url",
                 "referrer", "user_agent", "product_id", "price", "quantity", "country", "device",
                 "extra")

    def __init__(self):
        self.event_id = self.event_type = self.timestamp = _MISSING
        self.user_id = self.session_id = self.page_url = self.referrer = None
        self.user_agent = self.product_id = self.price = self.quantity = None
        self.country = self.device = None
        self.extra = []


def _str_field(name, kind, v):
    if kind == "str":
        return v
    if kind == "unit":
        return None
    raise _wrong(name, "string", _GOT[kind])


def _apply(raw, key, kind, v):
    """One known field of RawVisitor::visit_map; False for a key outside the contract."""
    if key == "event_id" or key == "event_type":
        s = _str_field(key, kind, v)
        setattr(raw, key, _NULL if s is None else s)
    elif key == "timestamp":
        raw.timestamp = _ts_field(kind, v)
    elif key in ("user_id", "session_id", "page_url", "referrer", "user_agent", "product_id",
                 "country", "device"):
        setattr(raw, key, _str_field(key, kind, v))
    elif key == "ip" or key == "email":
        if kind != "str" and kind != "unit":
            raise _wrong(key, "string", _GOT[kind])
    elif key == "price":
        if kind == "u64" or kind == "i64":
            raw.price = float(v)
        elif kind == "f64":
            raw.price = v
        elif kind == "unit":
            raw.price = None
        else:
            raise _wrong("price", "number", _GOT[kind])
    elif key == "quantity":
        if kind == "i64":
            raw.quantity = v
        elif kind == "u64":
            if v > I64_MAX:
                raise _wrong("quantity", "integer", f"out-of-range {v}")
            raw.quantity = v
        elif kind == "f64":
            if v - math.trunc(v) == 0.0 and -9.0e15 <= v <= 9.0e15:
                raw.quantity = int(v)
            else:
                raise _wrong("quantity", "integer", f"float {rust_display_f64(v)}")
        elif kind == "unit":
            raw.quantity = None
        else:
            raise _wrong("quantity", "integer", _GOT[kind])
    else:
        return False
    return True


def _ts_field(kind, v):
    if kind == "str":
        return ("s", v)
    if kind == "i64":
        return ("i", v)
    if kind == "u64":
        if v > I64_MAX:
            raise JsonError(f"field `timestamp`: {v} is out of range", 0, 0, DATA)
        return ("i", v)
    if kind == "f64":
        return ("f", v)
    if kind == "unit":
        return _NULL
    raise _wrong("timestamp", "string or number", _GOT[kind])


def _typed_slow(buf, start, end):
    """The typed parse of one record at buf[start] == '{': (Raw, length) or JsonError."""
    p = _P(buf, start, end)
    p.enter()
    raw = Raw()
    first = True
    try:
        while p.has_next_key(first):
            first = False
            k = p.key()
            p.colon()
            if k in _KNOWN:
                kind, v = p.scalar()
                try:
                    _apply(raw, k, kind, v)
                except JsonError as e:
                    raise p.fix(e) from None
            else:
                raw.extra.append((k, p.value()))
    except JsonError as e:
        raise p.fix(e) from None
    p.i += 1
    return raw, p.i - start


_PLAIN_STR = frozenset(_STR_FIELDS + ("event_id", "event_type"))
_KNOWN = frozenset(("event_id", "event_type", "timestamp", "user_id", "session_id", "page_url",
                    "referrer", "user_agent", "ip", "email", "product_id", "price", "quantity",
                    "country", "device"))


# ---------------------------------------------------------------------------------------------
# The fast path: Python's json C scanner, with what makes it equal to serde_json checked


class _Pairs(list):
    """A JSON object as (key, value) pairs in input order."""

    __slots__ = ()


def _reject_constant(_):
    raise _NotFast()


_SERDE_FLOAT = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]{1,4}))?\Z")


def _serde_float_literal(s):
    m = _SERDE_FLOAT.match(s)
    if m and len(m.group(2)) + len(m.group(3) or "") <= 19:
        frac = m.group(3) or ""
        sig = int(m.group(2) + frac)
        exp = -len(frac) + (int(m.group(4)) if m.group(4) else 0)
        return _f64_from_parts(None, m.group(1) == "", sig, exp)
    return _serde_number_slow(s)


def _serde_number_slow(s):
    b = s.encode()
    p = _P(b)
    try:
        if b[:1] == b"-":
            p.i = 1
            v = p.integer(False)
        else:
            v = p.integer(True)
    except JsonError:
        raise _NotFast() from None
    if p.i != len(b):
        raise _NotFast()
    return v


def _serde_int_literal(s):
    if len(s) < 18:
        if s == "-0":
            return -0.0
        return int(s)
    return _serde_number_slow(s)


class _PerProcess:
    """A value built once per Python process and never pickled (json's C scanner cannot be: when
    this file is the job's __main__, Spark ships the functions with their globals by value)."""

    def __init__(self, build):
        self.build, self.value = build, None

    def get(self):
        if self.value is None:
            self.value = self.build()
        return self.value

    def __reduce__(self):
        return (_PerProcess, (self.build,))


_DECODER = _PerProcess(lambda: json.JSONDecoder(
    object_pairs_hook=_Pairs, parse_float=_serde_float_literal, parse_int=_serde_int_literal,
    parse_constant=_reject_constant, strict=True))
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_FAST_WINDOW = 16 * 1024
FAST_PATH = True  # False: every record through the serde_json port (the tests check both agree)


def _fast_decode(buf, start, limit):
    """The object at buf[start], parsed by json's scanner: (pairs, byte length), or _NotFast."""
    window = buf[start:limit]
    try:
        text = window.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(window) - 3 or e.reason != "unexpected end of data":
            raise _NotFast() from None
        window = window[: e.start]
        text = window.decode("utf-8")
    try:
        obj, end = _DECODER.get().raw_decode(text, 0)
    except _NotFast:
        raise
    except json.JSONDecodeError as e:
        if e.pos >= len(text) - 1 or e.msg.startswith("Unterminated string"):
            raise _WindowTooSmall() from None
        raise _NotFast() from None
    except Exception:
        raise _NotFast() from None
    if type(obj) is not _Pairs:
        raise _NotFast()
    used = text[:end]
    if used.count("[") + used.count("{") >= 127:
        raise _NotFast()  # could hit serde_json's recursion limit
    if "\\u" in used and _SURROGATE_ESCAPE.search(used):
        raise _NotFast()  # lone surrogates are errors for serde_json, not for json
    length = end if window.isascii() else len(used.encode("utf-8"))
    return obj, length


def _typed_fast(buf, start, end, eof):
    """('good', Raw, len) | ('bad', len, reason, day) | None when the exact parser must decide."""
    nl = buf.find(b"\n", start, end)
    if nl < 0:
        if not eof:
            return None
        nl = end
    window = _FAST_WINDOW
    while True:
        limit = min(nl, start + window)
        try:
            pairs, length = _fast_decode(buf, start, limit)
            break
        except _WindowTooSmall:
            if limit == nl or window >= MAX_RECORD_BYTES:
                return None
            window *= 8
        except _NotFast:
            return None
    raw = Raw()
    for k, v in pairs:
        if k in _KNOWN:
            if k in _PLAIN_STR and type(v) is str:
                setattr(raw, k, v)
                continue
            try:
                _apply(raw, k, _kind(v), v)
            except JsonError as e:
                # Valid JSON with a wrong type: frame() keeps the typed reason, without position.
                return ("bad", length, e.msg, _probe_pairs(pairs))
        else:
            raw.extra.append((k, v))
    return ("good", raw, length)


def _probe_pairs(pairs):
    found = None
    for k, v in pairs:
        if k == "timestamp":
            try:
                ts = _ts_field(_kind(v), v)
            except JsonError:
                return None
            if ts is not _NULL:
                try:
                    found = ts_micros(ts)
                except ValueError:
                    found = None
    return None if found is None else day_of(found)


def _to_value(v):
    """A fast-path value as serde_json's Value: objects as ordered dicts."""
    t = type(v)
    if t is _Pairs:
        out = {}
        for k, x in v:
            out[k] = _to_value(x)
        return out
    if t is list:
        return [_to_value(x) for x in v]
    return v


def _strip_sensitive(v):
    t = type(v)
    if t is dict:
        for k in [k for k in v if k == "ip" or k == "email"]:
            del v[k]
        for x in v.values():
            _strip_sensitive(x)
    elif t is list:
        for x in v:
            _strip_sensitive(x)


def write_extra(extra):
    """parse.rs write_extra: the unknown fields as one JSON object, None when there are none."""
    parts = []
    for k, v in extra:
        if k == "ip" or k == "email":
            continue
        v = _to_value(v)
        _strip_sensitive(v)
        parts.append(_json_str(k) + ":" + serialize_value(v))
    if not parts:
        return None
    return "{" + ",".join(parts) + "}"


# ---------------------------------------------------------------------------------------------
# Timestamps


def _is_leap(y):
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def _days_in_month(y, m):
    if m == 2:
        return 29 if _is_leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def days_from_civil(y, m, d):
    y = y - 1 if m <= 2 else y
    era = y // 400
    yoe = y - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def _d(b, i):
    if i < len(b):
        x = b[i] - 48
        if 0 <= x < 10:
            return x
    return None


def _num2(b, i):
    a, c = _d(b, i), _d(b, i + 1)
    if a is None or c is None:
        return None
    return a * 10 + c


_TS_HEAD = re.compile(rb"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})")


def _fast_ts(b):
    m = _TS_HEAD.match(b)
    if m is None:
        return None
    year, month, day, hour, minute, second = map(int, m.groups())
    if not 1 <= month <= 12 or day < 1 or day > _days_in_month(year, month) or hour > 23 \
            or minute > 59 or second > 59:
        return None
    i = 19
    frac = 0
    if i < len(b) and b[i] == 46:
        i += 1
        start = i
        scale = 100_000
        while True:
            x = _d(b, i)
            if x is None:
                break
            frac += x * scale
            scale //= 10
            i += 1
        if i == start:
            return None
    if i >= len(b):
        offset = 0
    elif b[i] in (90, 122) and i + 1 == len(b):
        offset = 0
    elif b[i] in (43, 45):
        rest = b[i + 1:]
        if len(rest) == 2:
            h, m = _num2(rest, 0), 0
        elif len(rest) == 4:
            h, m = _num2(rest, 0), _num2(rest, 2)
        elif len(rest) == 5 and rest[2] == 58:
            h, m = _num2(rest, 0), _num2(rest, 3)
        else:
            return None
        if h is None or m is None or h > 23 or m > 59:
            return None
        offset = h * 3600 + m * 60
        if b[i] == 45:
            offset = -offset
    else:
        return None
    secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    return secs * 1_000_000 + frac


_MINUS_SIGN = "\u2212".encode()


def _chrono_rfc3339(b):
    """chrono 0.4.45 DateTime::parse_from_rfc3339 → timestamp_micros, or None."""
    if len(b) < 19:
        return None
    digits = [_d(b, i) for i in range(19) if i not in (4, 7, 10, 13, 16)]
    if None in digits:
        return None
    year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
    month, day = digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]
    hour, minute, sec = digits[8] * 10 + digits[9], digits[10] * 10 + digits[11], \
        digits[12] * 10 + digits[13]
    if b[4] != 45 or b[7] != 45 or b[10] not in (84, 116, 32) or b[13] != 58 or b[16] != 58:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        return None
    extra = 0
    if sec == 60:
        sec, extra = 59, 1_000_000_000
    if len(b) > 19 and b[19] == 46:
        i = 20
        v = 0
        while i < len(b) and i < 29 and 48 <= b[i] <= 57:
            v = v * 10 + b[i] - 48
            i += 1
        consumed = i - 20
        if consumed == 0:
            return None
        v *= 10 ** (9 - consumed)
        while i < len(b) and 48 <= b[i] <= 57:
            i += 1
        nano = extra + v
        rest = b[i:]
    else:
        nano = extra
        rest = b[19:]
    if hour >= 24 or minute >= 60 or sec >= 60 or (nano >= 1_000_000_000 and sec != 59) \
            or nano >= 2_000_000_000:
        return None
    if rest[:1] in (b"Z", b"z"):
        offset, rest = 0, rest[1:]
    else:
        if rest[:1] in (b"+", b"-"):
            negative, rest = rest[:1] == b"-", rest[1:]
        elif rest.startswith(_MINUS_SIGN):
            negative, rest = True, rest[len(_MINUS_SIGN):]
        else:
            return None
        h = _num2(rest, 0)
        if h is None or rest[2:3] != b":":
            return None
        rest = rest[3:]
        if len(rest) < 2 or not (48 <= rest[0] <= 53 and 48 <= rest[1] <= 57):
            return None
        m = (rest[0] - 48) * 10 + rest[1] - 48
        rest = rest[2:]
        offset = h * 3600 + m * 60
        if negative:
            offset = -offset
        if not -86_400 < offset < 86_400:
            return None
    if rest:
        return None
    secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + sec - offset
    return secs * 1_000_000 + nano // 1000


def parse_ts_str(s):
    b = s.encode("utf-8")
    v = _fast_ts(b)
    if v is None:
        v = _chrono_rfc3339(b)
    return v


def _round_half_away(x):
    t = math.trunc(x)
    if abs(x - t) >= 0.5:
        t += math.copysign(1.0, x)
    return t


def _out_of_range(shown):
    return ValueError(f"field `timestamp`: {shown} is out of range (years 1..=9999)")


def ts_micros(ts):
    """parse.rs ts_micros: UTC microseconds, or ValueError(reason)."""
    tag, v = ts
    if tag == "s":
        micros = parse_ts_str(v)
        if micros is None:
            raise ValueError(f"field `timestamp`: cannot parse {rust_debug_str(v[:64])} as a timestamp")
    elif tag == "i":
        m = v * 1_000 if abs(v) >= int(MILLIS_THRESHOLD) else v * 1_000_000
        if not I64_MIN <= m <= I64_MAX:
            raise _out_of_range(v)
        micros = m
    else:
        if not math.isfinite(v):
            raise _out_of_range(rust_display_f64(v))
        m = _round_half_away(v * 1e3) if abs(v) >= MILLIS_THRESHOLD else _round_half_away(v * 1e6)
        if m < float(MIN_MICROS) or m > float(MAX_MICROS):
            raise _out_of_range(rust_display_f64(v))
        micros = int(m)
    if not MIN_MICROS <= micros <= MAX_MICROS:
        if tag == "s":
            raise _out_of_range(rust_debug_str(v))
        raise _out_of_range(str(v) if tag == "i" else rust_display_f64(v))
    return micros


_EPOCH = _dt.date(1970, 1, 1)


def date_of_epoch_day(day):
    return _EPOCH + _dt.timedelta(days=day)


def day_of(micros):
    return date_of_epoch_day(micros // MICROS_PER_DAY)


# Rust's `<str as Debug>::fmt` (char::escape_debug_ext with grapheme extenders escaped).
_OTHER_GRAPHEME_EXTEND = (
    (0x09BE, 0x09BE), (0x09D7, 0x09D7), (0x0B3E, 0x0B3E), (0x0B57, 0x0B57), (0x0BBE, 0x0BBE),
    (0x0BD7, 0x0BD7), (0x0CC2, 0x0CC2), (0x0CD5, 0x0CD6), (0x0D3E, 0x0D3E), (0x0D57, 0x0D57),
    (0x0DCF, 0x0DCF), (0x0DDF, 0x0DDF), (0x1B35, 0x1B35), (0x200C, 0x200C), (0x302E, 0x302F),
    (0xFF9E, 0xFF9F), (0x1133E, 0x1133E), (0x11357, 0x11357), (0x114B0, 0x114B0),
    (0x114BD, 0x114BD), (0x115AF, 0x115AF), (0x11930, 0x11930), (0x1D165, 0x1D165),
    (0x1D16E, 0x1D172), (0xE0020, 0xE007F),
)
_NOT_PRINTABLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"))
_DEBUG_ESCAPES = {"\0": "\\0", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", '"': '\\"'}


def _escape_in_debug(ch):
    o = ord(ch)
    if 0x20 <= o < 0x7F:
        return False
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me") or any(a <= o <= b for a, b in _OTHER_GRAPHEME_EXTEND):
        return True
    return cat in _NOT_PRINTABLE


def rust_debug_str(s):
    out = ['"']
    for ch in s:
        esc = _DEBUG_ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif _escape_in_debug(ch):
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def validate(raw):
    """parse.rs validate: event_ts in UTC µs, or ValueError(reason)."""
    for name in ("event_id", "event_type"):
        v = getattr(raw, name)
        if v is _MISSING:
            raise ValueError(f"missing required field `{name}`")
        if v is _NULL:
            raise ValueError(f"required field `{name}` is null")
        if v == "":
            raise ValueError(f"required field `{name}` is empty")
    ts = raw.timestamp
    if ts is _MISSING:
        raise ValueError("missing required field `timestamp`")
    if ts is _NULL:
        raise ValueError("required field `timestamp` is null")
    return ts_micros(ts)


# ---------------------------------------------------------------------------------------------
# Redaction and quarantine text

_REDACTED = b'"[redacted]"'
_STR_END = re.compile(rb'[\\"\n]')
_VALUE_STOP = re.compile(rb"[,}\] \t\r\n]")
_BRACKETS = re.compile(rb'["{}\[\]]')


def _string_end(s, i):
    j = i + 1
    n = len(s)
    while j < n:
        m = _STR_END.search(s, j)
        if m is None:
            return n
        j = m.start()
        c = s[j]
        if c == 0x5C:
            j += 2
        elif c == 0x22:
            return j + 1
        else:
            return j
    return n


def _skip_ws(s, i):
    return _WS.match(s, i).end()


def _value_end(s, i):
    n = len(s)
    if i >= n:
        return i
    c = s[i]
    if c == 0x22:
        return _string_end(s, i)
    if c in (0x7B, 0x5B):
        depth = 0
        j = i
        while j < n:
            m = _BRACKETS.search(s, j)
            if m is None:
                return n
            j = m.start()
            c = s[j]
            if c == 0x22:
                j = _string_end(s, j)
                continue
            if c in (0x7B, 0x5B):
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return n
    m = _VALUE_STOP.search(s, i)
    return m.start() if m else n


def _key_is_sensitive(quoted):
    if len(quoted) < 2 or quoted[-1] != 0x22:
        return False
    inner = quoted[1:-1]
    if 0x5C in inner:
        p = _P(quoted)
        try:
            p.i = 1
            k = p.string()
        except JsonError:
            return False
        if _WS.match(quoted, p.i).end() != len(quoted):
            return False
        return k == "ip" or k == "email"
    return inner == b"ip" or inner == b"email"


def redact(s):
    """parse.rs redact: every `ip`/`email` value, at any depth, replaced lexically."""
    if b"ip" not in s and b"em" not in s and b"\\" not in s[:-1]:
        return s
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        if s[i] != 0x22:
            j = s.find(b'"', i)
            if j < 0:
                out += s[i:]
                break
            out += s[i:j]
            i = j
            continue
        end = _string_end(s, i)
        out += s[i:end]
        colon = _skip_ws(s, end)
        if colon < n and s[colon] == 0x3A and _key_is_sensitive(s[i:end]):
            v = _skip_ws(s, colon + 1)
            out += s[end:v]
            v_end = _value_end(s, v)
            if v_end > v:
                out += _REDACTED
            i = v_end
        else:
            i = end
    return bytes(out)


def raw_text(text):
    redacted = redact(bytes(text))
    if len(redacted) <= RAW_CAP_BYTES:
        return redacted.decode("utf-8", "replace")
    cut = RAW_CAP_BYTES
    while cut > RAW_CAP_BYTES - 3 and redacted[cut] & 0xC0 == 0x80:
        cut -= 1
    return redacted[:cut].decode("utf-8", "replace") + f"…[truncated: {len(redacted)} bytes in total]"


def quarantine_line(source_key, bad):
    number, offset, reason, raw = bad
    return (f'{{"source_key":{_json_str(source_key)},"record_number":{number},'
            f'"byte_offset":{offset},"reason":{_json_str(reason)},"raw":{_json_str(raw)}}}')


def probe_day(text, start, end):
    """parse.rs probe_day over text[start:end]: the event day of a bad record, best effort."""
    p = _P(text, start, end)
    try:
        c = p.ws()
        if c != 0x7B:
            return None
        p.enter()
        found = None
        first = True
        while p.has_next_key(first):
            first = False
            k = p.key()
            p.colon()
            if k == "timestamp":
                kind, v = p.scalar()
                ts = _ts_field(kind, v)
                if ts is not _NULL:
                    try:
                        found = ts_micros(ts)
                    except ValueError:
                        found = None
            else:
                p.ignore_value()
        p.i += 1
    except JsonError:
        return None
    return None if found is None else day_of(found)


# ---------------------------------------------------------------------------------------------
# Decompression: flate2 1.1 MultiGzDecoder (zlib backend) over std's Chain(Cursor(2), File)


class _ReadError(Exception):
    pass


class PlainSource:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def read(self, n):
        out = self.data[self.pos:self.pos + n]
        self.pos += len(out)
        return out


class FlateMultiGz:
    """Replays the reads bdctl's framer makes: a call's output is lost when zlib fails in it."""

    BUF = 32 * 1024

    def __init__(self, data):
        self.data = data
        self.cursor = 0        # the two sniffed bytes, read back first
        self.fpos = 2          # the file position behind them
        self.buf = b""
        self.bpos = 0
        self.state = "header"
        self.error = None
        self.d = None
        self.crc = 0
        self.amount = 0
        try:
            self._header()
            self._start_body()
        except _ReadError as e:
            self.error = e

    # std::io::Chain<Cursor<[u8; 2]>, File> read, through flate2's 32 KiB BufReader
    def _inner_read(self, n):
        if self.cursor < 2:
            k = min(n, 2 - self.cursor, len(self.data))
            out = self.data[self.cursor:self.cursor + k]
            self.cursor += k
            if out:
                return out
            self.cursor = 2
        out = self.data[self.fpos:self.fpos + n]
        self.fpos += len(out)
        return out

    def _fill_buf(self):
        if self.bpos >= len(self.buf):
            self.buf = self._inner_read(self.BUF)
            self.bpos = 0
        return self.buf, self.bpos

    def _read_exact(self, n):
        """read_into until n bytes: UnexpectedEof when the input ends first."""
        out = bytearray()
        while len(out) < n:
            buf, pos = self._fill_buf()
            k = min(n - len(out), len(buf) - pos)
            if k == 0:
                raise _ReadError("unexpected end of file")
            out += buf[pos:pos + k]
            self.bpos += k
        return bytes(out)

    def _read_to_nul(self):
        while True:
            b = self._read_exact(1)
            if b == b"\0":
                return

    def _header(self):
        h = self._read_exact(10)
        if h[0] != 0x1F or h[1] != 0x8B or h[2] != 8 or h[3] & 0xE0:
            raise _ReadError("invalid gzip header")
        flags = h[3]
        crc_data = bytearray(h)
        if flags & 4:
            xlen_b = self._read_exact(2)
            crc_data += xlen_b
            crc_data += self._read_exact(xlen_b[0] | (xlen_b[1] << 8))
        for flag in (8, 16):
            if flags & flag:
                start = len(crc_data)
                while True:
                    b = self._read_exact(1)
                    crc_data += b
                    if b == b"\0":
                        break
                    if len(crc_data) - start > 0xFFFF:
                        raise _ReadError("gzip header field too long")
        if flags & 2:
            stored = self._read_exact(2)
            if (stored[0] | (stored[1] << 8)) != (zlib.crc32(bytes(crc_data)) & 0xFFFF):
                raise _ReadError("corrupt gzip stream does not have a matching checksum")

    def _start_body(self):
        self.state = "body"
        self.d = zlib.decompressobj(-15)
        self.crc = 0
        self.amount = 0

    def _inflate_read(self, n):
        """flate2 zio::read with a dst of n bytes."""
        while True:
            buf, pos = self._fill_buf()
            avail = buf[pos:]
            eof = not avail
            if self.d.eof:
                return b""
            try:
                out = self.d.decompress(avail, n)
            except zlib.error:
                raise _ReadError("corrupt deflate stream") from None
            if self.d.eof:
                consumed = len(avail) - len(self.d.unused_data)
            else:
                consumed = len(avail) - len(self.d.unconsumed_tail)
            self.bpos = min(self.bpos + consumed, len(self.buf))
            if self.d.eof:
                return out
            if not out and not eof:
                continue
            if not out and eof:
                raise _ReadError("incomplete deflate stream")
            return out

    def read(self, n):
        if self.error is not None:
            e, self.error = self.error, None
            self.state = "end"
            raise e
        while True:
            if self.state == "header":
                self._header()
                self._start_body()
            elif self.state == "body":
                if n == 0:
                    return b""
                out = self._inflate_read(n)
                if out:
                    self.crc = zlib.crc32(out, self.crc)
                    self.amount = (self.amount + len(out)) & 0xFFFFFFFF
                    return out
                self.state = "finished"
            elif self.state == "finished":
                trailer = self._read_exact(8)
                crc = int.from_bytes(trailer[:4], "little")
                amount = int.from_bytes(trailer[4:], "little")
                if crc != self.crc or amount != self.amount:
                    self.state = "end"
                    raise _ReadError("corrupt gzip stream does not have a matching checksum")
                buf, pos = self._fill_buf()
                self.state = "end" if pos >= len(buf) else "header"
            else:
                return b""


def open_source(data):
    compressed = len(data) >= 2 and data[0] == 0x1F and data[1] == 0x8B
    return (FlateMultiGz(data) if compressed else PlainSource(data)), compressed


# ---------------------------------------------------------------------------------------------
# Framing (reader.rs Framer::run / frame / resync)


def _kind_of(first):
    if first == 0x5B:
        return "array"
    if first == 0x22:
        return "string"
    if first in (0x74, 0x66):
        return "boolean"
    if first == 0x6E:
        return "null"
    return "number"


def typed_reason(e):
    msg = str(e)
    if e.category == DATA:
        i = msg.rfind(" at line ")
        return msg[:i] if i >= 0 else msg
    if msg.startswith("recursion limit exceeded"):
        return f"JSON nested deeper than serde_json's limit of 128 levels ({msg})"
    if msg.startswith("invalid unicode code point"):
        return f"invalid UTF-8 in a string ({msg})"
    return f"invalid JSON: {msg}"


def _error_index(buf, start, end, e):
    line_start = start
    line = 1
    while line < e.line:
        p = buf.find(b"\n", line_start, end)
        if p < 0:
            break
        line_start = p + 1
        line += 1
    return min(line_start + max(e.column - 1, 0), end) - start


def _cut_short(buf, start, end, limit):
    """reader.rs cut_short over text = buf[start:end]; indices relative to start."""
    line_start = start
    lim = start + min(limit, end - start)
    while True:
        nl = buf.find(b"\n", line_start, lim)
        if nl < 0:
            return None
        m = _WS.match(buf, nl + 1, end)
        k = m.end()
        if nl > start and k < end and buf[k] == 0x7B:
            return nl - start
        line_start = nl + 1


def _resync(buf, start, end, frm):
    cut = _cut_short(buf, start, end, frm)
    if cut is not None:
        return cut
    depth = 0
    in_str = False
    i = start
    frm_abs = start + frm
    while i < end:
        b = buf[i]
        if b == 0x0A and i >= frm_abs:
            return max(i - start, 1)
        if in_str:
            if b == 0x5C:
                i += 1
            elif b == 0x22:
                in_str = False
        else:
            if b == 0x22:
                in_str = True
            elif b == 0x7B and depth == 0 and i > start and i >= frm_abs:
                return i - start
            elif b in (0x7B, 0x5B):
                depth += 1
            elif b in (0x7D, 0x5D):
                depth = max(depth - 1, 0)
                if depth == 0 and i >= frm_abs:
                    return i + 1 - start
        i += 1
    return None


_NEED_MORE = "need_more"


def frame(buf, start, end, eof, damaged, typed_err):
    """reader.rs frame over text = buf[start:end]: (len, reason) or _NEED_MORE."""
    if typed_err is not None and typed_err.is_eof() and not eof:
        return _NEED_MORE
    p = _P(buf, start, end)
    first = buf[start]
    try:
        p.ignore_value()
        length = p.i - start
        if first not in (0x5B, 0x22, 0x7B):
            c = p.peek()
            if c is not None and c not in b' \n\t\r"[]{},:':
                raise p.peek_err("TrailingCharacters")
    except JsonError as e:
        if e.is_eof():
            if not eof:
                return _NEED_MORE
            cut = _cut_short(buf, start, end, end - start)
            if cut is not None:
                return cut, "truncated: the record ends before its closing brace"
            if damaged:
                return end - start, "truncated"
            return end - start, "truncated: input ends inside a record"
        frm = _error_index(buf, start, end, e)
        n = _resync(buf, start, end, frm)
        if n is not None:
            return n, f"invalid JSON: {e}"
        if not eof:
            return _NEED_MORE
        return end - start, f"invalid JSON: {e}"
    if length == end - start and not eof and first not in (0x7B, 0x5B, 0x22):
        return _NEED_MORE
    if typed_err is not None:
        return length, typed_reason(typed_err)
    return length, f"not a JSON object: got {_kind_of(first)}"


class Transformed:
    """What one object gave: the TransformReport, the rows by day, the bad records."""

    def __init__(self, source_key):
        self.source_key = source_key
        self.records = 0
        self.events_out = 0
        self.quarantined = 0
        self.input_bytes = 0
        self.compressed = False
        self.damaged = None
        self.days = {}          # date -> {column: [values]}, in the order days were opened
        self.bad = []           # ((number, offset, reason, raw), date or None), in order

    def _push(self, raw, event_ts, extra):
        day = date_of_epoch_day(event_ts // MICROS_PER_DAY)
        cols = self.days.get(day)
        if cols is None:
            cols = self.days[day] = {c: [] for c in COLUMNS}
        cols["event_id"].append(raw.event_id)
        cols["event_type"].append(raw.event_type)
        cols["event_ts"].append(event_ts)
        for name in _STR_FIELDS:
            cols[name].append(getattr(raw, name))
        cols["price"].append(raw.price)
        cols["quantity"].append(raw.quantity)
        revenue = None
        if raw.event_type == "purchase" and raw.price is not None and raw.quantity is not None:
            revenue = raw.price * float(raw.quantity)
        cols["revenue"].append(revenue)
        cols["source_key"].append(self.source_key)
        cols["extra"].append(extra)
        self.events_out += 1

    def good(self, raw, meta, buf, start, length):
        try:
            event_ts = validate(raw)
        except ValueError as e:
            day = None
            ts = raw.timestamp
            if ts is not _MISSING and ts is not _NULL:
                try:
                    day = day_of(ts_micros(ts))
                except ValueError:
                    day = None
            self.quarantine(meta, buf[start:start + length], str(e), day)
            return
        extra = write_extra(raw.extra) if raw.extra else None
        self._push(raw, event_ts, extra)

    def bad_record(self, meta, buf, start, length, reason, day="probe"):
        if day == "probe":
            day = probe_day(buf, start, start + length)
        self.quarantine(meta, buf[start:start + length], reason, day)

    def quarantine(self, meta, text, reason, day):
        self.quarantined += 1
        self.bad.append(((meta[0], meta[1], reason, raw_text(text)), day))


def transform_bytes(data, source_key):
    """transform(): one raw object's bytes → Transformed (reader.rs Framer::run semantics)."""
    out = Transformed(source_key)
    src, out.compressed = open_source(data)
    buf = b""
    cap = CHUNK
    start = 0
    base = 0
    eof = False
    damaged = None
    records = 0

    def fill():
        nonlocal buf, cap, start, base, eof, damaged
        if eof:
            return
        pending = len(buf) - start
        if start > 0:
            buf = buf[start:]
            base += start
            start = 0
        if pending == cap:
            cap *= 2
        elif cap > CHUNK and pending <= CHUNK // 2:
            cap = CHUNK
        parts = [buf]
        size = pending
        while size < cap:
            try:
                chunk = src.read(cap - size)
            except _ReadError as e:
                eof = True
                what = "gzip stream damaged" if out.compressed else "input read failed"
                damaged = f"{what} after {out.input_bytes} decompressed bytes: {e}"
                break
            if not chunk:
                eof = True
                break
            parts.append(chunk)
            size += len(chunk)
            out.input_bytes += len(chunk)
        buf = b"".join(parts)

    fill()
    if buf.startswith(BOM):
        start = 3
    while True:
        end = len(buf)
        start = _WS.match(buf, start, end).end()
        if start == end:
            if eof:
                break
            fill()
            continue
        meta = (records + 1, base + start)
        typed_err = None
        if buf[start] == 0x7B:
            fast = _typed_fast(buf, start, end, eof) if FAST_PATH else None
            if fast is not None:
                records += 1
                if fast[0] == "good":
                    out.good(fast[1], meta, buf, start, fast[2])
                    start += fast[2]
                else:
                    _, length, reason, day = fast
                    out.bad_record(meta, buf, start, length, reason, day)
                    start += length
                continue
            try:
                raw, length = _typed_slow(buf, start, end)
            except JsonError as e:
                typed_err = e
            else:
                records += 1
                out.good(raw, meta, buf, start, length)
                start += length
                continue
        framed = frame(buf, start, end, eof, damaged is not None, typed_err)
        if framed is not _NEED_MORE:
            length, reason = framed
            records += 1
            out.bad_record(meta, buf, start, length, reason)
            start += length
        elif end - start >= MAX_RECORD_BYTES:
            records += 1
            out.bad_record(meta, buf, start, end - start,
                           f"record exceeds {MAX_RECORD_BYTES >> 20} MiB without ending; cut here")
            start = end
        else:
            fill()
    out.records = records
    out.damaged = damaged
    return out


# ---------------------------------------------------------------------------------------------
# Layout (layout.rs) and names (pipeline.rs)

_I32 = re.compile(r"[+-]?[0-9]+\Z")
_U32 = re.compile(r"\+?[0-9]+\Z")


def _parse_int(v, signed):
    if not (_I32 if signed else _U32).match(v):
        return None
    x = int(v)
    lo, hi = ((-(1 << 31), (1 << 31) - 1) if signed else (0, (1 << 32) - 1))
    return x if lo <= x <= hi else None


def _ymd(y, m, d):
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def raw_key_day(layout, relative_key):
    parts = relative_key.split("/")
    if layout == "hive":
        year = month = day = None
        for part in parts:
            if part.startswith("year="):
                year = _parse_int(part[5:], True)
            elif part.startswith("month="):
                month = _parse_int(part[6:], False)
            elif part.startswith("day="):
                day = _parse_int(part[4:], False)
        return _ymd(year, month, day)
    if len(parts) >= 4:
        return _ymd(_parse_int(parts[0], True), _parse_int(parts[1], False), _parse_int(parts[2], False))
    return None


def day_partition(day):
    return f"year={day.year:04d}/month={day.month:02d}/day={day.day:02d}/"


def raw_day_prefix(layout, day):
    if layout == "hive":
        return day_partition(day)
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"


def stem(source_key):
    name = source_key.rsplit("/", 1)[-1]
    for suffix in STEM_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


# ---------------------------------------------------------------------------------------------
# Storage: one root per area, local or s3://, through pyarrow.fs


def _pa():
    import pyarrow as pa  # noqa: F401
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq
    return pa, pafs, pq


class Root:
    """An area root: where its files go (fs + path) and the key prefix bdctl names them by."""

    def __init__(self, uri, key_prefix=None):
        self.uri = uri
        if "://" in uri and not uri.startswith("file://"):
            scheme, rest = uri.split("://", 1)
            bucket, _, prefix = rest.partition("/")
            self.remote = True
            self.scheme = scheme if scheme != "s3a" else "s3"
            self.bucket = bucket
            prefix = prefix.strip("/")
            self.base = f"{bucket}/{prefix}" if prefix else bucket
            default_prefix = f"{prefix}/" if prefix else ""
        else:
            path = uri[len("file://"):] if uri.startswith("file://") else uri
            self.remote = False
            self.base = os.path.abspath(path)
            default_prefix = os.path.basename(self.base.rstrip("/")) + "/"
        if key_prefix is None:
            key_prefix = default_prefix
        elif key_prefix and not key_prefix.endswith("/"):
            key_prefix += "/"
        self.key_prefix = key_prefix
        self._fs = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_fs"] = None
        return state

    @property
    def fs(self):
        if self._fs is None:
            _, pafs, _ = _pa()
            if self.remote:
                try:
                    region = pafs.resolve_s3_region(self.bucket)
                except OSError:
                    region = None  # the SDK's own chain (AWS_REGION, the instance's region)
                self._fs = pafs.S3FileSystem(region=region) if region else pafs.S3FileSystem()
            else:
                self._fs = pafs.LocalFileSystem()
        return self._fs

    def path(self, relative):
        if self.remote:
            return f"{self.base}/{relative}" if relative else self.base
        return os.path.join(self.base, *relative.split("/")) if relative else self.base

    def key(self, relative):
        return self.key_prefix + relative

    def read_bytes(self, relative):
        with self.fs.open_input_stream(self.path(relative), compression=None) as f:
            return f.readall()

    def read_optional(self, relative):
        try:
            return self.read_bytes(relative)
        except FileNotFoundError:
            return None
        except OSError as e:
            if "not found" in str(e).lower() or "NoSuchKey" in str(e):
                return None
            raise

    def write_bytes(self, relative, data):
        """Whole or not at all: a hidden temporary file renamed locally, one PUT on S3."""
        path = self.path(relative)
        if self.remote:
            with self.fs.open_output_stream(path, compression=None) as f:
                f.write(data)
            return len(data)
        directory = os.path.dirname(path)
        os.makedirs(directory, exist_ok=True)
        tmp = os.path.join(directory, f".{os.path.basename(path)}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return len(data)

    def list_files(self, relative_dir):
        """Relative paths of the files below relative_dir (recursive), sorted; hidden names skipped."""
        _, pafs, _ = _pa()
        selector = pafs.FileSelector(self.path(relative_dir.rstrip("/")), recursive=True,
                                     allow_not_found=True)
        out = []
        base = self.path("")
        for info in self.fs.get_file_info(selector):
            if info.type != pafs.FileType.File:
                continue
            rel = info.path[len(base):].lstrip("/")
            if not self.remote:
                rel = rel.replace(os.sep, "/")
                if any(part.startswith(".") for part in rel.split("/")):
                    continue
            elif rel.endswith("/"):
                continue
            out.append((rel, info.size))
        out.sort(key=lambda item: self.key(item[0]))
        return out

    def size(self, relative):
        _, pafs, _ = _pa()
        info = self.fs.get_file_info(self.path(relative))
        if info.type != pafs.FileType.File:
            raise FileNotFoundError(f"raw object {self.key(relative)}")
        return info.size


def output_schema():
    pa, _, _ = _pa()
    s = pa.string()
    return pa.schema([
        pa.field("event_id", s, False),
        pa.field("event_type", s, False),
        pa.field("event_ts", pa.timestamp("us", tz="UTC"), False),
        pa.field("user_id", s), pa.field("session_id", s), pa.field("page_url", s),
        pa.field("referrer", s), pa.field("user_agent", s), pa.field("product_id", s),
        pa.field("price", pa.float64()), pa.field("quantity", pa.int64()),
        pa.field("country", s), pa.field("device", s),
        pa.field("revenue", pa.float64()),
        pa.field("source_key", s, False),
        pa.field("extra", s),
    ])


def parquet_bytes(columns):
    """One day's rows as Parquet: Snappy, statistics, no dictionary for event_id, event_ts and extra."""
    pa, _, pq = _pa()
    schema = output_schema()
    table = pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema],
                                 schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="snappy", row_group_size=ROW_GROUP_ROWS,
                   use_dictionary=[c for c in COLUMNS if c not in ("event_id", "event_ts", "extra")],
                   write_statistics=True, write_page_index=True)
    return sink.getvalue().to_pybytes()


class Lake:
    def __init__(self, raw, transformed, errors, state, layout="hive", raw_key_prefix=None,
                 transformed_key_prefix=None, errors_key_prefix=None):
        if layout not in ("hive", "firehose"):
            raise ValueError(f"--raw-layout must be hive or firehose, not {layout!r}")
        self.raw = Root(raw, raw_key_prefix)
        self.transformed = Root(transformed, transformed_key_prefix)
        self.errors = Root(errors, errors_key_prefix)
        self.state = Root(state, "_bdctl/")
        self.layout = layout

    def raw_day(self, relative):
        return raw_key_day(self.layout, relative)


def process_object(lake, relative, size, today=None):
    """Transforms one raw object and publishes its outputs; returns its manifest and status."""
    source_key = lake.raw.key(relative)
    data = lake.raw.read_bytes(relative)
    result = transform_bytes(data, source_key)
    fallback = lake.raw_day(relative)
    if fallback is None:
        fallback = today or _dt.datetime.now(_dt.timezone.utc).date()
    name = stem(source_key)
    outputs = []
    for day in sorted(result.days):
        rel = f"{day_partition(day)}{name}.parquet"
        written = lake.transformed.write_bytes(rel, parquet_bytes(result.days[day]))
        outputs.append({"key": lake.transformed.key(rel), "day": day.isoformat(),
                        "rows": len(result.days[day]["event_id"]), "bytes": written})
    by_day = {}
    for bad, day in result.bad:
        by_day.setdefault(day or fallback, []).append(quarantine_line(source_key, bad) + "\n")
    quarantine_files = []
    for day in sorted(by_day):
        rel = f"{day_partition(day)}{name}.ndjson"
        lake.errors.write_bytes(rel, "".join(by_day[day]).encode("utf-8"))
        quarantine_files.append(lake.errors.key(rel))
    manifest = {
        "source_key": source_key,
        "source_bytes": size,
        "records": result.records,
        "events_out": result.events_out,
        "quarantined": result.quarantined,
        "input_bytes": result.input_bytes,
        "outputs": outputs,
        "quarantine_files": quarantine_files,
    }
    if result.damaged is None:
        body = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        lake.state.write_bytes(f"manifests/{source_key}.json", body)
    return {"manifest": manifest, "damaged": result.damaged}


def record_partitions(lake, days):
    """pipeline.rs record_partitions: merges the days into partitions.json; returns how many were new."""
    body = lake.state.read_optional("partitions.json")
    known = set(json.loads(body)) if body is not None else set()
    before = len(known)
    known |= set(days)
    added = len(known) - before
    if added:
        lake.state.write_bytes("partitions.json",
                               json.dumps(sorted(known), indent=2, ensure_ascii=False).encode())
    return added


def list_objects(lake, dates=(), keys=()):
    """(relative path, size) of the raw objects of the days or keys, in key order."""
    if keys:
        out = []
        for key in keys:
            rel = key
            if lake.raw.key_prefix and key.startswith(lake.raw.key_prefix):
                rel = key[len(lake.raw.key_prefix):]
            out.append((rel, lake.raw.size(rel)))
        return out
    out = []
    for day in dates:
        out.extend(lake.raw.list_files(raw_day_prefix(lake.layout, day)))
    return out


def _process_or_report(lake, relative, size, today):
    """process_object, with a failure reported as bdctl reports it: for that object only."""
    try:
        return process_object(lake, relative, size, today)
    except Exception as e:  # noqa: BLE001 - every failure is the object's, the others go on
        return {"manifest": None, "damaged": None, "source_key": lake.raw.key(relative),
                "error": f"{type(e).__name__}: {e}"}


def run_job(spark, lake, dates=(), keys=()):
    """Lists the objects, transforms each in a task of its own, records the partitions.

    Returns one dict per object, in key order: ``manifest`` (None when the object failed),
    ``damaged`` (why its gzip stream stopped early, or None) and, for a failure, ``error``.
    """
    objects = list_objects(lake, dates, keys)
    if not objects:
        return []
    today = _dt.datetime.now(_dt.timezone.utc).date()
    sc = spark.sparkContext
    results = (sc.parallelize(objects, len(objects))
               .map(lambda o: (lake.raw.key(o[0]), _process_or_report(lake, o[0], o[1], today)))
               .collect())
    results.sort(key=lambda r: r[0])
    days = {out["day"] for _, r in results if r["manifest"] for out in r["manifest"]["outputs"]}
    record_partitions(lake, days)
    return [r for _, r in results]


# ---------------------------------------------------------------------------------------------
# Entry point: Glue (getResolvedOptions) or plain argparse

_REQUIRED = ("raw", "transformed", "errors", "state")
_OPTIONAL = ("raw-layout", "date", "keys", "raw-key-prefix", "transformed-key-prefix",
             "errors-key-prefix")


def _parse_day(s):
    try:
        return _dt.date.fromisoformat(s.strip())
    except ValueError:
        raise SystemExit(f"error: --date must be YYYY-MM-DD, not {s!r}") from None


def _split(values):
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def parse_args(argv):
    try:
        from awsglue.utils import getResolvedOptions  # type: ignore
    except ImportError:
        getResolvedOptions = None
    if getResolvedOptions is not None:
        names = list(_REQUIRED)
        for name in _OPTIONAL:
            for spelling in (name, name.replace("-", "_")):
                if f"--{spelling}" in argv:
                    names.append(spelling)
                    break
        resolved = getResolvedOptions(argv, names)
        get = lambda n: resolved.get(n, resolved.get(n.replace("-", "_")))  # noqa: E731
        values = {n.replace("-", "_"): get(n) for n in _REQUIRED + _OPTIONAL}
        dates = _split([values["date"]] if values["date"] else [])
        keys = _split([values["keys"]] if values["keys"] else [])
    else:
        ap = argparse.ArgumentParser(description="bdctl's transform as a Spark job")
        for name in _REQUIRED:
            ap.add_argument(f"--{name}", required=True)
        ap.add_argument("--raw-layout", default="hive", choices=("hive", "firehose"))
        ap.add_argument("--date", action="append")
        ap.add_argument("--keys", action="append")
        for name in ("raw-key-prefix", "transformed-key-prefix", "errors-key-prefix"):
            ap.add_argument(f"--{name}")
        ns = ap.parse_args(argv[1:])
        values = vars(ns)
        dates, keys = _split(ns.date), _split(ns.keys)
    if bool(dates) == bool(keys):
        raise SystemExit("error: give either --date or --keys")
    lake = Lake(values["raw"], values["transformed"], values["errors"], values["state"],
                values.get("raw_layout") or "hive", values.get("raw_key_prefix"),
                values.get("transformed_key_prefix"), values.get("errors_key_prefix"))
    return lake, [_parse_day(d) for d in dates], keys


def main(argv=None):
    argv = sys.argv if argv is None else argv
    lake, dates, keys = parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("bdctl-transform").getOrCreate()
    results = run_job(spark, lake, dates, keys)
    done = [r["manifest"] for r in results if r["manifest"] is not None]
    failures = 0
    for r in results:
        if r.get("error"):
            failures += 1
            print(f"warning: {r['source_key']}: {r['error']}", file=sys.stderr)
        elif r["damaged"]:
            failures += 1
            print(f"warning: {r['manifest']['source_key']} is damaged: {r['damaged']}", file=sys.stderr)
    print(json.dumps({
        "objects": len(results),
        "failed": failures,
        "events_in": sum(m["records"] for m in done),
        "events_out": sum(m["events_out"] for m in done),
        "quarantined": sum(m["quarantined"] for m in done),
        "days": len({o["day"] for m in done for o in m["outputs"]}),
    }))
    if not results:
        print("notice: no raw objects to transform", file=sys.stderr)
    if failures:
        raise SystemExit(f"{failures} of {len(results)} objects were not transformed completely")


if __name__ == "__main__":
    main()
