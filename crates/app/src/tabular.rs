//! 表格文件 reading uploaded spreadsheets (.xlsx, .xls, .csv) into rows of text, and writing
//! exports (.xlsx streamed in constant memory, .csv with a BOM).
//!
//! Everything is text on both sides: ID numbers and phone numbers look like numbers but are not,
//! and a spreadsheet that turns them into floats loses digits.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

pub mod limits;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Why a table could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Not a file type we read (the extension, lowercased).
    #[error("unsupported file type: {0:?} (use .xlsx, .xls or .csv)")]
    Unsupported(String),
    /// The file claims a type but its content is damaged or of another kind.
    #[error("the file cannot be read: {0}")]
    Malformed(String),
    /// No sheet, or only empty rows.
    #[error("the file contains no data")]
    Empty,
    /// More rows than a worksheet holds (1,048,576 including the header).
    #[error("too many rows for one worksheet")]
    TooManyRows,
    /// An uploaded table beyond one of the `limits` (refused before the memory is spent).
    #[error("the file is beyond the limit: {}", .0.en())]
    OverLimit(limits::Exceeded),
    /// The xlsx writer failed (temporary file, I/O).
    #[error("the spreadsheet could not be written: {0}")]
    Write(String),
}

impl TableError {
    /// The message for officers.
    pub fn message_zh(&self) -> String {
        match self {
            TableError::Unsupported(ext) if ext.is_empty() => {
                "不支持的文件类型：文件没有扩展名（请上传 .xlsx、.xls 或 .csv 文件）".to_string()
            }
            TableError::Unsupported(ext) => {
                format!("不支持的文件类型“.{ext}”（请上传 .xlsx、.xls 或 .csv 文件）")
            }
            TableError::Malformed(detail) => {
                format!("文件已损坏或格式与扩展名不符，无法读取（{detail}）")
            }
            TableError::Empty => "文件中没有数据".to_string(),
            TableError::TooManyRows => {
                "行数超过 Excel 单个工作表的上限（1048576 行），请缩小导出范围".to_string()
            }
            TableError::Write(detail) => format!("表格文件生成失败（{detail}）"),
            TableError::OverLimit(limit) => format!("文件超出上限：{}", limit.zh()),
        }
    }
}

impl From<XlsxError> for TableError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::RowColumnLimitError => TableError::TooManyRows,
            other => TableError::Write(other.to_string()),
        }
    }
}

/// Reads the first sheet of an .xlsx/.xls (also .xlsm, .xlsb, .ods) or a .csv file, chosen by the
/// extension of `file_name`, into rows of trimmed text cells.
///
/// Rows keep their position in the sheet, so `rows[i]` is what a spreadsheet shows as row `i + 1`
/// (leading blank rows come back as empty rows); trailing empty rows are dropped. Date cells
/// become `YYYY-MM-DD` (with ` HH:MM:SS` if they carry a time), integral numbers are written
/// without `.0`, and text cells are kept as they are, so long digit strings stay exact.
/// A CSV file is UTF-8 (with or without BOM), UTF-16 with BOM, or else GBK/GB18030 (as saved by
/// Excel or WPS on Chinese Windows); comma-separated, or tab-separated when the first line has
/// tabs but no commas.
///
/// An upload is held to `limits::UPLOAD` (see `read_table_with`).
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    read_table_with(file_name, bytes, &limits::UPLOAD)
}

/// `read_table` held to `limits`: a zip-packed workbook is checked entry by entry (count, declared
/// sizes and ratio, then the real sizes while inflating into nothing) before it is opened, and its
/// cells are read one at a time, stopping at the first row, column, cell or total beyond a limit.
pub fn read_table_with(file_name: &str, bytes: &[u8], limits: &limits::Limits) -> Result<Vec<Vec<String>>, TableError> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let mut rows = match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" => read_workbook(bytes, limits)?,
        "csv" => read_csv(bytes, limits)?,
        _ => return Err(TableError::Unsupported(ext)),
    };
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    if rows.is_empty() {
        return Err(TableError::Empty);
    }
    Ok(rows)
}

fn read_workbook(bytes: &[u8], limits: &limits::Limits) -> Result<Vec<Vec<String>>, TableError> {
    if bytes.starts_with(b"PK") {
        limits::check_zip(bytes, limits)?;
    }
    // Detects the format from the content, so an .xlsx saved under an .xls name still opens.
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TableError::Malformed(e.to_string()))?;
    let mut table = limits::TableBuilder::new(limits);
    match workbook {
        Sheets::Xlsx(mut book) => {
            let first = book.sheet_names().into_iter().next().ok_or(TableError::Empty)?;
            let mut cells = book.worksheet_cells_reader(&first).map_err(|e| TableError::Malformed(e.to_string()))?;
            while let Some(cell) = cells.next_cell().map_err(|e| TableError::Malformed(e.to_string()))? {
                table.push(cell.get_position(), cell_text(&Data::from(cell.get_value().clone())))?;
            }
        }
        Sheets::Xlsb(mut book) => {
            let first = book.sheet_names().into_iter().next().ok_or(TableError::Empty)?;
            let mut cells = book.worksheet_cells_reader(&first).map_err(|e| TableError::Malformed(e.to_string()))?;
            while let Some(cell) = cells.next_cell().map_err(|e| TableError::Malformed(e.to_string()))? {
                table.push(cell.get_position(), cell_text(&Data::from(cell.get_value().clone())))?;
            }
        }
        // An .xls is not compressed, and the format itself holds at most 65,536 × 256 cells; its
        // reader has no cell stream, so the sheet is read whole and then held to the limits.
        Sheets::Xls(mut book) => {
            let range = match book.worksheet_range_at(0) {
                None => return Err(TableError::Empty),
                Some(r) => r.map_err(|e| TableError::Malformed(e.to_string()))?,
            };
            for (row, col, cell) in range.used_cells() {
                let (first_row, first_col) = range.start().unwrap_or((0, 0));
                table.push((first_row + row as u32, first_col + col as u32), cell_text(cell))?;
            }
        }
        // OpenDocument sheets repeat rows and columns by an attribute (a few bytes for a million
        // cells) that the reader expands whole: not read (use .xlsx).
        Sheets::Ods(_) => return Err(TableError::Unsupported("ods".into())),
    }
    Ok(table.finish())
}

/// A cell as the text a person reads in it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::DateTime(dt) => float_text(dt.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).trim().to_string(),
        Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

/// `12.0` → `12`, `1.5` → `1.5`; no exponent for large integers.
fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn read_csv(bytes: &[u8], limits: &limits::Limits) -> Result<Vec<Vec<String>>, TableError> {
    let text = decode_text(bytes)?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv reader skips blank lines; put them back so that row numbers match the file. A
    // record's position is where the reader started after the previous record, i.e. before the
    // blank lines it skipped.
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Malformed(e.to_string()))?;
        if let Some(pos) = record.position() {
            let start = usize::try_from(pos.byte()).unwrap_or(usize::MAX);
            let mut rest = text.get(start..).unwrap_or_default();
            // After a CRLF record the reader stops between the CR and the LF.
            if start > 0 && text.as_bytes().get(start - 1) == Some(&b'\r') {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            let skipped = rest.bytes().take_while(|b| *b == b'\n' || *b == b'\r');
            let blank_lines = skipped.filter(|b| *b == b'\n').count();
            rows.extend(std::iter::repeat_with(Vec::new).take(blank_lines));
        }
        limits.check_row(rows.len(), record.len())?;
        let row: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        for (col, cell) in row.iter().enumerate() {
            limits.check_cell((rows.len(), col), cell)?;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// UTF-8 (BOM optional), UTF-16 with a BOM, otherwise GB18030 (a superset of GBK).
fn decode_text(bytes: &[u8]) -> Result<String, TableError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| {
            TableError::Malformed("invalid UTF-8 after a UTF-8 byte order mark".into())
        });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(TableError::Malformed("invalid UTF-16 text".into()));
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(TableError::Malformed(
            "text is neither UTF-8 nor GBK".into(),
        ));
    }
    Ok(text.into_owned())
}

/// Rows inspected to size the columns; later rows rarely change the picture.
const WIDTH_SAMPLE_ROWS: u32 = 500;
const MIN_WIDTH: f64 = 8.0;
const MAX_WIDTH: f64 = 60.0;
/// Data rows a worksheet holds below its header.
const MAX_DATA_ROWS: u32 = 1_048_575;

/// A streaming .xlsx writer: one worksheet in constant-memory mode (rows go to a temporary file as
/// they are written), a bold frozen header row, every cell written as text.
pub struct XlsxExport {
    workbook: Workbook,
    text: Format,
    /// Next row to write (0 is the header).
    row: u32,
    /// Display width per column, from the header and the first rows.
    widths: Vec<f64>,
}

impl XlsxExport {
    /// Starts a workbook with one sheet named `sheet_name` (characters Excel forbids in sheet
    /// names are replaced, and it is cut to 31 characters) and the header row.
    pub fn new(sheet_name: &str, headers: &[&str]) -> Result<Self, TableError> {
        let mut workbook = Workbook::new();
        let header_format = Format::new()
            .set_bold()
            .set_background_color(0xD9E1F2)
            .set_align(FormatAlign::Center)
            .set_num_format("@");
        // "@" is Excel's text format: a number typed later into these cells stays text too.
        let text = Format::new().set_num_format("@");
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(sanitise_sheet_name(sheet_name))?;
        for (col, h) in headers.iter().enumerate() {
            let col = column(col)?;
            sheet.write_string_with_format(0, col, *h, &header_format)?;
            sheet.set_column_format(col, &text)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let widths = headers.iter().map(|h| display_width(h)).collect();
        Ok(XlsxExport {
            workbook,
            text,
            row: 1,
            widths,
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, TableError> {
        Ok(self.workbook.worksheet_from_index(0)?)
    }

    /// Appends a row; empty strings leave the cell blank.
    pub fn push_row(&mut self, cells: &[String]) -> Result<(), TableError> {
        if self.row > MAX_DATA_ROWS {
            return Err(TableError::TooManyRows);
        }
        let row = self.row;
        let text = self.text.clone();
        let sheet = self.sheet()?;
        for (col, value) in cells.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            sheet.write_string_with_format(row, column(col)?, neutralise_formula(value).into_owned(), &text)?;
        }
        if row <= WIDTH_SAMPLE_ROWS {
            if self.widths.len() < cells.len() {
                self.widths.resize(cells.len(), 0.0);
            }
            for (w, value) in self.widths.iter_mut().zip(cells) {
                *w = w.max(display_width(value));
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Data rows written so far.
    pub fn rows_written(&self) -> u32 {
        self.row - 1
    }

    /// Sizes the columns and returns the .xlsx file.
    pub fn finish(mut self) -> Result<Vec<u8>, TableError> {
        let widths = std::mem::take(&mut self.widths);
        let sheet = self.sheet()?;
        for (col, w) in widths.into_iter().enumerate() {
            sheet.set_column_width(column(col)?, (w + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))?;
        }
        Ok(self.workbook.save_to_buffer()?)
    }
}

fn column(index: usize) -> Result<u16, TableError> {
    // Excel has 16,384 columns; anything beyond is a caller error reported like the row limit.
    u16::try_from(index)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or(TableError::TooManyRows)
}

/// Approximate width in Excel character units: CJK and other wide characters count double.
fn display_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
        .sum()
}

/// Excel sheet names: 1–31 characters, none of `[]:*?/\`, not starting or ending with `'`.
fn sanitise_sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    if cleaned.is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned.to_string()
    }
}

/// A CSV file in UTF-8 with a byte order mark, so that Excel on Chinese Windows opens it as
/// UTF-8 rather than GBK. Values are written as they are except that formulas are neutralised
/// ([`neutralise_formula`]): Excel may still show long digit strings such as ID numbers as
/// numbers; the .xlsx export keeps them as text.
pub fn write_csv(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        // Flexible: a short row is written short rather than rejected.
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail, and a flexible writer rejects no record.
        let _ = writer.write_record(headers);
        for row in rows {
            let _ = writer.write_record(row.iter().map(|v| neutralise_formula(v).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

/// 公式注入防护: text a person typed (a donor's name, a campaign, a note) must never run as a
/// formula when an officer opens an export and edits or re-saves it (CSV injection: `=cmd|' /C
/// calc'!A0`, `@SUM(…)`, `+…`, `-…`, or a tab/CR that Excel strips first). Such a cell gets a
/// leading `'`, the spreadsheet convention for "this is text"; the stored value is unchanged.
/// Numbers stay numbers: `-12.50` (a negative amount) or `+3` is not touched.
pub fn neutralise_formula(value: &str) -> std::borrow::Cow<'_, str> {
    let starts_like_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_like_formula && !is_plain_number(value) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// An optional sign, then digits with at most one decimal point (thousands commas allowed).
fn is_plain_number(value: &str) -> bool {
    let body = value.strip_prefix(['+', '-']).unwrap_or(value);
    body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && body.bytes().filter(|b| *b == b'.').count() <= 1
}

#[cfg(test)]
mod formula_tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (typed, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("+86 138", "'+86 138"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-12.50", "-12.50"),
            ("+3", "+3"),
            ("1,234.00", "1,234.00"),
            ("<script>alert(1)</script>", "<script>alert(1)</script>"),
            ("张三", "张三"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise_formula(typed), written, "{typed:?}");
        }
    }

    #[test]
    fn both_writers_neutralise() {
        let row = vec!["=1+1".to_owned(), "-5.00".to_owned()];
        let mut x = XlsxExport::new("t", &["a", "b"]).unwrap();
        x.push_row(&row).unwrap();
        let rows = read_table("t.xlsx", &x.finish().unwrap()).unwrap();
        assert_eq!(rows[1], vec!["'=1+1".to_owned(), "-5.00".to_owned()]);
        let csv = write_csv(&["a", "b"], std::iter::once(row));
        assert_eq!(read_table("t.csv", &csv).unwrap()[1], vec!["'=1+1".to_owned(), "-5.00".to_owned()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn xlsx_round_trip_keeps_text() {
        let mut x =
            XlsxExport::new("人员/名单", &["身份证号", "姓名", "联系电话", "备注"]).unwrap();
        x.push_row(&strings(&["44070519500307123X", "张三", "13812341234", ""]))
            .unwrap();
        x.push_row(&strings(&[
            "440705195003071234",
            "欧阳小明",
            "0750-6612345",
            "1.50",
        ]))
        .unwrap();
        x.push_row(&strings(&["", "李四", "", "第四列"])).unwrap();
        assert_eq!(x.rows_written(), 3);
        let bytes = x.finish().unwrap();
        let rows = read_table("export.xlsx", &bytes).unwrap();
        assert_eq!(rows[0], strings(&["身份证号", "姓名", "联系电话", "备注"]));
        assert_eq!(
            rows[1],
            strings(&["44070519500307123X", "张三", "13812341234", ""])
        );
        assert_eq!(
            rows[2],
            strings(&["440705195003071234", "欧阳小明", "0750-6612345", "1.50"])
        );
        assert_eq!(rows[3], strings(&["", "李四", "", "第四列"]));
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn header_only_export_is_readable() {
        let bytes = XlsxExport::new("", &["a", "b"]).unwrap().finish().unwrap();
        assert_eq!(
            read_table("t.xlsx", &bytes).unwrap(),
            vec![strings(&["a", "b"])]
        );
    }

    #[test]
    fn numbers_and_dates_from_a_workbook() {
        let mut wb = Workbook::new();
        let sheet = wb.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        sheet.write_string(1, 1, " 出生日期 ").unwrap();
        sheet.write_number(2, 1, 12.0).unwrap();
        sheet.write_number(2, 2, 1.5).unwrap();
        sheet.write_number(2, 3, 440705195003071.0).unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(1950, 3, 7).unwrap();
        sheet.write_datetime_with_format(2, 4, &d, &date).unwrap();
        sheet.write_boolean(2, 5, true).unwrap();
        // formatted but empty trailing rows must not count
        sheet.write_blank(6, 1, &date).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let rows = read_table("upload.XLSX", &bytes).unwrap();
        // first row blank, first column blank: positions kept as a spreadsheet shows them
        assert_eq!(rows[0], Vec::<String>::new());
        assert_eq!(rows[1][1], "出生日期");
        assert_eq!(rows[1][0], "");
        assert_eq!(
            &rows[2][1..],
            &strings(&["12", "1.5", "440705195003071", "1950-03-07", "TRUE"])[..]
        );
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn misnamed_workbook_still_opens() {
        let mut x = XlsxExport::new("s", &["h"]).unwrap();
        x.push_row(&strings(&["v"])).unwrap();
        let bytes = x.finish().unwrap();
        assert_eq!(
            read_table("legacy.xls", &bytes).unwrap()[1],
            strings(&["v"])
        );
    }

    #[test]
    fn gbk_csv() {
        let text = "身份证号,姓名,家庭住址\r\n44070519500307123X, 张三 ,\"会城街道,中山路\"\r\n";
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let rows = read_table("名单.csv", &bytes).unwrap();
        assert_eq!(rows[0], strings(&["身份证号", "姓名", "家庭住址"]));
        assert_eq!(
            rows[1],
            strings(&["44070519500307123X", "张三", "会城街道,中山路"])
        );
    }

    #[test]
    fn bom_csv_and_write_csv_round_trip() {
        let bytes = write_csv(
            &["身份证号", "姓名"],
            vec![
                strings(&["44070519500307123X", "张三"]),
                strings(&["", "李\"四\""]),
            ]
            .into_iter(),
        );
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let rows = read_table("x.csv", &bytes).unwrap();
        assert_eq!(
            rows,
            vec![
                strings(&["身份证号", "姓名"]),
                strings(&["44070519500307123X", "张三"]),
                strings(&["", "李\"四\""])
            ]
        );
    }

    #[test]
    fn csv_blank_lines_keep_row_numbers_and_trailing_ones_go() {
        let expected = vec![
            strings(&["a", "b"]),
            vec![],
            strings(&["x\ny", "1"]),
            strings(&["2", "3"]),
        ];
        let text = "a,b\n\n\"x\ny\",1\n2,3\n,\n\n";
        assert_eq!(read_table("t.csv", text.as_bytes()).unwrap(), expected);
        let crlf = "a,b\r\n\r\n\"x\ny\",1\r\n2,3\r\n,\r\n\r\n";
        assert_eq!(read_table("t.csv", crlf.as_bytes()).unwrap(), expected);
        let leading = "\r\na,b\r\n";
        assert_eq!(
            read_table("t.csv", leading.as_bytes()).unwrap(),
            vec![vec![], strings(&["a", "b"])]
        );
    }

    #[test]
    fn utf16_tab_separated() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "姓名\t性别\r\n张三\t男\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let rows = read_table("t.csv", &bytes).unwrap();
        assert_eq!(rows[1], strings(&["张三", "男"]));
    }

    #[test]
    fn errors() {
        assert!(
            matches!(read_table("a.pdf", b"%PDF"), Err(TableError::Unsupported(e)) if e == "pdf")
        );
        assert!(matches!(
            read_table("noext", b""),
            Err(TableError::Unsupported(_))
        ));
        assert!(matches!(
            read_table("a.xlsx", b"not a zip"),
            Err(TableError::Malformed(_))
        ));
        assert!(matches!(read_table("a.csv", b""), Err(TableError::Empty)));
        assert!(matches!(
            read_table("a.csv", b" , \r\n,\r\n"),
            Err(TableError::Empty)
        ));
        assert!(matches!(
            read_table("a.csv", b"\xEF\xBB\xBF\xFF"),
            Err(TableError::Malformed(_))
        ));
        assert!(
            TableError::Unsupported("pdf".into())
                .message_zh()
                .contains(".pdf")
        );
        assert!(TableError::Empty.message_zh().contains("没有数据"));
    }

    #[test]
    fn sheet_names() {
        assert_eq!(sanitise_sheet_name("人员/名单"), "人员_名单");
        assert_eq!(sanitise_sheet_name(""), "Sheet1");
        assert_eq!(sanitise_sheet_name(&"长".repeat(40)).chars().count(), 31);
    }
}
