//! The platform's security and logging posture, as the design promises it: encryption at rest
//! and no public access on every bucket, TLS-only bucket policies, and logs for every service
//! (Firehose error logging, the function's log group with a retention, Glue continuous logging,
//! an Athena workgroup that enforces its result location and encryption). Each check says the
//! fix when it does not pass.

use aws_sdk_s3::types::ServerSideEncryption;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::call_failed;

use crate::backend::{CheckStatus, PostureCheck, PostureTargets};

fn check(name: &str, target: &str, status: CheckStatus, detail: impl Into<String>) -> PostureCheck {
    PostureCheck { name: name.to_string(), target: target.to_string(), status, detail: detail.into() }
}

/// A read the caller may not make: said with the action, which `doctor --policy` grants.
fn unreadable(name: &str, target: &str, err: anyhow::Error) -> PostureCheck {
    check(name, target, CheckStatus::Warn, format!("not checked: {err}"))
}

const BLOCK_ALL: &str =
    "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true";

impl super::platform::AwsPlatform {
    pub(super) async fn posture_checks(&self, targets: &PostureTargets) -> Vec<PostureCheck> {
        let mut checks = Vec::new();
        for bucket in &targets.buckets {
            checks.push(self.bucket_encryption(bucket).await);
            checks.push(self.public_access(bucket).await);
            checks.push(self.secure_transport(bucket).await);
        }
        if let Some(stream) = &targets.stream {
            checks.push(self.stream_logging(stream).await);
        }
        if let Some(function) = &targets.function {
            checks.push(self.function_logs(function).await);
        }
        if let Some(job) = &targets.job {
            checks.push(self.job_logging(job).await);
        }
        if let Some(workgroup) = &targets.workgroup {
            checks.push(self.workgroup_enforcement(workgroup).await);
        }
        checks
    }

    async fn bucket_encryption(&self, bucket: &str) -> PostureCheck {
        let name = "encryption at rest";
        let target = format!("s3://{bucket}");
        let fix = format!(
            "no default encryption: aws s3api put-bucket-encryption --bucket {bucket} --server-side-encryption-configuration '{{\"Rules\":[{{\"ApplyServerSideEncryptionByDefault\":{{\"SSEAlgorithm\":\"AES256\"}}}}]}}'"
        );
        match self.clients().s3.get_bucket_encryption().bucket(bucket).send().await {
            Ok(out) => {
                let default = out
                    .server_side_encryption_configuration()
                    .and_then(|c| c.rules().first())
                    .and_then(|r| r.apply_server_side_encryption_by_default());
                match default.map(|d| (d.sse_algorithm(), d.kms_master_key_id())) {
                    Some((ServerSideEncryption::Aes256, _)) => {
                        check(name, &target, CheckStatus::Ok, "SSE-S3 (AES256)")
                    }
                    Some((ServerSideEncryption::AwsKms, key)) => check(
                        name,
                        &target,
                        CheckStatus::Ok,
                        format!("SSE-KMS, key {}", key.unwrap_or("aws/s3")),
                    ),
                    Some((ServerSideEncryption::AwsKmsDsse, key)) => check(
                        name,
                        &target,
                        CheckStatus::Ok,
                        format!("DSSE-KMS, key {}", key.unwrap_or("aws/s3")),
                    ),
                    _ => check(name, &target, CheckStatus::Fail, fix),
                }
            }
            Err(err) if err.code() == Some("ServerSideEncryptionConfigurationNotFoundError") => {
                check(name, &target, CheckStatus::Fail, fix)
            }
            Err(err) => unreadable(name, &target, call_failed("s3:GetEncryptionConfiguration", &target, err)),
        }
    }

    async fn public_access(&self, bucket: &str) -> PostureCheck {
        let name = "public access";
        let target = format!("s3://{bucket}");
        let fix = |what: String| {
            format!(
                "{what}: aws s3api put-public-access-block --bucket {bucket} --public-access-block-configuration {BLOCK_ALL}"
            )
        };
        match self.clients().s3.get_public_access_block().bucket(bucket).send().await {
            Ok(out) => {
                let config = out.public_access_block_configuration();
                let settings = [
                    ("BlockPublicAcls", config.and_then(|c| c.block_public_acls())),
                    ("IgnorePublicAcls", config.and_then(|c| c.ignore_public_acls())),
                    ("BlockPublicPolicy", config.and_then(|c| c.block_public_policy())),
                    ("RestrictPublicBuckets", config.and_then(|c| c.restrict_public_buckets())),
                ];
                let off: Vec<&str> =
                    settings.iter().filter(|(_, on)| *on != Some(true)).map(|(name, _)| *name).collect();
                if off.is_empty() {
                    check(name, &target, CheckStatus::Ok, "Block Public Access on (all four settings)")
                } else {
                    check(name, &target, CheckStatus::Fail, fix(format!("{} off", off.join(", "))))
                }
            }
            Err(err) if err.code() == Some("NoSuchPublicAccessBlockConfiguration") => {
                check(name, &target, CheckStatus::Fail, fix("Block Public Access is not configured".into()))
            }
            Err(err) => unreadable(name, &target, call_failed("s3:GetBucketPublicAccessBlock", &target, err)),
        }
    }

    async fn secure_transport(&self, bucket: &str) -> PostureCheck {
        let name = "TLS only";
        let target = format!("s3://{bucket}");
        let fix = format!(
            "add a bucket policy statement that denies s3:* on arn:aws:s3:::{bucket} and arn:aws:s3:::{bucket}/* when aws:SecureTransport is false"
        );
        match self.clients().s3.get_bucket_policy().bucket(bucket).send().await {
            Ok(out) => {
                let policy = out.policy().and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok());
                if policy.as_ref().is_some_and(denies_plain_http) {
                    check(name, &target, CheckStatus::Ok, "the bucket policy refuses requests without TLS")
                } else {
                    check(
                        name,
                        &target,
                        CheckStatus::Warn,
                        format!("the bucket policy allows plain HTTP: {fix}"),
                    )
                }
            }
            Err(err) if err.code() == Some("NoSuchBucketPolicy") => {
                check(name, &target, CheckStatus::Warn, format!("no bucket policy: {fix}"))
            }
            Err(err) => unreadable(name, &target, call_failed("s3:GetBucketPolicy", &target, err)),
        }
    }

    async fn stream_logging(&self, stream: &str) -> PostureCheck {
        let name = "stream error logging";
        let out = match self
            .clients()
            .firehose
            .describe_delivery_stream()
            .delivery_stream_name(stream)
            .send()
            .await
        {
            Ok(out) => out,
            Err(err) => {
                return unreadable(name, stream, call_failed("firehose:DescribeDeliveryStream", stream, err));
            }
        };
        let options = out
            .delivery_stream_description()
            .and_then(|d| d.destinations().first())
            .and_then(|d| d.extended_s3_destination_description())
            .and_then(|s3| s3.cloud_watch_logging_options());
        match options {
            Some(o) if o.enabled() == Some(true) => check(
                name,
                stream,
                CheckStatus::Ok,
                format!("to {}", o.log_group_name().unwrap_or("/aws/kinesisfirehose/…")),
            ),
            _ => check(
                name,
                stream,
                CheckStatus::Fail,
                format!(
                    "off: delivery failures go unseen; enable CloudWatchLoggingOptions on the S3 destination (aws firehose update-destination, log group /aws/kinesisfirehose/{stream})"
                ),
            ),
        }
    }

    async fn function_logs(&self, function: &str) -> PostureCheck {
        let name = "function logs";
        let group = super::logs::function_log_group(&self.clients().lambda, function).await;
        let out = match self.clients().logs.describe_log_groups().log_group_name_prefix(&group).send().await {
            Ok(out) => out,
            Err(err) => {
                return unreadable(name, function, call_failed("logs:DescribeLogGroups", function, err));
            }
        };
        match out.log_groups().iter().find(|g| g.log_group_name() == Some(group.as_str())) {
            Some(found) => match found.retention_in_days() {
                Some(days) => check(name, function, CheckStatus::Ok, format!("{group}, kept {days} days")),
                None => check(
                    name,
                    function,
                    CheckStatus::Warn,
                    format!(
                        "{group} keeps logs forever (and bills them): aws logs put-retention-policy --log-group-name {group} --retention-in-days 30"
                    ),
                ),
            },
            None => check(
                name,
                function,
                CheckStatus::Fail,
                format!(
                    "no log group {group}: create it with a retention (aws logs create-log-group --log-group-name {group}; aws logs put-retention-policy --log-group-name {group} --retention-in-days 30) and let the function's role write to it"
                ),
            ),
        }
    }

    async fn job_logging(&self, job: &str) -> PostureCheck {
        let name = "job logging";
        let out = match self.clients().glue.get_job().job_name(job).send().await {
            Ok(out) => out,
            Err(err) => return unreadable(name, job, call_failed("glue:GetJob", job, err)),
        };
        let arguments = out.job().and_then(|j| j.default_arguments());
        let continuous = arguments
            .and_then(|a| a.get("--enable-continuous-cloudwatch-log"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if continuous {
            check(name, job, CheckStatus::Ok, "continuous CloudWatch logging on")
        } else {
            check(
                name,
                job,
                CheckStatus::Fail,
                "continuous logging off: a run's logs appear only after it ends; `bdctl deploy glue` sets --enable-continuous-cloudwatch-log=true",
            )
        }
    }

    async fn workgroup_enforcement(&self, workgroup: &str) -> PostureCheck {
        let name = "workgroup settings";
        let out = match self.clients().athena.get_work_group().work_group(workgroup).send().await {
            Ok(out) => out,
            Err(err) => {
                return unreadable(name, workgroup, call_failed("athena:GetWorkGroup", workgroup, err));
            }
        };
        let configuration = out.work_group().and_then(|g| g.configuration());
        let enforced = configuration.and_then(|c| c.enforce_work_group_configuration()).unwrap_or(false);
        let encryption = configuration
            .and_then(|c| c.result_configuration())
            .and_then(|r| r.encryption_configuration())
            .map(|e| e.encryption_option().as_str().to_string());
        match (enforced, encryption) {
            (true, Some(option)) => check(
                name,
                workgroup,
                CheckStatus::Ok,
                format!("enforces its result location and {option} encryption"),
            ),
            (enforced, encryption) => {
                let mut missing = Vec::new();
                if !enforced {
                    missing.push("does not enforce its settings (clients may write results anywhere)");
                }
                if encryption.is_none() {
                    missing.push("does not encrypt query results");
                }
                check(
                    name,
                    workgroup,
                    CheckStatus::Fail,
                    format!(
                        "{}: aws athena update-work-group --work-group {workgroup} --configuration-updates 'EnforceWorkGroupConfiguration=true,ResultConfigurationUpdates={{EncryptionConfiguration={{EncryptionOption=SSE_S3}}}}'",
                        missing.join(" and ")
                    ),
                )
            }
        }
    }
}

/// Whether the policy has a Deny statement for requests with `aws:SecureTransport` false.
fn denies_plain_http(policy: &serde_json::Value) -> bool {
    let statements = match &policy["Statement"] {
        serde_json::Value::Array(items) => items.clone(),
        single @ serde_json::Value::Object(_) => vec![single.clone()],
        _ => return false,
    };
    statements.iter().any(|statement| {
        statement["Effect"] == "Deny"
            && statement["Condition"]["Bool"]["aws:SecureTransport"]
                .as_str()
                .or_else(|| statement["Condition"]["Bool"]["aws:SecureTransport"][0].as_str())
                .is_some_and(|v| v.eq_ignore_ascii_case("false"))
    })
}

#[cfg(test)]
mod tests {
    use super::denies_plain_http;
    use serde_json::json;

    #[test]
    fn a_tls_only_policy_is_recognised() {
        let deny = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert!(denies_plain_http(&deny));
        let listed = json!({"Statement": {"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}}});
        assert!(denies_plain_http(&listed));
        let allow = json!({"Statement": [{"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert!(!denies_plain_http(&allow));
        assert!(!denies_plain_http(&json!({"Statement": []})));
    }
}
