//! S3 lifecycle configuration, merged: bdctl replaces only its own rules (ids starting with
//! `bdctl-`), and keeps every other rule exactly as the service returned it.

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_s3::types::{
    AbortIncompleteMultipartUpload, BucketLifecycleConfiguration, ExpirationStatus, LifecycleExpiration,
    LifecycleRule as S3Rule, LifecycleRuleFilter, Transition, TransitionStorageClass,
};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::call_failed;
use crate::backend::{Enforcement, Lifecycle, LifecycleRule, MANAGED_RULE_PREFIX};

/// Incomplete multipart uploads are billed and invisible: S3 aborts them after this many days.
const ABORT_MULTIPART_DAYS: u32 = 7;

pub struct S3Lifecycle {
    client: aws_sdk_s3::Client,
}

impl S3Lifecycle {
    pub fn new(client: aws_sdk_s3::Client) -> Self {
        Self { client }
    }

    async fn live(&self, bucket: &str) -> Result<Vec<S3Rule>> {
        match self.client.get_bucket_lifecycle_configuration().bucket(bucket).send().await {
            Ok(out) => Ok(out.rules().to_vec()),
            Err(err)
                if err.as_service_error().and_then(|e| e.code()) == Some("NoSuchLifecycleConfiguration") =>
            {
                Ok(Vec::new())
            }
            Err(err) => {
                Err(call_failed("s3:GetBucketLifecycleConfiguration", &format!("s3://{bucket}"), err))
            }
        }
    }
}

// Rules written before filters existed carry their prefix on the rule itself.
#[allow(deprecated)]
fn view(rule: &S3Rule) -> LifecycleRule {
    let filter = rule.filter();
    let prefix = filter.and_then(|f| f.prefix()).or(rule.prefix()).unwrap_or("").to_string();
    let other_conditions = filter.is_some_and(|f| {
        f.tag().is_some()
            || f.and().is_some()
            || f.object_size_greater_than().is_some()
            || f.object_size_less_than().is_some()
    }) || rule.noncurrent_version_expiration().is_some()
        || !rule.noncurrent_version_transitions().is_empty()
        || rule
            .expiration()
            .is_some_and(|e| e.date().is_some() || e.expired_object_delete_marker().is_some());
    LifecycleRule {
        id: rule.id().unwrap_or("").to_string(),
        prefix,
        enabled: rule.status() == &ExpirationStatus::Enabled,
        expiration_days: rule.expiration().and_then(|e| e.days()).map(|d| d.max(0) as u32),
        transition: rule
            .transitions()
            .first()
            .and_then(|t| Some((t.days()?.max(0) as u32, t.storage_class()?.as_str().to_string()))),
        abort_multipart_days: rule
            .abort_incomplete_multipart_upload()
            .and_then(|a| a.days_after_initiation())
            .map(|d| d.max(0) as u32),
        other_conditions,
    }
}

fn to_s3(rule: &LifecycleRule) -> Result<S3Rule> {
    let mut builder = S3Rule::builder()
        .id(&rule.id)
        .filter(LifecycleRuleFilter::builder().prefix(&rule.prefix).build())
        .status(if rule.enabled { ExpirationStatus::Enabled } else { ExpirationStatus::Disabled });
    if let Some(days) = rule.expiration_days {
        builder = builder.expiration(LifecycleExpiration::builder().days(days as i32).build());
    }
    if let Some((days, class)) = &rule.transition {
        builder = builder.transitions(
            Transition::builder()
                .days(*days as i32)
                .storage_class(TransitionStorageClass::from(class.as_str()))
                .build(),
        );
    }
    if let Some(days) = rule.abort_multipart_days {
        builder = builder.abort_incomplete_multipart_upload(
            AbortIncompleteMultipartUpload::builder().days_after_initiation(days as i32).build(),
        );
    }
    Ok(builder.build()?)
}

#[async_trait]
impl Lifecycle for S3Lifecycle {
    fn enforcement(&self) -> Enforcement {
        Enforcement::Service
    }

    fn store_rules(&self) -> Vec<LifecycleRule> {
        vec![LifecycleRule {
            id: format!("{MANAGED_RULE_PREFIX}abort-multipart"),
            prefix: String::new(),
            enabled: true,
            expiration_days: None,
            transition: None,
            abort_multipart_days: Some(ABORT_MULTIPART_DAYS),
            other_conditions: false,
        }]
    }

    async fn rules(&self, bucket: &str) -> Result<Vec<LifecycleRule>> {
        Ok(self.live(bucket).await?.iter().map(view).collect())
    }

    async fn put_managed(&self, bucket: &str, managed: &[LifecycleRule]) -> Result<()> {
        let mut rules: Vec<S3Rule> =
            self.live(bucket).await?.into_iter().filter(|r| !view(r).is_managed()).collect();
        for rule in managed {
            rules.push(to_s3(rule)?);
        }
        let uri = format!("s3://{bucket}");
        if rules.is_empty() {
            self.client
                .delete_bucket_lifecycle()
                .bucket(bucket)
                .send()
                .await
                .map_err(|err| call_failed("s3:DeleteBucketLifecycle", &uri, err))?;
            return Ok(());
        }
        let configuration = BucketLifecycleConfiguration::builder().set_rules(Some(rules)).build()?;
        self.client
            .put_bucket_lifecycle_configuration()
            .bucket(bucket)
            .lifecycle_configuration(configuration)
            .send()
            .await
            .map_err(|err| call_failed("s3:PutBucketLifecycleConfiguration", &uri, err))?;
        Ok(())
    }
}
