//! What bdctl needs to be allowed to do, for exactly the resources an environment names: the
//! statements of a least-privilege IAM policy. `bdctl doctor --policy` prints them as a policy
//! document, and `bdctl doctor` asks IAM whether the caller holds each of them.

use serde_json::{Value, json};

use crate::layout::STATE_PREFIX;
use crate::layout::{Area, area_location};
use crate::settings::Settings;

/// Glue writes a run's driver output and errors to these groups, one stream per run id.
pub(crate) const GLUE_LOG_GROUPS: [&str; 2] = ["/aws-glue/jobs/output", "/aws-glue/jobs/error"];
/// Glue crawlers write here, one stream per crawler.
pub(crate) const CRAWLER_LOG_GROUP: &str = "/aws-glue/crawlers";

/// Where ARNs point: the partition (`aws`, `aws-cn`, `aws-us-gov`), the account and the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnScope {
    pub partition: String,
    pub account: String,
    pub region: String,
}

impl ArnScope {
    /// The scope of a principal's ARN (`arn:PARTITION:iam::ACCOUNT:…`) in `region`.
    pub fn of_principal(principal_arn: &str, account: &str, region: &str) -> Self {
        let partition = principal_arn
            .strip_prefix("arn:")
            .and_then(|rest| rest.split(':').next())
            .filter(|p| !p.is_empty())
            .map_or_else(|| partition_of_region(region).to_string(), str::to_string);
        Self { partition, account: account.to_string(), region: region.to_string() }
    }

    /// A scope for a policy written without credentials: the account is a wildcard.
    pub fn any_account(region: &str) -> Self {
        Self {
            partition: partition_of_region(region).to_string(),
            account: "*".into(),
            region: region.into(),
        }
    }

    fn arn(&self, service: &str, resource: &str) -> String {
        format!("arn:{}:{service}:{}:{}:{resource}", self.partition, self.region, self.account)
    }

    fn bucket(&self, bucket: &str) -> String {
        format!("arn:{}:s3:::{bucket}", self.partition)
    }

    fn objects(&self, bucket: &str, prefix: &str) -> String {
        format!("arn:{}:s3:::{bucket}/{prefix}*", self.partition)
    }
}

fn partition_of_region(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// One statement: these actions, allowed on these resources, for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The statement id, e.g. `ReadRawEvents`.
    pub sid: &'static str,
    /// What bdctl does with it, in a few words.
    pub purpose: &'static str,
    pub actions: Vec<&'static str>,
    pub resources: Vec<String>,
}

impl Grant {
    fn new(
        sid: &'static str,
        purpose: &'static str,
        actions: &[&'static str],
        resources: Vec<String>,
    ) -> Self {
        let mut resources = resources;
        resources.dedup();
        Self { sid, purpose, actions: actions.to_vec(), resources }
    }
}

/// Every grant bdctl needs for the environment's resources; optional resources that are not
/// configured (a delivery stream, a crawler, a Glue job, a Lambda function) add nothing.
pub fn required_grants(settings: &Settings, scope: &ArnScope) -> anyhow::Result<Vec<Grant>> {
    let raw = area_location(settings, Area::Raw)?;
    let transformed = area_location(settings, Area::Transformed)?;
    let errors = area_location(settings, Area::Errors)?;
    let results = area_location(settings, Area::Results).ok();
    let mut grants = Vec::new();

    grants.push(Grant::new(
        "ListLakeBuckets",
        "list the lake's buckets, find their regions and read their encryption, public access and policy (doctor)",
        &[
            "s3:ListBucket",
            "s3:GetBucketLocation",
            "s3:GetEncryptionConfiguration",
            "s3:GetBucketPublicAccessBlock",
            "s3:GetBucketPolicy",
        ],
        {
            let mut buckets = vec![
                scope.bucket(&raw.bucket),
                scope.bucket(&transformed.bucket),
                scope.bucket(&errors.bucket),
            ];
            buckets.extend(results.iter().map(|r| scope.bucket(&r.bucket)));
            buckets.sort();
            buckets
        },
    ));
    grants.push(Grant::new(
        "ReadRawEvents",
        "read raw events",
        &["s3:GetObject"],
        vec![scope.objects(&raw.bucket, &raw.prefix)],
    ));
    grants.push(Grant::new(
        "WriteTransformedLake",
        "write Parquet files and transform manifests",
        &["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
        {
            let mut resources = vec![scope.objects(&transformed.bucket, &transformed.prefix)];
            if let Some(compacted) = crate::layout::compacted_prefix(&transformed.prefix) {
                resources.push(scope.objects(&transformed.bucket, &compacted));
            }
            resources.push(scope.objects(&transformed.bucket, STATE_PREFIX));
            resources
        },
    ));
    grants.push(Grant::new(
        "QuarantineBadRecords",
        "write quarantined records",
        &["s3:PutObject", "s3:AbortMultipartUpload"],
        vec![scope.objects(&errors.bucket, &errors.prefix)],
    ));
    if let Some(stream) = &settings.firehose_stream.value {
        grants.push(Grant::new(
            "SendEvents",
            "send events through Firehose",
            &["firehose:PutRecordBatch", "firehose:DescribeDeliveryStream"],
            vec![scope.arn("firehose", &format!("deliverystream/{stream}"))],
        ));
    }
    if let Some(stream) = &settings.kinesis_stream.value {
        grants.push(Grant::new(
            "StreamEvents",
            "send events into the data stream and read it back (send --stream, tail)",
            &[
                "kinesis:PutRecords",
                "kinesis:ListShards",
                "kinesis:GetShardIterator",
                "kinesis:GetRecords",
                "kinesis:DescribeStreamSummary",
            ],
            vec![scope.arn("kinesis", &format!("stream/{stream}"))],
        ));
    }
    let database = &settings.glue_database.value;
    let table = &settings.glue_table.value;
    grants.push(Grant::new(
        "ManageCatalog",
        "read and update the Glue table and its partitions",
        &[
            "glue:GetDatabase",
            "glue:CreateDatabase",
            "glue:GetTable",
            "glue:GetTables",
            "glue:CreateTable",
            "glue:UpdateTable",
            "glue:GetPartitions",
            "glue:GetPartition",
            "glue:BatchCreatePartition",
            "glue:UpdatePartition",
        ],
        vec![
            scope.arn("glue", "catalog"),
            scope.arn("glue", &format!("database/{database}")),
            scope.arn("glue", &format!("table/{database}/{table}")),
        ],
    ));
    if let Some(crawler) = &settings.glue_crawler.value {
        grants.push(Grant::new(
            "RunCrawler",
            "start and watch the Glue crawler",
            &["glue:StartCrawler", "glue:GetCrawler"],
            vec![scope.arn("glue", &format!("crawler/{crawler}"))],
        ));
        // Crawler metrics are not resource-scoped in IAM.
        grants.push(Grant::new(
            "ReadCrawlerMetrics",
            "read the crawler's last-run metrics",
            &["glue:GetCrawlerMetrics"],
            vec!["*".to_string()],
        ));
    }
    if let Some(job) = &settings.glue_job.value {
        grants.push(Grant::new(
            "RunTransformJob",
            "run the Glue transform job",
            &["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:GetJob"],
            vec![scope.arn("glue", &format!("job/{job}"))],
        ));
        grants.push(Grant::new(
            "DeployTransformJob",
            "create and update the Glue job (deploy glue)",
            &["glue:CreateJob", "glue:UpdateJob"],
            vec![scope.arn("glue", &format!("job/{job}"))],
        ));
        let (bucket, key) = crate::spark::script_location(settings)?;
        let prefix = key.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
        grants.push(Grant::new(
            "UploadJobScript",
            "upload the Spark transform script (deploy glue)",
            &["s3:PutObject", "s3:GetObject", "s3:ListBucket"],
            vec![scope.objects(&bucket, &prefix), scope.bucket(&bucket)],
        ));
        if let Some(role) = &settings.glue_role_arn.value {
            grants.push(Grant::new(
                "PassJobRole",
                "give the Glue job its role (deploy glue)",
                &["iam:PassRole"],
                vec![role.clone()],
            ));
        }
    }
    if let Some(function) = &settings.lambda_function.value {
        grants.push(Grant::new(
            "InvokeTransformFunction",
            "invoke the Lambda transform",
            &["lambda:InvokeFunction", "lambda:GetFunction"],
            vec![function_arn(scope, function)],
        ));
        grants.push(Grant::new(
            "DeployTransformFunction",
            "create and update the transform function and let the raw bucket invoke it (deploy lambda)",
            &[
                "lambda:CreateFunction",
                "lambda:UpdateFunctionCode",
                "lambda:UpdateFunctionConfiguration",
                "lambda:GetFunctionConfiguration",
                "lambda:GetPolicy",
                "lambda:AddPermission",
                "lambda:RemovePermission",
            ],
            vec![function_arn(scope, function)],
        ));
        if let Some(role) = &settings.lambda_role_arn.value {
            grants.push(Grant::new(
                "PassFunctionRole",
                "give the transform function its role (deploy lambda)",
                &["iam:PassRole"],
                vec![role.clone()],
            ));
        }
        grants.push(Grant::new(
            "TriggerTransformFunction",
            "read and write the raw bucket's event notifications (deploy lambda)",
            &["s3:GetBucketNotification", "s3:PutBucketNotification"],
            vec![scope.bucket(&raw.bucket)],
        ));
    }
    if let Some(application) = &settings.emr_application_id.value {
        grants.push(Grant::new(
            "RunTransformOnEmrServerless",
            "start and watch EMR Serverless job runs of the transform",
            &["emr-serverless:StartJobRun", "emr-serverless:GetJobRun"],
            vec![
                scope.arn("emr-serverless", &format!("/applications/{application}")),
                scope.arn("emr-serverless", &format!("/applications/{application}/jobruns/*")),
            ],
        ));
        if let Some(role) = &settings.emr_role_arn.value {
            grants.push(Grant::new(
                "PassEmrRole",
                "give EMR Serverless job runs their role",
                &["iam:PassRole"],
                vec![role.clone()],
            ));
        }
    }
    if settings.glue_job.value.is_some() || settings.lambda_function.value.is_some() {
        let machine = crate::services::workflow::machine_name(settings);
        let states = |kind: &str| {
            format!("arn:{}:states:{}:{}:{kind}:{machine}", scope.partition, scope.region, scope.account)
        };
        grants.push(Grant::new(
            "RunPipeline",
            "deploy the day's state machine, start and follow its executions (pipeline)",
            &[
                "states:CreateStateMachine",
                "states:UpdateStateMachine",
                "states:DescribeStateMachine",
                "states:StartExecution",
                "states:ListExecutions",
                "states:DescribeExecution",
                "states:GetExecutionHistory",
            ],
            vec![states("stateMachine"), format!("{}:*", states("execution"))],
        ));
        grants.push(Grant::new(
            "ListStateMachines",
            "find the pipeline's state machine by name (pipeline)",
            &["states:ListStateMachines"],
            vec!["*".to_string()],
        ));
        if let Some(role) = &settings.pipeline_role_arn.value {
            grants.push(Grant::new(
                "PassPipelineRole",
                "give the state machine its role (pipeline deploy)",
                &["iam:PassRole"],
                vec![role.clone()],
            ));
        }
    }
    let redshift = match (&settings.redshift_cluster.value, &settings.redshift_workgroup.value) {
        (Some(cluster), _) => Some(scope.arn("redshift", &format!("cluster:{cluster}"))),
        // Workgroup ARNs carry the workgroup's id, which the settings do not know.
        (None, Some(_)) => Some(scope.arn("redshift-serverless", "workgroup/*")),
        (None, None) => None,
    };
    if let Some(compute) = redshift {
        grants.push(Grant::new(
            "RunRedshiftStatements",
            "run statements in Redshift: warehouse load and spectrum, query --engine redshift",
            &["redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"],
            vec![compute],
        ));
        // These act on the caller's own statements and take no resource.
        grants.push(Grant::new(
            "FollowRedshiftStatements",
            "watch, read and cancel the statements bdctl started",
            &[
                "redshift-data:DescribeStatement",
                "redshift-data:GetStatementResult",
                "redshift-data:CancelStatement",
            ],
            vec!["*".to_string()],
        ));
        match (
            &settings.redshift_secret_arn.value,
            &settings.redshift_cluster.value,
            &settings.redshift_db_user.value,
        ) {
            (Some(secret), _, _) => grants.push(Grant::new(
                "ReadRedshiftSecret",
                "sign in to the database with the stored credentials",
                &["secretsmanager:GetSecretValue"],
                vec![secret.clone()],
            )),
            (None, Some(cluster), Some(user)) => grants.push(Grant::new(
                "GetRedshiftCredentials",
                "sign in to the database as the configured user, with temporary credentials",
                &["redshift:GetClusterCredentials"],
                vec![
                    scope.arn("redshift", &format!("dbuser:{cluster}/{user}")),
                    scope.arn("redshift", &format!("dbname:{cluster}/{}", settings.redshift_database.value)),
                ],
            )),
            (None, None, _) => grants.push(Grant::new(
                "GetRedshiftCredentials",
                "sign in to the workgroup's database as the IAM identity",
                &["redshift-serverless:GetCredentials"],
                vec![scope.arn("redshift-serverless", "workgroup/*")],
            )),
            (None, Some(cluster), None) => grants.push(Grant::new(
                "GetRedshiftCredentials",
                "sign in to the database as the IAM identity, with temporary credentials",
                &["redshift:GetClusterCredentialsWithIAM"],
                vec![
                    scope
                        .arn("redshift", &format!("dbname:{}/{}", cluster, settings.redshift_database.value)),
                ],
            )),
        }
    }
    grants.push(Grant::new(
        "QueryWithAthena",
        "run, watch, read and stop Athena queries",
        &[
            "athena:StartQueryExecution",
            "athena:GetQueryExecution",
            "athena:GetQueryResults",
            "athena:StopQueryExecution",
            "athena:GetWorkGroup",
        ],
        vec![scope.arn("athena", &format!("workgroup/{}", settings.athena_workgroup.value))],
    ));
    if let Some(results) = &results {
        // Athena writes results with the caller's permissions.
        grants.push(Grant::new(
            "WriteQueryResults",
            "let Athena write results and bdctl read them",
            &["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
            vec![scope.objects(&results.bucket, &results.prefix)],
        ));
    }
    let mut lifecycle_buckets = vec![scope.bucket(&raw.bucket), scope.bucket(&transformed.bucket)];
    lifecycle_buckets.extend(results.iter().map(|r| scope.bucket(&r.bucket)));
    lifecycle_buckets.sort();
    grants.push(Grant::new(
        "ManageLifecycle",
        "read and write the buckets' lifecycle rules",
        &["s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
        lifecycle_buckets,
    ));
    let mut log_groups = Vec::new();
    if let Some(function) = &settings.lambda_function.value {
        log_groups.push(format!("/aws/lambda/{function}"));
    }
    if settings.glue_job.value.is_some() {
        log_groups.extend(GLUE_LOG_GROUPS.map(str::to_string));
    }
    if let Some(stream) = &settings.firehose_stream.value {
        log_groups.push(format!("/aws/kinesisfirehose/{stream}"));
    }
    if settings.glue_crawler.value.is_some() {
        log_groups.push(CRAWLER_LOG_GROUP.to_string());
    }
    if !log_groups.is_empty() {
        grants.push(Grant::new(
            "ReadLogs",
            "read and follow the services' logs (logs), check the function's log group (doctor)",
            &["logs:FilterLogEvents", "logs:StartLiveTail"],
            log_groups.iter().map(|group| scope.arn("logs", &format!("log-group:{group}:*"))).collect(),
        ));
        // DescribeLogGroups is authorised on the account's log groups as a whole.
        grants.push(Grant::new(
            "FindLogGroups",
            "find the log groups and their retention",
            &["logs:DescribeLogGroups"],
            vec![scope.arn("logs", "log-group:*")],
        ));
    }
    // CloudWatch and Cost Explorer reads are not resource-scoped in IAM.
    grants.push(Grant::new(
        "ReadMetrics",
        "read CloudWatch metrics",
        &["cloudwatch:GetMetricData"],
        vec!["*".to_string()],
    ));
    grants.push(Grant::new(
        "ReadCosts",
        "read Cost Explorer",
        &["ce:GetCostAndUsage", "ce:GetCostForecast"],
        vec!["*".to_string()],
    ));
    Ok(grants)
}

fn function_arn(scope: &ArnScope, function: &str) -> String {
    format!("arn:{}:lambda:{}:{}:function:{function}", scope.partition, scope.region, scope.account)
}

/// The grants as an IAM policy document.
pub fn policy_document(grants: &[Grant]) -> Value {
    let statements: Vec<Value> = grants
        .iter()
        .map(|grant| {
            json!({
                "Sid": grant.sid,
                "Effect": "Allow",
                "Action": grant.actions,
                "Resource": if grant.resources.len() == 1 { json!(grant.resources[0]) } else { json!(grant.resources) },
            })
        })
        .collect();
    json!({ "Version": "2012-10-17", "Statement": statements })
}

/// An action the caller may not perform on a resource, with IAM's decision
/// (`implicitDeny`, `explicitDeny`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub action: String,
    pub resource: String,
    pub decision: String,
}

/// What the permission check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessVerdict {
    /// Every grant was evaluated; the denials, by statement id.
    Evaluated(Vec<(&'static str, Vec<Denial>)>),
    /// The caller is the account's root user: IAM allows it everything.
    Root,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn aws_settings(extra: &str) -> Settings {
        let text = format!(
            "[env.prod]\nbackend = \"aws\"\nregion = \"eu-west-1\"\nraw_bucket = \"acme-raw\"\ntransformed_bucket = \"acme-lake\"\nresults_bucket = \"acme-results\"\n{extra}"
        );
        Settings::from_config_text(std::path::Path::new("bdctl.toml"), &text, Some("prod")).unwrap()
    }

    #[test]
    fn grants_cover_exactly_the_configured_resources() {
        let scope = ArnScope::of_principal("arn:aws:iam::123456789012:user/ops", "123456789012", "eu-west-1");
        let grants = required_grants(&aws_settings(""), &scope).unwrap();
        let sids: Vec<&str> = grants.iter().map(|g| g.sid).collect();
        assert!(!sids.contains(&"SendEvents"));
        assert!(!sids.contains(&"RunCrawler"));
        assert!(!sids.contains(&"RunTransformJob"));
        assert!(!sids.contains(&"InvokeTransformFunction"));
        let raw = grants.iter().find(|g| g.sid == "ReadRawEvents").unwrap();
        assert_eq!(raw.resources, ["arn:aws:s3:::acme-raw/raw/*"]);
        let athena = grants.iter().find(|g| g.sid == "QueryWithAthena").unwrap();
        assert_eq!(athena.resources, ["arn:aws:athena:eu-west-1:123456789012:workgroup/primary"]);
        let errors = grants.iter().find(|g| g.sid == "QuarantineBadRecords").unwrap();
        assert_eq!(errors.resources, ["arn:aws:s3:::acme-raw/errors/*"], "errors default to the raw bucket");

        let settings = aws_settings(
            "firehose_stream = \"clicks\"\nglue_crawler = \"crawl-events\"\nglue_job = \"to-parquet\"\nlambda_function = \"transform\"\n\
             lambda_role_arn = \"arn:aws:iam::123456789012:role/transform\"\n",
        );
        let grants = required_grants(&settings, &scope).unwrap();
        let find = |sid: &str| grants.iter().find(|g| g.sid == sid).unwrap().resources.clone();
        assert_eq!(find("SendEvents"), ["arn:aws:firehose:eu-west-1:123456789012:deliverystream/clicks"]);
        assert_eq!(find("RunCrawler"), ["arn:aws:glue:eu-west-1:123456789012:crawler/crawl-events"]);
        assert_eq!(find("RunTransformJob"), ["arn:aws:glue:eu-west-1:123456789012:job/to-parquet"]);
        assert_eq!(
            find("InvokeTransformFunction"),
            ["arn:aws:lambda:eu-west-1:123456789012:function:transform"]
        );
        assert_eq!(find("DeployTransformFunction"), find("InvokeTransformFunction"));
        assert_eq!(find("PassFunctionRole"), ["arn:aws:iam::123456789012:role/transform"]);
        assert_eq!(find("TriggerTransformFunction"), ["arn:aws:s3:::acme-raw"]);
        assert_eq!(find("DeployTransformJob"), ["arn:aws:glue:eu-west-1:123456789012:job/to-parquet"]);
        assert_eq!(find("UploadJobScript"), ["arn:aws:s3:::acme-lake/scripts/*", "arn:aws:s3:::acme-lake"]);
        assert!(!grants.iter().any(|g| g.sid == "RunRedshiftStatements"));

        let grants = required_grants(
            &aws_settings("redshift_cluster = \"analytics\"\nredshift_db_user = \"loader\"\n"),
            &scope,
        )
        .unwrap();
        let find = |sid: &str| grants.iter().find(|g| g.sid == sid).unwrap().resources.clone();
        assert_eq!(
            find("RunRedshiftStatements"),
            ["arn:aws:redshift:eu-west-1:123456789012:cluster:analytics"]
        );
        assert_eq!(find("FollowRedshiftStatements"), ["*"]);
        assert_eq!(
            find("GetRedshiftCredentials"),
            [
                "arn:aws:redshift:eu-west-1:123456789012:dbuser:analytics/loader",
                "arn:aws:redshift:eu-west-1:123456789012:dbname:analytics/dev"
            ]
        );
        let grants = required_grants(
            &aws_settings("redshift_workgroup = \"wg\"\nredshift_secret_arn = \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:rs\"\n"),
            &scope,
        )
        .unwrap();
        let find = |sid: &str| grants.iter().find(|g| g.sid == sid).unwrap().resources.clone();
        assert_eq!(
            find("RunRedshiftStatements"),
            ["arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup/*"]
        );
        assert_eq!(find("ReadRedshiftSecret"), ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rs"]);
    }

    #[test]
    fn partitions_follow_the_principal_or_the_region() {
        let scope = ArnScope::of_principal("arn:aws-cn:iam::1:user/a", "1", "cn-north-1");
        assert_eq!(scope.partition, "aws-cn");
        assert_eq!(ArnScope::any_account("us-gov-west-1").partition, "aws-us-gov");
        assert_eq!(ArnScope::any_account("eu-west-1").account, "*");
    }

    #[test]
    fn the_document_is_a_valid_policy_shape() {
        let scope = ArnScope::any_account("eu-west-1");
        let doc = policy_document(&required_grants(&aws_settings(""), &scope).unwrap());
        assert_eq!(doc["Version"], "2012-10-17");
        let statements = doc["Statement"].as_array().unwrap();
        assert!(statements.iter().all(|s| s["Effect"] == "Allow"));
        let text = doc.to_string();
        assert!(!text.contains("\"Action\":\"*\""), "no wildcard actions");
        assert!(text.contains("arn:aws:glue:eu-west-1:*:table/clickstream/events"));
    }
}
