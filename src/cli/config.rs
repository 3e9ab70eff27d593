use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every resolved setting with its value and where it came from
    Show {
        /// Print only these keys
        #[arg(value_name = "KEY")]
        keys: Vec<String>,
    },
    /// Print the path of the configuration file in use (exit 1 when there is none)
    Path,
    /// List every setting bdctl understands, with its environment variable and meaning
    Keys,
}
