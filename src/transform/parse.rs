//! Typed parse of one event record, timestamp conversion, validation, redaction.
//!
//! The record is deserialised straight from the input buffer into [`Raw`], borrowing every string
//! that has no escapes, so the common case allocates nothing. Unknown fields are the only values
//! that go through `serde_json::Value` (they are rare and must be re-serialised anyway).

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A field that may be absent, explicitly null, or set; required fields need all three states
/// to produce a precise reason.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) enum Slot<T> {
    #[default]
    Missing,
    Null,
    Set(T),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ts<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
}

#[derive(Debug, Default)]
pub(crate) struct Raw<'a> {
    pub event_id: Slot<Cow<'a, str>>,
    pub event_type: Slot<Cow<'a, str>>,
    pub timestamp: Slot<Ts<'a>>,
    pub user_id: Option<Cow<'a, str>>,
    pub session_id: Option<Cow<'a, str>>,
    pub page_url: Option<Cow<'a, str>>,
    pub referrer: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub product_id: Option<Cow<'a, str>>,
    pub price: Option<f64>,
    pub quantity: Option<i64>,
    pub country: Option<Cow<'a, str>>,
    pub device: Option<Cow<'a, str>>,
    /// Fields outside the contract, in input order. `Vec::new()` does not allocate, so records
    /// without unknown fields pay nothing for this.
    pub extra: Vec<(Cow<'a, str>, Value)>,
}

enum Key<'a> {
    EventId,
    EventType,
    Timestamp,
    UserId,
    SessionId,
    PageUrl,
    Referrer,
    UserAgent,
    Ip,
    Email,
    ProductId,
    Price,
    Quantity,
    Country,
    Device,
    Other(Cow<'a, str>),
}

/// Dispatches on length first: one integer compare instead of a chain of string compares,
/// for each of the ~15 keys of every record.
fn known_key(k: &str) -> Option<Key<'static>> {
    let b = k.as_bytes();
    Some(match b.len() {
        2 if b == b"ip" => Key::Ip,
        5 if b == b"price" => Key::Price,
        5 if b == b"email" => Key::Email,
        6 if b == b"device" => Key::Device,
        7 if b == b"user_id" => Key::UserId,
        7 if b == b"country" => Key::Country,
        8 if b == b"event_id" => Key::EventId,
        8 if b == b"page_url" => Key::PageUrl,
        8 if b == b"referrer" => Key::Referrer,
        8 if b == b"quantity" => Key::Quantity,
        9 if b == b"timestamp" => Key::Timestamp,
        10 if b == b"event_type" => Key::EventType,
        10 if b == b"session_id" => Key::SessionId,
        10 if b == b"user_agent" => Key::UserAgent,
        10 if b == b"product_id" => Key::ProductId,
        _ => return None,
    })
}

/// Names that must never leave the raw zone, at any depth (in `extra` and in quarantined text).
pub(crate) fn is_sensitive(k: &str) -> bool {
    k == "ip" || k == "email"
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(known_key(v).unwrap_or(Key::Other(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(known_key(v).unwrap_or_else(|| Key::Other(Cow::Owned(v.to_owned()))))
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

fn wrong<E: de::Error>(field: &str, expected: &str, got: impl fmt::Display) -> E {
    E::custom(format_args!("field `{field}`: expected {expected}, got {got}"))
}

/// Implements the "wrong JSON type" arms of a visitor so every field reports the same way.
macro_rules! reject {
    ($($method:ident($ty:ty) => $got:expr;)*) => {
        $(fn $method<E: de::Error>(self, _v: $ty) -> Result<Self::Value, E> {
            Err(wrong(self.name, self.expected(), $got))
        })*
    };
}

macro_rules! reject_compound {
    () => {
        fn visit_seq<A: SeqAccess<'de>>(self, _s: A) -> Result<Self::Value, A::Error> {
            Err(wrong(self.name, self.expected(), "array"))
        }
        fn visit_map<A: MapAccess<'de>>(self, _m: A) -> Result<Self::Value, A::Error> {
            Err(wrong(self.name, self.expected(), "object"))
        }
    };
}

/// A string-or-null field.
struct StrField {
    name: &'static str,
}

impl StrField {
    fn expected(&self) -> &'static str {
        "string"
    }
}

impl<'de> DeserializeSeed<'de> for StrField {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrField {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    reject! {
        visit_bool(bool) => "boolean";
        visit_i64(i64) => "number";
        visit_u64(u64) => "number";
        visit_f64(f64) => "number";
    }
    reject_compound!();
}

/// `ip` / `email`: validated for type (they are contract fields) and then dropped.
struct Discard {
    name: &'static str,
}

impl Discard {
    fn expected(&self) -> &'static str {
        "string"
    }
}

impl<'de> DeserializeSeed<'de> for Discard {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Discard {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_str<E: de::Error>(self, _v: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    reject! {
        visit_bool(bool) => "boolean";
        visit_i64(i64) => "number";
        visit_u64(u64) => "number";
        visit_f64(f64) => "number";
    }
    reject_compound!();
}

struct F64Field {
    name: &'static str,
}

impl F64Field {
    fn expected(&self) -> &'static str {
        "number"
    }
}

impl<'de> DeserializeSeed<'de> for F64Field {
    type Value = Option<f64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for F64Field {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or null")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    reject! {
        visit_bool(bool) => "boolean";
        visit_str(&str) => "string";
    }
    reject_compound!();
}

struct I64Field {
    name: &'static str,
}

impl I64Field {
    fn expected(&self) -> &'static str {
        "integer"
    }
}

impl<'de> DeserializeSeed<'de> for I64Field {
    type Value = Option<i64>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for I64Field {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or null")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v).map(Some).map_err(|_| wrong(self.name, "integer", format_args!("out-of-range {v}")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Producers that only have doubles (JavaScript, Python floats) write `2.0`; that is
        // still an integer quantity. `1.5` is not.
        if v.fract() == 0.0 && (-9.0e15..=9.0e15).contains(&v) {
            Ok(Some(v as i64))
        } else {
            Err(wrong(self.name, "integer", format_args!("float {v}")))
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    reject! {
        visit_bool(bool) => "boolean";
        visit_str(&str) => "string";
    }
    reject_compound!();
}

struct TsField;

impl TsField {
    const NAME: &'static str = "timestamp";
}

impl<'de> DeserializeSeed<'de> for TsField {
    type Value = Slot<Ts<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TsField {
    type Value = Slot<Ts<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a timestamp string or epoch number")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Slot::Set(Ts::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Slot::Set(Ts::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Slot::Set(Ts::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(Slot::Set(Ts::Int(v))),
            Err(_) => Err(E::custom(format_args!("field `timestamp`: {v} is out of range"))),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Slot::Set(Ts::Float(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Slot::Null)
    }
    fn visit_bool<E: de::Error>(self, _v: bool) -> Result<Self::Value, E> {
        Err(wrong(Self::NAME, "string or number", "boolean"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _s: A) -> Result<Self::Value, A::Error> {
        Err(wrong(Self::NAME, "string or number", "array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _m: A) -> Result<Self::Value, A::Error> {
        Err(wrong(Self::NAME, "string or number", "object"))
    }
}

fn required<T>(v: Option<T>) -> Slot<T> {
    match v {
        Some(v) => Slot::Set(v),
        None => Slot::Null,
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw<'de>, A::Error> {
        let mut r = Raw::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key {
                Key::EventId => r.event_id = required(map.next_value_seed(StrField { name: "event_id" })?),
                Key::EventType => {
                    r.event_type = required(map.next_value_seed(StrField { name: "event_type" })?)
                }
                Key::Timestamp => r.timestamp = map.next_value_seed(TsField)?,
                Key::UserId => r.user_id = map.next_value_seed(StrField { name: "user_id" })?,
                Key::SessionId => r.session_id = map.next_value_seed(StrField { name: "session_id" })?,
                Key::PageUrl => r.page_url = map.next_value_seed(StrField { name: "page_url" })?,
                Key::Referrer => r.referrer = map.next_value_seed(StrField { name: "referrer" })?,
                Key::UserAgent => r.user_agent = map.next_value_seed(StrField { name: "user_agent" })?,
                Key::Ip => map.next_value_seed(Discard { name: "ip" })?,
                Key::Email => map.next_value_seed(Discard { name: "email" })?,
                Key::ProductId => r.product_id = map.next_value_seed(StrField { name: "product_id" })?,
                Key::Price => r.price = map.next_value_seed(F64Field { name: "price" })?,
                Key::Quantity => r.quantity = map.next_value_seed(I64Field { name: "quantity" })?,
                Key::Country => r.country = map.next_value_seed(StrField { name: "country" })?,
                Key::Device => r.device = map.next_value_seed(StrField { name: "device" })?,
                Key::Other(k) => {
                    let v: Value = map.next_value()?;
                    r.extra.push((k, v));
                }
            }
        }
        Ok(r)
    }
}

impl<'de> de::Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RawVisitor)
    }
}

/// Reads only `timestamp` from a record that failed the typed parse, so its quarantine line
/// can still be filed under the event's day. Everything else is skipped without recursion.
struct TsProbe;

impl<'de> Visitor<'de> for TsProbe {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<i64>, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if let Key::Timestamp = key {
                if let Slot::Set(ts) = map.next_value_seed(TsField)? {
                    found = ts_micros(&ts).ok();
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Best effort: the event day of a record that is bad for some other reason than its timestamp.
pub(crate) fn probe_day(text: &[u8]) -> Option<NaiveDate> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let micros = de.deserialize_map(TsProbe).ok()??;
    day_of(micros)
}

// ---------------------------------------------------------------------------------------------
// Validation

/// Checks the semantic rules the typed parse cannot express; returns event_ts in UTC µs.
pub(crate) fn validate(raw: &Raw<'_>) -> Result<i64, String> {
    required_str("event_id", &raw.event_id)?;
    required_str("event_type", &raw.event_type)?;
    match &raw.timestamp {
        Slot::Missing => Err("missing required field `timestamp`".to_owned()),
        Slot::Null => Err("required field `timestamp` is null".to_owned()),
        Slot::Set(ts) => ts_micros(ts),
    }
}

fn required_str(name: &str, v: &Slot<Cow<'_, str>>) -> Result<(), String> {
    match v {
        Slot::Missing => Err(format!("missing required field `{name}`")),
        Slot::Null => Err(format!("required field `{name}` is null")),
        // An empty id or type cannot be deduplicated or partitioned on; treat it as missing.
        Slot::Set(s) if s.is_empty() => Err(format!("required field `{name}` is empty")),
        Slot::Set(_) => Ok(()),
    }
}

/// The value of a required string field that [`validate`] accepted.
pub(crate) fn req<'r>(v: &'r Slot<Cow<'_, str>>) -> &'r str {
    match v {
        Slot::Set(s) => s,
        _ => "",
    }
}

/// `price * quantity` for purchases when both are present.
pub(crate) fn revenue(raw: &Raw<'_>) -> Option<f64> {
    match (&raw.event_type, raw.price, raw.quantity) {
        (Slot::Set(t), Some(p), Some(q)) if t == "purchase" => Some(p * q as f64),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Timestamps

const MICROS_PER_DAY: i64 = 86_400_000_000;
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: what a Parquet reader, Athena and
/// chrono's NaiveDate all agree on.
const MIN_MICROS: i64 = -62_135_596_800_000_000;
const MAX_MICROS: i64 = 253_402_300_799_999_999;
/// Epoch numbers at or above this magnitude are milliseconds (1e11 s is the year 5138).
const MILLIS_THRESHOLD: f64 = 1e11;

pub(crate) fn ts_micros(ts: &Ts<'_>) -> Result<i64, String> {
    let micros = match ts {
        Ts::Str(s) => parse_ts_str(s).ok_or_else(|| {
            let shown: String = s.chars().take(64).collect();
            format!("field `timestamp`: cannot parse {shown:?} as a timestamp")
        })?,
        Ts::Int(n) => {
            let m = if n.unsigned_abs() >= MILLIS_THRESHOLD as u64 {
                n.checked_mul(1_000)
            } else {
                n.checked_mul(1_000_000)
            };
            m.ok_or_else(|| out_of_range(n))?
        }
        Ts::Float(f) => {
            if !f.is_finite() {
                return Err(out_of_range(f));
            }
            let m = if f.abs() >= MILLIS_THRESHOLD { (f * 1e3).round() } else { (f * 1e6).round() };
            if m < MIN_MICROS as f64 || m > MAX_MICROS as f64 {
                return Err(out_of_range(f));
            }
            m as i64
        }
    };
    if !(MIN_MICROS..=MAX_MICROS).contains(&micros) {
        return Err(out_of_range(match ts {
            Ts::Str(s) => format!("{s:?}"),
            Ts::Int(n) => n.to_string(),
            Ts::Float(f) => f.to_string(),
        }));
    }
    Ok(micros)
}

fn out_of_range(v: impl fmt::Display) -> String {
    format!("field `timestamp`: {v} is out of range (years 1..=9999)")
}

pub(crate) fn epoch_day(micros: i64) -> i64 {
    micros.div_euclid(MICROS_PER_DAY)
}

pub(crate) fn date_of_epoch_day(day: i64) -> Option<NaiveDate> {
    // 719_163 = days from 0001-01-01 (CE day 1) to 1970-01-01, plus one.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + 719_163).ok()?)
}

pub(crate) fn day_of(micros: i64) -> Option<NaiveDate> {
    date_of_epoch_day(epoch_day(micros))
}

/// ISO-8601 / RFC 3339 timestamp to UTC microseconds.
///
/// Hand-written because chrono's format parser is several times slower and this runs once per
/// event. Accepts `T`/`t`/space between date and time, an optional fraction (digits past
/// microseconds are truncated), and `Z`, `±HH:MM`, `±HHMM`, `±HH` or no zone (read as UTC, as
/// pandas and DuckDB do). Anything else goes to chrono's RFC 3339 parser.
pub(crate) fn parse_ts_str(s: &str) -> Option<i64> {
    fast_ts(s.as_bytes())
        .or_else(|| chrono::DateTime::parse_from_rfc3339(s).ok().map(|dt| dt.timestamp_micros()))
}

#[inline]
fn digit(b: &[u8], i: usize) -> Option<i64> {
    let d = b.get(i)?.wrapping_sub(b'0');
    (d < 10).then_some(d as i64)
}

#[inline]
fn num2(b: &[u8], i: usize) -> Option<i64> {
    Some(digit(b, i)? * 10 + digit(b, i + 1)?)
}

fn fast_ts(b: &[u8]) -> Option<i64> {
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = num2(b, 0)? * 100 + num2(b, 2)?;
    let month = num2(b, 5)?;
    let day = num2(b, 8)?;
    let hour = num2(b, 11)?;
    let minute = num2(b, 14)?;
    let second = num2(b, 17)?;
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut i = 19;
    let mut frac = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        let mut scale = 100_000;
        while let Some(d) = digit(b, i) {
            frac += d * scale;
            scale /= 10;
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset_secs = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let rest = &b[i + 1..];
            let (h, m) = match rest.len() {
                2 => (num2(rest, 0)?, 0),
                4 => (num2(rest, 0)?, num2(rest, 2)?),
                5 if rest[2] == b':' => (num2(rest, 0)?, num2(rest, 3)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = h * 3600 + m * 60;
            if sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    Some(secs * 1_000_000 + frac)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// `extra` and redaction

fn strip_sensitive(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !is_sensitive(k));
            m.values_mut().for_each(strip_sensitive);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_sensitive),
        _ => {}
    }
}

/// Serialises the unknown fields as one JSON object into `out`; false when there are none
/// left, so the caller writes null.
pub(crate) fn write_extra(extra: &mut [(Cow<'_, str>, Value)], out: &mut Vec<u8>) -> bool {
    out.clear();
    out.push(b'{');
    let mut first = true;
    for (k, v) in extra.iter_mut() {
        if is_sensitive(k) {
            continue;
        }
        strip_sensitive(v);
        if !first {
            out.push(b',');
        }
        first = false;
        // Writing into a Vec cannot fail, and these values came out of serde_json.
        let _ = serde_json::to_writer(&mut *out, k.as_ref());
        out.push(b':');
        let _ = serde_json::to_writer(&mut *out, v);
    }
    out.push(b'}');
    !first
}

const REDACTED: &[u8] = b"\"[redacted]\"";

/// Replaces the value of every `ip` / `email` key, at any depth, with `"[redacted]"`.
///
/// Lexical rather than parse-and-reserialise: it must work on records serde_json rejected
/// (too deep, invalid UTF-8, even broken syntax), must never fail, and keeps the rest of the
/// text byte-for-byte so the quarantine shows what the producer actually sent.
pub(crate) fn redact(s: &[u8]) -> Cow<'_, [u8]> {
    if !s.windows(2).any(|w| w == b"ip" || w == b"em" || w[0] == b'\\') {
        return Cow::Borrowed(s);
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'"' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let end = string_end(s, i);
        out.extend_from_slice(&s[i..end]);
        let colon = skip_ws(s, end);
        if colon < s.len() && s[colon] == b':' && key_is_sensitive(&s[i..end]) {
            let v = skip_ws(s, colon + 1);
            out.extend_from_slice(&s[end..v]);
            let v_end = value_end(s, v);
            if v_end > v {
                out.extend_from_slice(REDACTED);
            }
            i = v_end;
        } else {
            i = end;
        }
    }
    Cow::Owned(out)
}

fn key_is_sensitive(quoted: &[u8]) -> bool {
    if quoted.len() < 2 || quoted[quoted.len() - 1] != b'"' {
        return false;
    }
    let inner = &quoted[1..quoted.len() - 1];
    if inner.contains(&b'\\') {
        // Escaped spelling such as "\u0069p".
        serde_json::from_slice::<String>(quoted).is_ok_and(|k| is_sensitive(&k))
    } else {
        inner == b"ip" || inner == b"email"
    }
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

/// Index just past the string starting at `s[i] == '"'` (or the end of the text).
fn string_end(s: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() {
        match s[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            b'\n' => return j,
            _ => j += 1,
        }
    }
    s.len()
}

/// Index just past the JSON value starting at `i`, tolerant of broken input.
fn value_end(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        None => i,
        Some(b'"') => string_end(s, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < s.len() {
                match s[j] {
                    b'"' => {
                        j = string_end(s, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            s.len()
        }
        Some(_) => {
            let mut j = i;
            while j < s.len() && !matches!(s[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                j += 1;
            }
            j
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Option<i64> {
        parse_ts_str(s)
    }

    #[test]
    fn fast_path_matches_chrono() {
        for s in [
            "2024-06-01T12:00:00.123Z",
            "2024-06-01T12:00:00Z",
            "2024-06-01T12:00:00.123456789+02:00",
            "2024-02-29T23:59:59.5-05:30",
            "1969-12-31T23:59:59.999999Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
        ] {
            let chrono = chrono::DateTime::parse_from_rfc3339(s).unwrap();
            assert_eq!(fast_ts(s.as_bytes()), Some(chrono.timestamp_micros()), "{s}");
        }
    }

    #[test]
    fn timestamp_shapes() {
        let base = 1_717_243_200_000_000; // 2024-06-01T12:00:00Z
        assert_eq!(ts("2024-06-01 12:00:00Z"), Some(base));
        assert_eq!(ts("2024-06-01T12:00:00"), Some(base));
        assert_eq!(ts("2024-06-01T14:00:00+0200"), Some(base));
        assert_eq!(ts("2024-06-01T10:00:00-02"), Some(base));
        assert_eq!(ts("2024-06-01T12:00:00.000001z"), Some(base + 1));
        for bad in [
            "",
            "2024-06-01",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-06-01T24:00:00Z",
            "2024-06-01T12:00:00.Z",
            "2024-06-01T12:00:00Zjunk",
            "2024-06-01T12:00:00+2:00",
            "yesterday",
        ] {
            assert_eq!(ts(bad), None, "{bad:?}");
        }
        assert_eq!(ts_micros(&Ts::Int(1_717_243_200)), Ok(base));
        assert_eq!(ts_micros(&Ts::Int(1_717_243_200_000)), Ok(base));
        assert_eq!(ts_micros(&Ts::Float(1_717_243_200.25)), Ok(base + 250_000));
        assert_eq!(ts_micros(&Ts::Float(1_717_243_200_250.0)), Ok(base + 250_000));
        assert!(ts_micros(&Ts::Int(i64::MAX)).is_err());
        assert!(ts_micros(&Ts::Float(f64::MAX)).is_err());
    }

    #[test]
    fn epoch_days() {
        assert_eq!(day_of(0), NaiveDate::from_ymd_opt(1970, 1, 1));
        assert_eq!(day_of(-1), NaiveDate::from_ymd_opt(1969, 12, 31));
        assert_eq!(day_of(MIN_MICROS), NaiveDate::from_ymd_opt(1, 1, 1));
        assert_eq!(day_of(MAX_MICROS), NaiveDate::from_ymd_opt(9999, 12, 31));
    }

    #[test]
    fn redaction_is_lexical_and_total() {
        let r = redact(br#"{"ip": "1.2.3.4","x":{"email":"a@b"},"ipx":"keep","\u0069p":5,"l":["ip"]}"#);
        assert_eq!(
            std::str::from_utf8(&r).unwrap(),
            r#"{"ip": "[redacted]","x":{"email":"[redacted]"},"ipx":"keep","\u0069p":"[redacted]","l":["ip"]}"#
        );
        let r = redact(br#"{"email":{"a":[1,{"b":"}"}]},"ip":"#);
        assert_eq!(std::str::from_utf8(&r).unwrap(), r#"{"email":"[redacted]","ip":"#);
        assert!(matches!(redact(b"{\"a\":1}"), Cow::Borrowed(_)));
    }
}
