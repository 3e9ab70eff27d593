//! Faults the emulator cannot produce, through aws-smithy-mocks: throttling and 5xx answers are
//! retried within the configured attempts, and failures name the action and the resource.

mod common;

use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::retry::RetryConfig;
use bdctl::backend::Backend;
use bdctl::backend::aws::Clients;
use bdctl::settings::Settings;
use common::moto::unused_clients;

fn sts_error_body(code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>\
         <RequestId>1</RequestId></ErrorResponse>"
    )
}

fn from_clients(clients: Clients) -> Backend {
    let text = "[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\nfirehose_stream = \"clicks\"\n";
    let settings = Settings::from_config_text(std::path::Path::new("bdctl.toml"), text, None).unwrap();
    bdctl::backend::aws::from_clients(clients, &settings)
}

fn clients_with_sts(sts: aws_sdk_sts::Client) -> Clients {
    Clients { sts, ..unused_clients() }
}

fn identity_output() -> GetCallerIdentityOutput {
    GetCallerIdentityOutput::builder()
        .account("123456789012")
        .arn("arn:aws:iam::123456789012:user/ci")
        .user_id("AIDA")
        .build()
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(400, Some(sts_error_body("Throttling", "Rate exceeded")))
        .http_status(503, None)
        .output(identity_output)
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule], |c| c.retry_config(
        RetryConfig::standard()
            .with_max_attempts(3)
            .with_initial_backoff(std::time::Duration::from_millis(10))
    ));
    let backend = from_clients(clients_with_sts(sts));
    let identity = backend.platform.identity().await.expect("retried to success");
    assert_eq!(identity.scope, "123456789012");
    assert_eq!(rule.num_calls(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(503, None)
        .repeatedly()
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule], |c| c.retry_config(
        RetryConfig::standard()
            .with_max_attempts(2)
            .with_initial_backoff(std::time::Duration::from_millis(10))
    ));
    let backend = from_clients(clients_with_sts(sts));
    let err = backend.platform.identity().await.unwrap_err();
    assert_eq!(rule.num_calls(), 2);
    assert!(err.to_string().starts_with("sts:GetCallerIdentity on the current credentials failed"), "{err}");
}

#[tokio::test]
async fn access_denied_names_the_action() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(
            403,
            Some(sts_error_body("AccessDenied", "User is not authorized to perform sts:GetCallerIdentity")),
        )
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule]);
    let backend = from_clients(clients_with_sts(sts));
    let err = backend.platform.identity().await.unwrap_err().to_string();
    assert_eq!(
        err,
        "sts:GetCallerIdentity on the current credentials failed: AccessDenied: User is not authorized to perform sts:GetCallerIdentity"
    );
}

/// Every service's throttling codes are retried by the same retry layer: one each for the JSON
/// protocols (Lambda's 429 TooManyRequestsException, Glue's ThrottlingException, Firehose's
/// ProvisionedThroughputExceededException).
#[tokio::test]
async fn throttling_codes_of_each_protocol_are_retried() {
    use aws_sdk_firehose::operation::put_record_batch::PutRecordBatchOutput;
    use aws_sdk_glue::operation::get_database::GetDatabaseOutput;
    use aws_sdk_glue::types::Database;
    use aws_sdk_lambda::operation::invoke::InvokeOutput;
    let retries = || {
        RetryConfig::standard()
            .with_max_attempts(3)
            .with_initial_backoff(std::time::Duration::from_millis(10))
    };
    let json_error =
        |code: &str| Some(serde_json::json!({"__type": code, "message": "Rate exceeded"}).to_string());

    let invoke = mock!(aws_sdk_lambda::Client::invoke)
        .sequence()
        .http_status(429, json_error("TooManyRequestsException"))
        .output(|| InvokeOutput::builder().status_code(200).build())
        .build();
    let lambda = mock_client!(aws_sdk_lambda, RuleMode::Sequential, [&invoke], |c| c.retry_config(retries()));
    let database = mock!(aws_sdk_glue::Client::get_database)
        .sequence()
        .http_status(400, json_error("ThrottlingException"))
        .output(|| {
            GetDatabaseOutput::builder()
                .database(Database::builder().name("clickstream").build().unwrap())
                .build()
        })
        .build();
    let glue = mock_client!(aws_sdk_glue, RuleMode::Sequential, [&database], |c| c.retry_config(retries()));
    let batch = mock!(aws_sdk_firehose::Client::put_record_batch)
        .sequence()
        .http_status(400, json_error("ProvisionedThroughputExceededException"))
        .output(|| {
            PutRecordBatchOutput::builder()
                .failed_put_count(0)
                .request_responses(
                    aws_sdk_firehose::types::PutRecordBatchResponseEntry::builder().record_id("r-1").build(),
                )
                .build()
                .unwrap()
        })
        .build();
    let firehose =
        mock_client!(aws_sdk_firehose, RuleMode::Sequential, [&batch], |c| c.retry_config(retries()));
    let backend = from_clients(Clients { lambda, glue, firehose, ..unused_clients() });

    let invoked = backend.jobs.invoke("transform", bytes::Bytes::from_static(b"{}")).await.unwrap();
    assert_eq!((invoked.status, invoke.num_calls()), (200, 2));
    backend.catalog.ensure_database("clickstream").await.unwrap();
    assert_eq!(database.num_calls(), 2);
    let record = bdctl::backend::DeliveryRecord {
        data: bytes::Bytes::from_static(b"{\"event_id\":\"e-1\"}"),
        arrival: chrono::Utc::now(),
    };
    let report = backend.delivery.deliver(vec![record], 0).await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(batch.num_calls(), 2);
}

#[tokio::test]
async fn expired_credentials_are_told_apart_from_denied_actions() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(
            403,
            Some(sts_error_body("ExpiredToken", "The security token included in the request is expired")),
        )
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule]);
    let backend = from_clients(clients_with_sts(sts));
    let err = backend.platform.identity().await.unwrap_err();
    assert!(err.chain().any(|c| c.is::<bdctl::error::CredentialsRefused>()), "{err:#}");
    assert!(err.to_string().contains("ExpiredToken: The security token included in the request is expired"));
}

mod firehose {
    use super::*;
    use aws_sdk_firehose::operation::put_record_batch::PutRecordBatchOutput;
    use aws_sdk_firehose::types::PutRecordBatchResponseEntry;
    use bdctl::backend::DeliveryRecord;
    use bytes::Bytes;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    fn records(n: usize) -> Vec<DeliveryRecord> {
        (0..n)
            .map(|i| DeliveryRecord {
                data: Bytes::from(format!("{{\"n\":{i}}}")),
                arrival: chrono::Utc::now(),
            })
            .collect()
    }

    fn entry(failed: bool) -> PutRecordBatchResponseEntry {
        let builder = PutRecordBatchResponseEntry::builder();
        if failed {
            builder.error_code("ServiceUnavailableException").error_message("Slow down.").build()
        } else {
            builder.record_id("id").build()
        }
    }

    fn client(rules: &[&aws_smithy_mocks::Rule]) -> aws_sdk_firehose::Client {
        mock_client!(aws_sdk_firehose, RuleMode::MatchAny, rules, |c| c.retry_config(RetryConfig::disabled()))
    }

    /// Every third record fails on its first attempt; the retry carries exactly those, and every
    /// record is accepted once.
    #[tokio::test]
    async fn partial_failures_resend_exactly_the_failed_records() {
        let seen: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
        let calls = seen.clone();
        let rule = mock!(aws_sdk_firehose::Client::put_record_batch).then_compute_output(move |req| {
            let mut accepted = calls.lock().unwrap();
            let mut failed = 0;
            let entries: Vec<_> = req
                .records()
                .iter()
                .map(|r| {
                    let text = String::from_utf8(r.data().as_ref().to_vec()).unwrap();
                    assert!(text.ends_with('\n'), "records are newline-terminated");
                    let attempts = accepted.entry(text.clone()).or_insert(0);
                    *attempts += 1;
                    let n: u32 =
                        text.trim().trim_start_matches("{\"n\":").trim_end_matches('}').parse().unwrap();
                    let fail = n % 3 == 0 && *attempts == 1;
                    failed += i32::from(fail);
                    entry(fail)
                })
                .collect();
            PutRecordBatchOutput::builder()
                .failed_put_count(failed)
                .set_request_responses(Some(entries))
                .build()
                .unwrap()
        });
        let backend = from_clients(Clients { firehose: client(&[&rule]), ..unused_clients() });
        let report = backend.delivery.deliver(records(1200), 0).await.unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        assert_eq!(report.records, 1200);
        assert_eq!(report.retried, 400);
        let attempts = seen.lock().unwrap();
        assert_eq!(attempts.len(), 1200);
        for (text, count) in attempts.iter() {
            let n: u32 = text.trim().trim_start_matches("{\"n\":").trim_end_matches('}').parse().unwrap();
            assert_eq!(*count, if n % 3 == 0 { 2 } else { 1 }, "{text}");
        }
        // 1200 records: 3 batches of at most 500, then one retry per batch.
        assert_eq!(rule.num_calls(), 6);
    }

    #[tokio::test]
    async fn records_that_keep_failing_are_reported_by_index() {
        let rule = mock!(aws_sdk_firehose::Client::put_record_batch).then_compute_output(|req| {
            let entries: Vec<_> =
                req.records().iter().map(|r| entry(r.data().as_ref() == b"{\"n\":1}\n")).collect();
            let failed = entries.iter().filter(|e| e.error_code().is_some()).count() as i32;
            PutRecordBatchOutput::builder()
                .failed_put_count(failed)
                .set_request_responses(Some(entries))
                .build()
                .unwrap()
        });
        let backend = from_clients(Clients { firehose: client(&[&rule]), ..unused_clients() });
        let report = backend.delivery.deliver(records(3), 10).await.unwrap();
        assert_eq!(report.failed.len(), 1);
        assert_eq!(report.failed[0].index, 11);
        assert_eq!(report.failed[0].code, "ServiceUnavailableException");
        // The first call and six rounds of retrying the one failed record.
        assert_eq!(rule.num_calls(), 7);
    }
}

mod remote {
    use super::*;
    use aws_sdk_glue::operation::get_job_run::GetJobRunOutput;
    use aws_sdk_glue::operation::start_job_run::StartJobRunOutput;
    use aws_sdk_glue::types::{JobRun, JobRunState};
    use aws_sdk_lambda::operation::invoke::InvokeOutput;
    use aws_sdk_lambda::primitives::Blob;
    use bdctl::backend::ObjectInfo;
    use bdctl::cli::GlobalArgs;
    use bdctl::commands::Context;
    use bdctl::error::{ExitStatus, exit_status};

    fn context() -> Context {
        Context::new(GlobalArgs { quiet: true, no_input: true, ..GlobalArgs::default() })
    }

    #[tokio::test]
    async fn a_failed_glue_run_is_exit_3_with_the_job_error() {
        let start = mock!(aws_sdk_glue::Client::start_job_run)
            .then_output(|| StartJobRunOutput::builder().job_run_id("jr_1").build());
        let poll = mock!(aws_sdk_glue::Client::get_job_run)
            .sequence()
            .output(|| {
                GetJobRunOutput::builder()
                    .job_run(JobRun::builder().job_run_state(JobRunState::Running).build())
                    .build()
            })
            .output(|| {
                GetJobRunOutput::builder()
                    .job_run(
                        JobRun::builder()
                            .job_run_state(JobRunState::Failed)
                            .error_message("AnalysisException: Path does not exist: s3://raw/x")
                            .execution_time(42)
                            .build(),
                    )
                    .build()
            })
            .build();
        let glue = mock_client!(aws_sdk_glue, RuleMode::MatchAny, [&start, &poll]);
        let backend = from_clients(Clients { glue, ..unused_clients() });
        let err = bdctl::commands::remote::run_glue_job(
            &context(),
            &backend,
            "transform",
            &[],
            std::time::Duration::from_secs(60),
        )
        .await
        .unwrap_err();
        assert_eq!(exit_status(&err), ExitStatus::RemoteFailed);
        assert_eq!(
            err.to_string(),
            "Glue job transform run jr_1 ended FAILED: AnalysisException: Path does not exist: s3://raw/x"
        );
        assert_eq!(poll.num_calls(), 2);
    }

    #[tokio::test]
    async fn a_glue_run_that_outlasts_the_timeout_is_exit_4() {
        let start = mock!(aws_sdk_glue::Client::start_job_run)
            .then_output(|| StartJobRunOutput::builder().job_run_id("jr_2").build());
        let poll = mock!(aws_sdk_glue::Client::get_job_run).then_output(|| {
            GetJobRunOutput::builder()
                .job_run(JobRun::builder().job_run_state(JobRunState::Running).build())
                .build()
        });
        let glue = mock_client!(aws_sdk_glue, RuleMode::MatchAny, [&start, &poll]);
        let backend = from_clients(Clients { glue, ..unused_clients() });
        let err = bdctl::commands::remote::run_glue_job(
            &context(),
            &backend,
            "transform",
            &[],
            std::time::Duration::from_millis(1),
        )
        .await
        .unwrap_err();
        assert_eq!(exit_status(&err), ExitStatus::TimedOut);
        assert!(err.to_string().contains("still RUNNING"), "{err}");
    }

    #[tokio::test]
    async fn a_lambda_function_error_is_exit_3_with_its_message() {
        let invoke = mock!(aws_sdk_lambda::Client::invoke).then_output(|| {
            InvokeOutput::builder()
                .status_code(200)
                .function_error("Unhandled")
                .payload(Blob::new(
                    br#"{"errorMessage":"KeyError: 'Records'","errorType":"KeyError"}"#.to_vec(),
                ))
                .build()
        });
        let lambda = mock_client!(aws_sdk_lambda, RuleMode::MatchAny, [&invoke]);
        let backend = from_clients(Clients { lambda, ..unused_clients() });
        let text = "[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\n";
        let settings = Settings::from_config_text(std::path::Path::new("bdctl.toml"), text, None).unwrap();
        let objects = vec![ObjectInfo { key: "raw/a.gz".into(), size: 10, last_modified: None }];
        let err = bdctl::commands::remote::invoke_lambda(
            &context(),
            &backend,
            &settings,
            "transform",
            "raw-bucket",
            &objects,
            2,
        )
        .await
        .unwrap_err();
        assert_eq!(exit_status(&err), ExitStatus::RemoteFailed);
        assert_eq!(err.to_string(), "Lambda function transform failed for 1 of 1 objects");
        assert_eq!(invoke.num_calls(), 1);
    }
}

mod athena {
    use super::*;
    use aws_sdk_athena::operation::get_query_execution::GetQueryExecutionOutput;
    use aws_sdk_athena::operation::start_query_execution::StartQueryExecutionOutput;
    use aws_sdk_athena::types::{QueryExecution, QueryExecutionState, QueryExecutionStatus};
    use bdctl::backend::{QueryRequest, RowSink};
    use bdctl::error::{ExitStatus, exit_status};

    struct Discard;
    impl RowSink for Discard {
        fn columns(&mut self, _: &[bdctl::backend::ResultColumn]) -> anyhow::Result<()> {
            Ok(())
        }
        fn row(&mut self, _: Vec<serde_json::Value>) -> anyhow::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_failed_query_is_exit_3_with_the_reason_and_the_token_is_sent() {
        let start = mock!(aws_sdk_athena::Client::start_query_execution)
            .match_requests(|req| {
                req.client_request_token().is_some_and(|t| t.len() >= 32)
                    && req.execution_parameters() == ["'DE'"]
            })
            .then_output(|| StartQueryExecutionOutput::builder().query_execution_id("q-1").build());
        let poll = mock!(aws_sdk_athena::Client::get_query_execution)
            .sequence()
            .output(|| {
                GetQueryExecutionOutput::builder()
                    .query_execution(
                        QueryExecution::builder()
                            .status(
                                QueryExecutionStatus::builder().state(QueryExecutionState::Running).build(),
                            )
                            .build(),
                    )
                    .build()
            })
            .output(|| {
                GetQueryExecutionOutput::builder()
                    .query_execution(
                        QueryExecution::builder()
                            .status(
                                QueryExecutionStatus::builder()
                                    .state(QueryExecutionState::Failed)
                                    .state_change_reason(
                                        "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved",
                                    )
                                    .build(),
                            )
                            .build(),
                    )
                    .build()
            })
            .build();
        let athena = mock_client!(aws_sdk_athena, RuleMode::MatchAny, [&start, &poll]);
        let backend = from_clients(Clients { athena, ..unused_clients() });
        let request = QueryRequest {
            sql: "SELECT nope FROM events WHERE country = ?".into(),
            database: "clickstream".into(),
            params: vec!["'DE'".into()],
            workgroup: "primary".into(),
        };
        let err = backend.query.execute(&request, &mut Discard).await.unwrap_err();
        assert_eq!(exit_status(&err), ExitStatus::RemoteFailed);
        assert_eq!(
            err.to_string(),
            "query q-1 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved"
        );
        assert_eq!(start.num_calls(), 1);
        assert_eq!(poll.num_calls(), 2);
    }

    #[derive(Default)]
    struct Collect(Vec<Vec<serde_json::Value>>);
    impl RowSink for Collect {
        fn columns(&mut self, _: &[bdctl::backend::ResultColumn]) -> anyhow::Result<()> {
            Ok(())
        }
        fn row(&mut self, row: Vec<serde_json::Value>) -> anyhow::Result<()> {
            self.0.push(row);
            Ok(())
        }
    }

    /// A result longer than one page is read from its CSV on S3 in one request; without read
    /// access to the results bucket, page by page.
    #[tokio::test]
    async fn results_beyond_one_page_come_from_the_csv_or_else_the_pages() {
        use aws_sdk_athena::operation::get_query_results::GetQueryResultsOutput;
        use aws_sdk_athena::types::{
            ColumnInfo, Datum, ResultConfiguration, ResultSet, ResultSetMetadata, Row,
        };
        use aws_sdk_s3::operation::get_object::GetObjectOutput;
        use aws_sdk_s3::primitives::ByteStream;

        let row = |values: &[&str]| {
            Row::builder()
                .set_data(Some(values.iter().map(|v| Datum::builder().var_char_value(*v).build()).collect()))
                .build()
        };
        let metadata = || {
            ResultSetMetadata::builder()
                .column_info(ColumnInfo::builder().name("n").r#type("bigint").build().unwrap())
                .build()
        };
        let first = mock!(aws_sdk_athena::Client::get_query_results)
            .match_requests(|req| req.next_token().is_none() && req.max_results() == Some(1000))
            .then_output(move || {
                GetQueryResultsOutput::builder()
                    .result_set(
                        ResultSet::builder()
                            .result_set_metadata(metadata())
                            .rows(row(&["n"]))
                            .rows(row(&["1"]))
                            .build(),
                    )
                    .next_token("page-2")
                    .build()
            });
        let second = mock!(aws_sdk_athena::Client::get_query_results)
            .match_requests(|req| req.next_token() == Some("page-2"))
            .then_output(move || {
                GetQueryResultsOutput::builder()
                    .result_set(
                        ResultSet::builder().result_set_metadata(metadata()).rows(row(&["2"])).build(),
                    )
                    .build()
            });
        let location = mock!(aws_sdk_athena::Client::get_query_execution).then_output(|| {
            GetQueryExecutionOutput::builder()
                .query_execution(
                    QueryExecution::builder()
                        .result_configuration(
                            ResultConfiguration::builder()
                                .output_location("s3://results/athena/q-1.csv")
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let athena = || mock_client!(aws_sdk_athena, RuleMode::MatchAny, [&first, &second, &location]);

        let csv = mock!(aws_sdk_s3::Client::get_object)
            .match_requests(|req| req.bucket() == Some("results") && req.key() == Some("athena/q-1.csv"))
            .then_output(|| {
                GetObjectOutput::builder()
                    .body(ByteStream::from_static(b"\"n\"\n\"1\"\n\"2\"\n\"3\"\n"))
                    .build()
            });
        let s3 = mock_client!(aws_sdk_s3, RuleMode::MatchAny, [&csv]);
        let backend = from_clients(Clients { athena: athena(), s3, ..unused_clients() });
        let mut rows = Collect::default();
        assert_eq!(backend.query.results("q-1", &mut rows).await.unwrap(), 3);
        assert_eq!(
            rows.0,
            vec![vec![serde_json::json!(1)], vec![serde_json::json!(2)], vec![serde_json::json!(3)]]
        );
        assert_eq!((first.num_calls(), second.num_calls(), csv.num_calls()), (1, 0, 1));

        let denied = mock!(aws_sdk_s3::Client::get_object)
            .sequence()
            .http_status(
                403,
                Some("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".into()),
            )
            .build();
        let s3 = mock_client!(aws_sdk_s3, RuleMode::Sequential, [&denied]);
        let backend = from_clients(Clients { athena: athena(), s3, ..unused_clients() });
        let mut rows = Collect::default();
        assert_eq!(backend.query.results("q-1", &mut rows).await.unwrap(), 2);
        assert_eq!(rows.0, vec![vec![serde_json::json!(1)], vec![serde_json::json!(2)]]);
        assert_eq!(second.num_calls(), 1, "the second page was read");
    }
}

mod crawler {
    use super::*;
    use aws_sdk_glue::operation::get_crawler::GetCrawlerOutput;
    use aws_sdk_glue::operation::get_database::GetDatabaseOutput;
    use aws_sdk_glue::operation::start_crawler::StartCrawlerOutput;
    use aws_sdk_glue::types::{Crawler, CrawlerState, LastCrawlInfo, LastCrawlStatus};

    #[tokio::test]
    async fn crawler_status_reports_the_last_crawl() {
        let start =
            mock!(aws_sdk_glue::Client::start_crawler).then_output(|| StartCrawlerOutput::builder().build());
        let status = mock!(aws_sdk_glue::Client::get_crawler).then_output(|| {
            GetCrawlerOutput::builder()
                .crawler(
                    Crawler::builder()
                        .state(CrawlerState::Ready)
                        .last_crawl(
                            LastCrawlInfo::builder()
                                .status(LastCrawlStatus::Failed)
                                .error_message("Internal Service Exception")
                                .build(),
                        )
                        .build(),
                )
                .build()
        });
        let database =
            mock!(aws_sdk_glue::Client::get_database).then_output(|| GetDatabaseOutput::builder().build());
        let glue = mock_client!(aws_sdk_glue, RuleMode::MatchAny, [&start, &status, &database]);
        let backend = from_clients(Clients { glue, ..unused_clients() });
        assert!(backend.catalog.start_crawler("c").await.unwrap());
        let crawl = backend.catalog.crawler_status("c").await.unwrap();
        assert_eq!(crawl.state, "READY");
        assert_eq!(crawl.last_status.as_deref(), Some("FAILED"));
        assert_eq!(crawl.last_error.as_deref(), Some("Internal Service Exception"));
    }
}

fn settings_with_resources() -> Settings {
    let text = "[env.test]\nbackend = \"aws\"\nregion = \"us-east-1\"\nraw_bucket = \"acme-raw\"\ntransformed_bucket = \"acme-lake\"\nresults_bucket = \"acme-results\"\nfirehose_stream = \"clicks\"\n";
    Settings::from_config_text(std::path::Path::new("bdctl.toml"), text, None).unwrap()
}

#[tokio::test]
async fn permission_gaps_name_the_action_and_the_resource() {
    use aws_sdk_iam::operation::get_role::GetRoleOutput;
    use aws_sdk_iam::operation::simulate_principal_policy::SimulatePrincipalPolicyOutput;
    use aws_sdk_iam::types::{EvaluationResult, PolicyEvaluationDecisionType, ResourceSpecificResult, Role};
    use bdctl::access::{AccessVerdict, ArnScope, required_grants};
    use bdctl::backend::Identity;

    // An assumed-role session is judged by its role, whose path only IAM knows.
    let role_arn = "arn:aws:iam::123456789012:role/data/bdctl-ops";
    let get_role = mock!(aws_sdk_iam::Client::get_role)
        .match_requests(|req| req.role_name() == Some("bdctl-ops"))
        .then_output(move || {
            GetRoleOutput::builder()
                .role(
                    Role::builder()
                        .path("/data/")
                        .role_name("bdctl-ops")
                        .role_id("AROA")
                        .arn(role_arn)
                        .create_date(aws_smithy_types::DateTime::from_secs(0))
                        .build()
                        .unwrap(),
                )
                .build()
        });
    let simulate = mock!(aws_sdk_iam::Client::simulate_principal_policy)
        .match_requests(move |req| req.policy_source_arn() == Some(role_arn))
        .then_output(|| {
            SimulatePrincipalPolicyOutput::builder()
                .evaluation_results(
                    EvaluationResult::builder()
                        .eval_action_name("athena:StopQueryExecution")
                        .eval_resource_name("*")
                        .eval_decision(PolicyEvaluationDecisionType::Allowed)
                        .resource_specific_results(
                            ResourceSpecificResult::builder()
                                .eval_resource_name("arn:aws:athena:us-east-1:123456789012:workgroup/primary")
                                .eval_resource_decision(PolicyEvaluationDecisionType::ImplicitDeny)
                                .build()
                                .unwrap(),
                        )
                        .build()
                        .unwrap(),
                )
                .evaluation_results(
                    EvaluationResult::builder()
                        .eval_action_name("athena:StartQueryExecution")
                        .eval_resource_name("arn:aws:athena:us-east-1:123456789012:workgroup/primary")
                        .eval_decision(PolicyEvaluationDecisionType::Allowed)
                        .build()
                        .unwrap(),
                )
                .is_truncated(false)
                .build()
        });
    let iam = mock_client!(aws_sdk_iam, RuleMode::MatchAny, [&get_role, &simulate]);
    let backend = from_clients(Clients { iam, ..unused_clients() });
    let identity = Identity {
        principal: "arn:aws:sts::123456789012:assumed-role/bdctl-ops/ci-session".into(),
        scope: "123456789012".into(),
        ..caller()
    };
    let settings = settings_with_resources();
    let scope = ArnScope::of_principal(&identity.principal, &identity.scope, "us-east-1");
    let grants = required_grants(&settings, &scope).unwrap();
    let athena = grants.iter().filter(|g| g.sid == "QueryWithAthena").cloned().collect::<Vec<_>>();
    let verdict = backend.platform.check_access(&identity, &athena).await.unwrap();
    let AccessVerdict::Evaluated(verdicts) = verdict else { panic!("{verdict:?}") };
    assert_eq!(verdicts.len(), 1);
    let (sid, denials) = &verdicts[0];
    assert_eq!(*sid, "QueryWithAthena");
    assert_eq!(denials.len(), 1, "{denials:?}");
    assert_eq!(denials[0].action, "athena:StopQueryExecution");
    assert_eq!(denials[0].resource, "arn:aws:athena:us-east-1:123456789012:workgroup/primary");
    assert_eq!(denials[0].decision, "not allowed");
    assert_eq!(get_role.num_calls(), 1);
    assert_eq!(simulate.num_calls(), 1);

    let root = Identity {
        principal: "arn:aws:iam::123456789012:root".into(),
        scope: "123456789012".into(),
        ..caller()
    };
    assert_eq!(backend.platform.check_access(&root, &athena).await.unwrap(), AccessVerdict::Root);
}

#[tokio::test]
async fn a_denied_simulation_is_reported_not_guessed() {
    use bdctl::access::{ArnScope, required_grants};
    use bdctl::backend::Identity;
    let denied = mock!(aws_sdk_iam::Client::simulate_principal_policy)
        .sequence()
        .http_status(
            403,
            Some(sts_error_body(
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:SimulatePrincipalPolicy",
            )),
        )
        .build();
    let iam = mock_client!(aws_sdk_iam, RuleMode::Sequential, [&denied]);
    let backend = from_clients(Clients { iam, ..unused_clients() });
    let identity = Identity {
        principal: "arn:aws:iam::123456789012:user/ci".into(),
        scope: "123456789012".into(),
        ..caller()
    };
    let grants = required_grants(&settings_with_resources(), &ArnScope::any_account("us-east-1")).unwrap();
    let err = backend.platform.check_access(&identity, &grants).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(
            "iam:SimulatePrincipalPolicy on arn:aws:iam::123456789012:user/ci failed: AccessDenied"
        ),
        "{text}"
    );
}

mod operations {
    use super::*;
    use aws_sdk_costexplorer::operation::get_cost_and_usage::GetCostAndUsageOutput;
    use aws_sdk_costexplorer::operation::get_cost_forecast::GetCostForecastOutput;
    use aws_sdk_costexplorer::types::{DateInterval, Group, MetricValue, ResultByTime};
    use bdctl::backend::{CostQuery, LifecycleRule};

    fn quick_retries(attempts: u32) -> RetryConfig {
        RetryConfig::standard()
            .with_max_attempts(attempts)
            .with_initial_backoff(std::time::Duration::from_millis(10))
    }

    fn json_error(code: &str, message: &str) -> String {
        serde_json::json!({"__type": code, "message": message}).to_string()
    }

    fn query() -> CostQuery {
        crate::common::moto::cost_query("2024-06-01", "2024-06-02", &["Amazon Athena"])
    }

    #[tokio::test]
    async fn cost_explorer_throttling_is_retried_and_the_forecast_read() {
        let usage = mock!(aws_sdk_costexplorer::Client::get_cost_and_usage)
            .sequence()
            .http_status(400, Some(json_error("LimitExceededException", "Rate exceeded")))
            .output(|| {
                GetCostAndUsageOutput::builder()
                    .results_by_time(
                        ResultByTime::builder()
                            .time_period(
                                DateInterval::builder()
                                    .start("2024-06-01")
                                    .end("2024-06-02")
                                    .build()
                                    .unwrap(),
                            )
                            .groups(
                                Group::builder()
                                    .keys("Amazon Athena")
                                    .metrics(
                                        "UnblendedCost",
                                        MetricValue::builder().amount("1.25").unit("USD").build(),
                                    )
                                    .build(),
                            )
                            .estimated(true)
                            .build(),
                    )
                    .build()
            })
            .build();
        let forecast = mock!(aws_sdk_costexplorer::Client::get_cost_forecast).then_output(|| {
            GetCostForecastOutput::builder()
                .total(MetricValue::builder().amount("41.5").unit("USD").build())
                .build()
        });
        let costexplorer = mock_client!(aws_sdk_costexplorer, RuleMode::MatchAny, [&usage, &forecast], |c| c
            .retry_config(quick_retries(3)));
        let backend = from_clients(Clients { costexplorer, ..unused_clients() });
        let lines = backend.costs.cost_and_usage(&query()).await.expect("retried after throttling");
        assert_eq!(usage.num_calls(), 2);
        assert_eq!(
            (lines[0].group.as_str(), lines[0].amount, lines[0].estimated),
            ("Amazon Athena", 1.25, true)
        );
        assert_eq!(backend.costs.forecast(&query()).await.unwrap(), (41.5, "USD".to_string()));
    }

    #[tokio::test]
    async fn a_forecast_cost_explorer_refuses_is_a_clear_error() {
        let forecast = mock!(aws_sdk_costexplorer::Client::get_cost_forecast)
            .sequence()
            .http_status(
                400,
                Some(json_error(
                    "DataUnavailableException",
                    "Insufficient amount of historical data to generate forecast.",
                )),
            )
            .build();
        let costexplorer = mock_client!(aws_sdk_costexplorer, RuleMode::Sequential, [&forecast]);
        let backend = from_clients(Clients { costexplorer, ..unused_clients() });
        let err = backend.costs.forecast(&query()).await.unwrap_err().to_string();
        assert_eq!(
            err,
            "ce:GetCostForecast on 2024-06-01 to 2024-06-02 failed: DataUnavailableException: Insufficient amount of historical data to generate forecast."
        );
    }

    #[tokio::test]
    async fn lifecycle_access_denied_names_the_action_and_the_bucket() {
        let read = mock!(aws_sdk_s3::Client::get_bucket_lifecycle_configuration).sequence().http_status(
            404,
            Some("<Error><Code>NoSuchLifecycleConfiguration</Code><Message>The lifecycle configuration does not exist</Message></Error>".into()),
        ).repeatedly().build();
        let write = mock!(aws_sdk_s3::Client::put_bucket_lifecycle_configuration)
            .sequence()
            .http_status(
                403,
                Some("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".into()),
            )
            .build();
        let s3 = mock_client!(aws_sdk_s3, RuleMode::MatchAny, [&read, &write]);
        let backend = from_clients(Clients { s3, ..unused_clients() });
        assert!(
            backend.lifecycle.rules("acme-raw").await.unwrap().is_empty(),
            "no configuration is no rules"
        );
        let rule = LifecycleRule {
            id: "bdctl-raw-expiration".into(),
            prefix: "raw/".into(),
            enabled: true,
            expiration_days: Some(30),
            transition: None,
            abort_multipart_days: Some(7),
            other_conditions: false,
        };
        let err = backend.lifecycle.put_managed("acme-raw", &[rule]).await.unwrap_err().to_string();
        assert!(
            err.starts_with("s3:PutBucketLifecycleConfiguration on s3://acme-raw failed: AccessDenied"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn cloudwatch_throttling_is_retried_within_bounds() {
        use bdctl::backend::MetricSpec;
        let throttled = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
            .sequence()
            .http_status(400, Some(sts_error_body("Throttling", "Rate exceeded")))
            .repeatedly()
            .build();
        let cloudwatch = mock_client!(aws_sdk_cloudwatch, RuleMode::Sequential, [&throttled], |c| c
            .retry_config(quick_retries(3)));
        let backend = from_clients(Clients { cloudwatch, ..unused_clients() });
        let spec = MetricSpec {
            service: "firehose".into(),
            namespace: "AWS/Firehose".into(),
            name: "IncomingRecords".into(),
            dimensions: vec![("DeliveryStreamName".into(), "clicks".into())],
            stat: "Sum".into(),
        };
        let end = chrono::Utc::now();
        let err =
            backend.metrics.series(&[spec], end - chrono::Duration::hours(1), end, 300).await.unwrap_err();
        assert_eq!(throttled.num_calls(), 3, "three attempts, then the error");
        assert!(err.to_string().contains("cloudwatch:GetMetricData"), "{err}");
        assert!(err.to_string().contains("Throttling"), "{err}");
    }
}

/// A caller as `Platform::identity` describes one, for the fields a test does not set.
fn caller() -> bdctl::backend::Identity {
    bdctl::backend::Identity {
        principal: String::new(),
        scope: String::new(),
        checked: "credentials",
        target: String::new(),
        detail: String::new(),
    }
}

/// Lambda refuses a change while another one is in progress: deploy waits for the function to
/// settle and tries again, and waits for the update to finish before the next step.
#[tokio::test]
async fn deploy_waits_out_updates_in_progress() {
    use aws_sdk_lambda::operation::get_function_configuration::GetFunctionConfigurationOutput;
    use aws_sdk_lambda::operation::update_function_code::UpdateFunctionCodeOutput;
    use aws_sdk_lambda::types::{LastUpdateStatus, State};
    let conflict = serde_json::json!({
        "__type": "ResourceConflictException",
        "message": "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:transform"
    })
    .to_string();
    let update = mock!(aws_sdk_lambda::Client::update_function_code)
        .sequence()
        .http_status(409, Some(conflict))
        .output(|| UpdateFunctionCodeOutput::builder().build())
        .build();
    let status = |s: LastUpdateStatus| {
        move || {
            GetFunctionConfigurationOutput::builder()
                .state(State::Active)
                .last_update_status(s.clone())
                .build()
        }
    };
    let configuration = mock!(aws_sdk_lambda::Client::get_function_configuration)
        .sequence()
        .output(status(LastUpdateStatus::InProgress))
        .output(status(LastUpdateStatus::Successful))
        .build();
    let lambda = mock_client!(aws_sdk_lambda, RuleMode::Sequential, [&update, &configuration]);
    let backend = from_clients(Clients { lambda, ..unused_clients() });
    backend
        .functions
        .update_code("transform", "x86_64", bytes::Bytes::from_static(b"zip"))
        .await
        .expect("retried once the update settled");
    assert_eq!(update.num_calls(), 2);
    backend.functions.wait_until_ready("transform").await.unwrap();
    assert_eq!(configuration.num_calls(), 2);
}

#[tokio::test]
async fn deploy_access_denied_names_the_action_and_the_function() {
    let denied = serde_json::json!({
        "__type": "AccessDeniedException",
        "Message": "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:CreateFunction"
    })
    .to_string();
    let create =
        mock!(aws_sdk_lambda::Client::create_function).sequence().http_status(403, Some(denied)).build();
    let lambda = mock_client!(aws_sdk_lambda, RuleMode::Sequential, [&create]);
    let backend = from_clients(Clients { lambda, ..unused_clients() });
    let spec = bdctl::backend::FunctionSpec {
        name: "transform".into(),
        role: "arn:aws:iam::123456789012:role/transform".into(),
        architecture: "arm64".into(),
        memory_mb: 1024,
        timeout_seconds: 300,
        environment: Default::default(),
        runtime: "provided.al2023".into(),
        handler: "bootstrap".into(),
        description: String::new(),
    };
    let err = backend.functions.create(&spec, bytes::Bytes::from_static(b"zip")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "lambda:CreateFunction on transform failed: AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:CreateFunction"
    );
}

/// Updating the Glue job keeps the default arguments someone else added (moto has no UpdateJob).
#[tokio::test]
async fn deploy_glue_updates_the_job_and_keeps_foreign_arguments() {
    use aws_sdk_glue::operation::get_job::GetJobOutput;
    use aws_sdk_glue::operation::update_job::UpdateJobOutput;
    use aws_sdk_glue::types::{Job, JobCommand, WorkerType};
    let get = mock!(aws_sdk_glue::Client::get_job).then_output(|| {
        GetJobOutput::builder()
            .job(
                Job::builder()
                    .name("transform")
                    .role("arn:aws:iam::123456789012:role/glue")
                    .glue_version("5.0")
                    .worker_type(WorkerType::G1X)
                    .number_of_workers(2)
                    .command(JobCommand::builder().name("glueetl").script_location("s3://s/old.py").build())
                    .default_arguments("--enable-metrics", "true")
                    .default_arguments("--raw", "s3://old/raw/")
                    .build(),
            )
            .build()
    });
    let update = mock!(aws_sdk_glue::Client::update_job)
        .match_requests(|input| {
            let job = input.job_update().unwrap();
            let args = job.default_arguments().unwrap();
            job.number_of_workers() == Some(10)
                && job.command().and_then(|c| c.script_location()) == Some("s3://s/new.py")
                && args.get("--enable-metrics").map(String::as_str) == Some("true")
                && args.get("--raw").map(String::as_str) == Some("s3://raw/raw/")
        })
        .then_output(|| UpdateJobOutput::builder().job_name("transform").build());
    let glue = mock_client!(aws_sdk_glue, RuleMode::MatchAny, [&get, &update]);
    let backend = from_clients(Clients { glue, ..unused_clients() });
    let current = backend.jobs.describe_job("transform").await.unwrap().unwrap();
    assert_eq!(current.default_arguments.len(), 2);
    let wanted = bdctl::backend::GlueJobSpec {
        workers: 10,
        script_location: "s3://s/new.py".into(),
        default_arguments: [("--raw".to_string(), "s3://raw/raw/".to_string())].into(),
        ..current.clone()
    };
    let merged = bdctl::services::deploy::merged_job(Some(&current), &wanted);
    backend.jobs.put_job(&merged, true).await.expect("the update request keeps --enable-metrics");
    assert_eq!(update.num_calls(), 1);
}

/// A failed EMR Serverless run is exit 3 with its state details; the billed utilisation is read.
#[tokio::test]
async fn a_failed_emr_serverless_run_says_why() {
    use aws_sdk_emrserverless::operation::get_job_run::GetJobRunOutput;
    use aws_sdk_emrserverless::types::{JobRun, JobRunState, ResourceUtilization};
    let run = |state: JobRunState, details: &'static str| {
        move || {
            GetJobRunOutput::builder()
                .job_run(
                    JobRun::builder()
                        .application_id("app")
                        .job_run_id("run-1")
                        .arn("arn")
                        .created_by("me")
                        .created_at(aws_smithy_types::DateTime::from_secs(0))
                        .updated_at(aws_smithy_types::DateTime::from_secs(0))
                        .execution_role("role")
                        .state(state.clone())
                        .state_details(details)
                        .release_label("emr-7.5.0")
                        .job_driver(aws_sdk_emrserverless::types::JobDriver::SparkSubmit(
                            aws_sdk_emrserverless::types::SparkSubmit::builder()
                                .entry_point("s3://s/x.py")
                                .build()
                                .unwrap(),
                        ))
                        .billed_resource_utilization(
                            ResourceUtilization::builder().v_cpu_hour(0.5).memory_gb_hour(2.0).build(),
                        )
                        .build()
                        .unwrap(),
                )
                .build()
        }
    };
    let get = mock!(aws_sdk_emrserverless::Client::get_job_run)
        .sequence()
        .output(run(JobRunState::Running, ""))
        .output(run(
            JobRunState::Failed,
            "Job failed, ExitCode: 1. Last few exceptions: No module named pyarrow",
        ))
        .build();
    let start = mock!(aws_sdk_emrserverless::Client::start_job_run).then_output(|| {
        aws_sdk_emrserverless::operation::start_job_run::StartJobRunOutput::builder()
            .application_id("app")
            .job_run_id("run-1")
            .arn("arn")
            .build()
            .unwrap()
    });
    let emrserverless = mock_client!(aws_sdk_emrserverless, RuleMode::MatchAny, [&start, &get]);
    let backend = from_clients(Clients { emrserverless, ..unused_clients() });
    let running = backend.jobs.spark_run("app", "run-1").await.unwrap();
    assert!(!running.finished);
    let failed = backend.jobs.spark_run("app", "run-1").await.unwrap();
    assert!(failed.finished && !failed.succeeded);
    assert_eq!(
        failed.error.as_deref(),
        Some("Job failed, ExitCode: 1. Last few exceptions: No module named pyarrow")
    );
    assert_eq!((failed.vcpu_hours, failed.memory_gb_hours), (Some(0.5), Some(2.0)));

    // Through the command's polling: a failed run is exit 3 with its details, a run still going
    // after --timeout exit 4.
    let ctx = bdctl::commands::Context::new(bdctl::cli::GlobalArgs { quiet: true, ..Default::default() });
    let spark = bdctl::backend::SparkRun {
        application: "app".into(),
        role: "role".into(),
        entry_point: "s3://s/x.py".into(),
        arguments: vec![],
        name: "t".into(),
    };
    let get = mock!(aws_sdk_emrserverless::Client::get_job_run)
        .sequence()
        .output(run(JobRunState::Failed, "Job failed, ExitCode: 1"))
        .build();
    let emrserverless = mock_client!(aws_sdk_emrserverless, RuleMode::MatchAny, [&start, &get]);
    let backend = from_clients(Clients { emrserverless, ..unused_clients() });
    let remote =
        bdctl::commands::remote::run_emr_job(&ctx, &backend, &spark, std::time::Duration::from_secs(60));
    let err = remote.await.unwrap_err();
    assert_eq!(bdctl::error::exit_status(&err) as i32, 3);
    assert!(err.to_string().contains("ended FAILED: Job failed, ExitCode: 1"), "{err}");
    let get = mock!(aws_sdk_emrserverless::Client::get_job_run)
        .sequence()
        .output(run(JobRunState::Running, ""))
        .repeatedly()
        .build();
    let emrserverless = mock_client!(aws_sdk_emrserverless, RuleMode::MatchAny, [&start, &get]);
    let backend = from_clients(Clients { emrserverless, ..unused_clients() });
    let remote =
        bdctl::commands::remote::run_emr_job(&ctx, &backend, &spark, std::time::Duration::from_millis(10));
    let err = remote.await.unwrap_err();
    assert_eq!(bdctl::error::exit_status(&err) as i32, 4);
    assert!(err.to_string().contains("is still RUNNING"), "{err}");
}
