//! `bdctl doctor`: is this environment usable? Configuration, credentials, every resource the
//! environment names (buckets and their regions, catalog table, crawler, delivery stream, Glue job,
//! Lambda function, Athena workgroup) and the caller's permissions for each operation bdctl uses,
//! each reported as one row; exit 1 when any check fails. `--policy` prints the least-privilege
//! IAM policy for those resources instead.

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use crate::access::{AccessVerdict, ArnScope, policy_document, required_grants};
use crate::backend::{Backend, Identity, PostureTargets, Resource, TableLookup, is_not_found};
use crate::cli::DoctorArgs;
use crate::layout::{Area, area_location};
use crate::output::Table;
use crate::settings::Settings;

use crate::backend::CheckStatus as Status;
use crate::error::is_not_supported;

fn label(status: Status) -> &'static str {
    match status {
        Status::Ok => "ok",
        Status::Warn => "warn",
        Status::Fail => "fail",
        Status::Skip => "skip",
    }
}

struct Check {
    name: String,
    target: String,
    status: Status,
    detail: String,
}

struct Report {
    checks: Vec<Check>,
}

impl Report {
    fn add(
        &mut self,
        name: impl Into<String>,
        target: impl Into<String>,
        status: Status,
        detail: impl Into<String>,
    ) {
        self.checks.push(Check { name: name.into(), target: target.into(), status, detail: detail.into() });
    }
}

pub async fn run(ctx: &Context, args: DoctorArgs) -> Result<()> {
    let settings = ctx.settings()?;
    if args.policy {
        return print_policy(ctx, &settings).await;
    }
    let mut report = Report { checks: Vec::new() };
    let config_target = match &settings.config_file {
        Some(path) => path.display().to_string(),
        None => "embedded local environment".to_string(),
    };
    report.add(
        "configuration",
        config_target,
        Status::Ok,
        format!("environment `{}`, backend {}", settings.env_name.value, settings.backend.value.label()),
    );

    let spinner = ctx.printer.spinner("checking the environment");
    match ctx.backend(&settings).await {
        Ok(backend) => check_backend(&settings, &backend, &mut report).await,
        Err(err) => report.add(
            "connection",
            settings.backend.value.label(),
            Status::Fail,
            crate::error::message(&err),
        ),
    }
    spinner.finish_and_clear();

    let mut table = Table::new(["check", "target", "status", "detail"]);
    for check in &report.checks {
        table.push(vec![
            Value::from(check.name.as_str()),
            Value::from(check.target.as_str()),
            Value::from(label(check.status)),
            Value::from(check.detail.as_str()),
        ]);
    }
    ctx.printer.print_table(&table)?;
    let failed = report.checks.iter().filter(|c| c.status == Status::Fail).count();
    if failed > 0 {
        return Err(anyhow!("{failed} of {} checks failed", report.checks.len()));
    }
    Ok(())
}

async fn check_backend(settings: &Settings, backend: &Backend, report: &mut Report) {
    let identity = backend.platform.identity().await;
    let reachable = match &identity {
        Ok(identity) => {
            report.add(identity.checked, &identity.target, Status::Ok, &identity.detail);
            true
        }
        Err(err) => {
            let target = settings.profile.value.clone().map(|p| format!("profile {p}")).unwrap_or_default();
            report.add("credentials", target, Status::Fail, crate::error::message(err));
            false
        }
    };

    let mut seen_buckets: Vec<String> = Vec::new();
    let mut posture = PostureTargets::default();
    for area in Area::ALL {
        let location = match area_location(settings, area) {
            Ok(location) => location,
            Err(err) => {
                report.add(format!("{} bucket", area.name()), "", Status::Warn, crate::error::message(&err));
                continue;
            }
        };
        if seen_buckets.contains(&location.bucket) {
            continue;
        }
        seen_buckets.push(location.bucket.clone());
        let (name, target) = backend.objects.describe_bucket(area, &location.bucket);
        if !reachable {
            report.add(name, target, Status::Skip, "no usable credentials");
            continue;
        }
        match backend.objects.check_bucket(&location.bucket).await {
            Ok(Some(region)) if settings.region.value.as_ref().is_some_and(|r| *r != region) => report.add(
                name,
                target,
                Status::Fail,
                format!(
                    "in {region}, but the environment's region is {}: Athena and the SDK calls bdctl makes need them in one region",
                    settings.region.value.as_deref().unwrap_or_default()
                ),
            ),
            Ok(Some(region)) => {
                posture.buckets.push(location.bucket.clone());
                report.add(name, target, Status::Ok, format!("reachable, in {region}"))
            }
            Ok(None) => {
                posture.buckets.push(location.bucket.clone());
                report.add(name, target, Status::Ok, "reachable")
            }
            Err(err) if is_not_found(&err) => report.add(name, target, Status::Fail, "does not exist"),
            Err(err) => report.add(name, target, Status::Fail, crate::error::message(&err)),
        }
    }

    let database = &settings.glue_database.value;
    let table_name = &settings.glue_table.value;
    let target = format!("{database}.{table_name}");
    if !reachable {
        report.add("catalog table", target, Status::Skip, "no usable credentials");
        return;
    }
    match backend.catalog.lookup_table(database, table_name).await {
        Ok(TableLookup::Found(table)) => report.add(
            "catalog table",
            target,
            Status::Ok,
            format!("{} columns, {} partition keys", table.columns.len(), table.partition_keys.len()),
        ),
        Ok(TableLookup::TableMissing) => {
            report.add("catalog table", target, Status::Warn, "the table does not exist yet")
        }
        Ok(TableLookup::DatabaseMissing) => {
            let status = if backend.catalog.crawl_creates_database() { Status::Warn } else { Status::Fail };
            report.add("catalog table", target, status, format!("database `{database}` does not exist"))
        }
        Err(err) => report.add("catalog table", target, Status::Fail, crate::error::message(&err)),
    }

    check_resources(settings, backend, report, &mut posture).await;
    for check in backend.platform.posture(&posture).await {
        report.add(check.name, check.target, check.status, check.detail);
    }
    if let Ok(identity) = &identity {
        check_permissions(settings, backend, identity, report).await;
    }
}

/// The named resources beyond buckets and table: each must exist and be usable, and the ones that
/// write to S3 should write where the settings say.
async fn check_resources(
    settings: &Settings,
    backend: &Backend,
    report: &mut Report,
    posture: &mut PostureTargets,
) {
    if let Some(crawler) = &settings.glue_crawler.value {
        match backend.catalog.crawler_status(crawler).await {
            Ok(status) => {
                let last = match (&status.last_status, &status.last_error) {
                    (Some(last), Some(error)) => format!(", last crawl {last}: {error}"),
                    (Some(last), None) => format!(", last crawl {last}"),
                    _ => String::new(),
                };
                report.add("crawler", crawler, Status::Ok, format!("{}{last}", status.state))
            }
            Err(err) if is_not_supported(&err) => {}
            Err(err) if is_not_found(&err) => report.add("crawler", crawler, Status::Fail, "does not exist"),
            Err(err) => report.add("crawler", crawler, Status::Fail, crate::error::message(&err)),
        }
    }
    let mut resources = Vec::new();
    resources.extend(settings.firehose_stream.value.clone().map(Resource::DeliveryStream));
    resources.extend(settings.kinesis_stream.value.clone().map(Resource::DataStream));
    resources.extend(settings.glue_job.value.clone().map(Resource::GlueJob));
    resources.extend(settings.lambda_function.value.clone().map(Resource::Function));
    resources.push(Resource::Workgroup(settings.athena_workgroup.value.clone()));
    let raw = area_location(settings, Area::Raw).ok();
    for resource in resources {
        let (kind, name) = (resource.kind(), resource.name().to_string());
        let state = match backend.platform.describe(&resource).await {
            Ok(state) => state,
            Err(err) if is_not_supported(&err) => continue,
            Err(err) if is_not_found(&err) => {
                report.add(kind, name, Status::Fail, "does not exist");
                continue;
            }
            Err(err) => {
                report.add(kind, name, Status::Fail, crate::error::message(&err));
                continue;
            }
        };
        if !state.usable {
            report.add(kind, name, Status::Fail, state.detail);
            continue;
        }
        let found = Some(name.clone());
        match &resource {
            Resource::DeliveryStream(_) => posture.stream = found,
            Resource::DataStream(_) => {}
            Resource::GlueJob(_) => posture.job = found,
            Resource::Function(_) => posture.function = found,
            Resource::Workgroup(_) => posture.workgroup = found,
        }
        let (status, detail) = match (&resource, &state.writes_to, &raw) {
            (Resource::DeliveryStream(_), Some(to), Some(raw))
                if !to.starts_with(&format!("s3://{}/{}", raw.bucket, raw.prefix)) =>
            {
                (
                    Status::Warn,
                    format!(
                        "{}; raw data is expected under s3://{}/{}",
                        state.detail, raw.bucket, raw.prefix
                    ),
                )
            }
            // Firehose refuses PutRecordBatch from producers when a data stream feeds it.
            (Resource::DeliveryStream(_), _, _)
                if state.reads_from.is_some() && state.reads_from != settings.kinesis_stream.value =>
            {
                let source = state.reads_from.clone().unwrap_or_default();
                (
                    Status::Warn,
                    format!(
                        "{}; set `kinesis_stream = \"{source}\"` and send with `bdctl send --stream`: Firehose takes no direct puts from producers for such a stream",
                        state.detail
                    ),
                )
            }
            (Resource::Workgroup(_), None, _) if settings.results_bucket.value.is_none() => (
                Status::Fail,
                format!("{}; set `results_bucket` so that queries have somewhere to write", state.detail),
            ),
            _ => (Status::Ok, state.detail),
        };
        report.add(kind, name, status, detail);
    }
}

/// Asks IAM whether the caller may perform every operation bdctl uses on these resources.
async fn check_permissions(settings: &Settings, backend: &Backend, identity: &Identity, report: &mut Report) {
    if backend.platform.check_policy_applies().is_err() {
        return;
    }
    let region = settings.region.value.clone().unwrap_or_default();
    let scope = ArnScope::of_principal(&identity.principal, &identity.scope, &region);
    let grants = match required_grants(settings, &scope) {
        Ok(grants) => grants,
        Err(err) => {
            report.add("permissions", "", Status::Warn, crate::error::message(&err));
            return;
        }
    };
    match backend.platform.check_access(identity, &grants).await {
        Ok(AccessVerdict::Root) => report.add(
            "permissions",
            &identity.principal,
            Status::Warn,
            "root credentials are allowed everything; use an IAM role with `bdctl doctor --policy`",
        ),
        Ok(AccessVerdict::Evaluated(verdicts)) => {
            for (grant, (_, denials)) in grants.iter().zip(verdicts) {
                let name = format!("permission {}", grant.sid);
                if denials.is_empty() {
                    report.add(
                        name,
                        grant.purpose,
                        Status::Ok,
                        format!("{} actions allowed", grant.actions.len()),
                    );
                } else {
                    let listed: Vec<String> = denials
                        .iter()
                        .map(|d| format!("{} on {} {}", d.action, d.resource, d.decision))
                        .collect();
                    report.add(name, grant.purpose, Status::Fail, listed.join("; "));
                }
            }
        }
        Err(err) => report.add(
            "permissions",
            &identity.principal,
            Status::Warn,
            format!("not checked ({}); the checks above prove read access only", crate::error::message(&err)),
        ),
    }
}

async fn print_policy(ctx: &Context, settings: &Settings) -> Result<()> {
    let backend = ctx.backend(settings).await?;
    backend.platform.check_policy_applies()?;
    let region = settings.region.value.clone().unwrap_or_default();
    let scope = match backend.platform.identity().await {
        Ok(identity) => ArnScope::of_principal(&identity.principal, &identity.scope, &region),
        Err(err) => {
            ctx.printer.warn(format_args!(
                "the account is unknown ({}): `*` stands for it in the ARNs",
                crate::error::message(&err)
            ));
            ArnScope::any_account(&region)
        }
    };
    let document = policy_document(&required_grants(settings, &scope)?);
    let mut text = serde_json::to_string_pretty(&document)?;
    text.push('\n');
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
