//! Streaming reads and multipart writes of S3 objects for blocking code (the transform runs on
//! blocking threads): each call waits on the runtime from the blocking thread, so memory holds
//! one network chunk when reading and one part when writing, whatever the object's size.

use std::io::{self, Read, Write};

use anyhow::Result;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use bytes::Bytes;
use tokio::runtime::Handle;

use super::call_failed;
use crate::backend::{NotFound, StagedObject};

/// Parts of 8 MiB: above S3's 5 MiB minimum, and few enough for objects of many GB.
pub const PART_BYTES: usize = 8 * 1024 * 1024;

pub struct S3Reader {
    handle: Handle,
    body: ByteStream,
    chunk: Bytes,
}

impl S3Reader {
    pub fn open(handle: Handle, client: &aws_sdk_s3::Client, bucket: &str, key: &str) -> Result<Self> {
        let uri = format!("s3://{bucket}/{key}");
        let sent = handle.block_on(client.get_object().bucket(bucket).key(key).send());
        let out = match sent {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_no_such_key()) => {
                return Err(NotFound(format!("object {uri}")).into());
            }
            Err(err) => return Err(call_failed("s3:GetObject", &uri, err)),
        };
        Ok(Self { handle, body: out.body, chunk: Bytes::new() })
    }
}

impl Read for S3Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.chunk.is_empty() {
            match self.handle.block_on(self.body.try_next()) {
                Ok(Some(chunk)) => self.chunk = chunk,
                Ok(None) => return Ok(0),
                Err(err) => return Err(io::Error::other(err)),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

pub struct S3Upload {
    handle: Handle,
    client: aws_sdk_s3::Client,
    bucket: String,
    key: String,
    buffer: Vec<u8>,
    upload_id: Option<String>,
    parts: Vec<CompletedPart>,
    written: u64,
    done: bool,
}

impl S3Upload {
    pub fn new(handle: Handle, client: aws_sdk_s3::Client, bucket: &str, key: &str) -> Self {
        Self {
            handle,
            client,
            bucket: bucket.to_string(),
            key: key.to_string(),
            buffer: Vec::with_capacity(PART_BYTES),
            upload_id: None,
            parts: Vec::new(),
            written: 0,
            done: false,
        }
    }

    fn uri(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key)
    }

    fn upload_part(&mut self) -> Result<()> {
        let upload_id = match &self.upload_id {
            Some(id) => id.clone(),
            None => {
                let created = self
                    .handle
                    .block_on(
                        self.client.create_multipart_upload().bucket(&self.bucket).key(&self.key).send(),
                    )
                    .map_err(|err| call_failed("s3:CreateMultipartUpload", &self.uri(), err))?;
                let id = created.upload_id().unwrap_or_default().to_string();
                self.upload_id = Some(id.clone());
                id
            }
        };
        let part_number = self.parts.len() as i32 + 1;
        let body = std::mem::replace(&mut self.buffer, Vec::with_capacity(PART_BYTES));
        let uploaded = self
            .handle
            .block_on(
                self.client
                    .upload_part()
                    .bucket(&self.bucket)
                    .key(&self.key)
                    .upload_id(&upload_id)
                    .part_number(part_number)
                    .body(ByteStream::from(body))
                    .send(),
            )
            .map_err(|err| call_failed("s3:UploadPart", &self.uri(), err))?;
        self.parts.push(
            CompletedPart::builder()
                .set_e_tag(uploaded.e_tag().map(str::to_string))
                .part_number(part_number)
                .build(),
        );
        Ok(())
    }
}

impl Write for S3Upload {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        self.written += buf.len() as u64;
        if self.buffer.len() >= PART_BYTES {
            self.upload_part().map_err(io::Error::other)?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl StagedObject for S3Upload {
    fn commit(mut self: Box<Self>) -> Result<u64> {
        match self.upload_id.clone() {
            None => {
                let body = std::mem::take(&mut self.buffer);
                self.handle
                    .block_on(
                        self.client
                            .put_object()
                            .bucket(&self.bucket)
                            .key(&self.key)
                            .body(ByteStream::from(body))
                            .send(),
                    )
                    .map_err(|err| call_failed("s3:PutObject", &self.uri(), err))?;
            }
            Some(upload_id) => {
                if !self.buffer.is_empty() {
                    self.upload_part()?;
                }
                let parts = CompletedMultipartUpload::builder()
                    .set_parts(Some(std::mem::take(&mut self.parts)))
                    .build();
                self.handle
                    .block_on(
                        self.client
                            .complete_multipart_upload()
                            .bucket(&self.bucket)
                            .key(&self.key)
                            .upload_id(upload_id)
                            .multipart_upload(parts)
                            .send(),
                    )
                    .map_err(|err| call_failed("s3:CompleteMultipartUpload", &self.uri(), err))?;
            }
        }
        self.done = true;
        Ok(self.written)
    }
}

impl Drop for S3Upload {
    fn drop(&mut self) {
        // An upload that was started and not completed would be billed until a lifecycle rule
        // cleans it up: abort it, without blocking whoever drops it.
        if let (false, Some(upload_id)) = (self.done, self.upload_id.take()) {
            let request =
                self.client.abort_multipart_upload().bucket(&self.bucket).key(&self.key).upload_id(upload_id);
            self.handle.spawn(async move {
                let _ = request.send().await;
            });
        }
    }
}
