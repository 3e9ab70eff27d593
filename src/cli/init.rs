use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  bdctl init                                   # asks on a terminal
  bdctl init --no-input --name dev --backend aws --set region=eu-west-1 \\
      --set raw_bucket=acme-raw --set transformed_bucket=acme-lake --set results_bucket=acme-athena

Run against an existing bdctl.toml, init adds the environment and keeps everything else.")]
pub struct InitArgs {
    /// Name of the environment to write
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Backend of the environment
    #[arg(long, value_parser = backends())]
    pub backend: Option<String>,

    /// Set a key of the environment (see `bdctl config keys`); repeatable
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub values: Vec<String>,

    /// File to write (default: ./bdctl.toml)
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Replace the environment when the file already defines it
    #[arg(long)]
    pub force: bool,

    /// Make this environment the file's default_env
    #[arg(long)]
    pub default: bool,
}

fn backends() -> PossibleValuesParser {
    PossibleValuesParser::new([
        PossibleValue::new("aws").help("The real services through the AWS SDK"),
        PossibleValue::new("local").help("The embedded platform on the local disk"),
    ])
}
