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

use crate::backend::{NotFound, ObjectInfo, ObjectStore, StagedObject};

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

/// A file written under a hidden temporary name beside its destination, readable by the user
/// only, and renamed into place on commit. A killed process leaves at most a hidden temporary
/// file, never a partial object.
pub(crate) struct StagedFile {
    file: Option<io::BufWriter<fs::File>>,
    temp: PathBuf,
    path: PathBuf,
    written: u64,
}

impl StagedFile {
    pub(crate) fn create(path: &Path) -> io::Result<Self> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
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
        let file = options.open(&temp)?;
        Ok(Self {
            file: Some(io::BufWriter::with_capacity(256 * 1024, file)),
            temp,
            path: path.to_path_buf(),
            written: 0,
        })
    }

    pub(crate) fn finish(mut self) -> io::Result<u64> {
        if let Some(file) = self.file.take() {
            file.into_inner().map_err(|e| e.into_error())?;
        }
        fs::rename(&self.temp, &self.path)?;
        Ok(self.written)
    }
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let file = self.file.as_mut().ok_or_else(|| io::Error::other("object already committed"))?;
        let n = file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

impl StagedObject for StagedFile {
    fn commit(self: Box<Self>) -> Result<u64> {
        let path = self.path.clone();
        (*self).finish().with_context(|| format!("writing {}", path.display()))
    }
}

/// Writes `body` to `path` atomically.
pub(crate) fn write_atomically(path: &Path, body: &[u8]) -> io::Result<()> {
    let mut staged = StagedFile::create(path)?;
    staged.write_all(body)?;
    staged.finish().map(|_| ())
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
}
