use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  bdctl completions bash > ~/.local/share/bash-completion/completions/bdctl
  bdctl completions zsh > \"${fpath[1]}/_bdctl\"
  bdctl completions fish > ~/.config/fish/completions/bdctl.fish")]
pub struct CompletionsArgs {
    /// Shell to complete for
    #[arg(value_enum)]
    pub shell: Option<Shell>,

    /// Write the file(s) into this directory instead of printing (every shell when none is named)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write bdctl.1 and one page per subcommand into this directory instead of printing bdctl.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
