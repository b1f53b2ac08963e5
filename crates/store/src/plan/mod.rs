//! 大民政工作计划 persistence: plans imported from their table, the responsible units (shared by all
//! plans, matched by name), the lines with their units in the table's order, and the targets read
//! from the plan texts (editable, version-checked).
use std::collections::HashMap;

use minzheng_core::plan::table::PlanTable;
use minzheng_core::plan::target::quantities;
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};
use crate::version::check_version;
use crate::row::record;

pub mod progress;

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct PlanRecord(r) {
        pub id: i64,
        pub name: String,
        pub years: Vec<i32> = r.try_get::<String, _>("years")?.split(',').filter_map(|y| y.parse().ok()).collect(),
        pub source_file: String,
        pub created_by: String,
        pub created_at: String,
        pub lines: i64 as "n_lines",
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Serialize)]
pub struct UnitRecord {
    pub id: i64,
    pub name: String,
    /// department | town | all_towns | other
    pub kind: String,
    pub region_code: Option<String>,
    pub lead_lines: i64,
    pub related_lines: i64,
}

record! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[derive(Clone, Debug, Serialize)]
    pub struct TargetRecord(r) {
        pub id: i64,
        pub line_id: i64,
        pub year: i64,
        pub subject: String,
        pub hundredths: i64,
        pub unit: String,
        pub fen: Option<i64>,
        pub per: Option<String>,
        pub source: String,
        pub version: i64,
        pub updated_by: String,
        pub updated_at: String,
    }
}

/// A line with its units (lead first, then related in the table's order) and targets.
#[derive(Clone, Debug, Serialize)]
pub struct LineRecord {
    pub id: i64,
    pub row: i64,
    pub system: String,
    pub group: String,
    pub task: String,
    pub due_year: i64,
    /// (unit id, name, role)
    pub units: Vec<(i64, String, String)>,
    pub plans: Vec<(i32, String)>,
    pub targets: Vec<TargetRecord>,
}

/// A target as the officer gives it.
#[derive(Clone, Debug)]
pub struct TargetFields {
    pub year: i64,
    pub subject: String,
    pub hundredths: i64,
    pub unit: String,
    pub fen: Option<i64>,
    pub per: Option<String>,
}

/// The name a unit is kept under: a town by its official name (会城 → 会城街道), all towns as
/// 各镇（街） (各镇, 各镇（街、区） …), others as written.
pub fn canonical_unit(name: &str, towns: &[(String, String)]) -> String {
    match unit_kind(name, towns) {
        ("all_towns", _) => ALL_TOWNS.to_owned(),
        ("town", Some(code)) => towns.iter().find(|(c, _)| *c == code).map_or_else(|| name.to_owned(), |t| t.1.clone()),
        _ => name.to_owned(),
    }
}

/// The one name of "every town".
pub const ALL_TOWNS: &str = "各镇（街）";

/// How a unit's name reads: all towns, a town of the district (its code), a department or another body.
pub fn unit_kind(name: &str, towns: &[(String, String)]) -> (&'static str, Option<String>) {
    if name.starts_with("各镇") || name.starts_with("各街") {
        return ("all_towns", None);
    }
    if let Some((code, _)) = towns.iter().find(|(_, t)| t == name || (name.chars().count() >= 2 && t.starts_with(name))) {
        return ("town", Some(code.clone()));
    }
    if name.starts_with('区') || ["局", "委", "办", "部", "联", "中心"].iter().any(|s| name.ends_with(s)) {
        return ("department", None);
    }
    ("other", None)
}

impl Store {
    /// Stores a plan read from its table, in the caller's transaction: units matched by name (new
    /// ones created; `towns` are the district's towns as (code, name)), lines with their units,
    /// and the targets read from each year's plan text.
    pub async fn plan_import(&self, tx: &mut Tx, name: &str, source_file: &str, table: &PlanTable, towns: &[(String, String)], by: &str) -> Result<i64> {
        let id = self.plan_create(tx, name, &table.years, source_file, by).await?;
        self.plan_add_lines(tx, id, &table.lines, towns, by).await?;
        Ok(id)
    }

    /// A plan without lines yet (created in the console; lines are added one by one).
    pub async fn plan_create(&self, tx: &mut Tx, name: &str, years: &[i32], source_file: &str, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let years: Vec<String> = years.iter().map(i32::to_string).collect();
        sqlx::query("INSERT INTO plan_plans (id, name, years, source_file, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(name.to_owned())
            .bind(years.join(","))
            .bind(source_file.to_owned())
            .bind(by.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }

    /// The row number the next line of a plan takes.
    pub async fn plan_next_row(&self, plan_id: i64) -> Result<i64> {
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(row_no) FROM plan_lines WHERE plan_id = $1").bind(plan_id).fetch_one(&self.pool).await?;
        Ok(max.unwrap_or(1) + 1)
    }

    /// Adds lines to a plan with their units (matched by name, created when new) and the targets
    /// read from their plan texts; returns the lines' ids.
    pub async fn plan_add_lines(&self, tx: &mut Tx, id: i64, lines: &[minzheng_core::plan::table::PlanLine], towns: &[(String, String)], by: &str) -> Result<Vec<i64>> {
        let now = crate::now();
        let mut units: HashMap<String, i64> = HashMap::new();
        for r in sqlx::query("SELECT id, name FROM plan_units").fetch_all(&mut *tx.tx).await? {
            units.insert(r.try_get("name")?, r.try_get("id")?);
        }
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            let names: Vec<String> = std::iter::once(&line.lead).chain(&line.related).map(|n| canonical_unit(n, towns)).collect();
            let mut ids = Vec::with_capacity(names.len());
            for n in &names {
                let uid = match units.get(n) {
                    Some(u) => *u,
                    None => {
                        let u = tx.next_id().await?;
                        let (kind, region) = unit_kind(n, towns);
                        sqlx::query("INSERT INTO plan_units (id, name, kind, region_code, created_at) VALUES ($1, $2, $3, $4, $5)")
                            .bind(u)
                            .bind(n.clone())
                            .bind(kind)
                            .bind(region)
                            .bind(now.clone())
                            .execute(&mut *tx.tx)
                            .await?;
                        units.insert(n.clone(), u);
                        u
                    }
                };
                ids.push(uid);
            }
            let line_id = tx.next_id().await?;
            out.push(line_id);
            let plans: Vec<serde_json::Value> = line.plans.iter().map(|(y, t)| serde_json::json!({"year": y, "text": t})).collect();
            sqlx::query("INSERT INTO plan_lines (id, plan_id, row_no, system_name, group_name, task_name, due_year, lead_unit_id, plans) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(line_id)
                .bind(id)
                .bind(line.row as i64)
                .bind(line.system.clone())
                .bind(line.group.clone())
                .bind(line.task.clone())
                .bind(i64::from(line.due_year))
                .bind(ids[0])
                .bind(serde_json::Value::Array(plans).to_string())
                .execute(&mut *tx.tx)
                .await?;
            let mut seen = Vec::new();
            for (ord, uid) in ids.iter().enumerate() {
                // a unit named twice in one cell counts once, in its first place
                if seen.contains(uid) {
                    continue;
                }
                seen.push(*uid);
                sqlx::query("INSERT INTO plan_line_units (line_id, unit_id, role, ord) VALUES ($1, $2, $3, $4)")
                    .bind(line_id)
                    .bind(*uid)
                    .bind(if ord == 0 { "lead" } else { "related" })
                    .bind(ord as i64)
                    .execute(&mut *tx.tx)
                    .await?;
            }
            for (year, text) in &line.plans {
                for q in quantities(text) {
                    let f = TargetFields { year: i64::from(*year), subject: q.subject, hundredths: q.hundredths, unit: q.unit, fen: q.fen, per: q.per };
                    self.plan_insert_target_as(tx, line_id, &f, "parsed", by).await?;
                }
            }
        }
        Ok(out)
    }

    pub async fn plan_plans(&self) -> Result<Vec<PlanRecord>> {
        sqlx::query("SELECT p.*, (SELECT COUNT(*) FROM plan_lines l WHERE l.plan_id = p.id) AS n_lines FROM plan_plans p ORDER BY p.id DESC")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(PlanRecord::from_row)
            .collect()
    }

    pub async fn plan_plan(&self, id: i64) -> Result<PlanRecord> {
        PlanRecord::from_row(&sqlx::query("SELECT p.*, (SELECT COUNT(*) FROM plan_lines l WHERE l.plan_id = p.id) AS n_lines FROM plan_plans p WHERE p.id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    /// A plan's lines in table order, with units and targets.
    pub async fn plan_lines(&self, plan_id: i64) -> Result<Vec<LineRecord>> {
        let rows = sqlx::query("SELECT * FROM plan_lines WHERE plan_id = $1 ORDER BY row_no, id").bind(plan_id).fetch_all(&self.pool).await?;
        let mut lines = Vec::with_capacity(rows.len());
        for r in &rows {
            let plans: String = r.try_get("plans")?;
            let plans: Vec<serde_json::Value> = serde_json::from_str(&plans).map_err(|e| StoreError::Corrupt(format!("plan_lines.plans: {e}")))?;
            lines.push(LineRecord {
                id: r.try_get("id")?,
                row: r.try_get("row_no")?,
                system: r.try_get("system_name")?,
                group: r.try_get("group_name")?,
                task: r.try_get("task_name")?,
                due_year: r.try_get("due_year")?,
                units: vec![],
                plans: plans.iter().map(|p| (p["year"].as_i64().unwrap_or(0) as i32, p["text"].as_str().unwrap_or("").to_owned())).collect(),
                targets: vec![],
            });
        }
        let index: HashMap<i64, usize> = lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        let units = sqlx::query("SELECT lu.line_id, lu.unit_id, lu.role, u.name FROM plan_line_units lu JOIN plan_units u ON u.id = lu.unit_id JOIN plan_lines l ON l.id = lu.line_id WHERE l.plan_id = $1 ORDER BY lu.line_id, lu.ord")
            .bind(plan_id)
            .fetch_all(&self.pool)
            .await?;
        for r in &units {
            let line: i64 = r.try_get("line_id")?;
            if let Some(i) = index.get(&line) {
                lines[*i].units.push((r.try_get("unit_id")?, r.try_get("name")?, r.try_get("role")?));
            }
        }
        let targets = sqlx::query("SELECT t.* FROM plan_targets t JOIN plan_lines l ON l.id = t.line_id WHERE l.plan_id = $1 ORDER BY t.line_id, t.year, t.id").bind(plan_id).fetch_all(&self.pool).await?;
        for r in &targets {
            let t = TargetRecord::from_row(r)?;
            if let Some(i) = index.get(&t.line_id) {
                lines[*i].targets.push(t);
            }
        }
        Ok(lines)
    }

    /// The responsible units with the number of lines they lead and are related to.
    pub async fn plan_units(&self) -> Result<Vec<UnitRecord>> {
        let rows = sqlx::query(
            "SELECT u.*, (SELECT COUNT(*) FROM plan_line_units x WHERE x.unit_id = u.id AND x.role = 'lead') AS lead_lines, \
             (SELECT COUNT(*) FROM plan_line_units x WHERE x.unit_id = u.id AND x.role = 'related') AS related_lines FROM plan_units u ORDER BY u.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UnitRecord {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: r.try_get("kind")?,
                    region_code: r.try_get("region_code")?,
                    lead_lines: r.try_get("lead_lines")?,
                    related_lines: r.try_get("related_lines")?,
                })
            })
            .collect()
    }

    pub async fn plan_target(&self, id: i64) -> Result<TargetRecord> {
        TargetRecord::from_row(&sqlx::query("SELECT * FROM plan_targets WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?)
    }

    pub async fn plan_line_exists(&self, id: i64) -> Result<bool> {
        Ok(sqlx::query("SELECT 1 FROM plan_lines WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.is_some())
    }

    async fn plan_insert_target_as(&self, tx: &mut Tx, line_id: i64, f: &TargetFields, source: &str, by: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        sqlx::query("INSERT INTO plan_targets (id, line_id, year, subject, hundredths, unit, fen, per, source, version, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11)")
            .bind(id)
            .bind(line_id)
            .bind(f.year)
            .bind(f.subject.clone())
            .bind(f.hundredths)
            .bind(f.unit.clone())
            .bind(f.fen)
            .bind(f.per.clone())
            .bind(source.to_owned())
            .bind(by.to_owned())
            .bind(crate::now())
            .execute(&mut *tx.tx)
            .await?;
        Ok(id)
    }

    /// A target the officer adds.
    pub async fn plan_insert_target(&self, tx: &mut Tx, line_id: i64, f: &TargetFields, by: &str) -> Result<i64> {
        self.plan_insert_target_as(tx, line_id, f, "manual", by).await
    }

    /// Edits a target at `version` (409 when someone changed it since); a corrected parsed target
    /// becomes manual.
    pub async fn plan_update_target(&self, tx: &mut Tx, id: i64, version: i64, f: &TargetFields, by: &str) -> Result<()> {
        let r = sqlx::query("UPDATE plan_targets SET year = $1, subject = $2, hundredths = $3, unit = $4, fen = $5, per = $6, source = 'manual', version = version + 1, updated_by = $7, updated_at = $8 WHERE id = $9 AND version = $10")
            .bind(f.year)
            .bind(f.subject.clone())
            .bind(f.hundredths)
            .bind(f.unit.clone())
            .bind(f.fen)
            .bind(f.per.clone())
            .bind(by.to_owned())
            .bind(crate::now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx.tx)
            .await?;
        check_version(r.rows_affected(), "该指标已被他人修改，请刷新后再改", "the target was changed since you read it; reload")?;
        Ok(())
    }

    pub async fn plan_delete_target(&self, tx: &mut Tx, id: i64) -> Result<()> {
        let r = sqlx::query("DELETE FROM plan_targets WHERE id = $1").bind(id).execute(&mut *tx.tx).await?;
        if r.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::unit_kind;

    #[test]
    fn unit_names_read_as_towns_departments_or_all_towns() {
        let towns = vec![("440705001000".to_owned(), "会城街道".to_owned()), ("440705102000".to_owned(), "司前镇".to_owned())];
        assert_eq!(unit_kind("会城", &towns), ("town", Some("440705001000".into())));
        assert_eq!(unit_kind("会城街道", &towns), ("town", Some("440705001000".into())));
        assert_eq!(unit_kind("各镇（街）", &towns), ("all_towns", None));
        assert_eq!(unit_kind("区卫计局", &towns), ("department", None));
        assert_eq!(unit_kind("新会公安分局", &towns), ("department", None));
        assert_eq!(unit_kind("工会", &towns), ("other", None));
        assert_eq!(super::canonical_unit("会城", &towns), "会城街道");
        assert_eq!(super::canonical_unit("各镇（街、区）", &towns), "各镇（街）");
        assert_eq!(super::canonical_unit("各镇", &towns), "各镇（街）");
        assert_eq!(super::canonical_unit("区民政局", &towns), "区民政局");
    }
}
