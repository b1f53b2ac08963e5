//! 部门数据 departmental feeds: the typed schema of each source and the parsing of its rows.
//!
//! Every department sends its own table. A feed names its columns (Chinese headers, as the
//! departments write them, with the machine key as an alias), the kind of each value, and the
//! slot of a [`Record`] the value goes into. Storage is one table of records for all feeds: what a
//! slot means is the feed's business (a plate number, a property certificate, a bank account all
//! land in `reference`), which keeps the matching one indexed lookup by ID number.
use chrono::NaiveDate;
use serde::Serialize;

use crate::assistance::money::Fen;
use crate::error::FieldError;
use crate::registry::identity::IdNumber;

vocabulary! {
    /// 数据来源部门 the department a feed comes from.
    pub enum Source {
        PublicSecurity => ("public_security", "公安", "Public security"),
        HumanResources => ("human_resources", "人社", "Human resources and social security"),
        Housing => ("housing", "住建（不动产）", "Housing and real estate"),
        Market => ("market", "市场监管", "Market regulation"),
        Tax => ("tax", "税务", "Tax"),
        ProvidentFund => ("provident_fund", "住房公积金", "Housing provident fund"),
        Bank => ("bank", "银行", "Banks"),
        CivilAffairs => ("civil_affairs", "民政", "Civil affairs"),
    }
}

vocabulary! {
    /// 数据项 one departmental feed, with its own schema (see [`Feed::columns`]).
    pub enum Feed {
        Hukou => ("ps_hukou", "户籍人口", "Household registration"),
        Death => ("ps_death", "死亡登记", "Deaths"),
        Vehicle => ("ps_vehicle", "机动车登记", "Motor vehicles"),
        Pension => ("hr_pension", "养老金发放", "Pensions"),
        Contribution => ("hr_contribution", "社保缴费（工资）", "Social-insurance contributions (wages)"),
        Unemployment => ("hr_unemployment", "失业保险金", "Unemployment benefit"),
        Property => ("housing_property", "不动产登记", "Real estate"),
        Business => ("market_business", "市场主体登记", "Businesses"),
        TaxIncome => ("tax_income", "个人所得申报", "Declared income (tax)"),
        ProvidentFund => ("provident_fund", "住房公积金", "Housing provident fund"),
        Deposit => ("bank_deposit", "银行存款", "Bank deposits"),
        Marriage => ("ca_marriage", "婚姻登记", "Marriage records"),
        Cremation => ("ca_cremation", "火化记录", "Cremation records"),
        Enrolment => ("ca_enrolment", "其他救助在保", "Other enrolments"),
    }
}

vocabulary! {
    /// 列类型 the kind of a column's values (the labels are the feed format's, shown to the
    /// departments that prepare the files).
    pub enum Kind {
        IdNumber => ("id_number", "身份证号", "ID number"),
        Text => ("text", "文本", "Text"),
        /// yuan with up to two decimals, stored as fen
        Yuan => ("yuan", "金额（元，最多两位小数）", "Amount (yuan, up to 2 decimals)"),
        /// square metres with up to two decimals, stored as hundredths
        Area => ("area", "面积（平方米，最多两位小数）", "Area (m², up to 2 decimals)"),
        Count => ("count", "整数", "Whole number"),
        /// YYYY-MM-DD (also YYYY/MM/DD and YYYYMMDD)
        Date => ("date", "日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)"),
        /// YYYY-MM, stored as the first day of the month
        Month => ("month", "月份（YYYY-MM）", "Month (YYYY-MM)"),
        /// a code of the feed's vocabulary (see [`Column::codes`])
        Code => ("code", "代码", "Code"),
    }
}

/// Where a column's value is kept in a [`Record`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    IdNumber,
    Name,
    Reference,
    Category,
    Detail,
    Amount,
    ExtraAmount,
    Quantity,
    OnDate,
}

/// One column of a feed's schema.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    /// the header departments write
    pub header: &'static str,
    /// the machine key, also accepted as a header
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub zh: &'static str,
    pub en: &'static str,
    #[serde(skip)]
    pub slot: Slot,
    /// for `Kind::Code`: (code, Chinese name) pairs; the Chinese name is accepted too
    #[serde(skip)]
    pub codes: &'static [(&'static str, &'static str)],
}

const fn col(header: &'static str, key: &'static str, kind: Kind, required: bool, slot: Slot, zh: &'static str, en: &'static str) -> Column {
    Column { header, key, kind, required, zh, en, slot, codes: &[] }
}

const fn code_col(header: &'static str, key: &'static str, slot: Slot, codes: &'static [(&'static str, &'static str)], zh: &'static str, en: &'static str) -> Column {
    Column { header, key, kind: Kind::Code, required: true, zh, en, slot, codes }
}

const ID: Column = col("身份证号", "id_number", Kind::IdNumber, true, Slot::IdNumber, "公民身份号码（18位）", "citizen ID number (18 characters)");
const NAME: Column = col("姓名", "name", Kind::Text, true, Slot::Name, "姓名", "name");

/// 车辆类型; a disabled person's mobility vehicle is exempt (POLICY.md: non-exempt motor vehicle).
pub const VEHICLE_TYPES: &[(&str, &str)] = &[("car", "小型汽车"), ("truck", "货车"), ("motorcycle", "摩托车"), ("disabled_mobility", "残疾人专用车")];
/// 市场主体中的身份
pub const BUSINESS_ROLES: &[(&str, &str)] = &[("investor", "投资人"), ("legal_representative", "法定代表人"), ("investor_and_legal", "投资人兼法定代表人")];
/// 所得项目
pub const TAX_ITEMS: &[(&str, &str)] = &[("wage", "工资薪金"), ("business", "经营所得"), ("property", "财产租赁"), ("other", "其他所得")];
/// 婚姻登记类型
pub const MARRIAGE_KINDS: &[(&str, &str)] = &[("marriage", "结婚"), ("divorce", "离婚")];
/// 救助项目 of another enrolment
pub const ENROLMENT_PROGRAMMES: &[(&str, &str)] = &[("dibao", "低保"), ("tekun", "特困"), ("low_income", "低收入"), ("orphan", "孤儿基本生活")];

impl Feed {
    pub fn source(self) -> Source {
        match self {
            Feed::Hukou | Feed::Death | Feed::Vehicle => Source::PublicSecurity,
            Feed::Pension | Feed::Contribution | Feed::Unemployment => Source::HumanResources,
            Feed::Property => Source::Housing,
            Feed::Business => Source::Market,
            Feed::TaxIncome => Source::Tax,
            Feed::ProvidentFund => Source::ProvidentFund,
            Feed::Deposit => Source::Bank,
            Feed::Marriage | Feed::Cremation | Feed::Enrolment => Source::CivilAffairs,
        }
    }

    /// The feed's schema, in the order of its template.
    pub fn columns(self) -> &'static [Column] {
        use Kind as K;
        use Slot as S;
        match self {
            Feed::Hukou => const { &[
                ID,
                NAME,
                col("户号", "household_number", K::Text, true, S::Reference, "户口簿户号", "household booklet number"),
                col("与户主关系", "relation", K::Text, false, S::Category, "与户主关系", "relation to the head"),
                col("户籍地址", "address", K::Text, false, S::Detail, "户籍地址", "registered address"),
            ] },
            Feed::Death => const { &[
                ID,
                NAME,
                col("死亡日期", "death_date", K::Date, true, S::OnDate, "死亡日期", "date of death"),
                col("注销原因", "reason", K::Text, false, S::Detail, "户口注销原因", "reason of deregistration"),
            ] },
            Feed::Vehicle => const { &[
                ID,
                NAME,
                col("号牌号码", "plate", K::Text, true, S::Reference, "机动车号牌", "plate number"),
                code_col("车辆类型", "vehicle_type", S::Category, VEHICLE_TYPES, "车辆类型：小型汽车、货车、摩托车、残疾人专用车", "vehicle type: car, truck, motorcycle, disabled_mobility"),
                col("初次登记日期", "registered_on", K::Date, false, S::OnDate, "初次登记日期", "first registration"),
            ] },
            Feed::Pension => const { &[
                ID,
                NAME,
                col("月养老金", "monthly", K::Yuan, true, S::Amount, "每月养老金（元）", "monthly pension (yuan)"),
                col("险种", "scheme", K::Text, false, S::Detail, "险种（职工养老、城乡居民养老）", "scheme"),
                col("起始年月", "since", K::Month, false, S::OnDate, "开始领取年月", "first month paid"),
            ] },
            Feed::Contribution => const { &[
                ID,
                NAME,
                col("单位名称", "employer", K::Text, false, S::Detail, "参保单位", "employer"),
                col("月缴费基数", "base", K::Yuan, true, S::Amount, "月缴费工资基数（元）", "monthly contribution base (yuan)"),
                col("近12个月缴费月数", "months", K::Count, true, S::Quantity, "近12个月缴费月数（0–12）", "months contributed in the last 12 (0–12)"),
            ] },
            Feed::Unemployment => const { &[
                ID,
                NAME,
                col("月失业保险金", "monthly", K::Yuan, true, S::Amount, "每月失业保险金（元）", "monthly benefit (yuan)"),
                col("领取月数", "months", K::Count, true, S::Quantity, "近12个月领取月数（0–12）", "months paid in the last 12 (0–12)"),
                col("起始年月", "since", K::Month, false, S::OnDate, "开始领取年月", "first month paid"),
            ] },
            Feed::Property => const { &[
                ID,
                NAME,
                col("不动产权证号", "certificate", K::Text, true, S::Reference, "不动产权证号", "certificate number"),
                col("坐落", "location", K::Text, false, S::Detail, "坐落", "location"),
                col("建筑面积", "area", K::Area, true, S::Quantity, "建筑面积（平方米）", "floor area (m²)"),
                col("登记日期", "registered_on", K::Date, false, S::OnDate, "登记日期", "registered on"),
            ] },
            Feed::Business => const { &[
                ID,
                NAME,
                col("统一社会信用代码", "credit_code", K::Text, true, S::Reference, "统一社会信用代码", "unified social credit code"),
                col("企业名称", "company", K::Text, false, S::Detail, "市场主体名称", "business name"),
                col("认缴出资额", "capital", K::Yuan, true, S::Amount, "本人认缴出资额（元）", "capital subscribed by the person (yuan)"),
                code_col("身份", "role", S::Category, BUSINESS_ROLES, "身份：投资人、法定代表人、投资人兼法定代表人", "role: investor, legal_representative, investor_and_legal"),
            ] },
            Feed::TaxIncome => const { &[
                ID,
                NAME,
                code_col("所得项目", "item", S::Category, TAX_ITEMS, "所得项目：工资薪金、经营所得、财产租赁、其他所得", "item: wage, business, property, other"),
                col("收入额", "income", K::Yuan, true, S::Amount, "近12个月收入额（元）", "income of the last 12 months (yuan)"),
                col("扣缴义务人", "payer", K::Text, false, S::Detail, "扣缴义务人", "withholding agent"),
            ] },
            Feed::ProvidentFund => const { &[
                ID,
                NAME,
                col("单位名称", "employer", K::Text, false, S::Detail, "缴存单位", "employer"),
                col("月缴存额", "monthly", K::Yuan, true, S::Amount, "月缴存额（元，单位和个人合计）", "monthly contribution (yuan, both parts)"),
                col("账户余额", "balance", K::Yuan, true, S::ExtraAmount, "账户余额（元）", "account balance (yuan)"),
            ] },
            Feed::Deposit => const { &[
                ID,
                NAME,
                col("开户银行", "bank", K::Text, false, S::Detail, "开户银行", "bank"),
                col("账号", "account", K::Text, true, S::Reference, "账号", "account number"),
                col("余额", "balance", K::Yuan, true, S::Amount, "余额（元）", "balance (yuan)"),
            ] },
            Feed::Marriage => const { &[
                ID,
                NAME,
                code_col("登记类型", "kind", S::Category, MARRIAGE_KINDS, "登记类型：结婚、离婚", "kind: marriage, divorce"),
                col("配偶身份证号", "spouse_id_number", K::IdNumber, true, S::Reference, "配偶公民身份号码", "spouse's ID number"),
                col("配偶姓名", "spouse_name", K::Text, false, S::Detail, "配偶姓名", "spouse's name"),
                col("登记日期", "registered_on", K::Date, true, S::OnDate, "登记日期", "registered on"),
            ] },
            Feed::Cremation => const { &[
                ID,
                NAME,
                col("死亡日期", "death_date", K::Date, true, S::OnDate, "死亡日期", "date of death"),
                col("殡仪馆", "funeral_home", K::Text, false, S::Detail, "火化的殡仪馆", "funeral home"),
            ] },
            Feed::Enrolment => const { &[
                ID,
                NAME,
                code_col("救助项目", "programme", S::Category, ENROLMENT_PROGRAMMES, "救助项目：低保、特困、低收入、孤儿基本生活", "programme: dibao, tekun, low_income, orphan"),
                col("在保地区", "region", K::Text, true, S::Reference, "在保地区（区划代码或名称）", "region enrolled (code or name)"),
                col("起始年月", "since", K::Month, false, S::OnDate, "开始享受年月", "first month"),
            ] },
        }
    }
}

/// One departmental record, in the slots every feed shares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Record {
    pub id_number: String,
    pub name: String,
    pub reference: String,
    pub category: String,
    pub detail: String,
    /// fen
    pub amount: i64,
    /// fen
    pub extra_amount: i64,
    /// a count, or hundredths of a square metre
    pub quantity: i64,
    /// YYYY-MM-DD, or empty
    pub on_date: String,
}

/// The columns of an uploaded table, found by header.
#[derive(Debug)]
pub struct Layout {
    feed: Feed,
    /// per schema column, its position in the file
    positions: Vec<Option<usize>>,
}

/// Headers compare without spaces and full-width parentheses, so `建筑面积（平方米）` finds
/// `建筑面积` and a trailing space does not matter.
fn header_matches(header: &str, column: &Column) -> bool {
    let h: String = header.chars().filter(|c| !c.is_whitespace() && *c != '*').collect();
    let h = h.split(['（', '(']).next().unwrap_or_default();
    h == column.header || h.eq_ignore_ascii_case(column.key)
}

impl Layout {
    /// Finds each column by its header; a missing required column is an error naming it.
    pub fn from_headers(feed: Feed, headers: &[String]) -> Result<Layout, FieldError> {
        let columns = feed.columns();
        let mut positions = Vec::with_capacity(columns.len());
        let mut missing = Vec::new();
        for c in columns {
            let pos = headers.iter().position(|h| header_matches(h, c));
            if pos.is_none() && c.required {
                missing.push(c.header);
            }
            positions.push(pos);
        }
        if !missing.is_empty() {
            return Err(FieldError::new(
                "file",
                format!("{}文件缺少必需的列：{}（第1行应为表头）", feed.zh(), missing.join("、")),
                format!("the {} file lacks required columns: {} (row 1 must be the header)", feed.en(), missing.join(", ")),
            ));
        }
        Ok(Layout { feed, positions })
    }

    pub fn feed(&self) -> Feed {
        self.feed
    }

    /// Parses one row; the error names the column by its header. `today` bounds dates and ID
    /// numbers' birth dates.
    pub fn parse_row<S: AsRef<str>>(&self, cells: &[S], today: NaiveDate) -> Result<Record, FieldError> {
        let mut r = Record::default();
        for (c, pos) in self.feed.columns().iter().zip(&self.positions) {
            let raw = pos.and_then(|p| cells.get(p)).map(|s| s.as_ref().trim()).unwrap_or_default();
            if raw.is_empty() {
                if c.required {
                    return Err(FieldError::new(c.header, format!("“{}”不能为空", c.header), format!("{} is required", c.key)));
                }
                continue;
            }
            let bad = |zh: &str, en: &str| FieldError::new(c.header, format!("“{}”{zh}：{raw}", c.header), format!("{}: {en}: {raw}", c.key));
            match c.kind {
                Kind::IdNumber => {
                    let id = IdNumber::parse(raw, today).map_err(|e| e.to_field_error(c.header))?;
                    set_text(&mut r, c.slot, id.into_string());
                }
                Kind::Text => {
                    if raw.chars().count() > 200 {
                        return Err(bad("超过200个字符", "longer than 200 characters"));
                    }
                    set_text(&mut r, c.slot, raw.to_owned());
                }
                Kind::Code => {
                    let code = c.codes.iter().find(|(code, zh)| raw.eq_ignore_ascii_case(code) || raw == *zh).map(|(code, _)| *code);
                    let Some(code) = code else {
                        let allowed: Vec<&str> = c.codes.iter().map(|(_, zh)| *zh).collect();
                        return Err(FieldError::new(
                            c.header,
                            format!("“{}”的值“{raw}”无效，应为：{}", c.header, allowed.join("、")),
                            format!("{}: {raw:?} is not one of {}", c.key, c.codes.iter().map(|(code, _)| *code).collect::<Vec<_>>().join(", ")),
                        ));
                    };
                    set_text(&mut r, c.slot, code.to_owned());
                }
                Kind::Yuan => {
                    let fen = Fen::parse_yuan(raw).filter(|f| f.0 >= 0 && f.0 <= 1_000_000_000_000).ok_or_else(|| bad("不是有效的金额（元，最多两位小数，不能为负）", "not an amount in yuan (two decimals at most, not negative)"))?;
                    set_number(&mut r, c.slot, fen.0);
                }
                Kind::Area => {
                    let hundredths = Fen::parse_yuan(raw).filter(|f| f.0 > 0 && f.0 <= 10_000_000).ok_or_else(|| bad("不是有效的面积（平方米，最多两位小数）", "not an area in m² (two decimals at most)"))?;
                    set_number(&mut r, c.slot, hundredths.0);
                }
                Kind::Count => {
                    let n: i64 = raw.parse().ok().filter(|n| (0..=12).contains(n)).ok_or_else(|| bad("应为0到12之间的整数", "must be a whole number from 0 to 12"))?;
                    set_number(&mut r, c.slot, n);
                }
                Kind::Date => {
                    let d = parse_date(raw).filter(|d| *d <= today).ok_or_else(|| bad("不是有效的日期（YYYY-MM-DD，不能晚于今天）", "not a date (YYYY-MM-DD, not in the future)"))?;
                    if c.key == "death_date" {
                        // the row's ID number (parsed first) gives the birth date the death may not precede
                        let birth = IdNumber::parse(&r.id_number, today).ok().map(|id| id.birth_date());
                        crate::date::check_death_date(d, birth, today).map_err(|e| bad(e.message_zh(), &e.to_string()))?;
                    }
                    set_text(&mut r, c.slot, d.format("%Y-%m-%d").to_string());
                }
                Kind::Month => {
                    let d = parse_date(&format!("{}-01", raw.replace('/', "-"))).filter(|d| *d <= today).ok_or_else(|| bad("不是有效的年月（YYYY-MM）", "not a month (YYYY-MM)"))?;
                    set_text(&mut r, c.slot, d.format("%Y-%m-%d").to_string());
                }
            }
        }
        Ok(r)
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

fn set_text(r: &mut Record, slot: Slot, v: String) {
    match slot {
        Slot::IdNumber => r.id_number = v,
        Slot::Name => r.name = v,
        Slot::Reference => r.reference = v,
        Slot::Category => r.category = v,
        Slot::Detail => r.detail = v,
        Slot::OnDate => r.on_date = v,
        Slot::Amount | Slot::ExtraAmount | Slot::Quantity => unreachable!("a text column has a text slot"),
    }
}

fn set_number(r: &mut Record, slot: Slot, v: i64) {
    match slot {
        Slot::Amount => r.amount = v,
        Slot::ExtraAmount => r.extra_amount = v,
        Slot::Quantity => r.quantity = v,
        _ => unreachable!("a number column has a number slot"),
    }
}

/// More than this many bad rows per thousand and the whole file is rejected (a wrong file, a
/// shifted column); below it, bad rows are rejected one by one and listed.
pub const MAX_REJECTED_PERMILLE: usize = 10;

/// Whether a file with `rejected` bad rows of `rows` is loaded.
pub fn acceptable(rows: usize, rejected: usize) -> bool {
    rows > rejected && rejected * 1000 <= rows * MAX_REJECTED_PERMILLE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_feed_has_id_and_name_and_distinct_headers() {
        for f in Feed::ALL {
            let cols = f.columns();
            assert_eq!(cols[0].slot, Slot::IdNumber, "{f:?}");
            assert_eq!(cols[1].slot, Slot::Name, "{f:?}");
            let mut seen: Vec<&str> = cols.iter().map(|c| c.header).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), cols.len(), "{f:?} repeats a header");
            let mut slots: Vec<String> = cols.iter().map(|c| format!("{:?}", c.slot)).collect();
            slots.sort();
            slots.dedup();
            assert_eq!(slots.len(), cols.len(), "{f:?} puts two columns in one slot");
        }
    }

    #[test]
    fn parses_a_property_row_by_header_in_any_order() {
        let l = Layout::from_headers(Feed::Property, &headers(&["建筑面积（平方米）", "姓名", "身份证号", "不动产权证号", "坐落"])).unwrap();
        let id = crate::registry::identity::IdNumber::from_parts("440703", NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), 1).into_string();
        let r = l.parse_row(&["89.5", "张三", &format!(" {} ", id.to_lowercase()), "粤(2020)江门市不动产权第0001号", "蓬江区某路1号"], today());
        let r = r.unwrap();
        assert_eq!(r.id_number, id);
        assert_eq!(r.quantity, 8950);
        assert_eq!(r.reference, "粤(2020)江门市不动产权第0001号");
        assert_eq!(r.on_date, "");
    }

    #[test]
    fn missing_required_column_names_it() {
        let e = Layout::from_headers(Feed::Deposit, &headers(&["身份证号", "姓名", "开户银行"])).unwrap_err();
        assert_eq!(e.field, "file");
        assert!(e.message.contains("账号") && e.message.contains("余额"), "{}", e.message);
    }

    #[test]
    fn bad_values_name_the_column() {
        let l = Layout::from_headers(Feed::Deposit, &headers(&["身份证号", "姓名", "账号", "余额"])).unwrap();
        let id = crate::registry::identity::IdNumber::from_parts("440703", NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), 1).into_string();
        let wrong_check = format!("{}{}", &id[..17], if id.ends_with('0') { '1' } else { '0' });
        let e = l.parse_row(&[wrong_check.as_str(), "张三", "6222", "12.345"], today()).unwrap_err();
        assert_eq!(e.field, "身份证号", "a wrong check digit is caught first");
        let e = l.parse_row(&[id.as_str(), "张三", "6222", "12.345"], today()).unwrap_err();
        assert_eq!(e.field, "余额");
        let e = l.parse_row(&[id.as_str(), "张三", "6222", "-1"], today()).unwrap_err();
        assert_eq!(e.field, "余额");
        let e = l.parse_row(&[id.as_str(), "", "6222", "1"], today()).unwrap_err();
        assert_eq!(e.field, "姓名");
        assert_eq!(l.parse_row(&[id.as_str(), "张三", "6222", "120,000.50"], today()).unwrap().amount, 12_000_050);
        assert_eq!(l.parse_row(&[id.as_str(), "张三", "6222", "120000.50"], today()).unwrap().amount, 12_000_050);
    }

    #[test]
    fn a_death_before_the_birth_is_refused() {
        let l = Layout::from_headers(Feed::Death, &headers(&["身份证号", "姓名", "死亡日期"])).unwrap();
        let id = crate::registry::identity::IdNumber::from_parts("440703", NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), 1).into_string();
        let e = l.parse_row(&[id.as_str(), "张三", "1979-12-31"], today()).unwrap_err();
        assert_eq!(e.field, "死亡日期");
        assert!(e.message.contains("死亡日期不能早于出生日期"), "{}", e.message);
        assert_eq!(l.parse_row(&[id.as_str(), "张三", "1980-01-01"], today()).unwrap().on_date, "1980-01-01");
    }

    #[test]
    fn codes_accept_code_or_chinese_name() {
        let l = Layout::from_headers(Feed::Vehicle, &headers(&["身份证号", "姓名", "号牌号码", "车辆类型", "初次登记日期"])).unwrap();
        let id = crate::registry::identity::IdNumber::from_parts("440703", NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), 1).into_string();
        assert_eq!(l.parse_row(&[id.as_str(), "张三", "粤J12345", "小型汽车", "2019/5/1"], today()).unwrap().category, "car");
        assert_eq!(l.parse_row(&[id.as_str(), "张三", "粤J12345", "disabled_mobility", ""], today()).unwrap().category, "disabled_mobility");
        let e = l.parse_row(&[id.as_str(), "张三", "粤J12345", "飞机", ""], today()).unwrap_err();
        assert!(e.message.contains("小型汽车"));
        let e = l.parse_row(&[id.as_str(), "张三", "粤J12345", "car", "2030-01-01"], today()).unwrap_err();
        assert_eq!(e.field, "初次登记日期");
    }

    #[test]
    fn one_percent_of_bad_rows_at_most() {
        assert!(acceptable(1000, 10));
        assert!(!acceptable(1000, 11));
        assert!(acceptable(5, 0));
        assert!(!acceptable(5, 1), "a small file must be clean");
        assert!(!acceptable(0, 0), "an empty file is no snapshot");
    }
}
