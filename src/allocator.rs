//! The process's allocator: glibc's (the system's) by default, mimalloc for the SQL engine.
//!
//! Measured on the query benchmark's 10 M events: under mimalloc the revenue and one-hour queries
//! took 6–10 ms (10–25 %) less, the funnel no more; under glibc the transform kept its speed at
//! half the peak memory (`--jobs 1`: 68 against 104–138 MB). So the choice is made per command,
//! before its work starts, and each block is freed by the allocator that owns it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

static ENGINE_ALLOCATOR: AtomicBool = AtomicBool::new(false);

/// mimalloc's `mi_option_purge_delay` and `mi_option_allow_thp` (include/mimalloc.h of its v3);
/// the crate's constants stop short of them.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

pub struct Allocator;

fn owned_by_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: a look-up in mimalloc's page map, valid for any address and before mimalloc's own
    // initialisation (the map is then empty).
    unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: every block comes from System or MiMalloc, both sound allocators, and goes back to the
// one whose heap holds it.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ENGINE_ALLOCATOR.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ENGINE_ALLOCATOR.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if owned_by_mimalloc(ptr) {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if owned_by_mimalloc(ptr) {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

/// From now on, new blocks come from mimalloc, and freed ones stay with it instead of going back
/// to the system after 10 ms: a query builds, drops and rebuilds hash tables per partition, and
/// each return and refault cost the funnel query a fifth of its time.
///
/// Its heap also stays in 4 KiB pages. mimalloc asks for transparent huge pages on the 1 GiB it
/// reserves, and each thread's first blocks then land in a 2 MiB page of their own that the kernel
/// zeroes whole on first touch, or first compacts memory to find: for a query that reads 1.4 MB,
/// a third of its CPU time and a spread of ±10 % between runs. `MIMALLOC_*` variables win.
pub fn use_engine_allocator() {
    set_unless_in_environment("MIMALLOC_PURGE_DELAY", MI_OPTION_PURGE_DELAY, -1);
    // Before mimalloc's first allocation, which reserves its arena with this option in force.
    set_unless_in_environment("MIMALLOC_ALLOW_THP", MI_OPTION_ALLOW_THP, 0);
    ENGINE_ALLOCATOR.store(true, Ordering::Relaxed);
}

fn set_unless_in_environment(variable: &str, option: libmimalloc_sys::mi_option_t, value: std::ffi::c_long) {
    if std::env::var_os(variable).is_none() {
        // SAFETY: sets one allocator parameter; mimalloc reads its options atomically.
        unsafe { libmimalloc_sys::mi_option_set(option, value) };
    }
}

/// glibc maps each block of 128 KiB and more afresh and unmaps it on free, so every use of the
/// transform's buffers faulted its pages in and zeroed them again; kept in the heap they are
/// reused. Peak memory stays what the program holds at once. A `GLIBC_TUNABLES` setting wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    const MIB: libc::c_int = 1024 * 1024;
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        // SAFETY: mallopt only adjusts allocator parameters; called before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 32 * MIB);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 64 * MIB);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_go_back_to_the_allocator_that_made_them() {
        let before: Vec<Vec<u8>> = (0..64).map(|i| vec![1u8; 1 << (i % 22)]).collect();
        assert!(before.iter().all(|block| !owned_by_mimalloc(block.as_ptr().cast_mut())));
        use_engine_allocator();
        let mut after: Vec<Vec<u8>> = (0..64).map(|i| vec![2u8; 1 << (i % 22)]).collect();
        assert!(after.iter().all(|block| owned_by_mimalloc(block.as_ptr().cast_mut())));
        #[cfg(target_os = "linux")]
        {
            let flags = mapping_flags(after[21].as_ptr() as usize);
            assert!(!flags.iter().any(|flag| flag == "hg"), "MADV_HUGEPAGE on the engine heap: {flags:?}");
        }
        let mut grown = before;
        for block in grown.iter_mut().chain(after.iter_mut()) {
            block.resize(block.len() * 3, 3);
        }
        assert!(grown.iter().all(|block| block[0] == 1 && block[block.len() - 1] == 3));
        assert!(after.iter().all(|block| block[0] == 2 && block[block.len() - 1] == 3));
    }

    /// The `VmFlags` of the mapping that holds `address`, from `/proc/self/smaps`.
    #[cfg(target_os = "linux")]
    fn mapping_flags(address: usize) -> Vec<String> {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ')
                && let Some((start, end)) = range.split_once('-')
                && let (Ok(start), Ok(end)) =
                    (usize::from_str_radix(start, 16), usize::from_str_radix(end, 16))
            {
                inside = (start..end).contains(&address);
            } else if inside && let Some(flags) = line.strip_prefix("VmFlags:") {
                return flags.split_whitespace().map(str::to_owned).collect();
            }
        }
        panic!("no mapping holds {address:#x}");
    }
}
