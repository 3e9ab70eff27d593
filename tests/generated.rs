//! The committed completions and man pages must match what the code generates.
//! Regenerate them with `scripts/regenerate` (or `BDCTL_REGENERATE=1 cargo test --test generated`).

use std::path::Path;

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("BDCTL_REGENERATE").is_some();
    let files = bdctl::commands::generate::all_files().expect("generate");
    let mut stale = Vec::new();
    for (relative, body) in &files {
        let path = root.join(relative);
        if std::fs::read(&path).ok().as_deref() != Some(body.as_slice()) {
            if regenerate {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, body).unwrap();
            } else {
                stale.push(relative.display().to_string());
            }
        }
    }
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            let relative = Path::new(dir).join(entry.file_name());
            if !files.iter().any(|(p, _)| *p == relative) {
                if regenerate {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    stale.push(format!("{} (no longer generated)", relative.display()));
                }
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files: {stale:?}; run scripts/regenerate");
}
