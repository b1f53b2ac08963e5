//! 计划表导入 the plan table as a spreadsheet holds it: a header row (体系名称, 主要任务, 子项目, 完成时间,
//! 责任单位, and one `YYYY年工作计划` column per year), then one row per line of the plan. Merged cells
//! arrive empty and are carried down from the row above; a header repeated on a later page is
//! skipped. Every problem names its row (as the spreadsheet numbers it, the header being row 1) and
//! its column, and a plan with any problem is refused whole.
use serde::Serialize;

/// One line of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanLine {
    /// the spreadsheet's row number
    pub row: usize,
    pub system: String,
    /// 主要任务; empty where the system's tasks stand directly under it
    pub group: String,
    /// 子项目
    pub task: String,
    pub due_year: i32,
    /// 主要责任单位 (牵头)
    pub lead: String,
    /// 相关责任单位
    pub related: Vec<String>,
    /// the plan text of each year column (empty where the table has none)
    pub plans: Vec<(i32, String)>,
}

/// A plan read from its table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanTable {
    /// the years of the plan columns, in table order
    pub years: Vec<i32>,
    pub lines: Vec<PlanLine>,
}

impl PlanTable {
    /// The systems, in order of appearance.
    pub fn systems(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in &self.lines {
            if !out.contains(&l.system.as_str()) {
                out.push(&l.system);
            }
        }
        out
    }

    /// The tasks (system, main task, task), in order; a task may have several lines.
    pub fn tasks(&self) -> Vec<(&str, &str, &str)> {
        let mut out: Vec<(&str, &str, &str)> = Vec::new();
        for l in &self.lines {
            let k = (l.system.as_str(), l.group.as_str(), l.task.as_str());
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }
}

/// A cell the importer cannot read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellError {
    pub row: usize,
    /// the column's header (e.g. 完成时间)
    pub column: String,
    pub zh: String,
    pub en: String,
}

const SYSTEM: &[&str] = &["体系名称", "体系"];
const GROUP: &[&str] = &["主要任务"];
const TASK: &[&str] = &["子项目", "主要任务（子项目）", "主要任务(子项目)", "任务"];
const DUE: &[&str] = &["完成时间", "完成年度"];
const UNITS: &[&str] = &["责任单位"];

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `2014年工作计划` (or `2014年计划`, `2014`) → 2014.
fn year_column(h: &str) -> Option<i32> {
    let h = norm(h);
    let digits: String = h.chars().take_while(char::is_ascii_digit).collect();
    let rest = &h[digits.len()..];
    (digits.len() == 4 && (rest.is_empty() || rest.starts_with('年') && rest.contains("计划"))).then(|| digits.parse().ok()).flatten()
}

struct Columns {
    system: usize,
    group: Option<usize>,
    task: usize,
    due: usize,
    units: usize,
    years: Vec<(i32, usize)>,
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&norm(h).as_str()))
}

fn columns(headers: &[String]) -> Result<Columns, Vec<CellError>> {
    let missing = |name: &str| CellError { row: 1, column: name.to_owned(), zh: format!("缺少“{name}”列"), en: format!("the column {name} is missing") };
    let mut errors = Vec::new();
    let system = find(headers, SYSTEM);
    let group = find(headers, GROUP);
    // a single 主要任务（子项目） column is the task column
    let task = find(headers, TASK).or(group);
    let group = group.filter(|g| Some(*g) != task);
    let due = find(headers, DUE);
    let units = find(headers, UNITS);
    let years: Vec<(i32, usize)> = headers.iter().enumerate().filter_map(|(i, h)| year_column(h).map(|y| (y, i))).collect();
    for (found, name) in [(system, "体系名称"), (task, "子项目"), (due, "完成时间"), (units, "责任单位")] {
        if found.is_none() {
            errors.push(missing(name));
        }
    }
    if years.is_empty() {
        errors.push(CellError { row: 1, column: "YYYY年工作计划".into(), zh: "缺少年度计划列（如“2014年工作计划”）".into(), en: "no yearly plan column (such as 2014年工作计划)".into() });
    }
    match (system, task, due, units) {
        (Some(system), Some(task), Some(due), Some(units)) if errors.is_empty() => Ok(Columns { system, group, task, due, units, years }),
        _ => Err(errors),
    }
}

/// Responsible units: split on 、，,；; and line breaks outside brackets (各镇（街、区） is one
/// unit); the first leads.
pub fn split_units(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut cur, mut depth) = (String::new(), 0i32);
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && ['、', '，', ',', '；', ';', '\n', '/', '／'].contains(&c) {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter().map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()).collect()
}

/// Reads the table (first row the header). Either every line, or every problem.
pub fn parse(rows: &[Vec<String>]) -> Result<PlanTable, Vec<CellError>> {
    let Some(header) = rows.first() else {
        return Err(vec![CellError { row: 1, column: String::new(), zh: "文件是空的".into(), en: "the file is empty".into() }]);
    };
    let c = columns(header)?;
    let cell = |r: &Vec<String>, i: usize| r.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
    let mut errors = Vec::new();
    let mut lines: Vec<PlanLine> = Vec::new();
    let (mut system, mut group, mut task) = (String::new(), String::new(), String::new());
    for (i, r) in rows.iter().enumerate().skip(1) {
        let row = i + 1;
        if r.iter().all(|c| c.trim().is_empty()) || norm(&cell(r, c.system)) == "体系名称" {
            continue;
        }
        let (s, g, t) = (cell(r, c.system), c.group.map(|g| cell(r, g)).unwrap_or_default(), cell(r, c.task));
        // merged cells: an empty cell continues the one above; a new system starts its own main
        // tasks, a new main task its own tasks
        if !s.is_empty() {
            system = s;
            group = g;
            task = t;
        } else if !g.is_empty() {
            group = g;
            task = t;
        } else if !t.is_empty() {
            task = t;
        }
        let err = |column: &str, zh: String, en: String| CellError { row, column: column.to_owned(), zh, en };
        if system.is_empty() {
            errors.push(err("体系名称", "体系名称为空，且上方没有可沿用的体系".into(), "no system, and none above to carry down".into()));
        }
        if task.is_empty() {
            errors.push(err("子项目", "子项目为空，且上方没有可沿用的任务".into(), "no task, and none above to carry down".into()));
        }
        let due_text = norm(&cell(r, c.due)).trim_end_matches('年').to_owned();
        let due_year = match due_text.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                errors.push(err("完成时间", format!("完成时间“{}”不是年份（如2015）", cell(r, c.due)), format!("the completion year {:?} is not a year such as 2015", cell(r, c.due))));
                0
            }
        };
        let units = split_units(&cell(r, c.units));
        if units.is_empty() {
            errors.push(err("责任单位", "责任单位为空".into(), "no responsible unit".into()));
        }
        let plans = c.years.iter().map(|(y, i)| (*y, cell(r, *i))).collect();
        lines.push(PlanLine {
            row,
            system: system.clone(),
            group: group.clone(),
            task: task.clone(),
            due_year,
            lead: units.first().cloned().unwrap_or_default(),
            related: units.iter().skip(1).cloned().collect(),
            plans,
        });
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(CellError { row: 2, column: String::new(), zh: "计划表没有任何任务行".into(), en: "the plan has no task rows".into() });
    }
    if errors.is_empty() { Ok(PlanTable { years: c.years.iter().map(|(y, _)| *y).collect(), lines }) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed's table as this project converted it (scripts/seed000_to_csv.py).
    const SEED: &str = include_str!("../../../../data/plan/xinhui-2014-2015.csv");

    fn csv_rows(text: &str) -> Vec<Vec<String>> {
        // a small CSV reader for the fixture: quoted cells may hold commas, quotes and line breaks
        let mut rows = Vec::new();
        let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (quoted, ch) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\n') => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => cell.push(c),
            }
        }
        if !cell.is_empty() || !row.is_empty() {
            row.push(cell);
            rows.push(row);
        }
        rows
    }

    #[test]
    fn the_seed_plan_loads_with_its_systems_tasks_and_units() {
        let plan = parse(&csv_rows(SEED)).expect("the seed's table");
        assert_eq!(plan.years, vec![2014, 2015]);
        assert_eq!(plan.systems(), vec!["社会养老服务体系", "社会组织参与社会管理工作体系", "城乡社区服务体系", "综合性社会救助体系", "政府向社会组织购买服务"]);
        assert_eq!(plan.lines.len(), 24);
        // the three lines of 1.推进“养老与医疗”结合 are one task
        assert_eq!(plan.tasks().len(), 22);
        let first = &plan.lines[0];
        assert_eq!((first.group.as_str(), first.due_year, first.lead.as_str()), ("机构养老完成年度任务", 2015, "区卫计局"));
        assert_eq!(first.related, vec!["区财政局", "区人社局", "区民政局"]);
        assert!(first.plans[0].1.contains("床位250张"));
        // merged cells carried down
        let third = &plan.lines[2];
        assert_eq!((third.task.as_str(), third.due_year), (first.task.as_str(), 2014));
        assert_eq!(third.related, vec!["各镇（街）", "区财政局", "区人社局"]);
        // a new system has no main task of its own: not carried from the system before
        let org = plan.lines.iter().find(|l| l.system == "社会组织参与社会管理工作体系").unwrap();
        assert_eq!((org.group.as_str(), org.task.as_str()), ("", "1.继续抓好社会组织登记任务的落实"));
        let lead_units: std::collections::BTreeSet<&str> = plan.lines.iter().map(|l| l.lead.as_str()).collect();
        assert!(lead_units.contains("区残联") && lead_units.contains("会城街道") && lead_units.contains("区财政局"), "{lead_units:?}");
    }

    #[test]
    fn a_malformed_plan_is_refused_naming_row_and_column() {
        let rows = |v: &[&[&str]]| v.iter().map(|r| r.iter().map(|s| (*s).to_owned()).collect()).collect::<Vec<Vec<String>>>();
        let header: &[&str] = &["体系名称", "主要任务", "子项目", "完成时间", "责任单位", "2014年工作计划"];
        let e = parse(&rows(&[header, &["养老", "", "1.床位", "明年", "区民政局", "x"], &["", "", "", "2015", "", ""]])).unwrap_err();
        assert_eq!(e.iter().map(|e| (e.row, e.column.as_str())).collect::<Vec<_>>(), vec![(2, "完成时间"), (3, "责任单位")]);
        assert!(e[0].zh.contains("明年"));
        let e = parse(&rows(&[&["", "", "1.床位", "2015", "区民政局", "x"]])).unwrap_err();
        assert_eq!((e[0].row, e[0].column.as_str()), (1, "体系名称"));
        let e = parse(&rows(&[header, &["", "", "1.床位", "2015", "区民政局", "x"]])).unwrap_err();
        assert_eq!((e[0].row, e[0].column.as_str()), (2, "体系名称"));
        let e = parse(&rows(&[&["体系名称", "子项目", "完成时间", "责任单位"]])).unwrap_err();
        assert_eq!(e[0].column, "YYYY年工作计划");
        assert!(parse(&[]).is_err());
        assert!(parse(&rows(&[header])).is_err());
    }

    #[test]
    fn units_split_on_the_separators_offices_use() {
        assert_eq!(split_units("区民政局、区财政局，各镇（街）; 区社工委"), vec!["区民政局", "区财政局", "各镇（街）", "区社工委"]);
        assert_eq!(split_units("各镇（街、区）、区财政局"), vec!["各镇（街、区）", "区财政局"]);
        assert!(split_units(" 、 ").is_empty());
    }
}
