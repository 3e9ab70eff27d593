use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_long_help = "\
On aws the statement runs in Athena (database, workgroup and result location from the
environment); on local in the embedded engine over the local catalog's tables, with partition
pruning on year/month/day. Rows go to stdout in the --output format; the statistics line (rows,
bytes scanned, engine time, and what Athena bills for that scan: USD 5 per TB, rounded up to the
MB, 10 MB minimum) goes to stderr. Ctrl-C stops the query in Athena before exiting 130; a failed
or cancelled query exits 3 with the service's reason. With no statement at a terminal, `bdctl
query` opens the SQL shell (`bdctl sql`).

Estimates (--estimate, --max-cost or the max_query_cost setting): from the catalog, the partitions the
WHERE clause can touch (=, <, >, BETWEEN and IN on year/month/day) and, from the Parquet footers, the
compressed size of the referenced columns: an upper bound of what Athena scans.

Parameters: `?` placeholders take the --param values in order, as SQL literals ('text', 42), passed
to the engine (Athena ExecutionParameters), never pasted into the statement.

Examples:
  bdctl query \"SELECT event_type, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC\"
  bdctl query --file funnel.sql --output csv > funnel.csv
  bdctl query \"SELECT * FROM events WHERE year = ? AND country = ?\" --param \"'2024'\" --param \"'DE'\"
  id=$(bdctl query --no-wait \"SELECT …\") && bdctl query status \"$id\" && bdctl query results \"$id\"")]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct QueryArgs {
    #[command(subcommand)]
    pub action: Option<QueryAction>,

    /// The statement (`-` reads it from standard input; none at a terminal: the SQL shell)
    #[arg(value_name = "SQL", conflicts_with = "file")]
    pub sql: Option<String>,

    /// Read the statement from a file
    #[arg(long, short = 'f', value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Database (default: the environment's glue_database)
    #[arg(long, value_name = "NAME")]
    pub database: Option<String>,

    /// Athena workgroup (default: the environment's athena_workgroup)
    #[arg(long, value_name = "NAME")]
    pub workgroup: Option<String>,

    /// A value for the next `?` placeholder, as a SQL literal; repeatable
    #[arg(long = "param", value_name = "VALUE")]
    pub params: Vec<String>,

    /// Write the rows to this file instead of stdout; the format follows the extension (.csv, .tsv, .json, .ndjson, .parquet), complete or not at all
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Start the query, print its id and return (aws)
    #[arg(long)]
    pub no_wait: bool,

    /// Refuse to run (exit 2) when the estimated scan would cost more than this many USD on Athena
    #[arg(long, value_name = "USD")]
    pub max_cost: Option<f64>,

    /// Print the estimated scan and its Athena cost, and do not run the query
    #[arg(long)]
    pub estimate: bool,
}

/// Work on a query started earlier, by its id (aws).
#[derive(Debug, Subcommand)]
pub enum QueryAction {
    /// The state, the reason of a failure, data scanned and engine time
    Status {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// The rows of a finished query
    Results {
        #[arg(value_name = "ID")]
        id: String,
        /// Write the rows to this file instead of stdout (.csv, .tsv, .json, .ndjson, .parquet)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Stop a running query
    Cancel {
        #[arg(value_name = "ID")]
        id: String,
    },
}
