//! Arbitrary bytes as a raw object: gzip or not, newline-separated or concatenated records.
//! The transform must never panic, and must account for every record it framed: each one is
//! either an event written out or a quarantined record with a reason.

#![no_main]

use std::io;

use bdctl::transform::{BadRecord, TransformOptions, TransformSink, transform};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

#[derive(Default)]
struct Counting {
    quarantined: Vec<BadRecord>,
}

impl TransformSink for Counting {
    fn open_day(&mut self, _day: NaiveDate) -> io::Result<Box<dyn io::Write + Send>> {
        Ok(Box::new(io::sink()))
    }

    fn quarantine(&mut self, bad: &BadRecord, _day: Option<NaiveDate>) -> io::Result<()> {
        self.quarantined.push(bad.clone());
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let options = TransformOptions {
        // Small groups and batches reach the flushing paths with small inputs.
        row_group_rows: 64,
        batch_rows: 16,
        encode_thread: false,
        inflate_thread: false,
        ..TransformOptions::new("fuzz/input.gz")
    };
    let mut sink = Counting::default();
    let report = transform(data, &options, &mut sink).expect("an in-memory sink does not fail");
    assert_eq!(report.records, report.events_out + report.quarantined, "every record accounted for");
    assert_eq!(report.quarantined as usize, sink.quarantined.len());
    let mut previous = 0;
    for bad in &sink.quarantined {
        assert!(bad.record_number > previous && bad.record_number <= report.records);
        assert!(bad.byte_offset <= report.input_bytes);
        assert!(!bad.reason.is_empty());
        previous = bad.record_number;
    }
});
