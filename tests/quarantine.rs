//! `bdctl quarantine list|show|replay` on both backends: bdctl's quarantine files and Firehose's
//! error documents, replays that land records exactly once (checked with pyarrow), replays run
//! twice or killed half-way, and a transform run again taking back what replays landed.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{
    bdctl, files_below, moto_config, moto_endpoint, run_python, test_python, unique, with_test_credentials,
};
use serde_json::{Value, json};

fn json_out(cmd: &mut assert_cmd::Command) -> Value {
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&output.stdout)))
}

fn event(id: &str, ts: &str) -> String {
    format!(
        r#"{{"event_id":"{id}","event_type":"page_view","timestamp":"{ts}","ip":"10.0.0.1","email":"jo@example.org"}}"#
    )
}

fn quarantine_line(source: &str, number: u64, offset: u64, reason: &str, raw: &str) -> String {
    json!({"source_key": source, "record_number": number, "byte_offset": offset, "reason": reason, "raw": raw})
        .to_string()
}

/// Event ids of every Parquet file below `root`, with how often each occurs.
fn event_ids(python: &str, root: &Path) -> std::collections::BTreeMap<String, u64> {
    let files: Vec<PathBuf> =
        files_below(root).into_iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).collect();
    let mut args: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    args.insert(0, "-".into());
    let script = "import json, sys, collections, pyarrow.parquet as pq\nc = collections.Counter()\nfor p in sys.argv[2:]:\n    c.update(pq.read_table(p).column('event_id').to_pylist())\nprint(json.dumps(c))";
    let out = run_python(python, script, &args.iter().map(String::as_str).collect::<Vec<_>>());
    serde_json::from_str(&out).unwrap()
}

fn totals(replay: &Value) -> (u64, u64, u64) {
    let rows = replay.as_array().unwrap();
    let sum = |k: &str| rows.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
    (sum("replayed"), sum("still_failing"), sum("skipped"))
}

/// The transform's own quarantine: counted, shown redacted, and replayed without effect while
/// the transform still rejects the records.
#[test]
fn the_transforms_quarantine_is_listed_shown_redacted_and_left_alone_by_a_replay() {
    let dir = tempfile::tempdir().unwrap();
    bdctl(dir.path())
        .args(["-q", "send", "--count", "3000", "--days", "1", "--start", "2024-06-01", "--seed", "7"])
        .args(["--bad-fraction", "0.05"])
        .assert()
        .success();
    let transformed =
        json_out(bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-01", "-o", "json"]));
    let quarantined = transformed[0]["quarantined"].as_u64().unwrap();
    assert!(quarantined > 50, "{transformed}");

    let by_reason =
        json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "--by", "reason", "-o", "json"]));
    let rows = by_reason.as_array().unwrap();
    assert!(rows.len() > 1, "several reasons: {by_reason}");
    assert_eq!(rows.iter().map(|r| r["records"].as_u64().unwrap()).sum::<u64>(), quarantined);
    assert!(rows.iter().all(|r| r["origin"] == "transform" && r["oldest"].is_string()));
    let by_day = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "--by", "day", "-o", "json"]));
    assert_eq!(
        by_day.as_array().unwrap().iter().map(|r| r["records"].as_u64().unwrap()).sum::<u64>(),
        quarantined
    );
    let none =
        json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "--from", "2024-07-01", "-o", "json"]));
    assert_eq!(none, json!([]));

    let shown = json_out(bdctl(dir.path()).args(["-q", "quarantine", "show", "--limit", "0", "-o", "json"]));
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len() as u64, quarantined);
    for record in shown {
        let raw = record["raw"].as_str().unwrap();
        assert!(!raw.contains("@example") && !raw.contains("\"ip\":\"1"), "redacted: {raw}");
        assert!(record["source_key"].as_str().unwrap().starts_with("raw/year=2024/month=06/day=01/"));
        assert!(record["record"].as_u64().unwrap() >= 1 && record["byte_offset"].is_u64());
    }
    let reason = rows[0]["reason"].as_str().unwrap().to_string();
    let limited = json_out(bdctl(dir.path()).args([
        "-q",
        "quarantine",
        "show",
        "--reason",
        &reason,
        "--limit",
        "2",
        "-o",
        "json",
    ]));
    assert_eq!(limited.as_array().unwrap().len(), 2.min(rows[0]["records"].as_u64().unwrap() as usize));

    let lake_before = files_below(&dir.path().join(".bdctl/transformed"));
    let replay = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&replay), (0, quarantined, 0), "the same transform rejects them again: {replay}");
    assert_eq!(files_below(&dir.path().join(".bdctl/transformed")), lake_before, "nothing landed");
    let again =
        json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "--by", "reason", "-o", "json"]));
    assert_eq!(again, by_reason, "still quarantined, with the same reasons");
}

/// The raw object of [`write_old_quarantine`]'s records (gone from the lake).
const OLD_SOURCE: &str = "raw/year=2024/month=06/day=01/clicks-1-2024-06-01-10-00-00-old.gz";

/// Writes `lines` as the quarantine file an earlier transform left for [`OLD_SOURCE`].
fn write_old_quarantine(lake: &Path, lines: &[String]) -> PathBuf {
    let quarantine = lake.join("errors/year=2024/month=06/day=01/clicks-1-2024-06-01-10-00-00-old.ndjson");
    std::fs::create_dir_all(quarantine.parent().unwrap()).unwrap();
    std::fs::write(&quarantine, lines.join("\n") + "\n").unwrap();
    quarantine
}

/// Records an earlier transform rejected (written here as its quarantine file, the raw object
/// expired since) that this one accepts: replayed once, into their event days, and never twice.
#[test]
fn a_replay_lands_what_now_transforms_exactly_once_even_when_killed_and_run_again() {
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join(".bdctl");
    let source = OLD_SOURCE;
    let lines = [
        quarantine_line(
            source,
            2,
            180,
            "field `timestamp`: an old reason",
            &event("late-1", "2024-06-01T23:59:59Z"),
        ),
        quarantine_line(
            source,
            5,
            700,
            "field `timestamp`: an old reason",
            &event("late-2", "2024-06-02T00:00:01Z"),
        ),
        quarantine_line(source, 9, 1300, "invalid JSON", r#"{"event_id":"x","event_type": oops}"#),
    ];
    let quarantine = write_old_quarantine(&lake, &lines);

    let dry = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "--dry-run", "-o", "json"]));
    assert_eq!(dry[0]["would_land"], 2, "{dry}");
    assert!(!lake.join("transformed").exists(), "a dry run writes nothing");

    let first = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&first), (2, 1, 0), "{first}");
    let landed = [
        lake.join("transformed/year=2024/month=06/day=01/clicks-1-2024-06-01-10-00-00-old.replay-1.parquet"),
        lake.join("transformed/year=2024/month=06/day=02/clicks-1-2024-06-01-10-00-00-old.replay-1.parquet"),
    ];
    assert!(landed.iter().all(|p| p.exists()), "{:?}", files_below(&lake));
    let ids = event_ids(&python, &lake.join("transformed"));
    assert_eq!(ids, [("late-1".to_string(), 1), ("late-2".to_string(), 1)].into());
    let source_keys = run_python(
        &python,
        "import sys, pyarrow.parquet as pq\nprint(sorted(set(pq.read_table(sys.argv[1]).column('source_key').to_pylist())))",
        &[landed[0].to_str().unwrap()],
    );
    assert!(source_keys.contains(source), "rows keep their raw object as source: {source_keys}");

    let listed = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["records"], 1);
    assert!(listed[0]["reason"].as_str().unwrap().starts_with("invalid JSON"), "the new reason: {listed}");
    assert!(
        std::fs::read_to_string(&quarantine).unwrap().contains("an old reason"),
        "the file is kept as it was"
    );

    // A second replay tries only what still fails and adds nothing.
    let second = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&second), (0, 1, 2), "{second}");
    assert_eq!(event_ids(&python, &lake.join("transformed")).values().sum::<u64>(), 2);

    // Killed after writing its Parquet and before its record: the next replay writes the same
    // files again, under the same names.
    let records = lake.join("_bdctl/replays");
    std::fs::remove_dir_all(&records).unwrap();
    let rerun = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&rerun), (2, 1, 0), "{rerun}");
    assert_eq!(
        event_ids(&python, &lake.join("transformed")),
        [("late-1".to_string(), 1), ("late-2".to_string(), 1)].into()
    );
    let parquet: Vec<_> = files_below(&lake.join("transformed"))
        .into_iter()
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(parquet.len(), 2, "{parquet:?}");

    let count = json_out(bdctl(dir.path()).args(["-q", "crawl"]).arg("-o").arg("json"));
    assert!(count.is_array());
    let queried =
        json_out(bdctl(dir.path()).args(["-q", "query", "SELECT count(*) AS n FROM events", "-o", "json"]));
    assert_eq!(queried[0]["n"], 2, "the catalog's readers see the replayed rows: {queried}");
}

/// A replay straight from the raw object (its exact bytes), then the object transformed again:
/// the new transform's outputs hold the record, and the replay's file goes.
#[test]
fn transforming_an_object_again_takes_back_what_its_replays_landed() {
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join(".bdctl");
    let raw_dir = lake.join("raw/year=2024/month=06/day=01");
    std::fs::create_dir_all(&raw_dir).unwrap();
    let records = [
        event("r1", "2024-06-01T08:00:00Z"),
        event("r2", "2024-06-01T09:00:00Z"),
        r#"{"event_id":"r3","event_type":"purchase","timestamp":"2024-06-01T10:00:00Z","price":"abc"}"#
            .to_string(),
    ];
    let body = records.iter().map(|r| format!("{r}\n")).collect::<String>();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    std::fs::write(raw_dir.join("obj.gz"), gz.finish().unwrap()).unwrap();
    bdctl(dir.path()).args(["-q", "transform", "--date", "2024-06-01"]).assert().code(0);

    // As if an older transform had rejected r2 as well.
    let quarantine = lake.join("errors/year=2024/month=06/day=01/obj.ndjson");
    let mut text = std::fs::read_to_string(&quarantine).unwrap();
    let offset = records[0].len() + 1;
    text.insert_str(
        0,
        &(quarantine_line("raw/year=2024/month=06/day=01/obj.gz", 2, offset as u64, "old", &records[1])
            + "\n"),
    );
    std::fs::write(&quarantine, text).unwrap();
    let replay = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&replay), (1, 1, 0), "{replay}");
    let replayed = lake.join("transformed/year=2024/month=06/day=01/obj.replay-1.parquet");
    assert!(replayed.exists());
    assert_eq!(event_ids(&python, &lake.join("transformed"))["r2"], 2, "set up: r2 twice");

    bdctl(dir.path())
        .args(["-q", "--yes", "backfill", "--from", "2024-06-01", "--to", "2024-06-01", "--force"])
        .assert()
        .success();
    assert!(!replayed.exists(), "the replay's output went with the old quarantine");
    let ids = event_ids(&python, &lake.join("transformed"));
    assert_eq!(ids, [("r1".to_string(), 1), ("r2".to_string(), 1)].into());
    let listed = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    assert_eq!(listed[0]["records"], 1, "r3 alone: {listed}");
    assert!(!lake.join("_bdctl/replays/errors/year=2024/month=06/day=01/obj.ndjson.json").exists());
}

fn firehose_document(record: &str, code: &str) -> String {
    let encoded = aws_smithy_types::base64::encode(record.as_bytes());
    json!({"attemptsMade": 4, "arrivalTimestamp": 1_717_246_800_000_i64, "errorCode": code,
           "errorMessage": "The Lambda function was successfully invoked but it returned an error result.",
           "rawData": encoded})
    .to_string()
}

const FIREHOSE_KEY: &str = "processing-failed/2024/06/01/13/clicks-1-2024-06-01-13-00-00-abc";

fn firehose_errors() -> Vec<u8> {
    let docs = [
        firehose_document(&event("fh-1", "2024-06-01T13:00:00Z"), "Lambda.FunctionError"),
        firehose_document(r#"{"event_id":"fh-2"}"#, "Lambda.FunctionError"),
    ];
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all((docs.join("\n") + "\n").as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// Firehose's own error output, on local: listed by its error code, replayed into the lake.
#[test]
fn firehose_error_documents_are_listed_and_replayed() {
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bdctl.toml"),
        "[env.dev]\nbackend = \"local\"\nfirehose_error_prefix = \"processing-failed/\"\n",
    )
    .unwrap();
    let key = dir.path().join(".bdctl").join(FIREHOSE_KEY);
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    std::fs::write(&key, firehose_errors()).unwrap();

    let listed = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["origin"], "firehose");
    assert_eq!(listed[0]["records"], 2);
    assert!(listed[0]["reason"].as_str().unwrap().starts_with("Lambda.FunctionError: "));
    assert_eq!(listed[0]["oldest"], "2024-06-01T13:00:00+00:00");
    let shown = json_out(bdctl(dir.path()).args(["-q", "quarantine", "show", "-o", "json"]));
    assert!(shown.as_array().unwrap().iter().all(|r| !r["raw"].as_str().unwrap().contains("jo@example.org")));

    let replay = json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "-o", "json"]));
    assert_eq!(totals(&replay), (1, 1, 0), "{replay}");
    let ids = event_ids(&python, &dir.path().join(".bdctl/transformed"));
    assert_eq!(ids, [("fh-1".to_string(), 1)].into());
    let listed = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    assert!(
        listed[0]["reason"].as_str().unwrap().contains("event_type"),
        "the transform's reason now: {listed}"
    );
}

/// The same on aws, against the moto server: bdctl's quarantine file and Firehose's document in
/// S3, replayed into the transformed bucket.
#[test]
fn quarantine_on_aws_reads_and_replays_s3() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (raw, transformed) = (unique("raw"), unique("lake"));
    let mut config = moto_config(&endpoint, &[("raw_bucket", &raw), ("transformed_bucket", &transformed)]);
    config.push_str("firehose_error_prefix = \"processing-failed/\"\n");
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let errors = dir.path().join("errors.gz");
    std::fs::write(&errors, firehose_errors()).unwrap();
    let line = quarantine_line(
        "raw/year=2024/month=06/day=01/gone.gz",
        4,
        0,
        "old",
        &event("s3-1", "2024-06-01T05:00:00Z"),
    );
    let ndjson = dir.path().join("q.ndjson");
    std::fs::write(&ndjson, line + "\n").unwrap();
    let script = r#"
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
raw, lake, errors, ndjson, key = sys.argv[2:7]
s3.create_bucket(Bucket=raw); s3.create_bucket(Bucket=lake)
s3.upload_file(errors, raw, key)
s3.upload_file(ndjson, raw, "errors/year=2024/month=06/day=01/gone.ndjson")
"#;
    run_python(
        &python,
        script,
        &[&endpoint, &raw, &transformed, errors.to_str().unwrap(), ndjson.to_str().unwrap(), FIREHOSE_KEY],
    );

    let aws = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["-q", "--env", "moto"]).args(args);
        json_out(&mut cmd)
    };
    let listed = aws(&["quarantine", "list", "--by", "source", "-o", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let replay = aws(&["quarantine", "replay", "-o", "json"]);
    assert_eq!(totals(&replay), (2, 1, 0), "{replay}");
    let again = aws(&["quarantine", "replay", "-o", "json"]);
    assert_eq!(totals(&again), (0, 1, 2), "{again}");
    let script = r#"
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
print("\n".join(sorted(o["Key"] for o in s3.list_objects_v2(Bucket=sys.argv[2]).get("Contents", []))))
"#;
    let keys = run_python(&python, script, &[&endpoint, &transformed]);
    assert!(keys.contains("transformed/year=2024/month=06/day=01/gone.replay-1.parquet"), "{keys}");
    assert!(
        keys.contains(
            "transformed/year=2024/month=06/day=01/clicks-1-2024-06-01-13-00-00-abc.replay-1.parquet"
        ),
        "{keys}"
    );
    assert!(keys.contains("_bdctl/replays/errors/year=2024/month=06/day=01/gone.ndjson.json"), "{keys}");
}

/// The replay table's sums of `sent`, `still_failing` and `skipped`.
fn sent_totals(replay: &Value) -> (u64, u64, u64) {
    let rows = replay.as_array().unwrap();
    let sum = |k: &str| rows.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
    (sum("sent"), sum("still_failing"), sum("skipped"))
}

/// Every raw object's lines below `root` (gzip or not), with the object they are in.
fn raw_lines(root: &Path) -> Vec<(PathBuf, String)> {
    let mut lines = Vec::new();
    for path in files_below(root) {
        let body = std::fs::read(&path).unwrap();
        let text = if body.starts_with(&[0x1f, 0x8b]) {
            let mut out = String::new();
            std::io::Read::read_to_string(&mut flate2::read::MultiGzDecoder::new(&body[..]), &mut out)
                .unwrap();
            out
        } else {
            String::from_utf8(body).unwrap()
        };
        lines.extend(text.lines().map(|l| (path.clone(), l.to_string())));
    }
    lines
}

/// `--to-stream`: what now transforms goes back into the delivery stream, exactly once, and
/// comes through the transform from the raw area; a replay interrupted after sending settles
/// what arrived instead of sending it again, and one interrupted before sending sends it.
#[test]
fn a_replay_into_the_stream_sends_each_record_once_even_when_interrupted() {
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lake = dir.path().join(".bdctl");
    let source = OLD_SOURCE;
    let lines = [
        quarantine_line(source, 2, 180, "old", &event("again-1", "2024-06-01T23:00:00Z")),
        quarantine_line(source, 5, 700, "old", &event("again-2", "2024-06-01T23:30:00Z")),
        quarantine_line(source, 9, 1300, "invalid JSON", r#"{"event_id":"x","event_type": oops}"#),
    ];
    write_old_quarantine(&lake, &lines);
    let replay =
        || json_out(bdctl(dir.path()).args(["-q", "quarantine", "replay", "--to-stream", "-o", "json"]));
    let sent_lines = || {
        let mut ids: Vec<String> = raw_lines(&lake.join("raw"))
            .into_iter()
            .map(|(_, line)| {
                serde_json::from_str::<Value>(&line).unwrap()["event_id"].as_str().unwrap().to_string()
            })
            .collect();
        ids.sort();
        ids
    };

    let dry = json_out(bdctl(dir.path()).args([
        "-q",
        "quarantine",
        "replay",
        "--to-stream",
        "--dry-run",
        "-o",
        "json",
    ]));
    assert_eq!(dry[0]["would_send"], 2, "{dry}");
    assert!(!lake.join("raw").exists(), "a dry run sends nothing");

    let first = replay();
    assert_eq!(sent_totals(&first), (2, 1, 0), "{first}");
    assert_eq!(sent_lines(), ["again-1", "again-2"]);
    let raw_objects = files_below(&lake.join("raw"));
    assert_eq!(raw_objects.len(), 1, "{raw_objects:?}");
    let listed = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    assert_eq!(listed[0]["records"], 1, "only the invalid record stays: {listed}");
    assert!(
        !lake.join("transformed").exists(),
        "nothing lands in the lake from here: the records come through the transform"
    );

    // The raw object is the stream's delivery: its day's transform lands the two events once.
    let relative = raw_objects[0].strip_prefix(lake.join("raw")).unwrap().to_string_lossy().to_string();
    let day = relative.split('/').take(3).map(|p| p.split('=').nth(1).unwrap()).collect::<Vec<_>>().join("-");
    bdctl(dir.path()).args(["-q", "transform", "--date", &day]).assert().success();
    assert_eq!(
        event_ids(&python, &lake.join("transformed")),
        [("again-1".to_string(), 1), ("again-2".to_string(), 1)].into()
    );

    assert_eq!(sent_totals(&replay()), (0, 1, 2), "a second replay sends nothing");
    assert_eq!(sent_lines(), ["again-1", "again-2"]);

    // Killed after the stream accepted the records, before the send was marked: found in the
    // raw area, not sent again.
    let sends = lake.join(
        "_bdctl/replays/errors/year=2024/month=06/day=01/clicks-1-2024-06-01-10-00-00-old.ndjson.sent.json",
    );
    let unsettle = || {
        let mut record: Value = serde_json::from_slice(&std::fs::read(&sends).unwrap()).unwrap();
        record[0]["delivered"] = json!(false);
        std::fs::write(&sends, record.to_string()).unwrap();
    };
    unsettle();
    let unsettled = json_out(bdctl(dir.path()).args(["-q", "quarantine", "list", "-o", "json"]));
    let records: u64 = unsettled.as_array().unwrap().iter().map(|r| r["records"].as_u64().unwrap()).sum();
    assert_eq!(records, 3, "records of an open send stay quarantined: {unsettled}");
    let dry = json_out(bdctl(dir.path()).args([
        "-q",
        "quarantine",
        "replay",
        "--to-stream",
        "--dry-run",
        "-o",
        "json",
    ]));
    assert_eq!(dry[0]["would_send"], 0, "a dry run neither settles nor sends: {dry}");
    let settled = replay();
    assert_eq!(sent_totals(&settled), (2, 1, 0), "{settled}");
    assert_eq!(files_below(&lake.join("raw")), raw_objects, "nothing sent again");
    assert_eq!(sent_totals(&replay()), (0, 1, 2));

    // Killed before the stream got them: not in the raw area, so sent now.
    unsettle();
    std::fs::remove_file(&raw_objects[0]).unwrap();
    let resent = replay();
    assert_eq!(sent_totals(&resent), (2, 1, 0), "{resent}");
    assert_eq!(sent_lines(), ["again-1", "again-2"]);
    assert_eq!(sent_totals(&replay()), (0, 1, 2));
}

/// `--to-stream` on aws: Firehose's failed records and bdctl's quarantined one go back into a
/// Firehose stream on the moto server, which writes them to the raw bucket; a second replay
/// and one that finds its send unsettled send nothing more.
#[test]
fn a_replay_into_the_stream_on_aws_puts_each_record_into_firehose_once() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = test_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (raw, transformed, stream) = (unique("raw"), unique("lake"), unique("clicks"));
    let mut config = moto_config(&endpoint, &[("raw_bucket", &raw), ("transformed_bucket", &transformed)]);
    config.push_str(&format!(
        "firehose_error_prefix = \"processing-failed/\"\nfirehose_stream = \"{stream}\"\nraw_layout = \"firehose\"\n"
    ));
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let errors = dir.path().join("errors.gz");
    std::fs::write(&errors, firehose_errors()).unwrap();
    let line =
        quarantine_line("raw/2024/06/01/05/gone.gz", 4, 0, "old", &event("s3-1", "2024-06-01T05:00:00Z"));
    let ndjson = dir.path().join("q.ndjson");
    std::fs::write(&ndjson, line + "\n").unwrap();
    let script = r#"
import sys, boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
s3 = boto3.client("s3", **kw)
raw, lake, errors, ndjson, key, stream = sys.argv[2:8]
s3.create_bucket(Bucket=raw); s3.create_bucket(Bucket=lake)
s3.upload_file(errors, raw, key)
s3.upload_file(ndjson, raw, "errors/year=2024/month=06/day=01/gone.ndjson")
boto3.client("firehose", **kw).create_delivery_stream(
    DeliveryStreamName=stream,
    ExtendedS3DestinationConfiguration={"BucketARN": "arn:aws:s3:::" + raw, "RoleARN": "arn:aws:iam::123456789012:role/firehose",
        "Prefix": "raw/", "CompressionFormat": "GZIP", "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 5}})
"#;
    run_python(
        &python,
        script,
        &[
            &endpoint,
            &raw,
            &transformed,
            errors.to_str().unwrap(),
            ndjson.to_str().unwrap(),
            FIREHOSE_KEY,
            &stream,
        ],
    );
    let aws = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["-q", "--env", "moto"]).args(args);
        json_out(&mut cmd)
    };
    // Event ids of every object under raw/ (what Firehose wrote), one line each.
    let delivered = || {
        let script = r#"
import sys, json, gzip, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
ids = []
for o in s3.list_objects_v2(Bucket=sys.argv[2], Prefix="raw/").get("Contents", []):
    body = s3.get_object(Bucket=sys.argv[2], Key=o["Key"])["Body"].read()
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    ids += [json.loads(l)["event_id"] for l in body.decode().splitlines() if l.strip()]
print(json.dumps(sorted(ids)))
"#;
        serde_json::from_str::<Vec<String>>(&run_python(&python, script, &[&endpoint, &raw])).unwrap()
    };

    let first = aws(&["quarantine", "replay", "--to-stream", "-o", "json"]);
    assert_eq!(sent_totals(&first), (2, 1, 0), "{first}");
    assert_eq!(delivered(), ["fh-1", "s3-1"]);
    assert_eq!(sent_totals(&aws(&["quarantine", "replay", "--to-stream", "-o", "json"])), (0, 1, 2));

    // The send of the Firehose document's record, as a replay killed before marking it left it.
    let key = format!("_bdctl/replays/{FIREHOSE_KEY}.sent.json");
    let script = r#"
import sys, json, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
sends = json.loads(s3.get_object(Bucket=sys.argv[2], Key=sys.argv[3])["Body"].read())
sends[0]["delivered"] = False
s3.put_object(Bucket=sys.argv[2], Key=sys.argv[3], Body=json.dumps(sends).encode())
"#;
    run_python(&python, script, &[&endpoint, &transformed, &key]);
    let settled = aws(&["quarantine", "replay", "--to-stream", "-o", "json"]);
    assert_eq!(sent_totals(&settled), (1, 1, 1), "found in the raw bucket: {settled}");
    assert_eq!(delivered(), ["fh-1", "s3-1"], "nothing sent twice");
    let listed = aws(&["quarantine", "list", "-o", "json"]);
    assert_eq!(listed.as_array().unwrap().iter().map(|r| r["records"].as_u64().unwrap()).sum::<u64>(), 1);
}
