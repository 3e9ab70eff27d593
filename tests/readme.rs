//! The README is the front door: its configuration reference and exit codes must match the code.

use bdctl::settings::{KEYS, env_var_for};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_configuration_key_is_documented_with_its_variable() {
    let readme = readme();
    for key in KEYS {
        let var = if key.name == "backend" { "BDCTL_BACKEND".to_string() } else { env_var_for(key.name) };
        let row = format!("| `{}` | `{}` |", key.name, var);
        assert!(readme.contains(&row), "README lacks the row for `{}`: {row}", key.name);
    }
}

#[test]
fn exit_codes_match_the_help_text() {
    let readme = readme();
    for line in bdctl::cli::EXIT_CODES_HELP.lines().skip(1) {
        let (code, _) = line.trim().split_once(' ').unwrap();
        assert!(readme.contains(&format!("| {code} |")), "README lacks exit code {code}");
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(readme().contains("scripts/test "), "README names scripts/test");
    assert!(ci.lines().any(|l| l.trim() == "exec scripts/test"), ".ci/run runs scripts/test");
}
