//! `bdctl warehouse load|spectrum`: Redshift beside the lake.

use anyhow::Result;
use serde_json::Value;

use super::Context;
use crate::backend::{Backend, StatementsOutcome};
use crate::cli::{WarehouseArgs, WarehouseCommand, WarehouseLoadArgs, WarehouseSpectrumArgs};
use crate::error::{RemoteFailed, usage};
use crate::output::Table;
use crate::services::warehouse::{LoadRequest, load, spectrum_statement};
use crate::settings::Settings;

pub async fn run(ctx: &Context, args: WarehouseArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    backend.warehouse.check_available()?;
    match args.command {
        WarehouseCommand::Load(args) => load_days(ctx, &backend, &settings, args).await,
        WarehouseCommand::Spectrum(args) => spectrum(ctx, &backend, &settings, args).await,
    }
}

fn iam_role(settings: &Settings, purpose: &str) -> Result<String> {
    settings.redshift_iam_role.value.clone().ok_or_else(|| {
        usage(format!(
            "`redshift_iam_role` is not set for environment `{}`: the role Redshift assumes to {purpose} (bdctl.toml or BDCTL_REDSHIFT_IAM_ROLE)",
            settings.env_name.value
        ))
    })
}

async fn load_days(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    args: WarehouseLoadArgs,
) -> Result<()> {
    let (from, to) = match (args.date, args.from, args.to) {
        (Some(day), _, _) => (day, day),
        (None, Some(from), Some(to)) => (from, to),
        _ => return Err(usage("give --date, or --from and --to")),
    };
    if from > to {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let request = LoadRequest {
        database: settings.glue_database.value.clone(),
        glue_table: settings.glue_table.value.clone(),
        table_setting: settings.redshift_table.value.clone(),
        iam_role: iam_role(settings, "read the lake's files (COPY)")?,
        from,
        to,
        dry_run: args.dry_run,
        timeout: args.timeout,
    };
    let printer = &ctx.printer;
    let loads = {
        let reporter = printer.reporter(format!(
            "loading into {} on {}",
            request.table_setting,
            backend.warehouse.target()
        ));
        let mut show = |day: chrono::NaiveDate, statements: &[String]| {
            if request.dry_run {
                for statement in statements {
                    crate::backend::Reporter::notice(&reporter, &format!("{day}: {statement};"));
                }
            }
        };
        load(backend, settings, &request, &reporter, &mut show).await?
    };
    let mut table = Table::new([
        "day",
        "status",
        "files",
        "bytes",
        "rows_in_files",
        "rows_loaded",
        "rows_replaced",
        "seconds",
    ]);
    for day in &loads {
        table.push(vec![
            day.day.to_string().into(),
            day.status.into(),
            (day.files as u64).into(),
            day.bytes.into(),
            day.rows_in_files.into(),
            day.rows_loaded.map_or(Value::Null, Value::from),
            day.rows_replaced.map_or(Value::Null, Value::from),
            crate::output::number((day.seconds * 10.0).round() / 10.0),
        ]);
    }
    printer.print_table(&table)?;
    let loaded: Vec<_> = loads.iter().filter(|d| d.status == "loaded").collect();
    if !request.dry_run {
        let rows: i64 = loaded.iter().filter_map(|d| d.rows_loaded).sum();
        printer.notice(format_args!(
            "{} of {} days loaded into {} ({rows} rows)",
            loaded.len(),
            loads.len(),
            request.table_setting
        ));
    }
    Ok(())
}

async fn spectrum(
    ctx: &Context,
    backend: &Backend,
    settings: &Settings,
    args: WarehouseSpectrumArgs,
) -> Result<()> {
    let region = settings.region.value.clone().ok_or_else(|| {
        usage(format!(
            "no region for environment `{}`: Spectrum reads the Glue catalog of a region (set `region`)",
            settings.env_name.value
        ))
    })?;
    let schema = &settings.redshift_external_schema.value;
    let statement = spectrum_statement(
        schema,
        &settings.glue_database.value,
        &iam_role(settings, "read the Glue catalog and the lake (Spectrum)")?,
        &region,
    );
    if args.dry_run {
        println!("{statement};");
        return Ok(());
    }
    let deadline = args.timeout.map(|t| std::time::Instant::now() + t);
    let outcome = {
        let reporter = ctx.printer.reporter(format!("creating the external schema {schema}"));
        backend.warehouse.run_statements(std::slice::from_ref(&statement), deadline, &reporter).await?
    };
    match outcome {
        StatementsOutcome::Finished(_) => {
            let mut table = Table::new(["external_schema", "glue_database", "reads"]);
            table.push(vec![
                schema.as_str().into(),
                settings.glue_database.value.as_str().into(),
                format!("{schema}.{}", settings.glue_table.value).into(),
            ]);
            ctx.printer.print_table(&table)?;
            ctx.printer.notice(format_args!(
                "Redshift ({}) reads the lake in place: bdctl query --engine redshift \"SELECT count(*) FROM {schema}.{}\"",
                backend.warehouse.target(),
                settings.glue_table.value
            ));
            Ok(())
        }
        StatementsOutcome::Failed { error, .. } => {
            Err(RemoteFailed(format!("creating the external schema {schema}: {error}")).into())
        }
    }
}
