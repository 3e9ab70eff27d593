use clap::Args;

#[derive(Debug, Args)]
#[command(after_long_help = "\
An interactive SQL shell over the same engines as `bdctl query`: Athena on aws, the embedded
engine on local. A statement ends with `;` and may span lines; Tab completes SQL keywords and
the catalog's tables and columns (read once, on the first Tab); the history is kept in the data
directory (sql_history). Ctrl-C stops the running statement (on Athena: StopQueryExecution) and
clears the line at the prompt; Ctrl-D or \\q leaves.

Shell commands:
  \\timing           show the wall time of each statement (again: off)
  \\estimate         estimate the scan and its Athena cost before each statement (again: off)
  \\format FORMAT    table, csv, tsv, json or ndjson
  \\tables           the catalog's tables of the database
  \\d TABLE          a table's columns and partition keys
  \\help             this list
  \\q                quit

Without a terminal, pipe statements to `bdctl query -` instead.")]
pub struct SqlArgs {
    /// Database (default: the environment's glue_database)
    #[arg(long, value_name = "NAME")]
    pub database: Option<String>,

    /// Athena workgroup (default: the environment's athena_workgroup)
    #[arg(long, value_name = "NAME")]
    pub workgroup: Option<String>,
}
