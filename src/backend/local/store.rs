//! Objects as files. A bucket name, when set, is a directory below the data directory; keys are
//! relative paths. Writes go to a hidden temporary file that is renamed into place, so a reader
//! (or a crash) never leaves a half-written object visible.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::backend::{NotFound, ObjectInfo, ObjectStore};

pub struct LocalStore {
    root: PathBuf,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl LocalStore {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn bucket_dir(&self, bucket: &str) -> Result<PathBuf> {
        if bucket.is_empty() {
            return Ok(self.root.clone());
        }
        check_relative(bucket).with_context(|| format!("bucket name `{bucket}`"))?;
        Ok(self.root.join(bucket))
    }

    fn path_of(&self, bucket: &str, key: &str) -> Result<PathBuf> {
        check_relative(key).with_context(|| format!("object key `{key}`"))?;
        Ok(self.bucket_dir(bucket)?.join(key))
    }
}

/// Keys must stay inside the data directory.
fn check_relative(key: &str) -> Result<()> {
    let path = Path::new(key);
    if key.is_empty() || path.components().any(|c| !matches!(c, Component::Normal(_))) {
        bail!("must be a relative path without `..`");
    }
    Ok(())
}

/// Directories for data are private to the user: they may hold personal data.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `body` to `path` atomically (temporary file, then rename), readable by the user only.
/// A killed process leaves at most a hidden temporary file, never a partial object.
pub(crate) fn write_atomically(path: &Path, body: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("object");
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(body)?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn walk(dir: &Path, base: &Path, prefix: &str, out: &mut Vec<ObjectInfo>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        // Hidden names are temporary files of writes in progress.
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type()?;
        let Ok(relative) = path.strip_prefix(base) else {
            continue;
        };
        let key =
            relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if file_type.is_dir() {
            let as_dir = format!("{key}/");
            if as_dir.starts_with(prefix) || prefix.starts_with(&as_dir) {
                walk(&path, base, prefix, out)?;
            }
        } else if file_type.is_file() && key.starts_with(prefix) {
            let meta = entry.metadata()?;
            out.push(ObjectInfo {
                key,
                size: meta.len(),
                last_modified: meta.modified().ok().map(DateTime::<Utc>::from),
            });
        }
    }
    Ok(())
}

#[async_trait]
impl ObjectStore for LocalStore {
    async fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<ObjectInfo>> {
        let base = self.bucket_dir(bucket)?;
        let prefix = prefix.to_string();
        tokio::task::spawn_blocking(move || {
            // Only the directory part of the prefix needs walking.
            let start = match prefix.rfind('/') {
                Some(end) => base.join(&prefix[..end]),
                None => base.clone(),
            };
            let mut out = Vec::new();
            walk(&start, &base, &prefix, &mut out).with_context(|| format!("listing {}", start.display()))?;
            out.sort_by(|a, b| a.key.cmp(&b.key));
            Ok(out)
        })
        .await?
    }

    async fn get(&self, bucket: &str, key: &str) -> Result<Bytes> {
        let path = self.path_of(bucket, key)?;
        match tokio::fs::read(&path).await {
            Ok(body) => Ok(Bytes::from(body)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                Err(NotFound(format!("object {key}")).into())
            }
            Err(err) => Err(err).with_context(|| format!("reading {}", path.display())),
        }
    }

    async fn put(&self, bucket: &str, key: &str, body: Bytes) -> Result<()> {
        let path = self.path_of(bucket, key)?;
        tokio::task::spawn_blocking(move || {
            write_atomically(&path, &body).with_context(|| format!("writing {}", path.display()))
        })
        .await?
    }

    async fn delete(&self, bucket: &str, keys: &[String]) -> Result<()> {
        for key in keys {
            let path = self.path_of(bucket, key)?;
            match tokio::fs::remove_file(&path).await {
                Ok(()) => {}
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err).with_context(|| format!("deleting {}", path.display()));
                }
            }
        }
        Ok(())
    }

    async fn check_bucket(&self, bucket: &str) -> Result<()> {
        let dir = self.bucket_dir(bucket)?;
        // A lake that does not exist yet is fine as long as it can be created.
        let existing = dir.ancestors().find(|p| p.exists()).unwrap_or(Path::new("/"));
        let meta = fs::metadata(existing).with_context(|| format!("reading {}", existing.display()))?;
        if !meta.is_dir() {
            bail!("{} is not a directory", existing.display());
        }
        if meta.permissions().readonly() {
            bail!("{} is read-only", existing.display());
        }
        Ok(())
    }
}
