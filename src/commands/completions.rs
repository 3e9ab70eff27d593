use std::io::Write;

use anyhow::{Context as _, Result};

use super::Context;
use super::generate::{completion_file_name, completion_script, shells};
use crate::cli::CompletionsArgs;
use crate::error::usage;

pub fn run(ctx: &Context, args: CompletionsArgs) -> Result<()> {
    match (&args.dir, args.shell) {
        (None, Some(shell)) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&completion_script(shell))?;
            out.flush()?;
        }
        (None, None) => {
            return Err(usage("name a shell (bash, zsh, fish, powershell, elvish) or pass --dir"));
        }
        (Some(dir), shell) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let chosen: Vec<_> = match shell {
                Some(shell) => vec![shell],
                None => shells().to_vec(),
            };
            for shell in chosen {
                let path = dir.join(completion_file_name(shell));
                std::fs::write(&path, completion_script(shell))
                    .with_context(|| format!("writing {}", path.display()))?;
                ctx.printer.notice(format_args!("wrote {}", path.display()));
            }
        }
    }
    Ok(())
}
