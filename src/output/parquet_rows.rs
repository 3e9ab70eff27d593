//! Query results as a Parquet file (`--out result.parquet`): typed columns from the result's
//! metadata, written in row groups as rows stream in, never the whole result in memory.

use std::io::Write;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use arrow::array::{ArrayRef, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use crate::backend::{ResultColumn, ValueKind};

/// Rows per record batch handed to the writer (and so the most rows held at once).
const BATCH_ROWS: usize = 64 * 1024;

enum Builder {
    Integer(Int64Builder),
    Float(Float64Builder),
    Boolean(BooleanBuilder),
    Text(StringBuilder),
}

impl Builder {
    fn new(kind: ValueKind) -> Self {
        match kind {
            ValueKind::Integer => Builder::Integer(Int64Builder::new()),
            ValueKind::Float => Builder::Float(Float64Builder::new()),
            ValueKind::Boolean => Builder::Boolean(BooleanBuilder::new()),
            ValueKind::Text => Builder::Text(StringBuilder::new()),
        }
    }

    fn data_type(kind: ValueKind) -> DataType {
        match kind {
            ValueKind::Integer => DataType::Int64,
            ValueKind::Float => DataType::Float64,
            ValueKind::Boolean => DataType::Boolean,
            ValueKind::Text => DataType::Utf8,
        }
    }

    /// Appends a value; a value of another kind is an error, never silently a null.
    fn append(&mut self, value: &Value) -> std::result::Result<(), ()> {
        match (self, value) {
            (Builder::Integer(b), Value::Null) => b.append_null(),
            (Builder::Integer(b), Value::Number(n)) => b.append_value(n.as_i64().ok_or(())?),
            (Builder::Float(b), Value::Null) => b.append_null(),
            (Builder::Float(b), Value::Number(n)) => b.append_value(n.as_f64().ok_or(())?),
            (Builder::Boolean(b), Value::Null) => b.append_null(),
            (Builder::Boolean(b), Value::Bool(v)) => b.append_value(*v),
            (Builder::Text(b), Value::Null) => b.append_null(),
            (Builder::Text(b), Value::String(s)) => b.append_value(s),
            (Builder::Text(b), other) => b.append_value(other.to_string()),
            _ => return Err(()),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
        }
    }
}

pub struct ParquetRows<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    columns: Vec<ResultColumn>,
    builders: Vec<Builder>,
    pending: usize,
    rows: u64,
}

impl<W: Write + Send> ParquetRows<W> {
    pub fn new(out: W, columns: &[ResultColumn]) -> Result<Self> {
        let schema: SchemaRef = Arc::new(Schema::new(
            columns.iter().map(|c| Field::new(&c.name, Builder::data_type(c.kind), true)).collect::<Vec<_>>(),
        ));
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(Self {
            writer,
            schema,
            builders: columns.iter().map(|c| Builder::new(c.kind)).collect(),
            columns: columns.to_vec(),
            pending: 0,
            rows: 0,
        })
    }

    pub fn write_row(&mut self, row: &[Value]) -> Result<()> {
        self.rows += 1;
        for (i, builder) in self.builders.iter_mut().enumerate() {
            let value = row.get(i).unwrap_or(&Value::Null);
            builder.append(value).map_err(|()| {
                anyhow!(
                    "row {}, column `{}`: {value} is not {}",
                    self.rows,
                    self.columns[i].name,
                    self.columns[i].kind.described()
                )
            })?;
        }
        self.pending += 1;
        if self.pending >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        self.writer.write(&RecordBatch::try_new(self.schema.clone(), arrays)?)?;
        self.pending = 0;
        Ok(())
    }

    /// Writes the last rows and the footer; returns the underlying writer.
    pub fn finish(mut self) -> Result<W> {
        self.flush_batch()?;
        Ok(self.writer.into_inner()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use serde_json::json;

    fn column(name: &str, kind: ValueKind) -> ResultColumn {
        ResultColumn { name: name.into(), kind }
    }

    #[test]
    fn typed_columns_round_trip() {
        let columns = [
            column("n", ValueKind::Integer),
            column("x", ValueKind::Float),
            column("ok", ValueKind::Boolean),
            column("s", ValueKind::Text),
        ];
        let mut rows = ParquetRows::new(Vec::new(), &columns).unwrap();
        rows.write_row(&[json!(1), json!(1.5), json!(true), json!("a")]).unwrap();
        rows.write_row(&[Value::Null, json!(2), Value::Null, Value::Null]).unwrap();
        let bytes = rows.finish().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).unwrap();
        let schema = reader.schema().clone();
        assert_eq!(schema.field(0).data_type(), &DataType::Int64);
        assert_eq!(schema.field(1).data_type(), &DataType::Float64);
        assert_eq!(schema.field(2).data_type(), &DataType::Boolean);
        let batches: Vec<RecordBatch> = reader.build().unwrap().map(|b| b.unwrap()).collect();
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 2);
        assert_eq!(batches[0].column(0).null_count(), 1);
    }

    #[test]
    fn a_value_of_another_kind_is_an_error_not_a_null() {
        let mut rows = ParquetRows::new(Vec::new(), &[column("n", ValueKind::Integer)]).unwrap();
        let err = rows.write_row(&[json!("twelve")]).unwrap_err().to_string();
        assert_eq!(err, "row 1, column `n`: \"twelve\" is not an integer");
    }
}
