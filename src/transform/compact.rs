//! Rewriting a partition's Parquet files into one file sorted by `event_ts`.
//!
//! Pure, like the transform: the caller hands in the files' bytes and a writer. The input files
//! are decoded whole (a chunk of them is what one output file holds, so memory is about the
//! chunk's decoded size), the rows are ordered by `event_ts` (ties keep their input order) and
//! written out in row groups of `row_group_rows`, with the transform's writer settings, so the
//! row groups' statistics let a reader skip everything outside the time it asks for.

use std::io::Write;

use arrow::array::{Array, AsArray};
use arrow::compute::interleave_record_batch;
use arrow::datatypes::{Int64Type, SchemaRef};
use arrow::record_batch::RecordBatch;
use bytes::Bytes;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::metadata::ParquetMetaData;

use super::parquet::writer_properties;

/// The column the rewritten files are sorted by.
pub const SORT_COLUMN: &str = "event_ts";

/// What one rewrite wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rewritten {
    pub rows: u64,
    pub row_groups: usize,
}

/// An input that cannot be merged with the others, named by its key.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    #[error("{key}: not a readable Parquet file: {reason}")]
    Unreadable { key: String, reason: String },
    #[error(
        "{key}: its columns differ from {first}'s, so the two cannot share a file (crawl and transform again, then compact)"
    )]
    SchemaDiffers { key: String, first: String },
    #[error("{key}: no `{SORT_COLUMN}` timestamp column to sort by")]
    NoSortColumn { key: String },
    #[error("writing the compacted file: {0}")]
    Write(String),
}

/// Merges `inputs` (key, Parquet bytes) into one Parquet file written to `out`; `each_input`
/// sees every input's metadata as it is read.
pub fn rewrite_sorted(
    inputs: &[(String, Bytes)],
    out: Box<dyn Write + Send>,
    row_group_rows: usize,
    mut each_input: impl FnMut(&ParquetMetaData),
) -> Result<Rewritten, RewriteError> {
    let mut schema: Option<(SchemaRef, &str)> = None;
    let mut batches = Vec::new();
    for (key, bytes) in inputs {
        let unreadable = |err: &dyn std::fmt::Display| RewriteError::Unreadable {
            key: key.clone(),
            reason: err.to_string(),
        };
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes.clone()).map_err(|e| unreadable(&e))?;
        each_input(builder.metadata());
        let file_schema = builder.schema().clone();
        match &schema {
            None => schema = Some((file_schema, key.as_str())),
            Some((first, first_key)) if first.fields() != file_schema.fields() => {
                return Err(RewriteError::SchemaDiffers { key: key.clone(), first: first_key.to_string() });
            }
            Some(_) => {}
        }
        let reader = builder.with_batch_size(64 * 1024).build().map_err(|e| unreadable(&e))?;
        for batch in reader {
            batches.push(batch.map_err(|e| unreadable(&e))?);
        }
    }
    let Some((schema, first_key)) = schema else {
        return Err(RewriteError::Write("nothing to rewrite".into()));
    };
    let sort_index = schema
        .index_of(SORT_COLUMN)
        .map_err(|_| RewriteError::NoSortColumn { key: first_key.to_string() })?;

    // (timestamp, batch, row): a stable sort keeps rows of equal time in their input order.
    let mut order: Vec<(i64, usize, usize)> = Vec::with_capacity(batches.iter().map(|b| b.num_rows()).sum());
    for (b, batch) in batches.iter().enumerate() {
        let column = arrow::compute::cast(batch.column(sort_index), &arrow::datatypes::DataType::Int64)
            .map_err(|_| RewriteError::NoSortColumn { key: first_key.to_string() })?;
        let values = column.as_primitive::<Int64Type>();
        for row in 0..values.len() {
            let ts = if values.is_null(row) { i64::MAX } else { values.value(row) };
            order.push((ts, b, row));
        }
    }
    order.sort_by_key(|&(ts, _, _)| ts);

    let write_error = |err: &dyn std::fmt::Display| RewriteError::Write(err.to_string());
    let row_group_rows = row_group_rows.max(1);
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(writer_properties(row_group_rows)))
        .map_err(|e| write_error(&e))?;
    let sources: Vec<&RecordBatch> = batches.iter().collect();
    for chunk in order.chunks(row_group_rows) {
        let indices: Vec<(usize, usize)> = chunk.iter().map(|&(_, b, row)| (b, row)).collect();
        let sorted = interleave_record_batch(&sources, &indices).map_err(|e| write_error(&e))?;
        writer.write(&sorted).map_err(|e| write_error(&e))?;
        // One row group per chunk: the writer would otherwise carry rows over into the next.
        writer.flush().map_err(|e| write_error(&e))?;
    }
    let row_groups = writer.flushed_row_groups().len();
    writer.close().map_err(|e| write_error(&e))?;
    Ok(Rewritten { rows: order.len() as u64, row_groups })
}
