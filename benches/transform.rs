//! Throughput of the transform against its inflate+parse limit, on a directory of raw objects.
//!
//! usage: cargo bench --bench transform -- [--mode MODE|all] [--rounds N] [DIR]
//!
//! DIR (or env `BENCH_DATA`) holds raw objects (gzip NDJSON, any name); every regular file in it
//! is an input. Each mode processes all files, `BENCH_ROUNDS` (or `--rounds`, default 3) times,
//! and prints one line with the median round:
//!
//!   mode=transform_1t threads=1 files=20 events=1063500 json_bytes=… seconds=… cpu_s=…
//!   events_per_s=… mb_per_s=… out_bytes=… peak_rss_kb=…
//!
//! Modes:
//! - `parse_only_1t`, `parse_only_2t`: `transform::parse_only` (inflate + frame + typed parse),
//!   on 1 thread or 2 threads sharing the files; the practical limit of this transform.
//! - `serde_limit_1t`, `serde_limit_2t`: the limit as `../shared/bench/README.md` defines it:
//!   gunzip (flate2, the same zlib-rs backend), split lines, `serde_json` each record into a
//!   struct of the contract's fields.
//! - `transform_1t`: `transform::transform` without its inflating and encoding threads, one
//!   thread in all.
//! - `transform_1t_pipelined`: the same with the defaults `inflate_thread` and `encode_thread`
//!   (gzip inflated on one thread, parsed on the caller's, Parquet encoded on a third), as the
//!   CLI runs an object while a core is idle.
//! - `transform_2t`: 2 threads sharing the files, each without extra threads.
//! - `all` (default): every mode above, in this order, in this process.
//!
//! Inputs are read from the files (page cache after the first round) through a 1 MiB buffer;
//! Parquet output goes to writers that only count bytes; quarantined records are counted.
//! `json_bytes` is the decompressed input size, `mb_per_s` is decimal MB of it per second.
//! `seconds` is wall time; `cpu_s` the CPU time of the process in that round.
//! `peak_rss_kb` is the process's VmHWM after the mode: process-wide and monotonic, so it is the
//! mode's own peak only when the mode runs alone (`--mode`), as `scripts/bench` does.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use bdctl::transform::{self, BadRecord, TransformOptions, TransformSink};
use chrono::NaiveDate;

const MODES: &[&str] = &[
    "serde_limit_1t",
    "serde_limit_2t",
    "parse_only_1t",
    "parse_only_2t",
    "transform_1t",
    "transform_1t_pipelined",
    "transform_2t",
];

/// A Parquet destination that keeps nothing.
struct Counter(Arc<AtomicU64>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.fetch_add(b.len() as u64, Ordering::Relaxed);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct CountingSink {
    out_bytes: Arc<AtomicU64>,
    quarantined: u64,
}

impl TransformSink for CountingSink {
    fn open_day(&mut self, _day: NaiveDate) -> io::Result<Box<dyn Write + Send>> {
        Ok(Box::new(Counter(self.out_bytes.clone())))
    }
    fn quarantine(&mut self, bad: &BadRecord, _day: Option<NaiveDate>) -> io::Result<()> {
        std::hint::black_box(bad);
        self.quarantined += 1;
        Ok(())
    }
}

/// What one pass over one file produced.
#[derive(Default, Clone, Copy)]
struct Tally {
    events: u64,
    quarantined: u64,
}

#[derive(Clone, Copy)]
enum Work {
    SerdeLimit,
    ParseOnly,
    Transform { pipelined: bool },
}

fn open(path: &Path) -> BufReader<File> {
    let file = File::open(path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()));
    BufReader::with_capacity(1 << 20, file)
}

/// The event contract as a plain serde struct: owned strings, `timestamp` string or number.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct ContractEvent {
    event_id: String,
    event_type: String,
    timestamp: serde_json::Value,
    user_id: Option<String>,
    session_id: Option<String>,
    page_url: Option<String>,
    referrer: Option<String>,
    user_agent: Option<String>,
    ip: Option<String>,
    email: Option<String>,
    product_id: Option<String>,
    price: Option<f64>,
    quantity: Option<i64>,
    country: Option<String>,
    device: Option<String>,
}

/// The decompressed content of a raw object (gzip by its magic bytes, else as it is).
fn decoded(path: &Path) -> Box<dyn BufRead> {
    let mut input = open(path);
    let is_gzip = input.fill_buf().is_ok_and(|head| head.starts_with(&[0x1f, 0x8b]));
    if is_gzip {
        Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(input)))
    } else {
        Box::new(input)
    }
}

fn serde_limit(path: &Path) -> u64 {
    let mut lines = decoded(path);
    let (mut line, mut events) = (Vec::new(), 0);
    loop {
        line.clear();
        match lines.read_until(b'\n', &mut line) {
            Ok(0) => break events,
            Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
            Ok(_) => {
                let event: ContractEvent = serde_json::from_slice(&line)
                    .unwrap_or_else(|e| panic!("serde_limit {} record {}: {e}", path.display(), events + 1));
                std::hint::black_box(&event);
                events += 1;
            }
            Err(e) => panic!("serde_limit {}: {e}", path.display()),
        }
    }
}

fn run_file(work: Work, path: &Path, out_bytes: &Arc<AtomicU64>) -> Tally {
    match work {
        Work::SerdeLimit => Tally { events: serde_limit(path), quarantined: 0 },
        Work::ParseOnly => {
            let records = transform::parse_only(open(path))
                .unwrap_or_else(|e| panic!("parse_only {}: {e}", path.display()));
            Tally { events: records, quarantined: 0 }
        }
        Work::Transform { pipelined } => {
            let opts = TransformOptions {
                encode_thread: pipelined,
                inflate_thread: pipelined,
                ..TransformOptions::new(path.display().to_string())
            };
            let mut sink = CountingSink { out_bytes: out_bytes.clone(), quarantined: 0 };
            let report = transform::transform(open(path), &opts, &mut sink)
                .unwrap_or_else(|e| panic!("transform {}: {e}", path.display()));
            if let Some(why) = report.damaged {
                panic!("{} is damaged: {why}", path.display());
            }
            Tally { events: report.events_out, quarantined: sink.quarantined }
        }
    }
}

/// One round: every file once, on `threads` threads taking files from a shared queue.
fn round(work: Work, threads: usize, files: &[PathBuf]) -> (f64, f64, Tally, u64) {
    let out_bytes = Arc::new(AtomicU64::new(0));
    let next = AtomicUsize::new(0);
    let cpu0 = process_cpu();
    let t0 = Instant::now();
    let tally = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut t = Tally::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break t };
                        let r = run_file(work, path, &out_bytes);
                        t.events += r.events;
                        t.quarantined += r.quarantined;
                    }
                })
            })
            .collect();
        handles.into_iter().fold(Tally::default(), |mut acc, h| {
            let t = h.join().expect("bench thread panicked");
            acc.events += t.events;
            acc.quarantined += t.quarantined;
            acc
        })
    });
    let seconds = t0.elapsed().as_secs_f64();
    (seconds, process_cpu() - cpu0, tally, out_bytes.load(Ordering::Relaxed))
}

/// User + system CPU seconds of this process, all threads (clock-tick resolution).
fn process_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let Some(close) = stat.rfind(')') else { return 0.0 };
    let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
    // After the command name: state is field 3 of the full line, utime 14 and stime 15.
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// VmHWM of this process in KiB (0 where /proc is missing).
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Decompressed size of every input, measured once, untimed.
fn json_bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .map(|p| {
            io::copy(&mut decoded(p), &mut io::sink())
                .unwrap_or_else(|e| panic!("inflating {}: {e}", p.display()))
        })
        .sum()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

fn mode_spec(mode: &str) -> Option<(Work, usize)> {
    Some(match mode {
        "serde_limit_1t" => (Work::SerdeLimit, 1),
        "serde_limit_2t" => (Work::SerdeLimit, 2),
        "parse_only_1t" => (Work::ParseOnly, 1),
        "parse_only_2t" => (Work::ParseOnly, 2),
        "transform_1t" => (Work::Transform { pipelined: false }, 1),
        "transform_1t_pipelined" => (Work::Transform { pipelined: true }, 1),
        "transform_2t" => (Work::Transform { pipelined: false }, 2),
        _ => return None,
    })
}

fn usage() -> ! {
    eprintln!(
        "usage: transform [--mode MODE|all] [--rounds N] [DIR]\n  DIR defaults to $BENCH_DATA; modes: {}",
        MODES.join(", ")
    );
    std::process::exit(2)
}

fn main() {
    let mut mode = "all".to_string();
    let mut rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut dir = std::env::var_os("BENCH_DATA").map(PathBuf::from);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Passed by `cargo bench` to every bench target.
            "--bench" => {}
            "--mode" => mode = args.next().unwrap_or_else(|| usage()),
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or_else(|| usage()),
            "-h" | "--help" => usage(),
            a if a.starts_with('-') => usage(),
            a => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else { usage() };
    let rounds = rounds.max(1);
    let modes: Vec<&str> = if mode == "all" {
        MODES.to_vec()
    } else if mode_spec(&mode).is_some() {
        vec![mode.as_str()]
    } else {
        usage()
    };

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        eprintln!("no input files in {}", dir.display());
        std::process::exit(1);
    }
    let gz_bytes: u64 = files.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    let json = json_bytes(&files);
    eprintln!(
        "input: {} files, {:.1} MB compressed, {:.1} MB JSON, {rounds} rounds per mode",
        files.len(),
        gz_bytes as f64 / 1e6,
        json as f64 / 1e6
    );

    for mode in modes {
        let (work, threads) = mode_spec(mode).expect("known mode");
        let (mut walls, mut cpus) = (Vec::new(), Vec::new());
        let (mut tally, mut out_bytes) = (Tally::default(), 0);
        for _ in 0..rounds {
            let (wall, cpu, t, out) = round(work, threads, &files);
            walls.push(wall);
            cpus.push(cpu);
            (tally, out_bytes) = (t, out);
        }
        let seconds = median(walls);
        println!(
            "mode={mode} threads={threads} files={} events={} quarantined={} json_bytes={json} seconds={seconds:.3} \
             cpu_s={:.2} events_per_s={:.0} mb_per_s={:.1} out_bytes={out_bytes} peak_rss_kb={}",
            files.len(),
            tally.events,
            tally.quarantined,
            median(cpus),
            tally.events as f64 / seconds,
            json as f64 / 1e6 / seconds,
            peak_rss_kb()
        );
    }
}
