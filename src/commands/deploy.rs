//! `bdctl deploy lambda`: install bdctl's transform as the environment's Lambda function.

use anyhow::Result;

use super::Context;
use crate::backend::FunctionSpec;
use crate::cli::{DeployArgs, DeployLambdaArgs, DeployTarget};
use crate::error::usage;
use crate::layout::{Area, area_location};
use crate::output::Table;
use crate::services::deploy::{self, Deployment, HANDLER, RUNTIME, Step};

pub async fn run(ctx: &Context, args: DeployArgs) -> Result<()> {
    match args.target {
        DeployTarget::Lambda(args) => lambda(ctx, args).await,
    }
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
    let mut table = Table::new(["step", "resource", "change"]);
    for step in &steps {
        let (action, change) = step.describe(&deployment);
        let resource = match step {
            Step::SetTrigger { .. } => format!("s3://{}", deployment.bucket),
            _ => name.clone(),
        };
        table.push(vec![action.into(), resource.into(), change.into()]);
    }
    ctx.printer.print_table(&table)?;
    if args.dry_run {
        ctx.printer.notice("dry run: nothing changed");
        return Ok(());
    }
    if steps.iter().any(|s| matches!(s, Step::ReplaceCode { .. }))
        && !ctx.printer.confirm(&format!("replace the code of Lambda function {name}"))?
    {
        ctx.printer.notice("nothing changed");
        return Ok(());
    }
    {
        let reporter = ctx.printer.reporter("deploying");
        deploy::apply(backend.functions.as_ref(), &deployment, &steps, &reporter).await?;
    }
    ctx.printer.notice(format_args!(
        "deployed {name}: {} step{} done",
        steps.len(),
        if steps.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}
