use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use ::parquet::basic::Compression;
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use arrow::array::{Array, Float64Array, Int64Array, StringArray, TimestampMicrosecondArray};
use arrow::compute::concat_batches;
use arrow::datatypes::{DataType, TimeUnit};
use arrow::record_batch::{RecordBatch, RecordBatchReader};
use bytes::Bytes;
use chrono::NaiveDate;
use flate2::Compression as GzLevel;
use flate2::write::GzEncoder;

use super::*;

#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Default)]
struct MemSink {
    opened: Vec<NaiveDate>,
    files: BTreeMap<NaiveDate, SharedBuf>,
    bad: Vec<(BadRecord, Option<NaiveDate>)>,
    fail_open: bool,
}

impl TransformSink for MemSink {
    fn open_day(&mut self, day: NaiveDate) -> std::io::Result<Box<dyn Write + Send>> {
        if self.fail_open {
            return Err(std::io::Error::other("disk full"));
        }
        self.opened.push(day);
        let buf = SharedBuf::default();
        assert!(self.files.insert(day, buf.clone()).is_none(), "day opened twice");
        Ok(Box::new(buf))
    }
    fn quarantine(&mut self, bad: &BadRecord, day: Option<NaiveDate>) -> std::io::Result<()> {
        self.bad.push((bad.clone(), day));
        Ok(())
    }
}

impl MemSink {
    fn bytes(&self, day: NaiveDate) -> Bytes {
        Bytes::from(self.files[&day].0.lock().unwrap().clone())
    }

    fn batch(&self, day: NaiveDate) -> RecordBatch {
        let reader = ParquetRecordBatchReaderBuilder::try_new(self.bytes(day)).unwrap().build().unwrap();
        let schema = reader.schema();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        concat_batches(&schema, &batches).unwrap()
    }

    fn only_batch(&self) -> RecordBatch {
        assert_eq!(self.files.len(), 1, "expected exactly one day");
        self.batch(*self.files.keys().next().unwrap())
    }
}

fn run_with(input: &[u8], opts: &TransformOptions) -> (TransformReport, MemSink) {
    let mut sink = MemSink::default();
    let report = transform(input, opts, &mut sink).expect("transform");
    (report, sink)
}

fn run(input: &[u8]) -> (TransformReport, MemSink) {
    run_with(input, &TransformOptions::new("raw/2024/06/01/obj-1.gz"))
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), GzLevel::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ev(id: &str, ts: &str) -> String {
    format!(
        r#"{{"event_id":"{id}","event_type":"page_view","timestamp":"{ts}","user_id":"u1","session_id":"s1","page_url":"https://shop.example.com/","referrer":"","user_agent":"UA","ip":"10.1.2.3","email":"jane@example.org","product_id":null,"price":null,"quantity":null,"country":"DE","device":"mobile"}}"#
    )
}

fn col<'a, T: 'static>(b: &'a RecordBatch, name: &str) -> &'a T {
    b.column_by_name(name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .as_any()
        .downcast_ref::<T>()
        .unwrap_or_else(|| panic!("column {name} has another type"))
}

fn strs(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
    col::<StringArray>(b, name).iter().map(|v| v.map(str::to_owned)).collect()
}

const FULL: &str = r#"{"event_id":"e-1","event_type":"purchase","user_id":"u_0000001","session_id":"s-1","timestamp":"2024-06-01T12:00:00.123Z","page_url":"https://shop.example.com/checkout/confirm","referrer":"https://www.google.com/","user_agent":"Mozilla/5.0","ip":"203.0.113.9","email":"jane.doe@example.org","product_id":"P100001","price":19.99,"quantity":3,"country":"US","device":"desktop"}"#;

#[test]
fn schema_types_and_sensitive_columns() {
    let schema = output_schema();
    let expect: &[(&str, DataType, bool)] = &[
        ("event_id", DataType::Utf8, false),
        ("event_type", DataType::Utf8, false),
        ("event_ts", DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), false),
        ("user_id", DataType::Utf8, true),
        ("session_id", DataType::Utf8, true),
        ("page_url", DataType::Utf8, true),
        ("referrer", DataType::Utf8, true),
        ("user_agent", DataType::Utf8, true),
        ("product_id", DataType::Utf8, true),
        ("price", DataType::Float64, true),
        ("quantity", DataType::Int64, true),
        ("country", DataType::Utf8, true),
        ("device", DataType::Utf8, true),
        ("revenue", DataType::Float64, true),
        ("source_key", DataType::Utf8, false),
        ("extra", DataType::Utf8, true),
    ];
    assert_eq!(schema.fields().len(), expect.len());
    for (f, (name, ty, nullable)) in schema.fields().iter().zip(expect) {
        assert_eq!(f.name(), name);
        assert_eq!(f.data_type(), ty, "{name}");
        assert_eq!(f.is_nullable(), *nullable, "{name}");
    }
    for gone in ["ip", "email", "timestamp", "year", "month", "day"] {
        assert!(schema.field_with_name(gone).is_err(), "{gone} must not be a column");
    }
    // The file read back has the same types.
    let (_, sink) = run(FULL.as_bytes());
    let b = sink.only_batch();
    for (f, (name, ty, _)) in b.schema().fields().iter().zip(expect) {
        assert_eq!(f.name(), name);
        assert_eq!(f.data_type(), ty, "{name} in the Parquet file");
    }
}

#[test]
fn values_round_trip_through_snappy_parquet() {
    let (report, sink) = run(FULL.as_bytes());
    assert_eq!(report.records, 1);
    assert_eq!(report.events_out, 1);
    assert_eq!(report.quarantined, 0);
    assert_eq!(report.input_bytes, FULL.len() as u64);
    assert!(!report.compressed);
    assert_eq!(report.damaged, None);
    assert_eq!(sink.opened, vec![date(2024, 6, 1)]);
    let b = sink.only_batch();
    assert_eq!(b.num_rows(), 1);
    let s = |n| strs(&b, n)[0].clone();
    assert_eq!(s("event_id").as_deref(), Some("e-1"));
    assert_eq!(s("event_type").as_deref(), Some("purchase"));
    assert_eq!(s("user_id").as_deref(), Some("u_0000001"));
    assert_eq!(s("session_id").as_deref(), Some("s-1"));
    assert_eq!(s("page_url").as_deref(), Some("https://shop.example.com/checkout/confirm"));
    assert_eq!(s("referrer").as_deref(), Some("https://www.google.com/"));
    assert_eq!(s("user_agent").as_deref(), Some("Mozilla/5.0"));
    assert_eq!(s("product_id").as_deref(), Some("P100001"));
    assert_eq!(s("country").as_deref(), Some("US"));
    assert_eq!(s("device").as_deref(), Some("desktop"));
    assert_eq!(s("source_key").as_deref(), Some("raw/2024/06/01/obj-1.gz"));
    assert_eq!(s("extra"), None);
    assert_eq!(col::<TimestampMicrosecondArray>(&b, "event_ts").value(0), 1_717_243_200_123_000);
    assert_eq!(col::<Float64Array>(&b, "price").value(0), 19.99);
    assert_eq!(col::<Int64Array>(&b, "quantity").value(0), 3);
    assert!((col::<Float64Array>(&b, "revenue").value(0) - 59.97).abs() < 1e-9);

    let file = SerializedFileReader::new(sink.bytes(date(2024, 6, 1))).unwrap();
    let md = file.metadata();
    assert_eq!(md.file_metadata().num_rows(), 1);
    for rg in md.row_groups() {
        for c in rg.columns() {
            assert_eq!(c.compression(), Compression::SNAPPY, "{}", c.column_path());
            assert!(c.statistics().is_some(), "{} has no statistics", c.column_path());
            let per_row = ["event_id", "event_ts", "extra"].contains(&c.column_path().string().as_str());
            assert_eq!(c.dictionary_page_offset().is_none(), per_row, "{} dictionary", c.column_path());
        }
    }
}

#[test]
fn ip_and_email_never_reach_the_output() {
    let rec = r#"{"event_id":"e","event_type":"click","timestamp":"2024-06-01T00:00:00Z","ip":"198.51.100.7","email":"leak@example.org","ctx":{"ip":"198.51.100.8","email":"leak2@example.org","keep":[{"email":"leak3@example.org","k":1}]}}"#;
    let (report, sink) = run(rec.as_bytes());
    assert_eq!(report.events_out, 1);
    let b = sink.only_batch();
    for f in b.schema().fields() {
        assert!(!["ip", "email"].contains(&f.name().as_str()));
        if let Some(a) = b.column_by_name(f.name()).unwrap().as_any().downcast_ref::<StringArray>() {
            for v in a.iter().flatten() {
                assert!(!v.contains("198.51.100") && !v.contains("leak"), "{}: {v}", f.name());
            }
        }
    }
    let extra: serde_json::Value = serde_json::from_str(strs(&b, "extra")[0].as_deref().unwrap()).unwrap();
    assert_eq!(extra, serde_json::json!({"ctx": {"keep": [{"k": 1}]}}));
}

#[test]
fn revenue_only_for_purchases_with_price_and_quantity() {
    let mk = |id: &str, ty: &str, price: &str, qty: &str| {
        format!(
            r#"{{"event_id":"{id}","event_type":"{ty}","timestamp":"2024-06-01T00:00:00Z","price":{price},"quantity":{qty}}}"#
        )
    };
    let input = [
        mk("a", "purchase", "10.5", "2"),
        mk("b", "purchase", "10", "null"),
        mk("c", "purchase", "null", "2"),
        mk("d", "add_to_cart", "10", "2"),
        mk("e", "purchase", "7", "3"),
        mk("f", "purchase", "2.5", "4.0"),
    ]
    .join("\n");
    let (report, sink) = run(input.as_bytes());
    assert_eq!(report.events_out, 6, "{:?}", sink.bad);
    let b = sink.only_batch();
    let rev: Vec<Option<f64>> = col::<Float64Array>(&b, "revenue").iter().collect();
    assert_eq!(rev, vec![Some(21.0), None, None, None, Some(21.0), Some(10.0)]);
    let qty: Vec<Option<i64>> = col::<Int64Array>(&b, "quantity").iter().collect();
    assert_eq!(qty, vec![Some(2), None, Some(2), Some(2), Some(3), Some(4)]);
}

#[test]
fn late_event_goes_to_its_own_day() {
    let input = [
        ev("a", "2024-06-01T00:00:05Z"),
        ev("b", "2024-05-31T23:59:58.500Z"),
        ev("c", "2024-06-01T00:00:06Z"),
        ev("d", "2024-06-01T01:30:00+02:00"), // 2024-05-31T23:30Z
    ]
    .join("\n");
    let (report, sink) = run(input.as_bytes());
    assert_eq!(sink.opened, vec![date(2024, 6, 1), date(2024, 5, 31)]);
    assert_eq!(report.days, BTreeMap::from([(date(2024, 5, 31), 2), (date(2024, 6, 1), 2)]));
    let late = sink.batch(date(2024, 5, 31));
    assert_eq!(strs(&late, "event_id"), vec![Some("b".to_owned()), Some("d".to_owned())]);
    let on_time = sink.batch(date(2024, 6, 1));
    assert_eq!(strs(&on_time, "event_id"), vec![Some("a".to_owned()), Some("c".to_owned())]);
}

#[test]
fn unknown_fields_are_kept_in_extra() {
    let input = concat!(
        r#"{"event_id":"a","event_type":"search","timestamp":"2024-06-01T00:00:00Z","query":"yoga mat","filters":{"size":[1,2],"in_stock":true},"n":null,"\u00e9t\u00e9":"summer"}"#,
        "\n",
        r#"{"event_id":"b","event_type":"search","timestamp":"2024-06-01T00:00:00Z"}"#,
        "\n"
    );
    let (_, sink) = run(input.as_bytes());
    let b = sink.only_batch();
    let extra = strs(&b, "extra");
    let v: serde_json::Value = serde_json::from_str(extra[0].as_deref().unwrap()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"query":"yoga mat","filters":{"size":[1,2],"in_stock":true},"n":null,"été":"summer"})
    );
    // Input order is preserved.
    assert!(extra[0].as_deref().unwrap().starts_with(r#"{"query":"yoga mat","filters""#));
    assert_eq!(extra[1], None);
}

/// One line per kind of bad record, each followed by nothing special: the next line must still
/// be read, and every record keeps its number and offset.
#[test]
fn every_kind_of_bad_record_is_quarantined_in_place() {
    let good = |id: &str| ev(id, "2024-06-01T10:00:00Z");
    let lines: Vec<(Vec<u8>, Option<&str>)> = vec![
        (br#"{"event_id":"x", "event_type": oops}"#.to_vec(), Some("invalid JSON")),
        (good("g1").into_bytes(), None),
        (br#"[1,2,3]"#.to_vec(), Some("not a JSON object: got array")),
        (
            br#"{"event_type":"click","timestamp":"2024-06-01T00:00:00Z","ip":"10.9.9.9"}"#.to_vec(),
            Some("missing required field `event_id`"),
        ),
        (
            br#"{"event_id":"p","event_type":"purchase","timestamp":"2024-06-02T00:00:00Z","price":"abc","email":"a@b.c"}"#.to_vec(),
            Some("field `price`: expected number, got string"),
        ),
        (
            br#"{"event_id":"q","event_type":"purchase","timestamp":"2024-06-01T00:00:00Z","quantity":1.5}"#.to_vec(),
            Some("field `quantity`: expected integer, got float 1.5"),
        ),
        (
            br#"{"event_id":"t","event_type":"click","timestamp":"last tuesday"}"#.to_vec(),
            Some(r#"field `timestamp`: cannot parse "last tuesday" as a timestamp"#),
        ),
        (b"{}".to_vec(), Some("missing required field `event_id`")),
        (
            b"{\"event_id\":\"u\",\"event_type\":\"click\",\"timestamp\":\"2024-06-01T00:00:00Z\",\"page_url\":\"bad\xff\xfe\"}".to_vec(),
            Some("invalid UTF-8"),
        ),
        (
            br#"{"event_id":null,"event_type":"click","timestamp":"2024-06-01T00:00:00Z"}"#.to_vec(),
            Some("required field `event_id` is null"),
        ),
        (
            br#"{"event_id":"v","event_type":"click","timestamp":true}"#.to_vec(),
            Some("field `timestamp`: expected string or number, got boolean"),
        ),
        (
            br#"{"event_id":"w","event_type":"click","timestamp":"2024-06-01T00:00:00Z","user_id":42}"#.to_vec(),
            Some("field `user_id`: expected string, got number"),
        ),
        (br#""just a string""#.to_vec(), Some("not a JSON object: got string")),
        (good("g2").into_bytes(), None),
    ];
    let mut input = Vec::new();
    let mut offsets = Vec::new();
    for (l, _) in &lines {
        offsets.push(input.len() as u64);
        input.extend_from_slice(l);
        input.push(b'\n');
    }
    let (report, sink) = run(&input);
    assert_eq!(report.records, lines.len() as u64);
    assert_eq!(report.events_out, 2);
    assert_eq!(report.quarantined, lines.len() as u64 - 2);
    assert_eq!(sink.bad.len(), lines.len() - 2);
    let mut bad = sink.bad.iter();
    for (i, (text, want)) in lines.iter().enumerate() {
        let Some(want) = want else { continue };
        let (b, _) = bad.next().unwrap();
        assert_eq!(b.record_number, i as u64 + 1, "{b:?}");
        assert_eq!(b.byte_offset, offsets[i], "{b:?}");
        assert!(b.reason.starts_with(want), "record {}: {:?} should start with {want:?}", i + 1, b.reason);
        if !b.raw.contains("[redacted]") {
            assert_eq!(b.raw, String::from_utf8_lossy(text), "raw is the record text");
        }
    }
    // ip/email values are redacted in raw, the rest is verbatim.
    let missing_id = &sink.bad[2].0;
    assert_eq!(
        missing_id.raw,
        r#"{"event_type":"click","timestamp":"2024-06-01T00:00:00Z","ip":"[redacted]"}"#
    );
    let price = &sink.bad[3].0;
    assert!(price.raw.contains(r#""email":"[redacted]""#) && !price.raw.contains("a@b.c"));
    // The quarantine day is the event day when the timestamp parsed, even for type errors.
    assert_eq!(sink.bad[3].1, Some(date(2024, 6, 2)));
    assert_eq!(sink.bad[0].1, None);
    assert_eq!(sink.bad[5].1, None); // unparseable timestamp
    // The good records were all read.
    let b = sink.only_batch();
    assert_eq!(strs(&b, "event_id"), vec![Some("g1".into()), Some("g2".into())]);
}

#[test]
fn invalid_json_without_separators_resyncs_at_next_object() {
    let input = format!(
        "{}{{\"event_id\":\"x\",,\"a\":{{\"b\":1}}}}{}garbage{}",
        ev("a", "2024-06-01T00:00:00Z"),
        ev("b", "2024-06-01T00:00:00Z"),
        ev("c", "2024-06-01T00:00:00Z")
    );
    let (report, sink) = run(input.as_bytes());
    let reasons: Vec<_> = sink.bad.iter().map(|(b, _)| (b.record_number, b.raw.clone())).collect();
    assert_eq!(report.events_out, 3, "{reasons:?}");
    assert_eq!(reasons, vec![(2, r#"{"event_id":"x",,"a":{"b":1}}"#.to_owned()), (4, "garbage".to_owned())]);
    assert_eq!(report.records, 5);
    let second_bad = &sink.bad[1].0;
    assert_eq!(second_bad.byte_offset as usize, input.find("garbage").unwrap());
}

#[test]
fn gzip_and_plain_give_the_same_result() {
    let plain: String = (0..50).map(|i| ev(&format!("e{i}"), "2024-06-01T10:00:00Z") + "\n").collect();
    let (rp, sp) = run(plain.as_bytes());
    let (rg, sg) = run(&gz(plain.as_bytes()));
    assert!(!rp.compressed);
    assert!(rg.compressed);
    assert_eq!(rp.input_bytes, rg.input_bytes);
    assert_eq!(rp.events_out, 50);
    assert_eq!(rg.events_out, 50);
    assert_eq!(sp.only_batch(), sg.only_batch());
    // Detection is by content: a gzip stream behind a `.json` name, a plain one behind `.gz`
    // never reach this API as names at all; a lone 0x1f byte is not gzip.
    let (r, _) = run(b"\x1f");
    assert!(!r.compressed);
    assert_eq!(r.quarantined, 1);
}

#[test]
fn multi_member_gzip_is_read_to_the_end() {
    let mut input = gz(ev("a", "2024-06-01T00:00:00Z").as_bytes());
    input.extend(gz(b"\n"));
    input.extend(gz(ev("b", "2024-06-01T00:00:00Z").as_bytes()));
    // A member boundary inside a record.
    let third = ev("c", "2024-06-01T00:00:00Z");
    input.extend(gz(format!("\n{}", &third[..20]).as_bytes()));
    input.extend(gz(&third.as_bytes()[20..]));
    let (report, sink) = run(&input);
    assert!(report.compressed);
    assert_eq!(report.damaged, None);
    assert_eq!(report.events_out, 3);
    assert_eq!(
        strs(&sink.only_batch(), "event_id"),
        vec![Some("a".into()), Some("b".into()), Some("c".into())]
    );
}

#[test]
fn separators_newline_none_whitespace_crlf() {
    let a = ev("a", "2024-06-01T00:00:00Z");
    let b = ev("b", "2024-06-01T00:00:00Z");
    for sep in ["\n", "", " ", "\r\n", "\n\n\t  \n"] {
        let input = format!("{a}{sep}{b}{sep}");
        let (report, sink) = run(input.as_bytes());
        assert_eq!(report.events_out, 2, "separator {sep:?}: {:?}", sink.bad);
        assert_eq!(report.records, 2);
    }
    // Pretty-printed objects are records too.
    let pretty = "{\n  \"event_id\": \"p\",\n  \"event_type\": \"click\",\n  \"timestamp\": 1717243200\n}\n";
    let (report, _) = run(pretty.as_bytes());
    assert_eq!(report.events_out, 1);
}

#[test]
fn utf8_bom_at_start_is_tolerated() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(ev("a", "2024-06-01T00:00:00Z").as_bytes());
    input.push(b'\n');
    let bad_offset = input.len() as u64;
    input.extend_from_slice(b"nope\n");
    let (report, sink) = run(&gz(&input));
    assert_eq!(report.events_out, 1);
    assert_eq!(report.quarantined, 1);
    // Offsets count the BOM: they are positions in the decompressed stream.
    assert_eq!(sink.bad[0].0.byte_offset, bad_offset);
}

#[test]
fn truncated_gzip_keeps_records_before_the_damage() {
    let plain: String = (0..2000).map(|i| ev(&format!("e{i}"), "2024-06-01T10:00:00Z") + "\n").collect();
    let full = gz(plain.as_bytes());
    let cut = &full[..full.len() * 2 / 3];
    let mut sink = MemSink::default();
    let report = transform(cut, &TransformOptions::new("k"), &mut sink).unwrap();
    let damaged = report.damaged.as_deref().expect("damaged must be set");
    assert!(damaged.contains("gzip"), "{damaged}");
    assert!(report.events_out > 500 && report.events_out < 2000, "{report:?}");
    // Exactly the events of the complete lines that came out, then one truncated record.
    let complete_lines =
        plain.as_bytes()[..report.input_bytes as usize].iter().filter(|&&b| b == b'\n').count() as u64;
    assert_eq!(report.events_out, complete_lines);
    assert_eq!(report.quarantined, 1);
    assert_eq!(report.records, complete_lines + 1);
    let (t, _) = &sink.bad[0];
    assert_eq!(t.reason, "truncated");
    assert_eq!(t.record_number, complete_lines + 1);
    // The Parquet file is complete and readable.
    let b = sink.only_batch();
    assert_eq!(b.num_rows() as u64, report.events_out);
    assert_eq!(strs(&b, "event_id")[0].as_deref(), Some("e0"));
}

#[test]
fn corrupt_gzip_is_reported_not_fatal() {
    let plain: String = (0..2000).map(|i| ev(&format!("e{i}"), "2024-06-01T10:00:00Z") + "\n").collect();
    let mut data = gz(plain.as_bytes());
    let mid = data.len() / 2;
    for b in &mut data[mid..mid + 64] {
        *b ^= 0x5a;
    }
    let (report, _) = run(&data);
    assert!(report.damaged.is_some(), "{report:?}");
    assert!(report.events_out < 2000);
    // Trailing garbage after a complete member is damage too.
    let mut data = gz(ev("a", "2024-06-01T10:00:00Z").as_bytes());
    data.extend_from_slice(b"not gzip at all");
    let (report, _) = run(&data);
    assert_eq!(report.events_out, 1);
    assert!(report.damaged.is_some());
}

#[test]
fn timestamp_forms_convert_to_utc_micros() {
    let base: i64 = 1_717_243_200_000_000; // 2024-06-01T12:00:00Z
    let cases: &[(&str, i64)] = &[
        (r#""2024-06-01T12:00:00.123Z""#, base + 123_000),
        (r#""2024-06-01T14:00:00.5+02:00""#, base + 500_000),
        (r#""2024-06-01T07:00:00-05:00""#, base),
        (r#""2024-06-01 12:00:00Z""#, base),
        (r#""2024-06-01T12:00:00Z""#, base),
        (r#""2024-06-01T12:00:00.123456Z""#, base + 123_456),
        ("1717243200", base),
        ("1717243200.25", base + 250_000),
        ("1717243200123", base + 123_000),
        ("1717243200123.5", base + 123_500),
        ("-86400", -86_400_000_000),
    ];
    let input: String = cases
        .iter()
        .enumerate()
        .map(|(i, (ts, _))| format!("{{\"event_id\":\"{i}\",\"event_type\":\"x\",\"timestamp\":{ts}}}\n"))
        .collect();
    let (report, sink) = run(input.as_bytes());
    assert_eq!(report.quarantined, 0, "{:?}", sink.bad);
    let mut got = BTreeMap::new();
    for day in sink.files.keys() {
        let b = sink.batch(*day);
        let ids = strs(&b, "event_id");
        let ts = col::<TimestampMicrosecondArray>(&b, "event_ts");
        for (id, t) in ids.iter().zip(ts.iter()) {
            got.insert(id.clone().unwrap().parse::<usize>().unwrap(), t.unwrap());
        }
    }
    for (i, (ts, want)) in cases.iter().enumerate() {
        assert_eq!(got[&i], *want, "{ts}");
    }
    assert_eq!(report.days.keys().copied().collect::<Vec<_>>(), vec![date(1969, 12, 31), date(2024, 6, 1)]);
}

#[test]
fn ten_megabyte_single_line_record() {
    let big = "x".repeat(10 << 20);
    let rec = format!(
        r#"{{"event_id":"big","event_type":"click","timestamp":"2024-06-01T00:00:00Z","blob":"{big}"}}"#
    );
    let input = format!("{}\n{rec}\n{}\n", ev("a", "2024-06-01T00:00:00Z"), ev("b", "2024-06-01T00:00:00Z"));
    let (report, sink) = run(&gz(input.as_bytes()));
    assert_eq!(report.events_out, 3, "{:?}", sink.bad.first().map(|b| &b.0.reason));
    let b = sink.only_batch();
    let extra = strs(&b, "extra");
    assert_eq!(extra[1].as_ref().unwrap().len(), big.len() + r#"{"blob":""}"#.len());

    // The same size as a bad record: quarantined with its raw text capped.
    let rec = format!(
        r#"{{"event_id":"big","event_type":"click","timestamp":"2024-06-01T00:00:00Z","price":"{big}"}}"#
    );
    let (report, sink) = run(format!("{rec}\n{}", ev("a", "2024-06-01T00:00:00Z")).as_bytes());
    assert_eq!(report.events_out, 1);
    let bad = &sink.bad[0].0;
    assert_eq!(bad.reason, "field `price`: expected number, got string");
    assert!(bad.raw.len() < RAW_CAP_BYTES + 100);
    assert!(
        bad.raw.ends_with(&format!("…[truncated: {} bytes in total]", rec.len())),
        "{}",
        &bad.raw[bad.raw.len() - 60..]
    );
}

#[test]
fn deep_nesting_in_unknown_field_is_a_bad_record() {
    let depth = 100_000;
    let rec = format!(
        r#"{{"event_id":"deep","event_type":"click","timestamp":"2024-06-01T00:00:00Z","ip":"10.0.0.1","nest":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let input = format!("{rec}\n{}\n", ev("a", "2024-06-01T00:00:00Z"));
    let (report, sink) = run(input.as_bytes());
    assert_eq!(report.records, 2);
    assert_eq!(report.events_out, 1);
    let bad = &sink.bad[0].0;
    assert!(bad.reason.contains("nested deeper"), "{}", bad.reason);
    assert_eq!(sink.bad[0].1, Some(date(2024, 6, 1)));
    assert!(bad.raw.contains(r#""ip":"[redacted]""#));
    // Nesting within the limit is fine.
    let ok = format!(
        r#"{{"event_id":"ok","event_type":"click","timestamp":"2024-06-01T00:00:00Z","nest":{}{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    let (report, _) = run(ok.as_bytes());
    assert_eq!(report.events_out, 1);
}

#[test]
fn empty_input_opens_nothing() {
    for input in [Vec::new(), b"\n \r\n\t".to_vec(), gz(b""), b"\xEF\xBB\xBF".to_vec()] {
        let (report, sink) = run(&input);
        assert_eq!(report.records, 0);
        assert_eq!(report.events_out, 0);
        assert_eq!(report.quarantined, 0);
        assert!(report.days.is_empty());
        assert!(sink.opened.is_empty());
        assert_eq!(report.damaged, None);
        assert_eq!(parse_only(&input[..]).unwrap(), 0);
    }
}

#[test]
fn records_spanning_buffer_refills_keep_exact_offsets() {
    // Several buffers' worth, no separators, one bad record far into the stream.
    let mut input = Vec::new();
    let mut n = 0u64;
    while input.len() < 3 * reader::CHUNK + 12_345 {
        input.extend_from_slice(ev(&format!("e{n}"), "2024-06-01T10:00:00Z").as_bytes());
        n += 1;
    }
    let bad_offset = input.len() as u64;
    input.extend_from_slice(
        br#"{"event_id":"bad","event_type":"x","timestamp":"2024-06-01T10:00:00Z","quantity":"many"}"#,
    );
    for i in 0..1000 {
        input.extend_from_slice(ev(&format!("f{i}"), "2024-06-01T10:00:00Z").as_bytes());
    }
    let (report, sink) = run(&gz(&input));
    assert_eq!(report.events_out, n + 1000);
    assert_eq!(report.input_bytes, input.len() as u64);
    let bad = &sink.bad[0].0;
    assert_eq!((bad.record_number, bad.byte_offset), (n + 1, bad_offset));
    assert_eq!(parse_only(&gz(&input)[..]).unwrap(), n + 1001);
    let b = sink.only_batch();
    assert_eq!(b.num_rows() as u64, n + 1000);
}

#[test]
fn multibyte_text_across_refills_and_invalid_utf8_far_into_the_stream() {
    let text = "café – 東京 – 😀".repeat(20);
    let record = |id: &str| {
        format!(
            r#"{{"event_id":"{id}","event_type":"click","timestamp":"2024-06-01T10:00:00Z","page_url":"{text}"}}"#
        )
    };
    let mut body = String::new();
    let mut n = 0;
    while body.len() < reader::CHUNK + 50_000 {
        body.push_str(&record(&format!("e{n}")));
        n += 1;
    }
    // Leading spaces put the end of the first buffer inside a character.
    let pad =
        (0..4).find(|&k| !format!("{}{body}", " ".repeat(k)).is_char_boundary(reader::FIRST_CHUNK)).unwrap();
    let mut input = format!("{}{body}", " ".repeat(pad)).into_bytes();
    let bad_string_offset = input.len() as u64;
    input.extend_from_slice(b"{\"event_id\":\"bad\",\"event_type\":\"click\",\"timestamp\":\"2024-06-01T10:00:00Z\",\"page_url\":\"x\xc3\"}\n");
    let garbage_offset = input.len() as u64;
    input.extend_from_slice(b"\xff\xfe\n");
    for i in 0..100 {
        input.extend_from_slice(record(&format!("f{i}")).as_bytes());
    }

    for compressed in [false, true] {
        let data = if compressed { gz(&input) } else { input.clone() };
        let (report, sink) = run(&data);
        assert_eq!(report.events_out, n + 100);
        assert_eq!(report.quarantined, 2);
        let (string, garbage) = (&sink.bad[0].0, &sink.bad[1].0);
        assert_eq!((string.record_number, string.byte_offset), (n + 1, bad_string_offset));
        assert!(string.reason.starts_with("invalid UTF-8"), "{}", string.reason);
        assert_eq!((garbage.record_number, garbage.byte_offset), (n + 2, garbage_offset));
        let b = sink.only_batch();
        assert!(strs(&b, "page_url").iter().all(|url| url.as_deref() == Some(text.as_str())));
        assert_eq!(strs(&b, "event_id").last().unwrap().as_deref(), Some("f99"));
    }
}

#[test]
fn batches_and_row_groups_follow_the_options() {
    let input: String = (0..60).map(|i| ev(&format!("e{i}"), "2024-06-01T10:00:00Z") + "\n").collect();
    let opts = TransformOptions {
        source_key: "k".into(),
        row_group_rows: 25,
        batch_rows: 10,
        encode_thread: false,
        inflate_thread: false,
        only_records: None,
    };
    let (report, sink) = run_with(input.as_bytes(), &opts);
    assert_eq!(report.events_out, 60);
    let file = SerializedFileReader::new(sink.bytes(date(2024, 6, 1))).unwrap();
    let sizes: Vec<i64> = file.metadata().row_groups().iter().map(|r| r.num_rows()).collect();
    assert_eq!(sizes, vec![25, 25, 10]);
    let b = sink.only_batch();
    assert!(strs(&b, "source_key").iter().all(|k| k.as_deref() == Some("k")));
    let ids = strs(&b, "event_id");
    assert_eq!(ids[59].as_deref(), Some("e59"));
}

#[test]
fn sink_errors_are_errors() {
    let mut sink = MemSink { fail_open: true, ..Default::default() };
    let err = transform(FULL.as_bytes(), &TransformOptions::new("k"), &mut sink).unwrap_err();
    assert!(matches!(err, TransformError::Sink { .. }), "{err}");
    assert!(err.to_string().contains("disk full"));
}

#[test]
fn quarantine_line_is_one_json_object() {
    let bad = BadRecord {
        record_number: 7,
        byte_offset: 1234,
        reason: "field `price`: expected number, got string".into(),
        raw: "{\"price\":\"abc\"}\n\u{1}".into(),
    };
    let line = quarantine_line("raw/obj.gz", &bad);
    assert!(!line.contains('\n'));
    assert_eq!(
        line,
        r#"{"source_key":"raw/obj.gz","record_number":7,"byte_offset":1234,"reason":"field `price`: expected number, got string","raw":"{\"price\":\"abc\"}\n\u0001"}"#
    );
}

#[test]
fn parse_only_counts_every_record_and_reports_damage() {
    let input = format!("{}\n[1]\n{}\n", ev("a", "2024-06-01T00:00:00Z"), ev("b", "2024-06-01T00:00:00Z"));
    assert_eq!(parse_only(input.as_bytes()).unwrap(), 3);
    let data = gz(input.as_bytes());
    assert_eq!(parse_only(&data[..]).unwrap(), 3);
    assert!(matches!(parse_only(&data[..data.len() - 10]), Err(TransformError::Damaged(_))));
}

#[test]
fn inline_and_threaded_encoding_write_the_same_files() {
    let input: String = (0..3000)
        .map(|i| {
            let day = if i % 7 == 0 { "2024-05-31T23:59:59Z" } else { "2024-06-01T00:00:01Z" };
            ev(&format!("e{i}"), day) + "\n"
        })
        .collect();
    let mut opts = TransformOptions { batch_rows: 100, row_group_rows: 1000, ..TransformOptions::new("k") };
    let (r1, s1) = run_with(input.as_bytes(), &opts);
    opts.encode_thread = false;
    let (r2, s2) = run_with(input.as_bytes(), &opts);
    assert_eq!(r1, r2);
    assert_eq!(r1.days.values().sum::<u64>(), 3000);
    for day in s1.files.keys() {
        assert_eq!(s1.bytes(*day), s2.bytes(*day), "{day}");
    }
}

/// A writer that fails once more than `limit` bytes went through it.
struct Failing(usize);

impl Write for Failing {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if b.len() > self.0 {
            return Err(std::io::Error::other("no space left"));
        }
        self.0 -= b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct FailingSink;

impl TransformSink for FailingSink {
    fn open_day(&mut self, _day: NaiveDate) -> std::io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(Failing(10_000)))
    }
    fn quarantine(&mut self, _bad: &BadRecord, _day: Option<NaiveDate>) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_errors_while_encoding_are_errors_in_both_modes() {
    let input: String = (0..20_000).map(|i| ev(&format!("e{i}"), "2024-06-01T00:00:01Z") + "\n").collect();
    for encode_thread in [true, false] {
        let opts = TransformOptions {
            batch_rows: 500,
            row_group_rows: 1000,
            encode_thread,
            ..TransformOptions::new("k")
        };
        let err = transform(input.as_bytes(), &opts, &mut FailingSink).unwrap_err();
        assert!(err.to_string().contains("no space left"), "{encode_thread}: {err}");
    }
}

#[test]
fn inflating_on_a_thread_changes_nothing() {
    // Over 2 MiB of JSON: several chunks of the inflating thread, with bad records among them.
    let plain: String = (0..6000)
        .map(|i| {
            if i % 97 == 0 {
                "{\"broken\n".to_string()
            } else {
                ev(&format!("e{i}"), "2024-06-01T10:00:00Z") + "\n"
            }
        })
        .collect();
    let plain = plain.as_bytes();
    let mut two_members = gz(&plain[..plain.len() / 2]);
    two_members.extend(gz(&plain[plain.len() / 2..]));
    let full = gz(plain);
    let truncated = full[..full.len() * 2 / 3].to_vec();
    let mut corrupt = full.clone();
    let middle = corrupt.len() / 2;
    corrupt[middle..middle + 64].fill(0xAA);
    for (name, input) in [
        ("two members", two_members),
        ("truncated", truncated),
        ("corrupt", corrupt),
        ("plain", plain.to_vec()),
    ] {
        let outcome = |threads: bool| {
            let options = TransformOptions {
                inflate_thread: threads,
                encode_thread: threads,
                ..TransformOptions::new("k")
            };
            let mut sink = MemSink::default();
            let report = transform(&input[..], &options, &mut sink).unwrap();
            let files: Vec<(NaiveDate, Bytes)> = sink.files.keys().map(|d| (*d, sink.bytes(*d))).collect();
            (report, sink.bad, files)
        };
        let (threaded, inline) = (outcome(true), outcome(false));
        assert!(threaded.0.events_out > 1000, "{name}: {:?}", threaded.0);
        assert_eq!(threaded, inline, "{name}");
    }
}

/// A replay re-reads a whole object but transforms only the records asked for: the others are
/// neither written nor quarantined, and numbers and offsets stay the object's.
#[test]
fn only_the_records_asked_for_are_transformed() {
    let lines = [
        ev("a", "2024-06-01T10:00:00Z"),
        r#"{"event_id":"b","event_type":"purchase","timestamp":"2024-06-01T00:00:00Z","price":"abc"}"#
            .to_string(),
        ev("c", "2024-06-02T10:00:00Z"),
        "not json".to_string(),
        ev("e", "2024-06-01T11:00:00Z"),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let only = std::collections::BTreeSet::from([3, 4, 5]);
    let opts = TransformOptions { only_records: Some(Arc::new(only)), ..TransformOptions::new("k") };
    let (report, sink) = run_with(input.as_bytes(), &opts);
    assert_eq!(report.records, 5, "every record is still read");
    assert_eq!((report.events_out, report.quarantined), (2, 1));
    assert_eq!(strs(&sink.batch(date(2024, 6, 1)), "event_id"), vec![Some("e".to_owned())]);
    assert_eq!(strs(&sink.batch(date(2024, 6, 2)), "event_id"), vec![Some("c".to_owned())]);
    assert_eq!(sink.bad.len(), 1);
    assert_eq!(sink.bad[0].0.record_number, 4);
    let offset: usize = lines[..3].iter().map(|l| l.len() + 1).sum();
    assert_eq!(sink.bad[0].0.byte_offset, offset as u64);
}

#[test]
fn record_texts_gives_the_exact_bytes_of_the_records_asked_for() {
    let good = ev("a", "2024-06-01T00:00:00Z");
    let bad = r#"{"event_id":"b","event_type": oops}"#;
    // No newline between the last two: framing, not lines, decides where a record ends.
    let input = format!("{good}\n{bad}\n{good}{good}");
    let wanted = [2, 4, 9].into_iter().collect();
    let texts = record_texts(gz(input.as_bytes()).as_slice(), &wanted).unwrap();
    assert_eq!(texts.keys().copied().collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(String::from_utf8_lossy(&texts[&2]).trim_end(), bad);
    assert_eq!(String::from_utf8_lossy(&texts[&4]), good);
}

#[test]
fn a_rewrite_merges_files_in_event_time_order_with_row_groups_of_the_asked_size() {
    let day = date(2024, 6, 1);
    let file = |ids: &[(&str, &str)], name: &str| {
        let lines: Vec<String> = ids.iter().map(|(id, ts)| ev(id, ts)).collect();
        let (_, sink) = run_with(lines.join("\n").as_bytes(), &TransformOptions::new(name));
        (name.to_string(), sink.bytes(day))
    };
    let inputs = vec![
        file(&[("b", "2024-06-01T10:00:00Z"), ("d", "2024-06-01T12:00:00Z")], "raw/obj-1.gz"),
        file(
            &[("a", "2024-06-01T09:00:00Z"), ("c", "2024-06-01T11:00:00Z"), ("e", "2024-06-01T13:00:00Z")],
            "raw/obj-2.gz",
        ),
    ];
    let out = SharedBuf::default();
    let mut input_rows = Vec::new();
    let written = compact::rewrite_sorted(&inputs, Box::new(out.clone()), 2, |meta| {
        input_rows.push(meta.file_metadata().num_rows())
    })
    .unwrap();
    assert_eq!(written, compact::Rewritten { rows: 5, row_groups: 3 });
    assert_eq!(input_rows, [2, 3]);
    let bytes = Bytes::from(out.0.lock().unwrap().clone());
    let reader = SerializedFileReader::new(bytes.clone()).unwrap();
    let groups: Vec<i64> = reader.metadata().row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(groups, [2, 2, 1]);
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes).unwrap().build().unwrap();
    let schema = reader.schema();
    let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
    let merged = concat_batches(&schema, &batches).unwrap();
    let ids: Vec<String> = strs(&merged, "event_id").into_iter().map(Option::unwrap).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let sources: Vec<String> = strs(&merged, "source_key").into_iter().map(Option::unwrap).collect();
    assert_eq!(sources, ["raw/obj-2.gz", "raw/obj-1.gz", "raw/obj-2.gz", "raw/obj-1.gz", "raw/obj-2.gz"]);

    let damaged = vec![inputs[0].clone(), ("lake/bad.parquet".to_string(), Bytes::from_static(b"PAR1 no"))];
    let err = compact::rewrite_sorted(&damaged, Box::new(SharedBuf::default()), 2, |_| {}).unwrap_err();
    assert!(err.to_string().starts_with("lake/bad.parquet: not a readable Parquet file"), "{err}");
}
