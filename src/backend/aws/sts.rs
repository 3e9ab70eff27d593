use anyhow::Result;
use async_trait::async_trait;

use super::call_failed;
use crate::backend::{Identity, Platform};

pub struct StsPlatform {
    client: aws_sdk_sts::Client,
}

impl StsPlatform {
    pub fn new(client: aws_sdk_sts::Client) -> Self {
        Self { client }
    }
}

#[async_trait]
impl Platform for StsPlatform {
    async fn identity(&self) -> Result<Identity> {
        let out = self
            .client
            .get_caller_identity()
            .send()
            .await
            .map_err(|err| call_failed("sts:GetCallerIdentity", "the current credentials", err))?;
        Ok(Identity {
            principal: out.arn().unwrap_or("unknown principal").to_string(),
            scope: out.account().unwrap_or("unknown account").to_string(),
        })
    }
}
