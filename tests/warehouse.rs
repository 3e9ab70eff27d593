//! Redshift beside the lake: `warehouse load` over a lake on the moto server (S3, Glue, a
//! compacted day) with the Data API's answers from aws-smithy-mocks. moto 5.2.5's Data API is of
//! no use here: it keeps every statement STARTED, has no BatchExecuteStatement, and answers
//! `CreatedAt` as an ISO string the Rust SDK cannot read (it expects epoch seconds), so every
//! ExecuteStatement and DescribeStatement fails to parse. Results over several pages, failures,
//! a deadline's cancellation, the settings' refusals and the local backend saying why not.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_sdk_redshiftdata::operation::batch_execute_statement::BatchExecuteStatementOutput;
use aws_sdk_redshiftdata::operation::cancel_statement::CancelStatementOutput;
use aws_sdk_redshiftdata::operation::describe_statement::DescribeStatementOutput;
use aws_sdk_redshiftdata::operation::execute_statement::ExecuteStatementOutput;
use aws_sdk_redshiftdata::operation::get_statement_result::GetStatementResultOutput;
use aws_sdk_redshiftdata::types::{
    ColumnMetadata, Field, StatementStatusString, StatusString, SubStatementData,
};
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};
use bdctl::backend::aws::Clients;
use bdctl::backend::{Backend, QueryRequest, ResultColumn, RowSink, Silent, StatementsOutcome};
use bdctl::error::{RemoteFailed, TimedOut};
use bdctl::services::warehouse::{LoadRequest, load};
use common::moto::{SentLake, moto_clients, run_in, sent_lake, settings_for, unused_clients};
use common::{bdctl, moto_config, moto_endpoint};
use serde_json::Value;

const REDSHIFT: &str = "redshift_cluster = \"analytics\"\nredshift_db_user = \"loader\"\nredshift_iam_role = \"arn:aws:iam::123456789012:role/redshift-copy\"\n";

fn statement_id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn describe(id: &str, status: StatusString) -> DescribeStatementOutput {
    DescribeStatementOutput::builder().id(id).status(status).duration(42_000_000).build().unwrap()
}

/// A finished batch whose statements report these rows.
fn finished_batch(id: &str, rows: &[i64]) -> DescribeStatementOutput {
    let subs = rows
        .iter()
        .enumerate()
        .map(|(i, rows)| {
            SubStatementData::builder()
                .id(format!("{id}:{}", i + 1))
                .status(StatementStatusString::Finished)
                .result_rows(*rows)
                .build()
                .unwrap()
        })
        .collect();
    DescribeStatementOutput::builder()
        .id(id)
        .status(StatusString::Finished)
        .set_sub_statements(Some(subs))
        .build()
        .unwrap()
}

fn with_redshift(clients: Clients, settings: &bdctl::settings::Settings, rules: &[&Rule]) -> Backend {
    let redshiftdata = mock_client!(aws_sdk_redshiftdata, RuleMode::Sequential, rules);
    bdctl::backend::aws::from_clients(Clients { redshiftdata, ..clients }, settings)
}

/// Every Parquet file under the prefix (key, size) and the rows their footers count, read here.
async fn parquet_files(clients: &Clients, bucket: &str, prefix: &str) -> (BTreeMap<String, i64>, i64) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let listed = clients.s3.list_objects_v2().bucket(bucket).prefix(prefix).send().await.unwrap();
    let mut files = BTreeMap::new();
    let mut rows = 0;
    for object in listed.contents().iter().filter(|o| o.key().unwrap().ends_with(".parquet")) {
        let key = object.key().unwrap().to_string();
        let body = clients.s3.get_object().bucket(bucket).key(&key).send().await.unwrap();
        let bytes = body.body.collect().await.unwrap().into_bytes();
        rows += SerializedFileReader::new(bytes).unwrap().metadata().file_metadata().num_rows();
        files.insert(format!("s3://{bucket}/{key}"), object.size().unwrap());
    }
    (files, rows)
}

async fn manifest_entries(clients: &Clients, bucket: &str, key: &str) -> BTreeMap<String, i64> {
    let body = clients.s3.get_object().bucket(bucket).key(key).send().await.unwrap();
    let manifest: Value = serde_json::from_slice(&body.body.collect().await.unwrap().into_bytes()).unwrap();
    manifest["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["mandatory"], true, "{e}");
            (e["url"].as_str().unwrap().to_string(), e["meta"]["content_length"].as_i64().unwrap())
        })
        .collect()
}

#[tokio::test]
async fn a_load_copies_what_the_catalog_reads_and_replaces_each_day_in_one_transaction() {
    let Some(endpoint) = moto_endpoint() else { return };
    let clients = moto_clients(&endpoint).await;
    let SentLake { lake, database, dir, .. } = sent_lake(
        &clients,
        &endpoint,
        &["--count", "800", "--days", "2", "--start", "2024-06-01", "--seed", "7"],
        "warehouse",
    )
    .await;
    for args in [
        &["-q", "transform", "--date", "2024-06-01"][..],
        &["-q", "transform", "--date", "2024-06-02"],
        &["-q", "crawl", "--without-crawler"],
        &["-q", "compact", "--date", "2024-06-01", "--target-size", "32KB"],
    ] {
        let out = run_in(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let config = std::fs::read_to_string(dir.path().join("bdctl.toml")).unwrap() + REDSHIFT;
    let settings = settings_for(dir.path(), &config);

    // What a catalog reader reads: the first day at its compacted copy, the second as written.
    let (first_files, first_rows) =
        parquet_files(&clients, &lake, "transformed-compacted/year=2024/month=06/day=01/gen=0001/").await;
    let (second_files, second_rows) =
        parquet_files(&clients, &lake, "transformed/year=2024/month=06/day=02/").await;
    let (first_written, _) = parquet_files(&clients, &lake, "transformed/year=2024/month=06/day=01/").await;
    assert!(!first_files.is_empty() && first_written.len() > first_files.len(), "{first_files:?}");
    assert!(first_rows > 0 && second_rows > 0);

    // The dry run reads the lake and the catalog on the emulator and calls no Redshift.
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    let out = run_in(
        dir.path(),
        &["warehouse", "load", "--from", "2024-06-01", "--to", "2024-06-02", "--dry-run", "-o", "json"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let planned: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(planned[0]["status"], "planned", "{planned}");
    assert_eq!(planned[0]["files"], first_files.len() as u64, "{planned}");
    assert_eq!(planned[0]["rows_in_files"], first_rows, "{planned}");
    assert_eq!(planned[1]["files"], second_files.len() as u64, "{planned}");
    assert_eq!(planned[1]["rows_in_files"], second_rows, "{planned}");
    assert_eq!(planned[0]["rows_loaded"], Value::Null, "{planned}");
    assert!(stderr.contains(&format!("2024-06-01: COPY \"bdctl_load_20240601\" FROM 's3://{lake}/_bdctl/warehouse/public.events/2024-06-01.manifest'")), "{stderr}");
    let listed = clients.s3.list_objects_v2().bucket(&lake).prefix("_bdctl/warehouse/").send().await.unwrap();
    assert!(listed.contents().is_empty(), "a dry run writes no manifest");

    let batches: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
    let batch = |n: u32| {
        let record = batches.clone();
        mock!(aws_sdk_redshiftdata::Client::batch_execute_statement)
            .match_requests(move |input| {
                assert_eq!(input.cluster_identifier(), Some("analytics"));
                assert_eq!(input.db_user(), Some("loader"));
                assert_eq!(input.database(), Some("dev"));
                record.lock().unwrap().push(input.sqls().to_vec());
                true
            })
            .then_output(move || BatchExecuteStatementOutput::builder().id(statement_id(n)).build())
    };
    let progress = |n: u32, rows: i64, replaced: i64| {
        mock!(aws_sdk_redshiftdata::Client::describe_statement)
            .match_requests(move |input| input.id() == Some(statement_id(n).as_str()))
            .sequence()
            .output(move || describe(&statement_id(n), StatusString::Started))
            .output(move || finished_batch(&statement_id(n), &[0, 0, rows, replaced, rows, 0]))
            .build()
    };
    let rules = [batch(1), progress(1, first_rows, 0), batch(2), progress(2, second_rows, 17)];
    let backend = with_redshift(clients.clone(), &settings, &rules.iter().collect::<Vec<_>>());
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 6, d).unwrap();
    let request = LoadRequest {
        database: database.clone(),
        glue_table: "events".into(),
        table_setting: "public.events".into(),
        iam_role: "arn:aws:iam::123456789012:role/redshift-copy".into(),
        from: day(1),
        to: day(2),
        dry_run: false,
        timeout: Some(Duration::from_secs(60)),
    };
    let loads = load(&backend, &settings, &request, &Silent, &mut |_, _| {}).await.unwrap();
    assert_eq!(loads.len(), 2);
    assert_eq!(
        loads
            .iter()
            .map(|l| (l.status, l.files, l.rows_in_files as i64, l.rows_loaded, l.rows_replaced))
            .collect::<Vec<_>>(),
        [
            ("loaded", first_files.len(), first_rows, Some(first_rows), Some(0)),
            ("loaded", second_files.len(), second_rows, Some(second_rows), Some(17)),
        ]
    );
    assert_eq!(rules.iter().map(|r| r.num_calls()).collect::<Vec<_>>(), [1, 2, 1, 2]);

    // The manifests name exactly the files the catalog reads, with their sizes.
    let first_manifest = "_bdctl/warehouse/public.events/2024-06-01.manifest";
    assert_eq!(manifest_entries(&clients, &lake, first_manifest).await, first_files);
    assert_eq!(
        manifest_entries(&clients, &lake, "_bdctl/warehouse/public.events/2024-06-02.manifest").await,
        second_files
    );

    let batches = batches.lock().unwrap().clone();
    assert_eq!(batches.len(), 2);
    let first = &batches[0];
    assert_eq!(first.len(), 6, "{first:#?}");
    assert!(first[0].starts_with("CREATE TABLE IF NOT EXISTS \"public\".\"events\" ("), "{}", first[0]);
    for column in ["\"event_ts\" TIMESTAMP", "\"revenue\" DOUBLE PRECISION", "\"year\" VARCHAR(4)"] {
        assert!(first[0].contains(column), "{column} in {}", first[0]);
    }
    assert!(!first[0].contains("\"ip\"") && !first[0].contains("\"email\""), "{}", first[0]);
    assert_eq!(
        first[2],
        format!(
            "COPY \"bdctl_load_20240601\" FROM 's3://{lake}/{first_manifest}' IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-copy' FORMAT AS PARQUET MANIFEST"
        )
    );
    assert_eq!(
        first[3],
        "DELETE FROM \"public\".\"events\" WHERE \"year\" = '2024' AND \"month\" = '06' AND \"day\" = '01'"
    );
    assert!(first[4].starts_with("INSERT INTO \"public\".\"events\" ("), "{}", first[4]);
    assert!(first[4].ends_with("'2024', '06', '01' FROM \"bdctl_load_20240601\""), "{}", first[4]);
    assert!(batches[1][3].ends_with("\"day\" = '02'"), "{}", batches[1][3]);

    // A failed COPY: Redshift's error and its load errors for the day's files, exit 3.
    let load_errors_sql: Arc<Mutex<String>> = Arc::default();
    let record = load_errors_sql.clone();
    let failed = mock!(aws_sdk_redshiftdata::Client::batch_execute_statement)
        .then_output(|| BatchExecuteStatementOutput::builder().id(statement_id(3)).build());
    let failed_progress = mock!(aws_sdk_redshiftdata::Client::describe_statement).then_output(|| {
        let sub = |i: usize, status| {
            SubStatementData::builder().id(format!("{}:{i}", statement_id(3))).status(status).build().unwrap()
        };
        DescribeStatementOutput::builder()
            .id(statement_id(3))
            .status(StatusString::Failed)
            .error("Load into table 'bdctl_load_20240601' failed. Check 'stl_load_errors' system table for details.")
            .sub_statements(sub(1, StatementStatusString::Finished))
            .sub_statements(sub(2, StatementStatusString::Finished))
            .sub_statements(sub(3, StatementStatusString::Failed))
            .sub_statements(sub(4, StatementStatusString::Aborted))
            .build()
            .unwrap()
    });
    let errors_query = mock!(aws_sdk_redshiftdata::Client::execute_statement)
        .match_requests(move |input| {
            *record.lock().unwrap() = input.sql().unwrap().to_string();
            true
        })
        .then_output(|| ExecuteStatementOutput::builder().id(statement_id(4)).build());
    let errors_done = mock!(aws_sdk_redshiftdata::Client::describe_statement).then_output(|| {
        DescribeStatementOutput::builder()
            .id(statement_id(4))
            .status(StatusString::Finished)
            .has_result_set(true)
            .build()
            .unwrap()
    });
    let bad_file = first_files.keys().next().unwrap().clone();
    let errors_rows = mock!(aws_sdk_redshiftdata::Client::get_statement_result).then_output(move || {
        GetStatementResultOutput::builder()
            .set_column_metadata(Some(
                ["file", "line_number", "column_name", "reason"]
                    .iter()
                    .map(|n| ColumnMetadata::builder().name(*n).type_name("varchar").build())
                    .collect(),
            ))
            .records(vec![
                Field::StringValue(bad_file.clone()),
                Field::LongValue(1),
                Field::StringValue("revenue".into()),
                Field::StringValue("Invalid digit, Value '.', Pos 0, Type: Decimal".into()),
            ])
            .total_num_rows(1)
            .build()
            .unwrap()
    });
    let backend = with_redshift(
        clients.clone(),
        &settings,
        &[&failed, &failed_progress, &errors_query, &errors_done, &errors_rows],
    );
    let request = LoadRequest { to: day(1), ..request };
    let err = load(&backend, &settings, &request, &Silent, &mut |_, _| {}).await.unwrap_err();
    assert!(err.is::<RemoteFailed>(), "{err:#}");
    let message = err.to_string();
    assert!(
        message.starts_with("loading 2024-06-01 into public.events: COPY failed: Load into table 'bdctl_load_20240601' failed."),
        "{message}"
    );
    let first_url = first_files.keys().next().unwrap();
    assert!(
        message.ends_with(&format!(
            "; stl_load_errors: {first_url} line 1 column revenue: Invalid digit, Value '.', Pos 0, Type: Decimal"
        )),
        "{message}"
    );
    let sql = load_errors_sql.lock().unwrap().clone();
    assert!(sql.contains("FROM stl_load_errors"), "{sql}");
    assert!(
        sql.contains(&format!(
            "LIKE 's3://{lake}/transformed-compacted/year=2024/month=06/day=01/gen=0001%'"
        )),
        "{sql}"
    );
}

/// The rows a statement's result streams, and its columns.
#[derive(Default)]
struct Collected {
    columns: Vec<ResultColumn>,
    rows: Vec<Vec<Value>>,
}

impl RowSink for Collected {
    fn columns(&mut self, columns: &[ResultColumn]) -> anyhow::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, row: Vec<Value>) -> anyhow::Result<()> {
        self.rows.push(row);
        Ok(())
    }
}

fn redshift_settings() -> bdctl::settings::Settings {
    let dir = tempfile::tempdir().unwrap();
    settings_for(dir.path(), &format!("[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\n{REDSHIFT}"))
}

fn request(sql: &str) -> QueryRequest {
    QueryRequest { sql: sql.into(), database: "dev".into(), params: Vec::new(), workgroup: String::new() }
}

/// A result over three pages; `total` is what the service announces on the last one.
fn paged_result(total: i64) -> Vec<Rule> {
    let page = |token: Option<&'static str>, next: Option<&'static str>, records: Vec<Vec<Field>>| {
        mock!(aws_sdk_redshiftdata::Client::get_statement_result)
            .match_requests(move |input| input.next_token() == token)
            .then_output(move || {
                let mut out = GetStatementResultOutput::builder()
                    .set_records(Some(records.clone()))
                    .set_next_token(next.map(str::to_string))
                    .total_num_rows(total);
                if token.is_none() {
                    out = out
                        .column_metadata(ColumnMetadata::builder().name("n").type_name("int8").build())
                        .column_metadata(
                            ColumnMetadata::builder().name("country").type_name("varchar").build(),
                        )
                        .column_metadata(
                            ColumnMetadata::builder().name("revenue").type_name("numeric").build(),
                        );
                }
                out.build().unwrap()
            })
    };
    let row = |n: i64, country: Option<&str>, revenue: &str| {
        vec![
            Field::LongValue(n),
            country.map_or(Field::IsNull(true), |c| Field::StringValue(c.into())),
            Field::StringValue(revenue.into()),
        ]
    };
    vec![
        page(None, Some("t1"), vec![row(1, Some("DE"), "10.50"), row(2, Some("FR"), "3.25")]),
        page(Some("t1"), Some("t2"), vec![row(3, None, "0.00"), row(4, Some("US"), "99.99")]),
        page(Some("t2"), None, vec![row(5, Some("JP"), "1.00")]),
    ]
}

fn finished_query(id: String) -> [Rule; 2] {
    let started = id.clone();
    [
        mock!(aws_sdk_redshiftdata::Client::execute_statement)
            .then_output(move || ExecuteStatementOutput::builder().id(started.clone()).build()),
        mock!(aws_sdk_redshiftdata::Client::describe_statement).then_output(move || {
            DescribeStatementOutput::builder()
                .id(id.clone())
                .status(StatusString::Finished)
                .has_result_set(true)
                .duration(1_500_000_000)
                .build()
                .unwrap()
        }),
    ]
}

#[tokio::test]
async fn results_are_read_to_the_last_page_and_checked_against_the_total() {
    let settings = redshift_settings();
    let [start, done] = finished_query(statement_id(10));
    let pages = paged_result(5);
    let rules: Vec<&Rule> = [&start, &done].into_iter().chain(pages.iter()).collect();
    let backend = with_redshift(unused_clients(), &settings, &rules);
    let engine = backend.warehouse.engine().unwrap();
    let mut sink = Collected::default();
    let stats = engine.execute(&request("SELECT n, country, revenue FROM t"), &mut sink).await.unwrap();
    assert_eq!(stats.rows, 5);
    assert_eq!(stats.engine_millis, 1500);
    assert!(stats.capacity_billed);
    assert_eq!(sink.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["n", "country", "revenue"]);
    assert_eq!(
        sink.rows,
        [
            vec![Value::from(1), "DE".into(), 10.5.into()],
            vec![Value::from(2), "FR".into(), 3.25.into()],
            vec![Value::from(3), Value::Null, 0.0.into()],
            vec![Value::from(4), "US".into(), 99.99.into()],
            vec![Value::from(5), "JP".into(), 1.0.into()],
        ]
    );

    // The service announces six rows and the pages end after five: an error, not a short result.
    let [start, done] = finished_query(statement_id(11));
    let pages = paged_result(6);
    let rules: Vec<&Rule> = [&start, &done].into_iter().chain(pages.iter()).collect();
    let backend = with_redshift(unused_clients(), &settings, &rules);
    let err = backend
        .warehouse
        .engine()
        .unwrap()
        .execute(&request("SELECT n, country, revenue FROM t"), &mut Collected::default())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("redshift-data:GetStatementResult on {} ended after 5 of its 6 rows", statement_id(11))
    );
}

#[tokio::test]
async fn a_failed_statement_says_why_and_one_past_its_deadline_is_cancelled() {
    let settings = redshift_settings();
    let start = mock!(aws_sdk_redshiftdata::Client::execute_statement)
        .then_output(|| ExecuteStatementOutput::builder().id(statement_id(20)).build());
    let failed = mock!(aws_sdk_redshiftdata::Client::describe_statement).then_output(|| {
        DescribeStatementOutput::builder()
            .id(statement_id(20))
            .status(StatusString::Failed)
            .error("ERROR: relation \"public.nope\" does not exist")
            .build()
            .unwrap()
    });
    let backend = with_redshift(unused_clients(), &settings, &[&start, &failed]);
    let err = backend
        .warehouse
        .engine()
        .unwrap()
        .execute(&request("SELECT * FROM public.nope"), &mut Collected::default())
        .await
        .unwrap_err();
    assert!(err.is::<RemoteFailed>(), "{err:#}");
    assert_eq!(
        err.to_string(),
        format!("statement {} FAILED: ERROR: relation \"public.nope\" does not exist", statement_id(20))
    );

    let start = mock!(aws_sdk_redshiftdata::Client::execute_statement)
        .then_output(|| ExecuteStatementOutput::builder().id(statement_id(21)).build());
    let running = mock!(aws_sdk_redshiftdata::Client::describe_statement)
        .sequence()
        .output(|| describe(&statement_id(21), StatusString::Started))
        .repeatedly()
        .build();
    let cancel = mock!(aws_sdk_redshiftdata::Client::cancel_statement)
        .match_requests(|input| input.id() == Some(statement_id(21).as_str()))
        .then_output(|| CancelStatementOutput::builder().status(true).build());
    let redshiftdata = mock_client!(aws_sdk_redshiftdata, RuleMode::MatchAny, [&start, &running, &cancel]);
    let backend = bdctl::backend::aws::from_clients(Clients { redshiftdata, ..unused_clients() }, &settings);
    let started = Instant::now();
    let deadline = Some(started + Duration::from_millis(700));
    let err = backend
        .warehouse
        .run_statements(
            &["CREATE EXTERNAL SCHEMA x FROM DATA CATALOG DATABASE 'y'".into()],
            deadline,
            &Silent,
        )
        .await
        .unwrap_err();
    assert!(err.is::<TimedOut>(), "{err:#}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(cancel.num_calls(), 1);
    assert!(running.num_calls() >= 2, "{}", running.num_calls());
    assert_eq!(
        err.to_string(),
        format!("statement {} was still STARTED at the deadline: cancelled in Redshift", statement_id(21))
    );

    // A batch whose second statement fails names it.
    let start = mock!(aws_sdk_redshiftdata::Client::batch_execute_statement)
        .then_output(|| BatchExecuteStatementOutput::builder().id(statement_id(22)).build());
    let failed = mock!(aws_sdk_redshiftdata::Client::describe_statement).then_output(|| {
        let sub = |i: usize, status| {
            SubStatementData::builder()
                .id(format!("{}:{i}", statement_id(22)))
                .status(status)
                .build()
                .unwrap()
        };
        DescribeStatementOutput::builder()
            .id(statement_id(22))
            .status(StatusString::Failed)
            .error("ERROR: permission denied")
            .sub_statements(sub(1, StatementStatusString::Finished))
            .sub_statements(sub(2, StatementStatusString::Failed))
            .build()
            .unwrap()
    });
    let backend = with_redshift(unused_clients(), &settings, &[&start, &failed]);
    let outcome = backend
        .warehouse
        .run_statements(&["SELECT 1".into(), "DELETE FROM t".into()], None, &Silent)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        StatementsOutcome::Failed { statement: Some(1), error: "ERROR: permission denied".into() }
    );
}

#[test]
fn redshift_settings_are_checked_before_any_call() {
    // No server answers here: everything below is decided before a request is sent.
    let endpoint = "http://127.0.0.1:9";
    let dir = tempfile::tempdir().unwrap();
    let config = format!("{}glue_database = \"clickstream\"\n{REDSHIFT}", moto_config(endpoint, &[]));
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    let out = run_in(dir.path(), &["warehouse", "spectrum", "--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "CREATE EXTERNAL SCHEMA IF NOT EXISTS \"lake\" FROM DATA CATALOG DATABASE 'clickstream' IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-copy' REGION 'us-east-1';\n"
    );
    let refusals: [(&str, &[&str], &str); 4] = [
        (
            "",
            &["warehouse", "load", "--date", "2024-06-01"],
            "no Redshift for environment `moto`: set redshift_cluster",
        ),
        (
            "",
            &["query", "--engine", "redshift", "SELECT 1"],
            "no Redshift for environment `moto`: set redshift_cluster",
        ),
        (
            "redshift_workgroup = \"wg\"\nredshift_cluster = \"c\"\n",
            &["warehouse", "spectrum"],
            "sets both redshift_cluster and redshift_workgroup",
        ),
        (
            "redshift_cluster = \"c\"\n",
            &["warehouse", "load", "--date", "2024-06-01"],
            "`redshift_iam_role` is not set for environment `moto`",
        ),
    ];
    for (extra, args, expected) in refusals {
        std::fs::write(dir.path().join("bdctl.toml"), format!("{}{extra}", moto_config(endpoint, &[])))
            .unwrap();
        let out = run_in(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    for args in [
        &["query", "--engine", "redshift", "--workgroup", "primary", "SELECT 1"][..],
        &["query", "--engine", "redshift", "--max-cost", "1", "SELECT 1"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn on_local_the_warehouse_is_the_embedded_engine() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["warehouse", "load", "--date", "2024-06-01"][..],
        &["warehouse", "spectrum"],
        &["query", "--engine", "redshift", "SELECT 1"],
    ] {
        let out = bdctl(dir.path()).arg("-q").args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("the local backend has no Redshift"), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
    let out =
        bdctl(dir.path()).args(["query", "--engine", "redshift", "--estimate", "SELECT 1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Redshift bills its capacity"));
}
