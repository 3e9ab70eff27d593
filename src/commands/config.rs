use anyhow::{Result, anyhow};
use serde_json::Value;

use super::Context;
use crate::cli::{ConfigArgs, ConfigCommand};
use crate::error::usage;
use crate::output::Table;
use crate::settings::{KEYS, env_var_for};

pub async fn run(ctx: &Context, args: ConfigArgs) -> Result<()> {
    match args.command {
        ConfigCommand::Show { keys } => show(ctx, &keys),
        ConfigCommand::Path => {
            let settings = ctx.settings()?;
            match &settings.config_file {
                Some(path) => {
                    ctx.printer.print_table(&single_value("path", path.display().to_string()))?;
                    Ok(())
                }
                None => Err(anyhow!("no configuration file: the embedded local environment is in use")),
            }
        }
        ConfigCommand::Keys => {
            let mut table = Table::new(["key", "env", "default", "description"]);
            for key in KEYS {
                let var =
                    if key.name == "backend" { "BDCTL_BACKEND".to_string() } else { env_var_for(key.name) };
                table.push(vec![key.name.into(), var.into(), key.default.into(), key.doc.into()]);
            }
            ctx.printer.print_table(&table)?;
            Ok(())
        }
    }
}

fn single_value(column: &str, value: String) -> Table {
    let mut table = Table::new([column]);
    table.push(vec![Value::String(value)]);
    table
}

fn show(ctx: &Context, keys: &[String]) -> Result<()> {
    let settings = ctx.settings()?;
    let entries = settings.entries();
    if let Some(unknown) = keys.iter().find(|k| !entries.iter().any(|e| e.key == k.as_str())) {
        return Err(usage(format!("unknown key `{unknown}` (see `bdctl config keys`)")));
    }
    let mut table = Table::new(["key", "value", "source"]);
    for entry in entries.into_iter().filter(|e| keys.is_empty() || keys.iter().any(|k| k == e.key)) {
        table.push(vec![entry.key.into(), entry.value.into(), entry.source.to_string().into()]);
    }
    ctx.printer.print_table(&table)?;
    Ok(())
}
