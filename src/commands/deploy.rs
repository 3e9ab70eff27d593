//! `bdctl deploy lambda|glue`: install bdctl's transform as the environment's Lambda function or
//! as the Glue job's Spark script.

use anyhow::Result;

use super::Context;
use crate::backend::{FunctionSpec, GlueJobSpec};
use crate::cli::{DeployArgs, DeployGlueArgs, DeployLambdaArgs, DeployTarget};
use crate::error::usage;
use crate::layout::{Area, area_location};
use crate::output::Table;
use crate::services::deploy::{self, Deployment, GlueDeployment, HANDLER, RUNTIME, Step};
use crate::spark;

pub async fn run(ctx: &Context, args: DeployArgs) -> Result<()> {
    match args.target {
        DeployTarget::Lambda(args) => lambda(ctx, args).await,
        DeployTarget::Glue(args) => glue(ctx, args).await,
        DeployTarget::EmrServerless(args) => emr_serverless(ctx, args).await,
    }
}

async fn emr_serverless(ctx: &Context, args: DeployGlueArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    backend.jobs.check_deployable()?;
    let (bucket, key) = spark::script_location(&settings)?;
    let location = format!("s3://{bucket}/{key}");
    if deploy::script_uploaded(backend.objects.as_ref(), &bucket, &key, spark::SCRIPT).await? {
        ctx.printer.notice(format_args!("{location} is up to date: nothing to change"));
        return Ok(());
    }
    let plan = vec![(
        "upload script".to_string(),
        location.clone(),
        crate::pricing::human_bytes(spark::SCRIPT.len() as u64),
    )];
    if !go_ahead(ctx, plan, args.dry_run, None)? {
        return Ok(());
    }
    backend.objects.put(&bucket, &key, bytes::Bytes::from_static(spark::SCRIPT.as_bytes())).await?;
    ctx.printer.notice(format_args!("uploaded {location}: EMR Serverless runs take it as their entry point"));
    Ok(())
}

async fn glue(ctx: &Context, args: DeployGlueArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    backend.jobs.check_deployable()?;
    let name = super::remote::glue_job(&settings)?;
    let role = settings.glue_role_arn.value.clone().ok_or_else(|| {
        usage(format!(
            "`glue_role_arn` is not set for environment `{}`: the role the Glue job runs as \
             (bdctl.toml or BDCTL_GLUE_ROLE_ARN)",
            settings.env_name.value
        ))
    })?;
    let (script_bucket, script_key) = spark::script_location(&settings)?;
    let deployment = GlueDeployment {
        spec: GlueJobSpec {
            name: name.clone(),
            role,
            script_location: format!("s3://{script_bucket}/{script_key}"),
            glue_version: spark::GLUE_VERSION.to_string(),
            worker_type: settings.glue_worker_type.value.clone(),
            workers: settings.glue_workers.value,
            default_arguments: spark::default_arguments(&settings)?,
            description: format!("bdctl {} transform", env!("CARGO_PKG_VERSION")),
        },
        script_bucket,
        script_key,
        script: spark::SCRIPT,
    };
    let (jobs, objects) = (backend.jobs.as_ref(), backend.objects.as_ref());
    let (current, steps) = deploy::plan_glue(jobs, objects, &deployment).await?;
    if steps.is_empty() {
        ctx.printer.notice(format_args!("Glue job {name} is up to date: nothing to change"));
        return Ok(());
    }
    let plan = steps.iter().map(|step| step.describe(&deployment)).collect();
    let replaces_script =
        current.as_ref().is_some_and(|c| c.script_location != deployment.spec.script_location);
    let replacing = replaces_script.then(|| format!("replace the script of Glue job {name}"));
    if !go_ahead(ctx, plan, args.dry_run, replacing)? {
        return Ok(());
    }
    {
        let reporter = ctx.printer.reporter("deploying");
        deploy::apply_glue(jobs, objects, &deployment, current.as_ref(), &steps, &reporter).await?;
    }
    deployed(ctx, &name, steps.len());
    Ok(())
}

/// Prints the plan; says whether to carry it out: not on a dry run, and when it replaces what
/// runs (`replacing` says what) only once confirmed.
fn go_ahead(
    ctx: &Context,
    plan: Vec<(String, String, String)>,
    dry_run: bool,
    replacing: Option<String>,
) -> Result<bool> {
    let mut table = Table::new(["step", "resource", "change"]);
    for (step, resource, change) in plan {
        table.push(vec![step.into(), resource.into(), change.into()]);
    }
    ctx.printer.print_table(&table)?;
    if dry_run {
        ctx.printer.notice("dry run: nothing changed");
        return Ok(false);
    }
    if let Some(question) = replacing
        && !ctx.printer.confirm(&question)?
    {
        ctx.printer.notice("nothing changed");
        return Ok(false);
    }
    Ok(true)
}

fn deployed(ctx: &Context, name: &str, steps: usize) {
    ctx.printer
        .notice(format_args!("deployed {name}: {steps} step{} done", if steps == 1 { "" } else { "s" }));
}

async fn lambda(ctx: &Context, args: DeployLambdaArgs) -> Result<()> {
    let settings = ctx.settings()?;
    let backend = ctx.backend(&settings).await?;
    backend.functions.check_available()?;
    let name = super::remote::lambda_function(&settings)?;
    let role = settings.lambda_role_arn.value.clone().ok_or_else(|| {
        usage(format!(
            "`lambda_role_arn` is not set for environment `{}`: the role the function runs as \
             (bdctl.toml or BDCTL_LAMBDA_ROLE_ARN)",
            settings.env_name.value
        ))
    })?;
    let raw = area_location(&settings, Area::Raw)?;
    let package =
        crate::lambda::package::package(args.zip.as_deref(), args.executable.as_deref(), args.arch)?;
    let deployment = Deployment {
        spec: FunctionSpec {
            name: name.clone(),
            role,
            architecture: package.architecture.lambda_name().to_string(),
            memory_mb: args.memory.unwrap_or(settings.lambda_memory_mb.value),
            timeout_seconds: settings.lambda_timeout_seconds.value,
            environment: settings.function_environment(),
            runtime: RUNTIME.to_string(),
            handler: HANDLER.to_string(),
            description: format!("bdctl {} transform", env!("CARGO_PKG_VERSION")),
        },
        package,
        bucket: raw.bucket,
        prefix: raw.prefix,
    };
    let (_, steps) = deploy::plan(backend.functions.as_ref(), &deployment).await?;
    if steps.is_empty() {
        ctx.printer.notice(format_args!("Lambda function {name} is up to date: nothing to change"));
        return Ok(());
    }
    let plan = steps.iter().map(|step| step.describe(&deployment)).collect();
    let replacing = steps
        .iter()
        .any(|s| matches!(s, Step::ReplaceCode { .. }))
        .then(|| format!("replace the code of Lambda function {name}"));
    if !go_ahead(ctx, plan, args.dry_run, replacing)? {
        return Ok(());
    }
    {
        let reporter = ctx.printer.reporter("deploying");
        deploy::apply(backend.functions.as_ref(), &deployment, &steps, &reporter).await?;
    }
    deployed(ctx, &name, steps.len());
    Ok(())
}
