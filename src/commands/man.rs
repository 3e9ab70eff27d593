use std::io::Write;

use anyhow::{Context as _, Result};

use super::Context;
use super::generate::man_pages;
use crate::cli::ManArgs;

pub fn run(ctx: &Context, args: ManArgs) -> Result<()> {
    let pages = man_pages()?;
    match &args.dir {
        None => {
            let top = format!("{}.1", super::generate::BIN_NAME);
            let mut out = std::io::stdout().lock();
            if let Some((_, body)) = pages.iter().find(|(name, _)| *name == top) {
                out.write_all(body)?;
            }
            out.flush()?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            for (name, body) in &pages {
                let path = dir.join(name);
                std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
            }
            ctx.printer.notice(format_args!("wrote {} man pages to {}", pages.len(), dir.display()));
        }
    }
    Ok(())
}
