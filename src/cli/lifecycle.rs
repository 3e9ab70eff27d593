use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Managed rules (ids starting with bdctl-) come from the environment: raw data expires after
raw_retention_days, query results after results_retention_days, transformed data moves to
transformed_storage_class after transformed_transition_days (when set), and incomplete multipart
uploads are aborted after 7 days. Every other rule of a bucket is kept exactly as it is.

On local, the same rules apply to the lake by partition date: `plan` lists what they would delete
today, `apply` records them and deletes it.")]
pub struct LifecycleArgs {
    #[command(subcommand)]
    pub command: LifecycleCommand,
}

#[derive(Debug, Subcommand)]
pub enum LifecycleCommand {
    /// Compare the live rules with the managed ones, rule by rule, and what they would do today
    Plan,
    /// Show the plan, ask, write the merged rules, read them back and verify
    Apply,
    /// Print the live rules of every bucket of the environment
    Show,
}
