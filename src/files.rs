//! Files written whole: under a hidden temporary name beside their destination, renamed into
//! place at the end, so that neither a reader nor a crash ever sees half of one. Files of the
//! data directory (the lake, caches, logs) are private to the user; files the user asked for
//! (`query --out`) get the usual permissions.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Who may read a file: the user only (data directory), or as the umask says (user's own files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Private,
    Shared,
}

/// Directories for data are private to the user: they may hold personal data.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A file written under a hidden temporary name beside its destination and renamed into place
/// on commit. A killed process leaves at most a hidden temporary
/// file, never a partial object.
pub struct StagedFile {
    file: Option<io::BufWriter<fs::File>>,
    temp: PathBuf,
    path: PathBuf,
    written: u64,
}

impl StagedFile {
    /// A private file of the data directory, its directories created private too.
    pub fn create(path: &Path) -> io::Result<Self> {
        Self::create_with(path, Access::Private)
    }

    pub fn create_with(path: &Path, access: Access) -> io::Result<Self> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("object");
        let temp =
            dir.join(temp_name(name, std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)));
        if access == Access::Private {
            sweep_once(dir);
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if access == Access::Private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        // The directory usually exists already (a lake writes many files per partition):
        // creating it only when the file cannot be opened saves two system calls per file.
        let file = match options.open(&temp) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                match access {
                    Access::Private => create_private_dir(dir)?,
                    Access::Shared => fs::create_dir_all(dir)?,
                }
                options.open(&temp)?
            }
            opened => opened?,
        };
        Ok(Self {
            file: Some(io::BufWriter::with_capacity(256 * 1024, file)),
            temp,
            path: path.to_path_buf(),
            written: 0,
        })
    }

    /// Where the file goes on commit.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn finish(mut self) -> io::Result<u64> {
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

/// Writes `body` to `path` atomically.
pub fn write_atomically(path: &Path, body: &[u8]) -> io::Result<()> {
    let mut staged = StagedFile::create(path)?;
    staged.write_all(body)?;
    staged.finish().map(|_| ())
}

/// Writes a private file of the data directory whole (a cache, a log, the catalog).
pub fn write_private(path: &Path, body: &[u8]) -> io::Result<()> {
    write_atomically(path, body)
}

fn temp_name(name: &str, pid: u32, counter: u64) -> String {
    format!(".{name}.{pid}-{counter}.tmp")
}

/// Removes the temporary files a killed writer left in `dir`, the first time this process
/// writes there: a re-run cleans up after the run it replaces.
fn sweep_once(dir: &Path) {
    static SWEPT: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let first_time = SWEPT.lock().is_ok_and(|mut swept| swept.insert(dir.to_path_buf()));
    if !first_time {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        remove_if_abandoned(&entry);
    }
}

/// Removes a directory entry that is the temporary file of a write that can no longer finish.
pub fn remove_if_abandoned(entry: &fs::DirEntry) {
    let name = entry.file_name();
    let Some(name) = name.to_str() else { return };
    if name.starts_with('.') {
        let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
        if is_abandoned_temp(name, modified) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Temporary files younger than this may belong to a writer on another machine sharing the
/// directory, whose process this machine cannot see.
const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// Whether a hidden file is the temporary file of a write that can no longer finish: its
/// writer's process is gone (this machine's process table says so), or it is a day old.
fn is_abandoned_temp(name: &str, modified: Option<SystemTime>) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else { return false };
    let Some(pid) =
        rest.rsplit_once('.').and_then(|(_, id)| id.split_once('-')).and_then(|(pid, counter)| {
            counter.parse::<u64>().ok()?;
            pid.parse::<u32>().ok()
        })
    else {
        return false;
    };
    let old = modified.and_then(|m| m.elapsed().ok()).is_some_and(|age| age > STALE_AFTER);
    old || (pid != std::process::id() && !process_exists(pid))
}

#[cfg(target_os = "linux")]
fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_exists(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_is_abandoned_when_its_writer_is_gone() {
        let mine = temp_name("part.parquet", std::process::id(), 3);
        assert!(!is_abandoned_temp(&mine, Some(SystemTime::now())));
        // pid_max is at most 2^22 on Linux: this process cannot exist.
        let gone = temp_name("part.parquet", 4_194_304 + 17, 0);
        assert_eq!(is_abandoned_temp(&gone, Some(SystemTime::now())), cfg!(target_os = "linux"));
        let old = SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
        assert!(is_abandoned_temp(&mine, Some(old)));
        for name in [".hidden", ".notes.tmp", ".a.b-c.tmp", "plain.tmp"] {
            assert!(!is_abandoned_temp(name, Some(old)), "{name}");
        }
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.json");
        let mut staged = StagedFile::create(&path).unwrap();
        staged.write_all(b"{}").unwrap();
        drop(staged);
        assert_eq!(fs::read_dir(dir.path().join("a/b")).unwrap().count(), 0);
        write_private(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }
}
