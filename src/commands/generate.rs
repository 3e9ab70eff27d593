//! The generated files committed under `completions/` and `man/`: one definition used by
//! `bdctl completions --dir`, `bdctl man --dir`, `scripts/regenerate` and the staleness test.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Generator;

use crate::cli::{Cli, Shell};

pub const BIN_NAME: &str = "bdctl";

pub fn shells() -> [Shell; 5] {
    [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Powershell, Shell::Elvish]
}

fn generator(shell: Shell) -> clap_complete::Shell {
    match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
    }
}

/// The conventional file name of a shell's completion script.
pub fn completion_file_name(shell: Shell) -> String {
    generator(shell).file_name(BIN_NAME)
}

pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(generator(shell), &mut Cli::command(), BIN_NAME, &mut out);
    out
}

/// Every man page: `bdctl.1` and one per subcommand (`bdctl-config.1`, `bdctl-config-show.1`, …).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn collect(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            collect(sub, out)?;
        }
        let page = clap_mangen::Man::new(cmd);
        let mut body = Vec::new();
        page.render(&mut body)?;
        out.push((page.get_filename(), body));
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(cmd, &mut pages)?;
    pages.sort();
    Ok(pages)
}

/// Every generated file, as a path relative to the repository root and its contents.
pub fn all_files() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = shells()
        .into_iter()
        .map(|shell| {
            (PathBuf::from("completions").join(completion_file_name(shell)), completion_script(shell))
        })
        .collect();
    for (name, body) in man_pages()? {
        files.push((PathBuf::from("man").join(name), body));
    }
    Ok(files)
}
