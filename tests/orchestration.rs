//! `bdctl pipeline`: a day of the platform as one workflow. On local the steps run in process and
//! are recorded; on the moto server the state machine bdctl deploys is executed by moto's own
//! States Language interpreter, calling moto's S3, Lambda and Glue.

mod common;

use std::process::Output;

use common::moto::{create_bucket, create_echo_function, first_june_storage, moto_api, moto_clients};
use common::{bdctl, moto_config, moto_endpoint, unique, with_test_credentials};
use serde_json::Value;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_rows(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!("JSON on stdout: {}\n{}", String::from_utf8_lossy(&output.stdout), stderr(output))
    })
}

fn steps(rows: &Value) -> Vec<(String, String)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["step"].as_str().unwrap().to_string(), r["status"].as_str().unwrap().to_string()))
        .collect()
}

fn succeeded(names: &[&str]) -> Vec<(String, String)> {
    names.iter().map(|n| (n.to_string(), "SUCCEEDED".to_string())).collect()
}

#[test]
fn a_day_runs_in_process_once_with_each_step_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let send = |day: &str, count: &str| {
        let sent = bdctl(dir.path())
            .args(["send", "--count", count, "--start", day, "--seed", "3"])
            .output()
            .unwrap();
        assert!(sent.status.success(), "{}", stderr(&sent));
    };
    send("2024-06-01", "400");
    let run = |args: &[&str]| {
        bdctl(dir.path()).args(["pipeline", "run", "-o", "json"]).args(args).output().unwrap()
    };

    // No table yet: the day is transformed, then ReadTable fails and says what creates it.
    let first = run(&["--date", "2024-06-01"]);
    assert_eq!(first.status.code(), Some(3), "{}", stderr(&first));
    let err = stderr(&first);
    assert!(err.contains("2024-06-01 failed in ReadTable: Glue.EntityNotFoundException"), "{err}");
    assert!(err.contains("`bdctl crawl` creates it"), "{err}");
    let rows = json_rows(&first);
    assert_eq!(
        steps(&rows),
        [("Transform".to_string(), "SUCCEEDED".to_string()), ("ReadTable".to_string(), "FAILED".to_string())]
    );

    // The day's name is taken, whatever became of it.
    let again = run(&["--date", "2024-06-01"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("the pipeline ran already for 2024-06-01: execution 2024-06-01 (FAILED"),
        "{}",
        stderr(&again)
    );

    bdctl(dir.path()).args(["crawl"]).assert().success();
    let rerun = run(&["--date", "2024-06-01", "--rerun"]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(
        steps(&json_rows(&rerun)),
        succeeded(&["Transform", "ReadTable", "AddPartition", "Reconcile"])
    );
    let err = stderr(&rerun);
    let order: Vec<usize> = [
        "Transform: entered",
        "Transform: exited",
        "ReadTable: entered",
        "AddPartition: exited",
        "Reconcile: exited",
    ]
    .iter()
    .map(|line| err.find(line).unwrap_or_else(|| panic!("{line}: {err}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{err}");
    assert!(err.contains("400 raw records = "), "{err}");

    // A new day: transformed and registered by the pipeline alone, no crawl.
    send("2024-06-02", "250");
    let second = run(&["--date", "2024-06-02"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("AddPartition: exited after"), "{}", stderr(&second));
    assert!(stderr(&second).contains("registered "), "{}", stderr(&second));
    let count = bdctl(dir.path())
        .args(["query", "SELECT count(*) AS n FROM events WHERE day = '02'", "-o", "csv"])
        .output()
        .unwrap();
    let counted: u64 = String::from_utf8_lossy(&count.stdout).lines().nth(1).unwrap().parse().unwrap();
    let quarantined: u64 = stderr(&second)
        .split("in the lake + ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", stderr(&second)));
    assert_eq!(counted + quarantined, 250, "every event of the day in the catalog's table or quarantined");

    // A lost output: the check fails the run with every difference named.
    let lake = dir.path().join(".bdctl/transformed/year=2024/month=06/day=02");
    let lost = std::fs::read_dir(&lake)
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "parquet"))
        .unwrap();
    std::fs::remove_file(lost.path()).unwrap();
    let broken = run(&["--date", "2024-06-02", "--rerun"]);
    assert_eq!(broken.status.code(), Some(3), "{}", stderr(&broken));
    let err = stderr(&broken);
    assert!(err.contains("failed in Reconcile: Unbalanced: 2024-06-02 does not add up"), "{err}");
    assert!(err.contains(&lost.file_name().to_string_lossy().to_string()), "{err}");

    // --timeout is checked between steps.
    let late = run(&["--date", "2024-06-02", "--rerun", "--timeout", "0s"]);
    assert_eq!(late.status.code(), Some(4), "{}", stderr(&late));

    let status = bdctl(dir.path()).args(["pipeline", "status", "-o", "json"]).output().unwrap();
    assert!(status.status.success(), "{}", stderr(&status));
    let listed = json_rows(&status);
    let statuses: Vec<&str> =
        listed.as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.len(), 5, "{listed}");
    for wanted in ["SUCCEEDED", "FAILED", "TIMED_OUT"] {
        assert!(statuses.contains(&wanted), "{listed}");
    }
    let failed = listed.as_array().unwrap().iter().find(|e| e["execution"] == "2024-06-01").unwrap();
    assert_eq!(failed["error"], "Glue.EntityNotFoundException", "{listed}");

    let deploy = bdctl(dir.path()).args(["pipeline", "deploy"]).output().unwrap();
    assert_eq!(deploy.status.code(), Some(2));
    assert!(stderr(&deploy).contains("runs the pipeline's steps in this process"), "{}", stderr(&deploy));
}

async fn lake_table(clients: &bdctl::backend::aws::Clients, database: &str, lake: &str) {
    use aws_sdk_glue::types::{Column, DatabaseInput, SerDeInfo, StorageDescriptor, TableInput};
    clients
        .glue
        .create_database()
        .database_input(DatabaseInput::builder().name(database).build().unwrap())
        .send()
        .await
        .unwrap();
    let column = |name: &str, ty: &str| Column::builder().name(name).r#type(ty).build().unwrap();
    let storage = StorageDescriptor::builder()
        .columns(column("event_id", "string"))
        .columns(column("revenue", "double"))
        .location(format!("s3://{lake}/transformed/"))
        .input_format("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        .output_format("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        .serde_info(
            SerDeInfo::builder()
                .serialization_library("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                .build(),
        )
        .build();
    let table = TableInput::builder()
        .name("events")
        .storage_descriptor(storage)
        .partition_keys(column("year", "string"))
        .partition_keys(column("month", "string"))
        .partition_keys(column("day", "string"))
        .build()
        .unwrap();
    clients.glue.create_table().database_name(database).table_input(table).send().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_state_machine_runs_a_day_on_step_functions() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = common::test_python() else { return };
    let clients = moto_clients(&endpoint).await;
    let (raw, lake, function, database) =
        (unique("sfn-raw"), unique("sfn-lake"), unique("sfn-fn"), unique("sfn_db"));
    for bucket in [&raw, &lake] {
        create_bucket(&clients, bucket).await;
    }
    for name in ["a.gz", "b.gz", "c.gz"] {
        let key = format!("raw/year=2024/month=06/day=01/{name}");
        clients.s3.put_object().bucket(&raw).key(key).body(b"{}".to_vec().into()).send().await.unwrap();
    }
    lake_table(&clients, &database, &lake).await;
    moto_api(
        &python,
        &endpoint,
        "/moto-api/config",
        &serde_json::json!({"stepfunctions": {"execute_state_machine": true}}),
    );
    let role = create_echo_function(&endpoint, &function).expect("the test Python");
    let machine = unique("pipeline");
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[
            ("raw_bucket", &raw),
            ("transformed_bucket", &lake),
            ("lambda_function", &function),
            ("glue_database", &database),
            ("pipeline_state_machine", &machine),
            ("pipeline_role_arn", &role),
        ],
    );
    std::fs::write(dir.path().join("bdctl.toml"), &config).unwrap();
    let pipeline = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd).args(["--env", "moto", "pipeline"]).args(args).arg("-o").arg("json");
        cmd.output().unwrap()
    };

    let plan = pipeline(&["deploy", "--dry-run"]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    let planned: Vec<String> = json_rows(&plan)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(planned, ["Transform", "ReadTable", "AddPartition", "Reconcile"]);
    assert!(
        stderr(&plan).contains(&format!("dry run: would create state machine {machine}")),
        "{}",
        stderr(&plan)
    );

    let unasked = pipeline(&["deploy"]);
    assert_eq!(unasked.status.code(), Some(2), "no terminal to confirm on: {}", stderr(&unasked));

    let deployed = pipeline(&["deploy", "--yes"]);
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    let listed = clients.sfn.list_state_machines().send().await.unwrap();
    let arn =
        listed.state_machines().iter().find(|m| m.name() == machine).unwrap().state_machine_arn().to_string();
    let described = clients.sfn.describe_state_machine().state_machine_arn(&arn).send().await.unwrap();
    assert_eq!(described.role_arn(), role);
    let definition: Value = serde_json::from_str(described.definition()).unwrap();
    assert_eq!(definition["States"]["Transform"]["ItemReader"]["Parameters"]["Bucket"], raw.as_str());
    let same = pipeline(&["deploy", "--yes"]);
    assert!(stderr(&same).contains("is up to date: nothing to change"), "{}", stderr(&same));

    let run = pipeline(&["run", "--date", "2024-06-01", "--wait"]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    assert_eq!(steps(&json_rows(&run)), succeeded(&["Transform", "ReadTable", "AddPartition", "Reconcile"]));
    assert!(err.contains("Transform: entered (Map)") && err.contains("Reconcile: exited"), "{err}");
    assert!(!err.contains("Day: entered"), "Pass states are not steps: {err}");

    // The partition, made from the table's storage descriptor.
    let storage = first_june_storage(&clients, &database).await;
    assert_eq!(
        storage.location(),
        Some(format!("s3://{lake}/transformed/year=2024/month=06/day=01/").as_str())
    );
    assert_eq!(
        storage.serde_info().and_then(|s| s.serialization_library()),
        Some("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
    );
    assert_eq!(storage.columns().len(), 2);

    // The same day again is refused by the service; a rerun is a new execution whose existing
    // partition is kept.
    let twice = pipeline(&["run", "--date", "2024-06-01", "--wait"]);
    assert_eq!(twice.status.code(), Some(1), "{}", stderr(&twice));
    assert!(stderr(&twice).contains("execution 2024-06-01 (SUCCEEDED"), "{}", stderr(&twice));
    let rerun = pipeline(&["run", "--date", "2024-06-01", "--wait", "--rerun"]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));

    let started = pipeline(&["run", "--date", "2024-06-02"]);
    assert!(started.status.success(), "{}", stderr(&started));
    assert!(String::from_utf8_lossy(&started.stdout).contains(":execution:"), "the execution ARN on stdout");

    let status = pipeline(&["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let executions = json_rows(&status);
    let names: Vec<&str> =
        executions.as_array().unwrap().iter().map(|e| e["execution"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{executions}");
    assert!(names.contains(&"2024-06-01") && names.contains(&"2024-06-02"), "{executions}");

    // A Glue job that does not exist: the execution fails in Transform, with the service's cause.
    let glue_config = config.clone() + &format!("glue_job = \"{}\"\n", unique("missing-job"));
    std::fs::write(dir.path().join("bdctl.toml"), glue_config).unwrap();
    let glue_machine = unique("glue-pipeline");
    let glue = |args: &[&str]| {
        let mut cmd = bdctl(dir.path());
        with_test_credentials(&mut cmd)
            .env("BDCTL_PIPELINE_STATE_MACHINE", &glue_machine)
            .args(["--env", "moto", "pipeline"])
            .args(args);
        cmd.output().unwrap()
    };
    let deployed = glue(&["deploy", "--yes"]);
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    let failed = glue(&["run", "--date", "2024-06-01", "--wait"]);
    let err = stderr(&failed);
    assert_eq!(failed.status.code(), Some(3), "{err}");
    assert!(err.contains("Transform: failed: Glue.EntityNotFoundException"), "{err}");
    assert!(err.contains("2024-06-01 FAILED in Transform: Glue.EntityNotFoundException"), "{err}");
    let status = glue(&["status", "-o", "json"]);
    let listed = json_rows(&status);
    assert_eq!(listed[0]["status"], "FAILED", "{listed}");
    assert_eq!(listed[0]["error"], "Glue.EntityNotFoundException", "{listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_past_the_timeout_exits_4_and_leaves_the_execution_running() {
    let Some(endpoint) = moto_endpoint() else { return };
    let Some(python) = common::test_python() else { return };
    let clients = moto_clients(&endpoint).await;
    moto_api(
        &python,
        &endpoint,
        "/moto-api/config",
        &serde_json::json!({"stepfunctions": {"execute_state_machine": true}}),
    );
    // A deployed machine whose day takes a minute.
    let machine = unique("slow-pipeline");
    let slow = serde_json::json!({"StartAt": "Transform", "States": {"Transform": {"Type": "Wait", "Seconds": 60, "End": true}}});
    clients
        .sfn
        .create_state_machine()
        .name(&machine)
        .definition(slow.to_string())
        .role_arn("arn:aws:iam::123456789012:role/pipeline")
        .send()
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = moto_config(
        &endpoint,
        &[("raw_bucket", "r"), ("transformed_bucket", "l"), ("pipeline_state_machine", &machine)],
    );
    std::fs::write(dir.path().join("bdctl.toml"), config).unwrap();
    let mut cmd = bdctl(dir.path());
    let waited = with_test_credentials(&mut cmd)
        .args(["--env", "moto", "pipeline", "run", "--date", "2024-06-01", "--wait", "--timeout", "2s"])
        .output()
        .unwrap();
    let err = stderr(&waited);
    assert_eq!(waited.status.code(), Some(4), "{err}");
    assert!(err.contains("2024-06-01 is still RUNNING after 2s; it goes on in Step Functions"), "{err}");
    assert!(err.contains("Transform: entered (Wait)"), "{err}");
}
