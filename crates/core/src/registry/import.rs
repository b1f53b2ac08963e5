//! 批量导入 spreadsheet rows to persons and households (pure: the server reads the file and
//! stores the rows). Headers are the Chinese column names of the import template.

use chrono::NaiveDate;

use crate::error::FieldError;
use crate::registry::identity::IdNumber;
use crate::registry::person::{DisabilityInput, PersonInput, Relation, ValidPerson};

/// Person columns, in template order.
pub const PERSON_HEADERS: &[&str] = &[
    "身份证号",
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "联系电话",
    "户籍地区划代码",
    "居住地区划代码",
    "户籍类型",
    "残疾类别",
    "残疾等级",
    "残疾证号",
    "优抚类别",
    "孤儿",
];
/// Extra columns of a household import, after the person columns.
pub const HOUSEHOLD_EXTRA_HEADERS: &[&str] = &["户编号", "与户主关系", "家庭住址"];
/// Optional columns for persons without an ID number.
pub const ALT_ID_HEADERS: &[&str] = &["证件类型", "证件号码"];

/// A column the importer knows; `header` is what errors name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    IdNumber,
    Name,
    Gender,
    BirthDate,
    Ethnicity,
    Phone,
    HukouRegion,
    Region,
    HukouType,
    DisabilityKind,
    DisabilityGrade,
    DisabilityCert,
    PriorityCare,
    Orphan,
    AltIdType,
    AltId,
    HouseholdKey,
    Relation,
    Address,
}

const ALL_COLS: [Col; 19] = [
    Col::IdNumber,
    Col::Name,
    Col::Gender,
    Col::BirthDate,
    Col::Ethnicity,
    Col::Phone,
    Col::HukouRegion,
    Col::Region,
    Col::HukouType,
    Col::DisabilityKind,
    Col::DisabilityGrade,
    Col::DisabilityCert,
    Col::PriorityCare,
    Col::Orphan,
    Col::AltIdType,
    Col::AltId,
    Col::HouseholdKey,
    Col::Relation,
    Col::Address,
];

impl Col {
    fn header(self) -> &'static str {
        match self {
            Col::IdNumber => "身份证号",
            Col::Name => "姓名",
            Col::Gender => "性别",
            Col::BirthDate => "出生日期",
            Col::Ethnicity => "民族",
            Col::Phone => "联系电话",
            Col::HukouRegion => "户籍地区划代码",
            Col::Region => "居住地区划代码",
            Col::HukouType => "户籍类型",
            Col::DisabilityKind => "残疾类别",
            Col::DisabilityGrade => "残疾等级",
            Col::DisabilityCert => "残疾证号",
            Col::PriorityCare => "优抚类别",
            Col::Orphan => "孤儿",
            Col::AltIdType => "证件类型",
            Col::AltId => "证件号码",
            Col::HouseholdKey => "户编号",
            Col::Relation => "与户主关系",
            Col::Address => "家庭住址",
        }
    }

    /// Other names officers' own spreadsheets use for the same column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Col::IdNumber => &["身份证号码", "公民身份号码", "身份证"],
            Col::Phone => &["电话", "手机号码", "手机号", "联系方式"],
            Col::BirthDate => &["出生年月日"],
            Col::HukouRegion => &["户籍地代码"],
            Col::Region => &["居住地代码", "区划代码"],
            Col::Relation => &["与户主的关系"],
            Col::Address => &["地址", "住址", "家庭地址"],
            Col::AltId => &["其他证件号码"],
            _ => &[],
        }
    }

    /// The [`PersonInput`] field whose errors this column reports.
    fn field(self) -> &'static str {
        match self {
            Col::IdNumber => "id_number",
            Col::Name => "name",
            Col::Gender => "gender",
            Col::BirthDate => "birth_date",
            Col::Ethnicity => "ethnicity",
            Col::Phone => "phone",
            Col::HukouRegion => "hukou_region_code",
            Col::Region => "region_code",
            Col::HukouType => "hukou_type",
            Col::DisabilityKind => "disability.kind",
            Col::DisabilityGrade => "disability.grade",
            Col::DisabilityCert => "disability.certificate_no",
            Col::PriorityCare => "priority_care",
            Col::Orphan => "orphan",
            Col::AltIdType => "alt_id_type",
            Col::AltId => "alt_id",
            Col::HouseholdKey => "household_key",
            Col::Relation => "relation",
            Col::Address => "address",
        }
    }
}

/// Header cell as compared: trimmed, without a trailing `*` marking required columns.
fn clean_header(h: &str) -> &str {
    h.trim().trim_end_matches(['*', '＊']).trim()
}

/// Where each known column sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    index: [Option<usize>; ALL_COLS.len()],
    households: bool,
}

/// A row read and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub person: ValidPerson,
    /// 户编号: rows with the same key form one household (household imports only).
    pub household_key: Option<String>,
    pub relation: Option<Relation>,
    /// 家庭住址
    pub address: Option<String>,
}

impl Columns {
    /// Locates the columns by header. Required: 身份证号 (or both 证件类型 and 证件号码), 姓名,
    /// 居住地区划代码, and for households 户编号 and 与户主关系. Unknown headers are ignored; the
    /// first of duplicate headers wins. The error names the missing column.
    pub fn from_headers(headers: &[String], households: bool) -> Result<Columns, FieldError> {
        let mut index = [None; ALL_COLS.len()];
        for (i, raw) in headers.iter().enumerate() {
            let h = clean_header(raw);
            if h.is_empty() {
                continue;
            }
            for (slot, col) in ALL_COLS.iter().enumerate() {
                if index[slot].is_none() && (h == col.header() || col.aliases().contains(&h)) {
                    index[slot] = Some(i);
                    break;
                }
            }
        }
        let cols = Columns { index, households };
        let missing = |col: Col| {
            FieldError::new(
                col.header(),
                format!("缺少必需的列“{}”", col.header()),
                format!("required column \"{}\" is missing", col.header()),
            )
        };
        let has_alt = cols.at(Col::AltIdType).is_some() && cols.at(Col::AltId).is_some();
        if cols.at(Col::IdNumber).is_none() && !has_alt {
            return Err(missing(Col::IdNumber));
        }
        let mut required = vec![Col::Name, Col::Region];
        if households {
            required.extend([Col::HouseholdKey, Col::Relation]);
        }
        for col in required {
            if cols.at(col).is_none() {
                return Err(missing(col));
            }
        }
        Ok(cols)
    }

    fn at(&self, col: Col) -> Option<usize> {
        let slot = ALL_COLS.iter().position(|c| *c == col)?;
        self.index[slot]
    }

    /// Whether this is a household import.
    pub fn households(&self) -> bool {
        self.households
    }

    /// Reads one data row. Empty cells count as absent; missing trailing cells too. Errors are
    /// all collected and name the Chinese column header (`身份证号`).
    pub fn parse_row(
        &self,
        row: &[String],
        today: NaiveDate,
    ) -> Result<ImportRow, Vec<FieldError>> {
        let cell = |col: Col| -> Option<String> {
            let s = row.get(self.at(col)?)?.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        let mut errors = Vec::new();

        let orphan = match cell(Col::Orphan) {
            None => None,
            Some(v) => match parse_yes_no(&v) {
                Some(b) => Some(b),
                None => {
                    errors.push(FieldError::new(
                        "孤儿",
                        "孤儿一栏应填“是”或“否”",
                        "orphan must be yes or no",
                    ));
                    None
                }
            },
        };
        let disability = DisabilityInput {
            kind: cell(Col::DisabilityKind),
            grade: cell(Col::DisabilityGrade),
            certificate_no: cell(Col::DisabilityCert),
        };
        let input = PersonInput {
            id_number: cell(Col::IdNumber),
            alt_id_type: cell(Col::AltIdType),
            alt_id: cell(Col::AltId),
            name: cell(Col::Name),
            gender: cell(Col::Gender),
            birth_date: cell(Col::BirthDate),
            ethnicity: cell(Col::Ethnicity),
            phone: cell(Col::Phone),
            hukou_region_code: cell(Col::HukouRegion),
            region_code: cell(Col::Region),
            hukou_type: cell(Col::HukouType),
            alive: None,
            death_date: None,
            disability: Some(disability),
            priority_care: cell(Col::PriorityCare),
            orphan,
        };
        let person = match input.validate(today) {
            Ok(p) => Some(p),
            Err(es) => {
                errors.extend(es.into_iter().map(|e| {
                    let header = ALL_COLS
                        .iter()
                        .find(|c| c.field() == e.field)
                        .map_or(e.field.clone(), |c| c.header().to_string());
                    e.with_field(header)
                }));
                None
            }
        };

        let (household_key, relation) = if self.households {
            let key = cell(Col::HouseholdKey);
            if key.is_none() {
                errors.push(FieldError::new(
                    "户编号",
                    "户编号不能为空",
                    "household key is required",
                ));
            }
            let relation = match cell(Col::Relation) {
                None => {
                    errors.push(FieldError::new(
                        "与户主关系",
                        "与户主关系不能为空",
                        "relation to the head is required",
                    ));
                    None
                }
                Some(r) => Relation::parse(&r).or_else(|| {
                    errors.push(FieldError::new(
                        "与户主关系",
                        "与户主关系无效（户主/配偶/子女/父母/孙子女/祖父母/兄弟姐妹/其他）",
                        "unknown relation to the head",
                    ));
                    None
                }),
            };
            (key, relation)
        } else {
            (None, None)
        };
        let address = cell(Col::Address);
        if address.as_ref().is_some_and(|a| a.chars().count() > 200) {
            errors.push(FieldError::new(
                "家庭住址",
                "家庭住址不能超过200个字符",
                "address must have at most 200 characters",
            ));
        }

        match person {
            Some(person) if errors.is_empty() => Ok(ImportRow {
                person,
                household_key,
                relation,
                address,
            }),
            _ => Err(errors),
        }
    }
}

/// 是/否 as officers write it.
fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "是" | "y" | "yes" | "1" | "true" | "√" => Some(true),
        "否" | "n" | "no" | "0" | "false" | "×" => Some(false),
        _ => None,
    }
}

/// A valid example row for the person template, in [`PERSON_HEADERS`] order.
pub fn template_example_row() -> Vec<String> {
    // Valid whatever today is: the birth date is long past and the check character is computed.
    let birth = NaiveDate::from_ymd_opt(1950, 3, 7).unwrap_or(NaiveDate::MIN);
    let id = IdNumber::from_parts("440705", birth, 123);
    let cert = format!("{}42", id.as_str());
    [
        id.as_str(),
        "张三",
        "男",
        "1950-03-07",
        "汉族",
        "13812341234",
        "440705001001",
        "440705001001",
        "城镇",
        "肢体残疾",
        "2",
        cert.as_str(),
        "",
        "否",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A valid example row for the household template: the person columns followed by
/// [`HOUSEHOLD_EXTRA_HEADERS`].
pub fn household_template_example_row() -> Vec<String> {
    let mut row = template_example_row();
    row.extend(["H001", "户主", "会城街道北门社区居委会中山路12号"].map(String::from));
    row
}

/// All template headers for a kind of import.
pub fn template_headers(households: bool) -> Vec<&'static str> {
    let mut h = PERSON_HEADERS.to_vec();
    if households {
        h.extend_from_slice(HOUSEHOLD_EXTRA_HEADERS);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn template_row_is_valid() {
        let cols = Columns::from_headers(&strings(PERSON_HEADERS), false).unwrap();
        let row = cols.parse_row(&template_example_row(), today()).unwrap();
        assert_eq!(row.person.name.as_str(), "张三");
        assert!(row.person.disability.is_some());
        assert_eq!(row.household_key, None);

        let hcols = Columns::from_headers(&strings(&template_headers(true)), true).unwrap();
        let hrow = hcols
            .parse_row(&household_template_example_row(), today())
            .unwrap();
        assert_eq!(hrow.household_key.as_deref(), Some("H001"));
        assert_eq!(hrow.relation, Some(Relation::Head));
        assert_eq!(
            hrow.address.as_deref(),
            Some("会城街道北门社区居委会中山路12号")
        );
    }

    #[test]
    fn headers_trimmed_starred_reordered_unknown_ignored() {
        let cols = Columns::from_headers(
            &strings(&[" 姓名* ", "备注", "居住地区划代码＊", "身份证号码"]),
            false,
        )
        .unwrap();
        let id = IdNumber::from_parts("440705", NaiveDate::from_ymd_opt(1980, 1, 2).unwrap(), 11);
        let row = cols
            .parse_row(
                &strings(&["李四", "whatever", "440705001001", id.as_str()]),
                today(),
            )
            .unwrap();
        assert_eq!(row.person.id_number, Some(id));
    }

    #[test]
    fn missing_columns_are_named() {
        let e = Columns::from_headers(&strings(&["姓名", "居住地区划代码"]), false).unwrap_err();
        assert_eq!(e.field, "身份证号");
        assert!(e.message.contains("身份证号"));
        let e =
            Columns::from_headers(&strings(&["身份证号", "居住地区划代码"]), false).unwrap_err();
        assert_eq!(e.field, "姓名");
        let e = Columns::from_headers(&strings(PERSON_HEADERS), true).unwrap_err();
        assert_eq!(e.field, "户编号");
        // alternative identifiers can stand in for the ID column
        assert!(
            Columns::from_headers(
                &strings(&["证件类型", "证件号码", "姓名", "居住地区划代码"]),
                false
            )
            .is_ok()
        );
    }

    #[test]
    fn row_errors_name_the_column() {
        let cols = Columns::from_headers(&strings(PERSON_HEADERS), false).unwrap();
        let mut row = template_example_row();
        row[0] = "11010519491231002A".into(); // bad ID
        row[5] = "12345".into(); // bad phone
        row[10] = "5".into(); // bad grade
        row[13] = "也许".into(); // bad orphan flag
        let errs = cols.parse_row(&row, today()).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        for f in ["身份证号", "联系电话", "残疾等级", "孤儿"] {
            assert!(fields.contains(&f), "{fields:?}");
        }
    }

    #[test]
    fn short_rows_and_empty_cells_are_absent() {
        let cols = Columns::from_headers(&strings(PERSON_HEADERS), false).unwrap();
        let mut row = template_example_row();
        row.truncate(8);
        row[2] = String::new();
        let r = cols.parse_row(&row, today()).unwrap();
        assert!(r.person.disability.is_none());
        assert!(!r.person.orphan);
    }

    #[test]
    fn household_rows_need_key_and_relation() {
        let cols = Columns::from_headers(&strings(&template_headers(true)), true).unwrap();
        let mut row = household_template_example_row();
        row[14] = String::new();
        row[15] = "邻居".into();
        let errs = cols.parse_row(&row, today()).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["户编号", "与户主关系"]);
    }

    #[test]
    fn yes_no() {
        for (s, b) in [
            ("是", true),
            ("否", false),
            ("Y", true),
            ("n", false),
            ("1", true),
            ("0", false),
        ] {
            assert_eq!(parse_yes_no(s), Some(b));
        }
        assert_eq!(parse_yes_no("maybe"), None);
    }
}
