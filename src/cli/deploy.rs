use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
pub struct DeployArgs {
    #[command(subcommand)]
    pub target: DeployTarget,
}

#[derive(Debug, Subcommand)]
pub enum DeployTarget {
    /// Install the transform function on AWS Lambda and trigger it from the raw bucket
    #[command(after_long_help = "\
The function is bdctl's own transform (the `bdctl-lambda` executable, installed beside `bdctl`),
packaged as `bootstrap` of the provided.al2023 runtime. It writes the same Parquet, quarantine
and manifests as `bdctl transform`, with the settings of this environment as BDCTL_* variables.

bdctl packages the executable only after checking it runs there: a Linux ELF of the chosen
architecture that needs at most glibc 2.34. Elsewhere (macOS, Windows, or for arm64 from an x86_64
machine) build it with cargo-lambda and pass the zip:
  cargo lambda build --release --arm64 --bin bdctl-lambda --output-format zip
  bdctl deploy lambda --zip target/lambda/bdctl-lambda/bootstrap.zip

Deploy creates or updates the function (lambda_function, role lambda_role_arn, memory
lambda_memory_mb, timeout lambda_timeout_seconds), lets S3 invoke it for the raw bucket, and adds
the bucket notification for new `.gz` objects under raw_prefix. Every other notification of the
bucket is kept exactly. A second run with nothing changed changes nothing.")]
    Lambda(DeployLambdaArgs),
    /// Upload the Spark transform script and create or update the Glue job that runs it
    #[command(after_long_help = "\
The script is bdctl's own transform as a PySpark job (jobs/transform_job.py, shipped inside
bdctl), uploaded to scripts_bucket under scripts_prefix with its content hash in the name, so a
new version never replaces the script a running job reads. The job (glue_job) runs it on Glue 5.0
with glue_worker_type × glue_workers workers as glue_role_arn; its default arguments point it at
the environment's raw, transformed and errors areas. Arguments someone else added to the job are
kept. A second run with nothing changed changes nothing; replacing the script of an existing job
asks first (or --yes).")]
    Glue(DeployGlueArgs),
    /// Upload the Spark transform script that EMR Serverless runs (transform|backfill --remote emr-serverless)
    #[command(after_long_help = "\
The script is the one `deploy glue` uploads (jobs/transform_job.py, shipped inside bdctl), under
scripts_bucket/scripts_prefix with its content hash in the name. Runs name it as their entry point
on the application emr_application_id, as emr_role_arn, with the lake's roots as arguments.")]
    EmrServerless(DeployGlueArgs),
}

#[derive(Debug, Args)]
pub struct DeployGlueArgs {
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DeployLambdaArgs {
    /// Architecture of the function (default: the executable's own)
    #[arg(long, value_enum)]
    pub arch: Option<Architecture>,
    /// Memory of the function in MB (default: lambda_memory_mb)
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u32).range(128..=10240))]
    pub memory: Option<u32>,
    /// Deploy this zip (its `bootstrap` at the root) instead of packaging the installed executable
    #[arg(long, value_name = "PATH", conflicts_with = "executable")]
    pub zip: Option<PathBuf>,
    /// Package this executable as `bootstrap` (default: bdctl-lambda beside bdctl)
    #[arg(long, value_name = "PATH")]
    pub executable: Option<PathBuf>,
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Architecture {
    #[value(name = "x86_64")]
    X86_64,
    Arm64,
}

impl Architecture {
    /// The name Lambda uses.
    pub fn lambda_name(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }
}
