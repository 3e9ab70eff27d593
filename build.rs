//! Link settings for an optimised `bdctl` on x86_64 Linux with the toolchain's own lld, the
//! default linker there since Rust 1.90:
//!
//! - `--icf=all` folds identical functions. Without cross-crate LTO every crate instantiates its
//!   own copy of the generic code it uses (drop glue, hash tables, iterators); folding them took
//!   15 MB off the binary.
//! - `-z pack-relative-relocs` stores the position-independent executable's relocations as a
//!   bitmap (RELR): 8.7 MB of `.rela.dyn` become a few KB, and the executable stays
//!   position-independent. glibc loads such an executable from 2.36 on, so it is asked for only
//!   when the machine building it has 2.36 or later (`cargo install` runs where it builds).
//!
//! Only the `bdctl` executable takes them: `bdctl-lambda` runs on the Lambda runtime's older
//! glibc, and test and debug builds keep the plain link.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    if !optimised() || !default_lld() {
        return;
    }
    println!("cargo::rustc-link-arg-bin=bdctl=-Wl,--icf=all");
    if glibc_at_least(2, 36) {
        println!("cargo::rustc-link-arg-bin=bdctl=-Wl,-z,pack-relative-relocs");
    }
}

fn optimised() -> bool {
    env::var("OPT_LEVEL").is_ok_and(|level| level != "0") && env::var("PROFILE").is_ok_and(|p| p == "release")
}

/// The target for which rustc links with its bundled lld unless told otherwise.
fn default_lld() -> bool {
    let target = env::var("TARGET").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let rustflags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    target == "x86_64-unknown-linux-gnu"
        && target == host
        && env::var_os("RUSTC_LINKER").is_none()
        && !rustflags.contains("linker")
        && !rustflags.contains("link-self-contained")
        && !rustflags.contains("fuse-ld")
}

fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(output) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(have_major), Some(have_minor)) => (have_major, have_minor) >= (major, minor),
        _ => false,
    }
}
