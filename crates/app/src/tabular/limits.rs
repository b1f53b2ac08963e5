//! 上传表格的上限 what an uploaded table may unpack to.
//!
//! An .xlsx is a zip: 4.7 MB of it can inflate to 2 GB of sheet XML, and a few bytes of XML can
//! place a cell at row 1,048,576 or repeat one long shared string in every cell. So every upload
//! read by `read_table` is held to these limits, and refused (422 on `file`, naming the limit)
//! before the memory is spent: the zip directory is checked first (entries, declared sizes, ratio),
//! then each entry is really inflated into nothing through a counting cap (a directory can lie),
//! and only then is the workbook opened and its cells read one at a time, stopping at the first
//! row, column, cell or total beyond a limit. docs/api.md lists the numbers.
use std::io::{Cursor, Read};

use super::TableError;

/// Entries in a zip-packed workbook (a sheet file has a dozen).
pub const MAX_ZIP_ENTRIES: usize = 500;
/// Bytes all entries of a workbook unpack to, together.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// How many times larger than its packed size an entry may unpack to (sheets are 5 to 20 times)…
pub const MAX_RATIO: u64 = 200;
/// …counted only for entries that unpack to more than this (tiny files compress oddly).
pub const RATIO_FROM_BYTES: u64 = 1024 * 1024;
/// Rows of a table, the header included.
pub const MAX_ROWS: usize = 200_001;
/// Columns of a table.
pub const MAX_COLUMNS: usize = 200;
/// Characters in one cell.
pub const MAX_CELL_CHARS: usize = 2_000;
/// Bytes of text in all cells together.
pub const MAX_TEXT_BYTES: usize = 128 * 1024 * 1024;

/// A set of limits; `UPLOAD` for everything that comes over HTTP.
#[derive(Clone, Debug)]
pub struct Limits {
    pub zip_entries: usize,
    pub unpacked_bytes: u64,
    pub ratio: u64,
    pub ratio_from_bytes: u64,
    pub rows: usize,
    pub columns: usize,
    pub cell_chars: usize,
    pub text_bytes: usize,
}

/// Uploads (imports, plan tables, departmental snapshots).
pub const UPLOAD: Limits = Limits {
    zip_entries: MAX_ZIP_ENTRIES,
    unpacked_bytes: MAX_UNPACKED_BYTES,
    ratio: MAX_RATIO,
    ratio_from_bytes: RATIO_FROM_BYTES,
    rows: MAX_ROWS,
    columns: MAX_COLUMNS,
    cell_chars: MAX_CELL_CHARS,
    text_bytes: MAX_TEXT_BYTES,
};

/// A file the operator names on the command line (`minzheng import`): a whole district's registry
/// in one worksheet is allowed, the rest as for uploads.
pub const LOCAL_FILE: Limits = Limits { rows: 1_048_576, unpacked_bytes: 4 * MAX_UNPACKED_BYTES, text_bytes: 8 * MAX_TEXT_BYTES, ..UPLOAD };

/// Which limit a table went beyond.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exceeded {
    ZipEntries { limit: usize },
    UnpackedBytes { limit: u64 },
    Ratio { entry: String, limit: u64 },
    Rows { limit: usize },
    Columns { row: usize, limit: usize },
    CellChars { cell: String, limit: usize },
    TextBytes { limit: usize },
}

impl Exceeded {
    pub fn zh(&self) -> String {
        match self {
            Exceeded::ZipEntries { limit } => format!("压缩包内文件数超过 {limit} 个"),
            Exceeded::UnpackedBytes { limit } => format!("解压后总大小超过 {} MB", limit / (1024 * 1024)),
            Exceeded::Ratio { entry, limit } => format!("压缩比超过 {limit} 倍（{entry}），疑为压缩炸弹"),
            Exceeded::Rows { limit } => format!("行数超过 {limit} 行（含表头），请分批导入"),
            Exceeded::Columns { row, limit } => format!("第 {row} 行的列数超过 {limit} 列"),
            Exceeded::CellChars { cell, limit } => format!("单元格 {cell} 超过 {limit} 个字"),
            Exceeded::TextBytes { limit } => format!("全部单元格文字超过 {} MB", limit / (1024 * 1024)),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Exceeded::ZipEntries { limit } => format!("more than {limit} entries in the zip package"),
            Exceeded::UnpackedBytes { limit } => format!("unpacks to more than {} MB", limit / (1024 * 1024)),
            Exceeded::Ratio { entry, limit } => format!("compression ratio above {limit} ({entry}): a zip bomb?"),
            Exceeded::Rows { limit } => format!("more than {limit} rows (header included): import in parts"),
            Exceeded::Columns { row, limit } => format!("row {row} has more than {limit} columns"),
            Exceeded::CellChars { cell, limit } => format!("cell {cell} is longer than {limit} characters"),
            Exceeded::TextBytes { limit } => format!("the cells hold more than {} MB of text", limit / (1024 * 1024)),
        }
    }
}

fn over(e: Exceeded) -> TableError {
    TableError::OverLimit(e)
}

fn malformed(e: impl std::fmt::Display) -> TableError {
    TableError::Malformed(e.to_string())
}

/// Checks a zip-packed workbook without keeping anything it unpacks.
pub fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), TableError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(malformed)?;
    if zip.len() > limits.zip_entries {
        return Err(over(Exceeded::ZipEntries { limit: limits.zip_entries }));
    }
    let ratio_ok = |size: u64, packed: u64| size <= limits.ratio_from_bytes || size <= packed.saturating_mul(limits.ratio);
    // what the directory declares: cheap, and refuses an honest bomb without inflating a byte
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(malformed)?;
        if !ratio_ok(entry.size(), entry.compressed_size()) {
            return Err(over(Exceeded::Ratio { entry: entry.name().map(|n| n.into_owned()).unwrap_or_default(), limit: limits.ratio }));
        }
        declared = declared.saturating_add(entry.size());
        if declared > limits.unpacked_bytes {
            return Err(over(Exceeded::UnpackedBytes { limit: limits.unpacked_bytes }));
        }
    }
    // what the entries really inflate to: a directory can lie, so each is inflated into nothing
    // through a cap one byte past what the limits still allow
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(malformed)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let packed = entry.compressed_size();
        let room = limits.unpacked_bytes - total;
        let by_ratio = packed.saturating_mul(limits.ratio).max(limits.ratio_from_bytes);
        let cap = room.min(by_ratio);
        let n = std::io::copy(&mut (&mut entry).take(cap + 1), &mut std::io::sink()).map_err(malformed)?;
        if n > room {
            return Err(over(Exceeded::UnpackedBytes { limit: limits.unpacked_bytes }));
        }
        if !ratio_ok(n, packed) {
            return Err(over(Exceeded::Ratio { entry: name, limit: limits.ratio }));
        }
        total += n;
    }
    Ok(())
}

impl Limits {
    /// A row (0-based `index`) of `width` cells.
    pub fn check_row(&self, index: usize, width: usize) -> Result<(), TableError> {
        if index >= self.rows {
            return Err(over(Exceeded::Rows { limit: self.rows }));
        }
        if width > self.columns {
            return Err(over(Exceeded::Columns { row: index + 1, limit: self.columns }));
        }
        Ok(())
    }

    /// One cell's text (0-based row and column).
    pub fn check_cell(&self, (row, col): (usize, usize), text: &str) -> Result<(), TableError> {
        // bytes bound chars from above: count only when it may matter
        if text.len() > self.cell_chars && text.chars().count() > self.cell_chars {
            return Err(over(Exceeded::CellChars { cell: format!("{}{}", column_name(col), row + 1), limit: self.cell_chars }));
        }
        Ok(())
    }
}

/// `0` → `A`, `26` → `AA`.
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Rows built from cells read one at a time, held to the limits as they come. The rows keep
/// their sheet positions: from the first non-empty row on, every row is as wide as the widest
/// (rows before it are empty), as the sheet shows them.
pub struct TableBuilder<'a> {
    limits: &'a Limits,
    rows: Vec<Vec<String>>,
    text: usize,
    width: usize,
    first_row: Option<usize>,
}

impl<'a> TableBuilder<'a> {
    pub fn new(limits: &'a Limits) -> Self {
        TableBuilder { limits, rows: Vec::new(), text: 0, width: 0, first_row: None }
    }

    /// The cell at (row, column), 0-based. Empty cells take no room (a sheet formatted to its last
    /// column has styled empty cells there).
    pub fn push(&mut self, (row, col): (u32, u32), text: String) -> Result<(), TableError> {
        if text.is_empty() {
            return Ok(());
        }
        let (row, col) = (row as usize, col as usize);
        self.limits.check_row(row, col + 1)?;
        self.limits.check_cell((row, col), &text)?;
        self.text += text.len();
        if self.text > self.limits.text_bytes {
            return Err(over(Exceeded::TextBytes { limit: self.limits.text_bytes }));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize_with(col + 1, String::new);
        }
        cells[col] = text;
        self.width = self.width.max(col + 1);
        self.first_row = Some(self.first_row.map_or(row, |r| r.min(row)));
        Ok(())
    }

    pub fn finish(mut self) -> Vec<Vec<String>> {
        if let Some(first) = self.first_row {
            for row in &mut self.rows[first..] {
                row.resize_with(self.width, String::new);
            }
        }
        self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
