//! Who the caller is (STS), what IAM allows it to do, and the state of the platform's named
//! resources (delivery stream, Glue job, Lambda function, Athena workgroup).

use anyhow::Result;
use async_trait::async_trait;
use aws_sdk_iam::types::PolicyEvaluationDecisionType;

use super::call_failed;
use crate::access::{AccessVerdict, Denial, Grant};
use crate::backend::{Identity, NotFound, Platform, PostureCheck, PostureTargets, Resource, ResourceState};

pub struct AwsPlatform {
    clients: super::Clients,
}

impl AwsPlatform {
    pub fn new(clients: super::Clients) -> Self {
        Self { clients }
    }

    pub(super) fn clients(&self) -> &super::Clients {
        &self.clients
    }

    /// The IAM principal whose policies apply to `arn`. An assumed-role session is governed by
    /// its role, whose ARN (with its path) IAM has to tell.
    async fn policy_source(&self, arn: &str) -> Result<Option<String>> {
        let Some((prefix, resource)) = arn.split_once(":assumed-role/") else {
            return Ok(Some(arn.to_string()));
        };
        let role_name = resource.split('/').next().unwrap_or(resource);
        match self.clients.iam.get_role().role_name(role_name).send().await {
            Ok(out) => Ok(out.role().map(|role| role.arn().to_string())),
            // Without iam:GetRole, the role is assumed to have no path.
            Err(_) => Ok(Some(format!("{}:role/{role_name}", prefix.replacen(":sts:", ":iam:", 1)))),
        }
    }
}

fn decision_label(decision: &PolicyEvaluationDecisionType) -> Option<&'static str> {
    match decision {
        PolicyEvaluationDecisionType::Allowed => None,
        PolicyEvaluationDecisionType::ExplicitDeny => Some("explicitly denied"),
        _ => Some("not allowed"),
    }
}

#[async_trait]
impl Platform for AwsPlatform {
    fn check_policy_applies(&self) -> Result<()> {
        Ok(())
    }

    async fn posture(&self, targets: &PostureTargets) -> Vec<PostureCheck> {
        self.posture_checks(targets).await
    }

    async fn identity(&self) -> Result<Identity> {
        let out = self
            .clients
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(|err| call_failed("sts:GetCallerIdentity", "the current credentials", err))?;
        let principal = out.arn().unwrap_or("unknown principal").to_string();
        let scope = out.account().unwrap_or("unknown account").to_string();
        Ok(Identity {
            checked: "credentials",
            target: principal.clone(),
            detail: format!("account {scope}"),
            principal,
            scope,
        })
    }

    async fn check_access(&self, identity: &Identity, grants: &[Grant]) -> Result<AccessVerdict> {
        if identity.principal.ends_with(":root") {
            return Ok(AccessVerdict::Root);
        }
        let Some(source) = self.policy_source(&identity.principal).await? else {
            anyhow::bail!("IAM cannot simulate the policies of {}", identity.principal);
        };
        let mut verdicts = Vec::with_capacity(grants.len());
        for grant in grants {
            let mut denials = Vec::new();
            let mut pages = self
                .clients
                .iam
                .simulate_principal_policy()
                .policy_source_arn(&source)
                .set_action_names(Some(grant.actions.iter().map(|a| a.to_string()).collect()))
                .set_resource_arns(Some(grant.resources.clone()))
                .into_paginator()
                .send();
            while let Some(page) = pages.next().await {
                let page = page.map_err(|err| call_failed("iam:SimulatePrincipalPolicy", &source, err))?;
                for result in page.evaluation_results() {
                    let action = result.eval_action_name();
                    let per_resource = result.resource_specific_results();
                    if per_resource.is_empty() {
                        if let Some(label) = decision_label(result.eval_decision()) {
                            denials.push(Denial {
                                action: action.to_string(),
                                resource: result.eval_resource_name().unwrap_or("*").to_string(),
                                decision: label.to_string(),
                            });
                        }
                        continue;
                    }
                    for specific in per_resource {
                        if let Some(label) = decision_label(specific.eval_resource_decision()) {
                            denials.push(Denial {
                                action: action.to_string(),
                                resource: specific.eval_resource_name().to_string(),
                                decision: label.to_string(),
                            });
                        }
                    }
                }
            }
            verdicts.push((grant.sid, denials));
        }
        Ok(AccessVerdict::Evaluated(verdicts))
    }

    async fn describe(&self, resource: &Resource) -> Result<ResourceState> {
        match resource {
            Resource::DeliveryStream(name) => self.describe_stream(name).await,
            Resource::DataStream(name) => self.describe_data_stream(name).await,
            Resource::GlueJob(name) => self.describe_job(name).await,
            Resource::Function(name) => self.describe_function(name).await,
            Resource::Workgroup(name) => self.describe_workgroup(name).await,
        }
    }
}

impl AwsPlatform {
    async fn describe_stream(&self, name: &str) -> Result<ResourceState> {
        let out =
            match self.clients.firehose.describe_delivery_stream().delivery_stream_name(name).send().await {
                Ok(out) => out,
                Err(err) if err.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) => {
                    return Err(NotFound(format!("delivery stream {name}")).into());
                }
                Err(err) => return Err(call_failed("firehose:DescribeDeliveryStream", name, err)),
            };
        let description = out.delivery_stream_description();
        let status = description.map(|d| d.delivery_stream_status().as_str().to_string()).unwrap_or_default();
        let writes_to = description.and_then(|d| d.destinations().first()).and_then(|destination| {
            let (arn, prefix) = match (
                destination.extended_s3_destination_description(),
                destination.s3_destination_description(),
            ) {
                (Some(s3), _) => (s3.bucket_arn(), s3.prefix()),
                (None, Some(s3)) => (s3.bucket_arn(), s3.prefix()),
                _ => return None,
            };
            let bucket = arn.rsplit(':').next().unwrap_or(arn);
            Some(format!("s3://{bucket}/{}", prefix.unwrap_or_default()))
        });
        // A delivery stream fed by a Kinesis data stream names it by ARN.
        let reads_from = description
            .and_then(|d| d.source())
            .and_then(|source| source.kinesis_stream_source_description())
            .and_then(|kinesis| kinesis.kinesis_stream_arn())
            .map(|arn| arn.rsplit_once("stream/").map_or(arn, |(_, name)| name).to_string());
        let source = match &reads_from {
            Some(stream) => format!(", reads Kinesis stream {stream}"),
            None => String::new(),
        };
        Ok(ResourceState {
            usable: status == "ACTIVE",
            detail: match &writes_to {
                Some(to) => format!("{status}{source}, delivers to {to}"),
                None => format!("{status}{source}, not delivering to S3"),
            },
            writes_to,
            reads_from,
        })
    }

    async fn describe_data_stream(&self, name: &str) -> Result<ResourceState> {
        let out = match self.clients.kinesis.describe_stream_summary().stream_name(name).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) => {
                return Err(NotFound(format!("Kinesis stream {name}")).into());
            }
            Err(err) => return Err(call_failed("kinesis:DescribeStreamSummary", name, err)),
        };
        let summary = out.stream_description_summary();
        let status = summary.map(|s| s.stream_status().as_str().to_string()).unwrap_or_default();
        let mut detail = status.clone();
        if let Some(summary) = summary {
            detail.push_str(&format!(", {} open shards", summary.open_shard_count()));
            detail.push_str(&format!(", keeps records {} h", summary.retention_period_hours()));
        }
        // A stream being resharded (UPDATING) still takes and serves records.
        Ok(ResourceState {
            usable: matches!(status.as_str(), "ACTIVE" | "UPDATING"),
            detail,
            writes_to: None,
            reads_from: None,
        })
    }

    async fn describe_job(&self, name: &str) -> Result<ResourceState> {
        let out = match self.clients.glue.get_job().job_name(name).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_entity_not_found_exception()) => {
                return Err(NotFound(format!("Glue job {name}")).into());
            }
            Err(err) => return Err(call_failed("glue:GetJob", name, err)),
        };
        let job = out.job();
        let mut detail = match job.and_then(|j| j.glue_version()) {
            Some(version) => format!("Glue {version}"),
            None => "Glue job".to_string(),
        };
        match (job.and_then(|j| j.worker_type()), job.and_then(|j| j.number_of_workers())) {
            (Some(worker), Some(count)) => detail.push_str(&format!(", {count} × {}", worker.as_str())),
            _ => {
                if let Some(capacity) = job.and_then(|j| j.max_capacity()) {
                    detail.push_str(&format!(", {capacity} DPU"));
                }
            }
        }
        Ok(ResourceState { usable: true, detail, writes_to: None, reads_from: None })
    }

    async fn describe_function(&self, name: &str) -> Result<ResourceState> {
        let out = match self.clients.lambda.get_function().function_name(name).send().await {
            Ok(out) => out,
            Err(err) if err.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) => {
                return Err(NotFound(format!("Lambda function {name}")).into());
            }
            Err(err) => return Err(call_failed("lambda:GetFunction", name, err)),
        };
        let configuration = out.configuration();
        let state = configuration.and_then(|c| c.state()).map(|s| s.as_str().to_string());
        let runtime = configuration.and_then(|c| c.runtime()).map_or("container image", |r| r.as_str());
        let memory = configuration.and_then(|c| c.memory_size()).unwrap_or_default();
        let usable = state.as_deref().is_none_or(|s| s == "Active");
        Ok(ResourceState {
            usable,
            detail: format!("{}, {runtime}, {memory} MB", state.as_deref().unwrap_or("Active")),
            writes_to: None,
            reads_from: None,
        })
    }

    async fn describe_workgroup(&self, name: &str) -> Result<ResourceState> {
        let out = match self.clients.athena.get_work_group().work_group(name).send().await {
            Ok(out) => out,
            Err(err)
                if err.as_service_error().is_some_and(|e| {
                    e.is_invalid_request_exception()
                        && e.meta().message().is_some_and(|m| m.to_ascii_lowercase().contains("not found"))
                }) =>
            {
                return Err(NotFound(format!("Athena workgroup {name}")).into());
            }
            Err(err) => return Err(call_failed("athena:GetWorkGroup", name, err)),
        };
        let group = out.work_group();
        let state = group.and_then(|g| g.state()).map_or("ENABLED", |s| s.as_str()).to_string();
        let configuration = group.and_then(|g| g.configuration());
        let writes_to = configuration
            .and_then(|c| c.result_configuration())
            .and_then(|r| r.output_location())
            .map(str::to_string);
        let enforced = configuration.and_then(|c| c.enforce_work_group_configuration()).unwrap_or(false);
        let mut detail = state.clone();
        match &writes_to {
            Some(location) if enforced => detail.push_str(&format!(", results forced to {location}")),
            Some(location) => detail.push_str(&format!(", default results in {location}")),
            None => detail.push_str(", no result location of its own"),
        }
        Ok(ResourceState { usable: state == "ENABLED", detail, writes_to, reads_from: None })
    }
}
