use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

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

With --engine redshift the statement runs in Redshift through the Data API (redshift_cluster or
redshift_workgroup, redshift_database, redshift_secret_arn or redshift_db_user): every result
page is read, `?` placeholders become the Data API's named parameters, Ctrl-C cancels the
statement (CancelStatement), a failed statement exits 3 with Redshift's error. Redshift bills its
capacity, not the scan, so the statistics line has no scan cost and --estimate does not apply.
On local, Redshift is not there: the embedded engine is the warehouse (exit 2).

Examples:
  bdctl query \"SELECT event_type, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC\"
  bdctl query --file funnel.sql --output csv > funnel.csv
  bdctl query \"SELECT * FROM events WHERE year = ? AND country = ?\" --param \"'2024'\" --param \"'DE'\"
  bdctl query --engine redshift \"SELECT day, count(*) FROM public.events GROUP BY 1 ORDER BY 1\"
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

    /// Where the statement runs: the lake's engine (Athena on aws, the embedded engine on local) or Redshift
    #[arg(long, value_enum, value_name = "ENGINE", default_value_t)]
    pub engine: QueryEngineChoice,

    /// Database (default: the environment's glue_database; with --engine redshift, redshift_database)
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

/// The engine a statement runs on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum QueryEngineChoice {
    /// Athena on aws, the embedded engine on local
    #[default]
    #[value(alias = "athena", alias = "local")]
    Lake,
    /// Redshift through its Data API (aws, with redshift_cluster or redshift_workgroup)
    Redshift,
}

/// Work on a query started earlier, by its id (aws).
#[derive(Debug, Subcommand)]
pub enum QueryAction {
    /// The state, the reason of a failure, data scanned and engine time
    Status {
        #[arg(value_name = "ID")]
        id: String,
        /// The engine the query runs on
        #[arg(long, value_enum, value_name = "ENGINE", default_value_t)]
        engine: QueryEngineChoice,
    },
    /// The rows of a finished query
    Results {
        #[arg(value_name = "ID")]
        id: String,
        /// The engine the query runs on
        #[arg(long, value_enum, value_name = "ENGINE", default_value_t)]
        engine: QueryEngineChoice,
        /// Write the rows to this file instead of stdout (.csv, .tsv, .json, .ndjson, .parquet)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Stop a running query
    Cancel {
        #[arg(value_name = "ID")]
        id: String,
        /// The engine the query runs on
        #[arg(long, value_enum, value_name = "ENGINE", default_value_t)]
        engine: QueryEngineChoice,
    },
}
