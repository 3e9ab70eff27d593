//! `bdctl doctor`: is this environment usable? Configuration, credentials, the lake's buckets and
//! the catalog table, each reported as one row; exit 1 when any check fails.

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use crate::backend::{Area, Backend, TableLookup, area_location, is_not_found};
use crate::cli::DoctorArgs;
use crate::output::Table;
use crate::settings::{BackendKind, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Warn,
    Fail,
    Skip,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
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

pub async fn run(ctx: &Context, _args: DoctorArgs) -> Result<()> {
    let settings = ctx.settings()?;
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
        Err(err) => {
            report.add("connection", settings.backend.value.label(), Status::Fail, crate::error::render(&err))
        }
    }
    spinner.finish_and_clear();

    let mut table = Table::new(["check", "target", "status", "detail"]);
    for check in &report.checks {
        table.push(vec![
            Value::from(check.name.as_str()),
            Value::from(check.target.as_str()),
            Value::from(check.status.label()),
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
    let identity_name = match backend.kind {
        BackendKind::Aws => "credentials",
        BackendKind::Local => "data directory",
    };
    let reachable = match backend.platform.identity().await {
        Ok(identity) => {
            let detail = match backend.kind {
                BackendKind::Aws => format!("account {}", identity.scope),
                BackendKind::Local => format!("as {}", identity.principal),
            };
            let target = match backend.kind {
                BackendKind::Aws => identity.principal,
                BackendKind::Local => identity.scope,
            };
            report.add(identity_name, target, Status::Ok, detail);
            true
        }
        Err(err) => {
            let target = settings.profile.value.clone().map(|p| format!("profile {p}")).unwrap_or_default();
            report.add(identity_name, target, Status::Fail, crate::error::render(&err));
            false
        }
    };

    let mut seen_buckets: Vec<String> = Vec::new();
    for area in Area::ALL {
        let location = match area_location(settings, area) {
            Ok(location) => location,
            Err(err) => {
                report.add(format!("{} bucket", area.name()), "", Status::Warn, crate::error::render(&err));
                continue;
            }
        };
        if seen_buckets.contains(&location.bucket) {
            continue;
        }
        seen_buckets.push(location.bucket.clone());
        let (name, target) = match backend.kind {
            BackendKind::Aws => (format!("{} bucket", area.name()), format!("s3://{}", location.bucket)),
            BackendKind::Local => {
                ("lake".to_string(), settings.data_dir.value.join(&location.bucket).display().to_string())
            }
        };
        if !reachable {
            report.add(name, target, Status::Skip, "no usable credentials");
            continue;
        }
        match backend.objects.check_bucket(&location.bucket).await {
            Ok(()) => report.add(name, target, Status::Ok, "reachable"),
            Err(err) if is_not_found(&err) => report.add(name, target, Status::Fail, "does not exist"),
            Err(err) => report.add(name, target, Status::Fail, crate::error::render(&err)),
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
            let status = if backend.kind == BackendKind::Local { Status::Warn } else { Status::Fail };
            report.add("catalog table", target, status, format!("database `{database}` does not exist"))
        }
        Err(err) => report.add("catalog table", target, Status::Fail, crate::error::render(&err)),
    }
}
