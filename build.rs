//! Link settings for an optimised `bdctl` on x86_64 Linux with the toolchain's own lld, the
//! default linker there since Rust 1.90:
//!
//! - `--icf=all` folds identical functions. Without cross-crate LTO every crate instantiates its
//!   own copy of the generic code it uses (drop glue, hash tables, iterators); folding them took
//!   15 MB off the binary.
//! - `-no-pie` links a position-dependent executable. A position-independent one has 5.3 MB of
//!   `.data.rel.ro` (vtables, static string tables) that the loader rewrites at every start, one
//!   copy-on-write page fault per 4 KiB page: 1,890 faults and 7.8 ms for `bdctl --version`,
//!   against 410 faults and 2.6 ms without. The executable's own code then loads at a fixed
//!   address (the stack, heap, mappings and shared libraries stay randomised), as Go links by
//!   default. `RUSTFLAGS="-C relocation-model=pie"` keeps the position-independent link.
//! - `--symbol-ordering-file=link/symbol-order.txt` lays out first, side by side, the functions
//!   the common commands run (`scripts/symbol-order` lists them). Scattered over 90 MB of code,
//!   they cost a page fault per 64 KiB window touched: `query "SELECT 1"` took 771 faults where
//!   it now takes 450. Symbols the file names and the binary lacks (after a toolchain or
//!   dependency update) are skipped without a warning, so a stale file costs speed only.
//!
//! Only the `bdctl` executable takes them: `bdctl-lambda` runs on the Lambda runtime, and test
//! and debug builds keep the plain link.

use std::env;
use std::path::Path;

const SYMBOL_ORDER: &str = "link/symbol-order.txt";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    println!("cargo::rerun-if-changed={SYMBOL_ORDER}");
    if !optimised() || !default_lld() {
        return;
    }
    println!("cargo::rustc-link-arg-bin=bdctl=-Wl,--icf=all");
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let order = Path::new(&manifest_dir).join(SYMBOL_ORDER);
    if order.is_file() {
        println!("cargo::rustc-link-arg-bin=bdctl=-Wl,--symbol-ordering-file={}", order.display());
        println!("cargo::rustc-link-arg-bin=bdctl=-Wl,--no-warn-symbol-ordering");
    }
    let rustflags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if !rustflags.contains("relocation-model") {
        println!("cargo::rustc-link-arg-bin=bdctl=-no-pie");
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
