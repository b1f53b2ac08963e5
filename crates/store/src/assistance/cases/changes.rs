//! 动态管理 a case's changes after enrolment: deaths, reviews and exits.
use chrono::NaiveDate;
use minzheng_core::assistance::means::HouseholdFacts;
use minzheng_core::assistance::policy::PolicySet;
use minzheng_core::assistance::YearMonth;

use super::{json, month_of, to_json};
use crate::{Result, Scope, Store, StoreError, Tx};

use super::*;

/// 复核 what the officer found at a review: the case's version as read, the household's facts as
/// found now (None: unchanged), the note, and the review cycles (stable households, others) in months.
pub struct Review<'a> {
    pub version: i64,
    pub facts: Option<HouseholdFacts>,
    pub note: &'a str,
    pub cycle_months: (i64, i64),
}

impl Store {
    pub(super) async fn checked_case(&self, tx: &mut Tx, scope: &Scope, id: i64, version: Option<i64>) -> Result<CaseRecord> {
        let c = self.case_tx(tx, scope, id).await?;
        if version.is_some_and(|v| v != c.version) {
            return Err(crate::version::stale("该案件已被他人修改，请刷新后重试", "the case was changed by someone else; reload and try again"));
        }
        if c.status != "active" {
            return Err(StoreError::conflict("status", "该案件已终止", "the case has been stopped"));
        }
        Ok(c)
    }

    pub(super) async fn set_facts(&self, tx: &mut Tx, id: i64, facts: &HouseholdFacts) -> Result<()> {
        sqlx::query("UPDATE cases SET facts = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(to_json(facts))
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx.tx)
            .await?;
        Ok(())
    }

    /// A member died: the registry records it, the member's share stops from the month after death,
    /// months already paid beyond it become recoveries. The last member's death ends the case.
    pub async fn record_death(&self, tx: &mut Tx, scope: &Scope, case_id: i64, person_id: i64, death: NaiveDate, policy: &PolicySet, actor: &str) -> Result<RecalcSummary> {
        let c = self.checked_case(tx, scope, case_id, None).await?;
        let mut facts: HouseholdFacts = json(&c.facts, "cases.facts")?;
        let Some(member) = facts.members.iter_mut().find(|m| m.person_id == person_id) else {
            return Err(StoreError::invalid("person_id", "该人员不是本案件的保障成员", "the person is not a member of this case"));
        };
        if member.death_date.is_some() {
            return Err(StoreError::conflict("person_id", "该成员的死亡已登记", "this member's death is already recorded"));
        }
        minzheng_core::date::check_death_date(death, Some(member.birth_date), crate::today()).map_err(|e| StoreError::Invalid(e.to_field_error("death_date")))?;
        member.death_date = Some(death);
        let name = member.name.clone();
        sqlx::query("UPDATE persons SET alive = 0, death_date = $1, version = version + 1, updated_at = $2 WHERE id = $3")
            .bind(death.to_string())
            .bind(crate::now())
            .bind(person_id)
            .execute(&mut *tx.tx)
            .await?;
        self.set_facts(tx, case_id, &facts).await?;
        let programme = c.programme;
        let from = YearMonth::of(death).next();
        let sel = Selection { scope: Scope::system(), programmes: vec![programme], case_id: Some(case_id), hold_exits: false };
        let summary = self.recalculate(tx, &sel, from, policy, "death", actor, Mode::Apply).await?;
        if facts.members.iter().all(|m| m.death_date.is_some()) {
            sqlx::query("UPDATE cases SET status = 'stopped', end_month = $1, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(YearMonth::of(death).to_string())
                .bind(crate::now())
                .bind(case_id)
                .execute(&mut *tx.tx)
                .await?;
        }
        self.case_event(tx, case_id, c.region_code.as_str(), "death", actor, &format!("{name} 于 {death} 死亡，自 {from} 起停发其份额"), to_json(&serde_json::json!({"person_id": person_id, "death_date": death, "from_month": from}))).await?;
        Ok(summary)
    }

    /// 复核 a review: the facts as found now, the means test from next month, the next review date.
    /// A household no longer eligible is proposed for exit (应退尽退) with the reasons.
    pub async fn record_review(&self, tx: &mut Tx, scope: &Scope, case_id: i64, review: Review<'_>, policy: &PolicySet, today: NaiveDate, actor: &str) -> Result<RecalcSummary> {
        let Review { version, facts, note, cycle_months } = review;
        let c = self.checked_case(tx, scope, case_id, Some(version)).await?;
        let facts = match facts {
            Some(f) => {
                self.set_facts(tx, case_id, &f).await?;
                f
            }
            None => json(&c.facts, "cases.facts")?,
        };
        let programme = c.programme;
        let from = YearMonth::of(today).next();
        let sel = Selection { scope: Scope::system(), programmes: vec![programme], case_id: Some(case_id), hold_exits: true };
        let summary = self.recalculate(tx, &sel, from, policy, "review", actor, Mode::Apply).await?;
        let cycle = if is_stable(&facts, today) { cycle_months.0 } else { cycle_months.1 };
        let next = today.checked_add_months(chrono::Months::new(cycle.clamp(1, 60) as u32)).unwrap_or(today);
        sqlx::query("UPDATE cases SET review_cycle_months = $1, next_review_on = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(cycle)
            .bind(next.to_string())
            .bind(crate::now())
            .bind(case_id)
            .execute(&mut *tx.tx)
            .await?;
        self.case_event(tx, case_id, c.region_code.as_str(), "review", actor, note, to_json(&serde_json::json!({"next_review_on": next, "leave": summary.leave > 0, "monthly_after": summary.monthly_after}))).await?;
        Ok(summary)
    }

    /// Stops a case after `end_month` (the last month paid).
    pub async fn exit_case(&self, tx: &mut Tx, scope: &Scope, case_id: i64, version: i64, end_month: YearMonth, reason: &str, actor: &str) -> Result<()> {
        let c = self.checked_case(tx, scope, case_id, Some(version)).await?;
        let last_paid: Option<String> = sqlx::query_scalar("SELECT MAX(for_month) FROM payroll_lines WHERE case_id = $1 AND kind = 'regular'")
            .bind(case_id)
            .fetch_one(&mut *tx.tx)
            .await?;
        if let Some(last) = last_paid.filter(|l| *l > end_month.to_string()) {
            return Err(StoreError::invalid("end_month", format!("{last} 已发放，终止月份不得早于已发放月份"), format!("{last} is already paid; the end month cannot be earlier")));
        }
        if end_month < month_of(&c.start_month)?.prev() {
            return Err(StoreError::invalid("end_month", "终止月份早于开始月份", "the end month is before the start month"));
        }
        sqlx::query("UPDATE cases SET status = 'stopped', end_month = $1, exit_proposed = 0, exit_reason = $2, version = version + 1, updated_at = $3 WHERE id = $4")
            .bind(end_month.to_string())
            .bind(reason.to_owned())
            .bind(crate::now())
            .bind(case_id)
            .execute(&mut *tx.tx)
            .await?;
        self.case_event(tx, case_id, c.region_code.as_str(), "exit", actor, reason, to_json(&serde_json::json!({"end_month": end_month}))).await?;
        Ok(())
    }
}
