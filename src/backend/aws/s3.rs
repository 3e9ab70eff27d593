use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use bytes::Bytes;
use chrono::{DateTime, Utc};

use super::call_failed;
use tokio::runtime::Handle;

use super::s3_stream::{S3Reader, S3Upload};
use crate::backend::{NotFound, ObjectInfo, ObjectStore, StagedObject};
use crate::layout::{Area, Location};

/// DeleteObjects takes at most this many keys per call.
const DELETE_BATCH: usize = 1000;

pub struct S3Store {
    client: aws_sdk_s3::Client,
}

impl S3Store {
    pub fn new(client: aws_sdk_s3::Client) -> Self {
        Self { client }
    }
}

fn to_utc(time: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(time.secs(), time.subsec_nanos())
}

#[async_trait]
impl ObjectStore for S3Store {
    fn open_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn std::io::Read + Send>> {
        Ok(Box::new(S3Reader::open(Handle::current(), &self.client, bucket, key)?))
    }

    fn create_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn StagedObject>> {
        Ok(Box::new(S3Upload::new(Handle::current(), self.client.clone(), bucket, key)))
    }

    async fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<ObjectInfo>> {
        let mut pages = self.client.list_objects_v2().bucket(bucket).prefix(prefix).into_paginator().send();
        let mut out = Vec::new();
        while let Some(page) = pages.next().await {
            let page =
                page.map_err(|err| call_failed("s3:ListObjectsV2", &format!("s3://{bucket}/{prefix}"), err))?;
            for object in page.contents() {
                let Some(key) = object.key() else { continue };
                out.push(ObjectInfo {
                    key: key.to_string(),
                    size: object.size().unwrap_or(0).max(0) as u64,
                    last_modified: object.last_modified().and_then(to_utc),
                });
            }
        }
        Ok(out)
    }

    async fn get(&self, bucket: &str, key: &str) -> Result<Bytes> {
        let uri = format!("s3://{bucket}/{key}");
        let out = match self.client.get_object().bucket(bucket).key(key).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_no_such_key()) => {
                return Err(NotFound(format!("object {uri}")).into());
            }
            Err(err) => return Err(call_failed("s3:GetObject", &uri, err)),
        };
        let body = out.body.collect().await.with_context(|| format!("reading {uri}"))?;
        Ok(body.into_bytes())
    }

    async fn get_range(&self, bucket: &str, key: &str, range: std::ops::Range<u64>) -> Result<Bytes> {
        let uri = format!("s3://{bucket}/{key}");
        let header = format!("bytes={}-{}", range.start, range.end.saturating_sub(1));
        let out = match self.client.get_object().bucket(bucket).key(key).range(header).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_no_such_key()) => {
                return Err(NotFound(format!("object {uri}")).into());
            }
            Err(err) => return Err(call_failed("s3:GetObject", &uri, err)),
        };
        Ok(out.body.collect().await.with_context(|| format!("reading {uri}"))?.into_bytes())
    }

    async fn put(&self, bucket: &str, key: &str, body: Bytes) -> Result<()> {
        self.client
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|err| call_failed("s3:PutObject", &format!("s3://{bucket}/{key}"), err))?;
        Ok(())
    }

    async fn delete(&self, bucket: &str, keys: &[String]) -> Result<()> {
        for chunk in keys.chunks(DELETE_BATCH) {
            let objects = chunk
                .iter()
                .map(|key| ObjectIdentifier::builder().key(key).build())
                .collect::<Result<Vec<_>, _>>()?;
            let delete = Delete::builder().set_objects(Some(objects)).quiet(true).build()?;
            let out = self
                .client
                .delete_objects()
                .bucket(bucket)
                .delete(delete)
                .send()
                .await
                .map_err(|err| call_failed("s3:DeleteObjects", &format!("s3://{bucket}"), err))?;
            if let Some(first) = out.errors().first() {
                bail!(
                    "s3:DeleteObjects on s3://{bucket} failed for {} of {} keys, first {}: {}",
                    out.errors().len(),
                    chunk.len(),
                    first.key().unwrap_or("?"),
                    first.message().or(first.code()).unwrap_or("unknown error")
                );
            }
        }
        Ok(())
    }

    async fn check_bucket(&self, bucket: &str) -> Result<Option<String>> {
        match self.client.head_bucket().bucket(bucket).send().await {
            Ok(out) => Ok(out.bucket_region().map(str::to_string)),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_not_found()) => {
                Err(NotFound(format!("bucket {bucket}")).into())
            }
            Err(err) => Err(call_failed("s3:HeadBucket", &format!("s3://{bucket}"), err)),
        }
    }

    fn url(&self, location: &Location) -> String {
        format!("s3://{}/{}", location.bucket, location.prefix)
    }

    fn location_of(&self, url: &str) -> Option<Location> {
        let rest = url.strip_prefix("s3://")?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        (!bucket.is_empty()).then(|| Location { bucket: bucket.to_string(), prefix: prefix.to_string() })
    }

    fn describe_bucket(&self, area: Area, bucket: &str) -> (String, String) {
        (format!("{} bucket", area.name()), format!("s3://{bucket}"))
    }
}
