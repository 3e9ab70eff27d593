//! The function's deployment package: a zip with the executable as `bootstrap`, made the same
//! way every time (fixed time stamps and modes) so that an unchanged executable gives the same
//! bytes and the same SHA-256 Lambda reports, and a deploy with nothing new changes nothing.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use sha2::{Digest, Sha256};

use crate::cli::Architecture;
use crate::error::usage;

/// The newest glibc the provided.al2023 runtime has.
pub const RUNTIME_GLIBC: (u32, u32) = (2, 34);
/// The largest zip Lambda takes in the request itself.
pub const MAX_DIRECT_UPLOAD: usize = 50 * 1024 * 1024;
/// The executable's name, installed beside `bdctl`.
pub const EXECUTABLE: &str = "bdctl-lambda";

/// A package ready to upload.
#[derive(Debug, Clone)]
pub struct Package {
    pub zip: Vec<u8>,
    /// Base64 SHA-256 of the zip, as Lambda's `CodeSha256`.
    pub sha256: String,
    pub architecture: Architecture,
    /// Where it came from, for the plan.
    pub origin: String,
}

/// The architecture of a 64-bit little-endian ELF executable.
pub fn elf_architecture(bytes: &[u8]) -> Result<Architecture> {
    if bytes.len() < 20 || &bytes[..4] != b"\x7fELF" {
        bail!("not a Linux (ELF) executable");
    }
    if bytes[4] != 2 || bytes[5] != 1 {
        bail!("not a 64-bit little-endian ELF executable");
    }
    match u16::from_le_bytes([bytes[18], bytes[19]]) {
        0x3e => Ok(Architecture::X86_64),
        0xb7 => Ok(Architecture::Arm64),
        other => bail!("an ELF executable for machine {other:#x}, neither x86_64 nor arm64"),
    }
}

/// The newest `GLIBC_2.x` symbol version the executable asks for; `None` when it asks for none
/// (a static or musl executable).
pub fn glibc_needed(bytes: &[u8]) -> Option<(u32, u32)> {
    const TAG: &[u8] = b"GLIBC_2.";
    let mut newest = None;
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(TAG.len()).position(|w| w == TAG) {
        let start = at + found + TAG.len();
        let digits: Vec<u8> = bytes[start..].iter().take(4).copied().take_while(u8::is_ascii_digit).collect();
        if let Ok(minor) = std::str::from_utf8(&digits).unwrap_or("").parse::<u32>() {
            newest = newest.max(Some((2, minor)));
        }
        at = start;
    }
    newest
}

/// Checks that the executable runs on the runtime for `wanted` (or its own architecture).
pub fn vouch(path: &Path, bytes: &[u8], wanted: Option<Architecture>) -> Result<Architecture> {
    let shown = path.display();
    let architecture = elf_architecture(bytes).map_err(|why| usage(format!("{shown} is {why}")))?;
    if let Some(wanted) = wanted
        && wanted != architecture
    {
        return Err(usage(format!(
            "{shown} is built for {}, not {}: build it for {} with cargo-lambda and pass --zip",
            architecture.lambda_name(),
            wanted.lambda_name(),
            wanted.lambda_name()
        )));
    }
    if let Some((major, minor)) = glibc_needed(bytes)
        && (major, minor) > RUNTIME_GLIBC
    {
        return Err(usage(format!(
            "{shown} needs glibc {major}.{minor}, and the provided.al2023 runtime has {}.{}: build it with \
             cargo-lambda and pass --zip",
            RUNTIME_GLIBC.0, RUNTIME_GLIBC.1
        )));
    }
    Ok(architecture)
}

/// A zip holding `executable` as `bootstrap`, mode 0755, time stamps fixed.
pub fn zip_bootstrap(executable: &[u8]) -> Result<Vec<u8>> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .unix_permissions(0o755)
        .last_modified_time(zip::DateTime::default());
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer.start_file("bootstrap", options)?;
    writer.write_all(executable)?;
    Ok(writer.finish()?.into_inner())
}

/// The `bootstrap` of a deployment zip.
pub fn bootstrap_of(zip_bytes: &[u8]) -> Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes))?;
    let mut entry = archive.by_name("bootstrap").map_err(|_| anyhow!("it has no `bootstrap` at its root"))?;
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub fn sha256_base64(bytes: &[u8]) -> String {
    aws_smithy_types::base64::encode(Sha256::digest(bytes))
}

/// The executable installed beside this one.
pub fn installed_executable() -> Result<PathBuf> {
    let me = std::env::current_exe().context("locating the bdctl executable")?;
    Ok(me.with_file_name(EXECUTABLE))
}

/// The package to deploy: the given zip, or the executable (by default the installed one)
/// zipped after checking it runs on the runtime.
pub fn package(
    zip: Option<&Path>,
    executable: Option<&Path>,
    wanted: Option<Architecture>,
) -> Result<Package> {
    let (zip_bytes, bootstrap, origin) = match zip {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|err| usage(format!("cannot read {}: {err}", path.display())))?;
            let bootstrap = bootstrap_of(&bytes)
                .map_err(|why| usage(format!("{} is not a Lambda package: {why}", path.display())))?;
            (bytes, bootstrap, path.display().to_string())
        }
        None => {
            let path = match executable {
                Some(path) => path.to_path_buf(),
                None => installed_executable()?,
            };
            let bytes = std::fs::read(&path).map_err(|err| {
                usage(format!(
                    "cannot read {}: {err} (install it with `cargo install --path .`, or pass --zip)",
                    path.display()
                ))
            })?;
            (zip_bootstrap(&bytes)?, bytes, path.display().to_string())
        }
    };
    let architecture = vouch(Path::new(&origin), &bootstrap, wanted)?;
    if zip_bytes.len() > MAX_DIRECT_UPLOAD {
        return Err(usage(format!(
            "the package from {origin} has {} MB; Lambda takes at most {} MB in a request (build it with \
             `cargo lambda build --release`)",
            zip_bytes.len() / 1_000_000,
            MAX_DIRECT_UPLOAD / 1_000_000
        )));
    }
    Ok(Package { sha256: sha256_base64(&zip_bytes), zip: zip_bytes, architecture, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elf(machine: u16) -> Vec<u8> {
        let mut bytes = vec![0u8; 64];
        bytes[..4].copy_from_slice(b"\x7fELF");
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[18..20].copy_from_slice(&machine.to_le_bytes());
        bytes
    }

    #[test]
    fn executables_are_vouched_for_by_machine_and_glibc() {
        assert_eq!(elf_architecture(&elf(0x3e)).unwrap(), Architecture::X86_64);
        assert_eq!(elf_architecture(&elf(0xb7)).unwrap(), Architecture::Arm64);
        assert!(elf_architecture(b"#!/bin/sh\n").unwrap_err().to_string().contains("not a Linux"));
        let mut old = elf(0x3e);
        old.extend_from_slice(b"\0GLIBC_2.2.5\0GLIBC_2.34\0GLIBC_2.17\0");
        assert_eq!(glibc_needed(&old), Some((2, 34)));
        assert!(vouch(Path::new("f"), &old, None).is_ok());
        let err = vouch(Path::new("f"), &old, Some(Architecture::Arm64)).unwrap_err().to_string();
        assert!(err.contains("built for x86_64, not arm64"), "{err}");
        let mut new = elf(0x3e);
        new.extend_from_slice(b"\0GLIBC_2.39\0");
        let err = vouch(Path::new("f"), &new, None).unwrap_err().to_string();
        assert!(err.contains("needs glibc 2.39"), "{err}");
        assert_eq!(glibc_needed(&elf(0x3e)), None);
    }

    #[test]
    fn the_same_executable_zips_to_the_same_bytes() {
        let executable = elf(0x3e);
        let first = zip_bootstrap(&executable).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let second = zip_bootstrap(&executable).unwrap();
        assert_eq!(first, second);
        assert_eq!(bootstrap_of(&first).unwrap(), executable);
        let mut archive = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
        assert_eq!(archive.by_name("bootstrap").unwrap().unix_mode(), Some(0o100755));
    }
}
