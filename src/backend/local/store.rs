//! Objects as files. A bucket name, when set, is a directory below the data directory; keys are
//! relative paths. Writes go to a hidden temporary file that is renamed into place, so a reader
//! (or a crash) never leaves a half-written object visible.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::backend::{NotFound, ObjectInfo, ObjectStore, StagedObject};
use crate::files::{StagedFile, remove_if_abandoned, write_atomically};
use crate::layout::{Area, Location};

pub struct LocalStore {
    root: PathBuf,
}

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
        // Hidden names are temporary files of writes in progress; those of a writer that was
        // killed are removed on the way.
        if name.starts_with('.') {
            remove_if_abandoned(&entry);
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
    fn open_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn io::Read + Send>> {
        let path = self.path_of(bucket, key)?;
        match fs::File::open(&path) {
            Ok(file) => Ok(Box::new(file)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                Err(NotFound(format!("object {key}")).into())
            }
            Err(err) => Err(err).with_context(|| format!("reading {}", path.display())),
        }
    }

    fn create_blocking(&self, bucket: &str, key: &str) -> Result<Box<dyn StagedObject>> {
        let path = self.path_of(bucket, key)?;
        let staged = StagedFile::create(&path).with_context(|| format!("writing {}", path.display()))?;
        Ok(Box::new(staged))
    }

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

    async fn get_range(&self, bucket: &str, key: &str, range: std::ops::Range<u64>) -> Result<Bytes> {
        let path = self.path_of(bucket, key)?;
        let shown = key.to_string();
        tokio::task::spawn_blocking(move || {
            use std::io::{Read, Seek, SeekFrom};
            let mut file = match fs::File::open(&path) {
                Ok(file) => file,
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    return Err(NotFound(format!("object {shown}")).into());
                }
                Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
            };
            file.seek(SeekFrom::Start(range.start))?;
            let mut body = vec![0; range.end.saturating_sub(range.start) as usize];
            file.read_exact(&mut body).with_context(|| format!("reading {}", path.display()))?;
            Ok(Bytes::from(body))
        })
        .await?
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

    async fn check_bucket(&self, bucket: &str) -> Result<Option<String>> {
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
        Ok(None)
    }

    fn url(&self, location: &Location) -> String {
        let dir =
            if location.bucket.is_empty() { self.root.clone() } else { self.root.join(&location.bucket) };
        format!("{}/{}", dir.display(), location.prefix)
    }

    /// Named buckets are directories below the data directory, so a path below it is read as
    /// keys of the data directory itself, which address the same files.
    fn location_of(&self, url: &str) -> Option<Location> {
        let root = format!("{}/", self.root.display());
        let prefix = url.strip_prefix(&root).or_else(|| (url == root.trim_end_matches('/')).then_some(""))?;
        Some(Location { bucket: String::new(), prefix: prefix.to_string() })
    }

    fn describe_bucket(&self, _area: Area, bucket: &str) -> (String, String) {
        ("lake".to_string(), self.url(&Location { bucket: bucket.to_string(), prefix: String::new() }))
    }
}

impl StagedObject for StagedFile {
    fn commit(self: Box<Self>) -> anyhow::Result<u64> {
        use anyhow::Context as _;
        let path = self.path().to_path_buf();
        (*self).finish().with_context(|| format!("writing {}", path.display()))
    }
}
