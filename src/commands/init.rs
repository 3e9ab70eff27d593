//! `bdctl init`: write (or extend) a commented bdctl.toml, by asking on a terminal or entirely
//! from flags. The result is checked with the same loader every other command uses before it is
//! written, so init never leaves a file that bdctl itself would reject.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use toml_edit::DocumentMut;

use super::Context;
use crate::cli::InitArgs;
use crate::error::usage;
use crate::settings::{self, CONFIG_FILE_NAME, Settings};

const FILE_HEADER: &str = "\
# bdctl configuration: one [env.NAME] table per environment.
# Select one with --env NAME or BDCTL_ENV; default_env names the one used otherwise.
# Precedence: command-line flag > BDCTL_* variable > this file > AWS_* variables > default.
# `bdctl config keys` lists every key; `bdctl config show` shows what is in effect.
";

pub async fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(CONFIG_FILE_NAME));
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    let mut document: DocumentMut = match &existing {
        Some(text) => text.parse().map_err(|err: toml_edit::TomlError| {
            usage(format!("{}: {}", path.display(), err.message().replace('\n', " ")))
        })?,
        None => DocumentMut::new(),
    };

    let interactive = ctx.printer.can_prompt();
    let backend = match args.backend.as_deref() {
        Some(label) => settings::backend_named(label)
            .ok_or_else(|| usage(format!("--backend {label}: use aws or local")))?,
        None if interactive => settings::backend_choice(ask_backend()?),
        None => settings::default_backend(),
    };
    let name = match &args.name {
        Some(name) => name.clone(),
        None if interactive => ask("environment name", backend.default_env_name())?,
        None => backend.default_env_name().to_string(),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(usage(format!("environment name `{name}`: use letters, digits, - and _")));
    }
    let defined = document.get("env").and_then(|e| e.as_table_like()).is_some_and(|t| t.contains_key(&name));
    if defined && !args.force {
        return Err(usage(format!(
            "{} already defines [env.{name}] (pass --force to replace it)",
            path.display()
        )));
    }

    let mut values: Vec<(String, toml_edit::Value)> = Vec::new();
    for assignment in &args.values {
        let (key, text) = assignment
            .split_once('=')
            .ok_or_else(|| usage(format!("--set {assignment}: expected KEY=VALUE")))?;
        let key = key.trim();
        if key == "backend" {
            return Err(usage("--set backend=…: use --backend"));
        }
        let value = Settings::toml_value(key, text.trim())
            .ok_or_else(|| usage(format!("--set {key}: unknown key (see `bdctl config keys`)")))?
            .map_err(|message| usage(format!("--set {key}: {message}")))?;
        values.retain(|(k, _)| k != key);
        values.push((key.to_string(), value));
    }
    if interactive {
        let questions = backend.init_questions();
        for (key, default) in questions {
            if values.iter().any(|(k, _)| k == key) {
                continue;
            }
            let answer = ask(key, default)?;
            if answer.is_empty() {
                continue;
            }
            let value = Settings::toml_value(key, &answer)
                .unwrap_or_else(|| Ok(toml_edit::Value::from(answer.clone())))
                .map_err(|message| usage(format!("{key}: {message}")))?;
            values.push((key.to_string(), value));
        }
    }

    if let Some(env) = document.get_mut("env").and_then(|e| e.as_table_like_mut()) {
        env.remove(&name);
    }
    if args.default {
        document["default_env"] = toml_edit::value(name.clone());
    }
    let mut text = document.to_string();
    if existing.is_none() {
        text.insert_str(0, FILE_HEADER);
    }
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push('\n');
    }
    text.push_str(&settings::environment_block(&name, backend, &values));

    validate(&path, &text, &name)?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    std::fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
    ctx.printer.notice(format_args!(
        "wrote [env.{name}] ({}) to {}; check it with `bdctl --env {name} doctor`",
        backend.label(),
        path.display()
    ));
    Ok(())
}

/// Loads the would-be file exactly as bdctl will, so errors surface now and name the line.
fn validate(path: &Path, text: &str, name: &str) -> Result<()> {
    settings::check_config_text(path, text, name).map_err(|err| usage(err.to_string()))
}

fn ask(prompt: &str, default: &str) -> Result<String> {
    let answer: String = dialoguer::Input::new()
        .with_prompt(prompt)
        .default(default.to_string())
        .allow_empty(true)
        .interact_text_on(&console::Term::stderr())?;
    Ok(answer.trim().to_string())
}

/// Which of `settings::backend_choices` the user picks.
fn ask_backend() -> Result<usize> {
    Ok(dialoguer::Select::new()
        .with_prompt("backend")
        .items(&settings::backend_choices())
        .default(0)
        .interact_on(&console::Term::stderr())?)
}
