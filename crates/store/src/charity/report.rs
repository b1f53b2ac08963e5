//! 收支报告 the figures of the charity's income and spending: a year's report (annual report,
//! .xlsx and print) and the public portal's summary. Money is counted where it was received or
//! allocated (`received_on`, `allocated_on`).
use serde::Serialize;
use sqlx::Row;

use crate::{Result, Store};

#[derive(Clone, Debug, Default, Serialize)]
pub struct MonthIncome {
    pub month: String,
    pub money_fen: i64,
    pub goods_fen: i64,
    pub spent_fen: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Keyed {
    /// a fund, project or campaign id; `None` for general (undesignated) money or direct aid
    pub id: Option<i64>,
    /// a kind (donor kind, recipient kind) where the grouping is by kind
    pub key: String,
    pub name: String,
    pub amount_fen: i64,
    pub count: i64,
}

/// Income and spending over a period `[from, to]` (inclusive days, YYYY-MM-DD).
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    pub money_fen: i64,
    pub goods_fen: i64,
    pub donations: i64,
    /// distinct donors (anonymous donations counted one each)
    pub donors: i64,
    pub spent_fen: i64,
    pub allocations: i64,
    pub households: i64,
    pub organisations: i64,
}

impl Store {
    /// Income and spending between two days (inclusive); `None` bounds are open.
    pub async fn charity_totals(&self, from: Option<&str>, to: Option<&str>) -> Result<Totals> {
        let from = from.unwrap_or("0000-00-00").to_owned();
        let to = to.unwrap_or("9999-99-99").to_owned();
        let r = sqlx::query(
            "SELECT COALESCE(CAST(SUM(CASE WHEN form = 'money' THEN amount_fen ELSE 0 END) AS BIGINT), 0) AS money, \
             COALESCE(CAST(SUM(CASE WHEN form = 'goods' THEN amount_fen ELSE 0 END) AS BIGINT), 0) AS goods, COUNT(*) AS n, \
             COUNT(DISTINCT CASE WHEN anonymous = 0 THEN donor_kind || ':' || donor_name || ':' || donor_phone END) + SUM(CASE WHEN anonymous = 0 THEN 0 ELSE 1 END) AS donors \
             FROM charity_donations WHERE received_on >= $1 AND received_on <= $2",
        )
        .bind(from.clone())
        .bind(to.clone())
        .fetch_one(&self.pool)
        .await?;
        let a = sqlx::query(
            "SELECT COALESCE(CAST(SUM(amount_fen) AS BIGINT), 0) AS spent, COUNT(*) AS n, COUNT(DISTINCT household_id) AS households, \
             COUNT(DISTINCT CASE WHEN recipient_kind = 'organisation' THEN recipient_name END) AS orgs \
             FROM charity_allocations WHERE allocated_on >= $1 AND allocated_on <= $2",
        )
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await?;
        Ok(Totals {
            money_fen: r.try_get("money")?,
            goods_fen: r.try_get("goods")?,
            donations: r.try_get("n")?,
            donors: r.try_get::<Option<i64>, _>("donors")?.unwrap_or(0),
            spent_fen: a.try_get("spent")?,
            allocations: a.try_get("n")?,
            households: a.try_get("households")?,
            organisations: a.try_get("orgs")?,
        })
    }

    /// Income (money, goods) and spending by month between two months (YYYY-MM, inclusive); every
    /// month of the range is listed.
    pub async fn charity_by_month(&self, from: &str, to: &str) -> Result<Vec<MonthIncome>> {
        let mut months: Vec<MonthIncome> = Vec::new();
        let (mut y, mut m) = (from[..4].parse::<i32>().unwrap_or(2000), from[5..7].parse::<u32>().unwrap_or(1));
        loop {
            let key = format!("{y:04}-{m:02}");
            if key.as_str() > to || months.len() > 240 {
                break;
            }
            months.push(MonthIncome { month: key, ..Default::default() });
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        let (lo, hi) = (format!("{from}-01"), format!("{to}-31"));
        let rows = sqlx::query(
            "SELECT SUBSTR(received_on, 1, 7) AS month, form, CAST(SUM(amount_fen) AS BIGINT) AS amount FROM charity_donations \
             WHERE received_on >= $1 AND received_on <= $2 GROUP BY SUBSTR(received_on, 1, 7), form",
        )
        .bind(lo.clone())
        .bind(hi.clone())
        .fetch_all(&self.pool)
        .await?;
        for r in &rows {
            let month: String = r.try_get("month")?;
            let form: String = r.try_get("form")?;
            let amount: i64 = r.try_get("amount")?;
            if let Some(x) = months.iter_mut().find(|x| x.month == month) {
                if form == "money" { x.money_fen += amount } else { x.goods_fen += amount }
            }
        }
        let rows = sqlx::query("SELECT SUBSTR(allocated_on, 1, 7) AS month, CAST(SUM(amount_fen) AS BIGINT) AS amount FROM charity_allocations WHERE allocated_on >= $1 AND allocated_on <= $2 GROUP BY SUBSTR(allocated_on, 1, 7)")
            .bind(lo)
            .bind(hi)
            .fetch_all(&self.pool)
            .await?;
        for r in &rows {
            let month: String = r.try_get("month")?;
            if let Some(x) = months.iter_mut().find(|x| x.month == month) {
                x.spent_fen += r.try_get::<i64, _>("amount")?;
            }
        }
        Ok(months)
    }

    /// Income between two days grouped by `fund` (general money under `None`), `donor_kind` or
    /// `campaign`.
    pub async fn charity_income_by(&self, by: &str, from: &str, to: &str) -> Result<Vec<Keyed>> {
        let sql = match by {
            "fund" => "SELECT d.fund_id AS id, '' AS k, COALESCE(f.name, '') AS name, CAST(SUM(d.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_donations d LEFT JOIN charity_funds f ON f.id = d.fund_id \
                       WHERE d.received_on >= $1 AND d.received_on <= $2 GROUP BY d.fund_id, f.name ORDER BY 4 DESC",
            "donor_kind" => "SELECT CAST(NULL AS BIGINT) AS id, d.donor_kind AS k, '' AS name, CAST(SUM(d.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_donations d \
                             WHERE d.received_on >= $1 AND d.received_on <= $2 GROUP BY d.donor_kind ORDER BY 4 DESC",
            _ => "SELECT d.campaign_id AS id, '' AS k, c.name AS name, CAST(SUM(d.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_donations d JOIN charity_campaigns c ON c.id = d.campaign_id \
                  WHERE d.received_on >= $1 AND d.received_on <= $2 GROUP BY d.campaign_id, c.name ORDER BY 4 DESC",
        };
        keyed(sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from.to_owned()).bind(to.to_owned()).fetch_all(&self.pool).await?)
    }

    /// Spending between two days grouped by `fund`, `project` (direct aid under `None`) or
    /// `recipient_kind`.
    pub async fn charity_spending_by(&self, by: &str, from: &str, to: &str) -> Result<Vec<Keyed>> {
        let sql = match by {
            "fund" => "SELECT a.fund_id AS id, '' AS k, f.name AS name, CAST(SUM(a.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_allocations a JOIN charity_funds f ON f.id = a.fund_id \
                       WHERE a.allocated_on >= $1 AND a.allocated_on <= $2 GROUP BY a.fund_id, f.name ORDER BY 4 DESC",
            "project" => "SELECT a.project_id AS id, '' AS k, COALESCE(p.name, '') AS name, CAST(SUM(a.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_allocations a LEFT JOIN charity_projects p ON p.id = a.project_id \
                          WHERE a.allocated_on >= $1 AND a.allocated_on <= $2 GROUP BY a.project_id, p.name ORDER BY 4 DESC",
            _ => "SELECT CAST(NULL AS BIGINT) AS id, a.recipient_kind AS k, '' AS name, CAST(SUM(a.amount_fen) AS BIGINT) AS amount, COUNT(*) AS n FROM charity_allocations a \
                  WHERE a.allocated_on >= $1 AND a.allocated_on <= $2 GROUP BY a.recipient_kind ORDER BY 4 DESC",
        };
        keyed(sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from.to_owned()).bind(to.to_owned()).fetch_all(&self.pool).await?)
    }

    /// Money held before `day` (money received minus allocated, both before it).
    pub async fn charity_balance_before(&self, day: &str) -> Result<i64> {
        let income: i64 = sqlx::query_scalar("SELECT COALESCE(CAST(SUM(amount_fen) AS BIGINT), 0) FROM charity_donations WHERE form = 'money' AND received_on < $1").bind(day.to_owned()).fetch_one(&self.pool).await?;
        let spent: i64 = sqlx::query_scalar("SELECT COALESCE(CAST(SUM(amount_fen) AS BIGINT), 0) FROM charity_allocations WHERE allocated_on < $1").bind(day.to_owned()).fetch_one(&self.pool).await?;
        Ok(income - spent)
    }
}

fn keyed(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Keyed>> {
    rows.iter()
        .map(|r| {
            Ok(Keyed { id: r.try_get("id")?, key: r.try_get("k")?, name: r.try_get("name")?, amount_fen: r.try_get("amount")?, count: r.try_get("n")? })
        })
        .collect()
}
