use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct WarehouseArgs {
    #[command(subcommand)]
    pub command: WarehouseCommand,
}

#[derive(Debug, Subcommand)]
pub enum WarehouseCommand {
    /// Load days of the lake into the Redshift table, each replaced in one transaction
    #[command(after_long_help = "\
Each day is read where a catalog reader reads it: its partition's location (a compacted copy when
`bdctl compact` switched it), else the transformed day. The day's Parquet files are named in a
COPY manifest (kept under _bdctl/warehouse/ in the transformed bucket), and one transaction
creates the table when missing (the files' columns, then year, month and day, sorted by
event_ts), stages the files with COPY … FORMAT AS PARQUET MANIFEST (as redshift_iam_role),
deletes the day's earlier rows and inserts the staged ones. A re-run replaces the day and never
duplicates it; a load interrupted (Ctrl-C cancels the statement) or past --timeout rolls back
and leaves the day as it was, and one whose bdctl is killed commits whole or not at all. Days load one after the other; the first failure stops the
run (the days before it stay loaded) and exits 3 with Redshift's error and, for a failed COPY,
the newest rows of stl_load_errors (sys_load_error_detail on Serverless) for those files.

The table shows per day the files, their bytes, the rows their footers count, the rows COPY
loaded (from the statement's result) and the rows of an earlier load that were replaced.

On local there is no Redshift: the embedded engine reads the lake in place (`bdctl query`); the
command exits 2.

Examples:
  bdctl warehouse load --from 2024-06-01 --to 2024-06-07
  bdctl warehouse load --date 2024-06-01 --dry-run")]
    Load(WarehouseLoadArgs),
    /// Create the external schema over the Glue database, so that Redshift reads the lake in place
    #[command(after_long_help = "\
Runs CREATE EXTERNAL SCHEMA IF NOT EXISTS <redshift_external_schema> FROM DATA CATALOG DATABASE
'<glue_database>' IAM_ROLE '<redshift_iam_role>' REGION '<region>'. The lake's tables then read
as lake.events in Redshift (Redshift Spectrum bills the bytes it scans, as Athena does). Running it
again changes nothing.

Examples:
  bdctl warehouse spectrum
  bdctl query --engine redshift \"SELECT count(*) FROM lake.events WHERE year = '2024'\"")]
    Spectrum(WarehouseSpectrumArgs),
}

#[derive(Debug, Args)]
pub struct WarehouseLoadArgs {
    /// One day to load (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"], required_unless_present = "from")]
    pub date: Option<NaiveDate>,
    /// First day to load
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<NaiveDate>,
    /// Last day to load
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<NaiveDate>,
    /// Show the days, their files and the statements, and load nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Cancel a day's transaction that runs longer than this (exit 4; the day stays as it was)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
}

#[derive(Debug, Args)]
pub struct WarehouseSpectrumArgs {
    /// Print the statement and run nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Cancel the statement when it runs longer than this (exit 4)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub timeout: Option<std::time::Duration>,
}
