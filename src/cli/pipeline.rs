use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
pub struct PipelineArgs {
    #[command(subcommand)]
    pub command: PipelineCommand,
}

#[derive(Debug, Subcommand)]
pub enum PipelineCommand {
    /// Create or update the Step Functions state machine that runs one day of the platform
    #[command(after_long_help = "\
The state machine (pipeline_state_machine, default bdctl-pipeline-ENV, running as
pipeline_role_arn) is built from the environment's resources. Its input is {\"date\": \"YYYY-MM-DD\"}.

  Transform     the Glue job over the day (glue:startJobRun.sync), or, with only a Lambda
                function (or --transform lambda), a distributed Map that lists the day's raw
                objects and invokes the function once per object
  ReadTable     the table's storage descriptor (aws-sdk:glue:getTable)
  AddPartition  the day's partition from it (aws-sdk:glue:createPartition); an existing partition
                is kept as it is. Both are left out when partition projection is on
  Reconcile     the function's reconcile request: the day's raw records against the rows of
                their outputs plus the quarantine; a day that does not add up fails the
                execution with the error Unbalanced. Left out without a Lambda function

The plan is shown first. A state machine that exists is updated only when its definition or role
differ; a second deploy with nothing changed changes nothing. At a terminal bdctl asks before
changing anything; elsewhere pass --yes.

On local there is no state machine: `bdctl pipeline run` carries the same steps out in process.

Examples:
  bdctl pipeline deploy --dry-run
  bdctl pipeline deploy --definition > pipeline.asl.json
  bdctl pipeline deploy --yes")]
    Deploy(PipelineDeployArgs),
    /// Run the pipeline for a day: one execution named after the date, followed state by state
    #[command(after_long_help = "\
The execution is named after the date (2024-06-01), so starting the same day twice is refused by
the service rather than run twice; --rerun starts another execution, named after the date and
the time. With --wait, one line per state entered and exited as Step Functions records them, then
a table of the steps; a failed execution exits 3 naming the failing state, its error and cause;
--timeout exits 4 (the execution goes on; `bdctl pipeline status` shows it).

On local the steps run in this process, in the same order and with the same names, and each run
is recorded under the data directory (pipeline/) so that `pipeline status` lists it and the same
day is refused a second time. --timeout is checked between steps.

Exit codes: 0 succeeded (or started, without --wait), 1 the day ran already, 3 the execution
failed, 4 --timeout passed.

Examples:
  bdctl pipeline run --date 2024-06-01 --wait
  bdctl pipeline run --date 2024-06-01 --wait --rerun")]
    Run(PipelineRunArgs),
    /// The pipeline's recent executions, newest first
    Status(PipelineStatusArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PipelineTransform {
    /// The Glue job (glue_job), one run over the day
    Glue,
    /// The Lambda function (lambda_function), one invocation per raw object
    Lambda,
}

#[derive(Debug, Args)]
pub struct PipelineDeployArgs {
    /// What runs the transform step (default: the Glue job when glue_job is set, else the function)
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub transform: Option<PipelineTransform>,
    /// Print the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the state machine's definition (Amazon States Language) and change nothing
    #[arg(long, conflicts_with = "dry_run")]
    pub definition: bool,
}

#[derive(Debug, Args)]
pub struct PipelineRunArgs {
    /// The day to run (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub date: NaiveDate,
    /// Follow the execution to its end
    #[arg(long)]
    pub wait: bool,
    /// With --wait: stop waiting after this long (exit 4; the execution goes on)
    #[arg(long, value_name = "DURATION", default_value = "2h", value_parser = humantime::parse_duration)]
    pub timeout: std::time::Duration,
    /// Run a day that ran already, as a new execution
    #[arg(long)]
    pub rerun: bool,
}

#[derive(Debug, Args)]
pub struct PipelineStatusArgs {
    /// How many executions to list
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
}
