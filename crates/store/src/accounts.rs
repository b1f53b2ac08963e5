//! 账号 accounts, failed-login bookkeeping and sessions.
use minzheng_core::access::Role;
use minzheng_core::registry::region::RegionCode;
use sqlx::Row;

use crate::sql::Sql;
use crate::{Result, Scope, Store, StoreError, Tx, flag};
use crate::row::record;

record! {
    #[derive(Debug, Clone, serde::Serialize)]
    pub struct AccountRecord(r) {
        pub id: i64,
        pub username: String,
        pub display_name: String,
        #[serde(skip)]
        pub password_hash: String,
        pub role: String,
        pub region_code: String,
        pub region_name: Option<String>,
        pub active: bool,
        pub locked_until: Option<String>,
        /// the provider a `provider` account is bound to (居家养老服务商); `None` for every other role
        pub provider_id: Option<i64>,
        pub version: i64,
        pub created_at: String,
        pub updated_at: String,
    }
}

const ACCOUNT_COLUMNS: &str = "a.id, a.username, a.display_name, a.password_hash, a.role, a.region_code, r.name AS region_name, \
    a.active, a.locked_until, a.provider_id, a.version, a.created_at, a.updated_at";
const ACCOUNT_FROM: &str = " FROM accounts a LEFT JOIN regions r ON r.code = a.region_code";

/// Fields of a new or changed account, already validated by the caller.
pub struct AccountInput<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub region: &'a RegionCode,
    pub active: bool,
    pub provider_id: Option<i64>,
}

impl Store {
    pub async fn account_by_username(&self, username: &str) -> Result<Option<AccountRecord>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS}{ACCOUNT_FROM} WHERE a.username = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(username.to_owned()).fetch_optional(&self.pool).await?;
        row.as_ref().map(AccountRecord::from_row).transpose()
    }

    pub async fn account(&self, scope: &Scope, id: i64) -> Result<AccountRecord> {
        let mut sql = Sql::new(&format!("SELECT {ACCOUNT_COLUMNS}{ACCOUNT_FROM} WHERE a.id = "));
        sql.bind(id);
        scope.and_filter(&mut sql, "a.region_code");
        let row = sql.query().fetch_optional(&self.pool).await?.ok_or(StoreError::NotFound)?;
        AccountRecord::from_row(&row)
    }

    pub async fn list_accounts(&self, scope: &Scope) -> Result<Vec<AccountRecord>> {
        let mut sql = Sql::new(&format!("SELECT {ACCOUNT_COLUMNS}{ACCOUNT_FROM} WHERE 1 = 1"));
        scope.and_filter(&mut sql, "a.region_code");
        sql.push(" ORDER BY a.region_code, a.username");
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(AccountRecord::from_row).collect()
    }

    pub async fn create_account(&self, tx: &mut Tx, input: &AccountInput<'_>, password_hash: &str) -> Result<i64> {
        let id = tx.next_id().await?;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO accounts (id, username, display_name, password_hash, role, region_code, active, locked_until, provider_id, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $9, 1, $8, $8)",
        )
        .bind(id)
        .bind(input.username.to_owned())
        .bind(input.display_name.to_owned())
        .bind(password_hash.to_owned())
        .bind(input.role.as_str())
        .bind(input.region.as_str().to_owned())
        .bind(flag(input.active))
        .bind(now)
        .bind(input.provider_id)
        .execute(&mut *tx.tx)
        .await
        .map_err(|e| {
            let e = StoreError::from(e);
            if e.is_unique_violation() {
                StoreError::conflict("username", format!("用户名 {} 已存在", input.username), format!("username {} is taken", input.username))
            } else {
                e
            }
        })?;
        Ok(id)
    }

    pub async fn update_account(&self, tx: &mut Tx, id: i64, input: &AccountInput<'_>, password_hash: Option<&str>) -> Result<()> {
        let mut sql = Sql::new("UPDATE accounts SET display_name = ");
        sql.bind(input.display_name.to_owned());
        sql.push(", role = ").bind(input.role.as_str().to_owned());
        sql.push(", region_code = ").bind(input.region.as_str().to_owned());
        sql.push(", active = ").bind(flag(input.active));
        sql.push(", provider_id = ").bind(input.provider_id);
        if let Some(h) = password_hash {
            sql.push(", password_hash = ").bind(h.to_owned()).push(", locked_until = NULL");
        }
        sql.push(", version = version + 1, updated_at = ").bind(crate::now());
        sql.push(" WHERE id = ").bind(id);
        if sql.query().execute(&mut *tx.tx).await?.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if password_hash.is_some() {
            sqlx::query("DELETE FROM login_failures WHERE account_id = $1").bind(id).execute(&mut *tx.tx).await?;
            sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id).execute(&mut *tx.tx).await?;
        }
        Ok(())
    }

    /// Records a failed login; when `max` failures fall within the window since `window_start`,
    /// locks the account until `lock_until`. Returns whether the account is now locked.
    pub async fn record_login_failure(&self, account_id: i64, now: &str, window_start: &str, max: i64, lock_until: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO login_failures (account_id, at) VALUES ($1, $2)").bind(account_id).bind(now.to_owned()).execute(&mut *tx.tx).await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE account_id = $1 AND at >= $2")
            .bind(account_id)
            .bind(window_start.to_owned())
            .fetch_one(&mut *tx.tx)
            .await?;
        let locked = n >= max;
        if locked {
            sqlx::query("UPDATE accounts SET locked_until = $1 WHERE id = $2").bind(lock_until.to_owned()).bind(account_id).execute(&mut *tx.tx).await?;
            sqlx::query("DELETE FROM login_failures WHERE account_id = $1").bind(account_id).execute(&mut *tx.tx).await?;
        }
        tx.commit().await?;
        Ok(locked)
    }

    pub async fn clear_login_failures(&self, account_id: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE account_id = $1").bind(account_id).execute(&mut *tx.tx).await?;
        sqlx::query("UPDATE accounts SET locked_until = NULL WHERE id = $1").bind(account_id).execute(&mut *tx.tx).await?;
        tx.commit().await
    }

    pub async fn create_session(&self, token_hash: &str, account_id: i64, ip: &str, expires_at: &str) -> Result<()> {
        let now = crate::now();
        let mut tx = self.begin().await?;
        // expired sessions are swept whenever someone logs in
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now.clone()).execute(&mut *tx.tx).await?;
        sqlx::query("INSERT INTO sessions (token_hash, account_id, ip, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $4, $5)")
            .bind(token_hash.to_owned())
            .bind(account_id)
            .bind(ip.to_owned())
            .bind(now)
            .bind(expires_at.to_owned())
            .execute(&mut *tx.tx)
            .await?;
        tx.commit().await
    }

    /// The active account of a live session, with the session's expiry and last use.
    pub async fn session_account(&self, token_hash: &str, now: &str) -> Result<Option<(AccountRecord, String, String)>> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, s.expires_at AS s_expires, s.last_seen AS s_seen{ACCOUNT_FROM} JOIN sessions s ON s.account_id = a.id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.active = 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash.to_owned()).bind(now.to_owned()).fetch_optional(&self.pool).await?;
        match row {
            None => Ok(None),
            Some(row) => Ok(Some((AccountRecord::from_row(&row)?, row.try_get("s_expires")?, row.try_get("s_seen")?))),
        }
    }

    pub async fn touch_session(&self, token_hash: &str, now: &str, expires_at: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(now.to_owned())
            .bind(expires_at.to_owned())
            .bind(token_hash.to_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash.to_owned()).execute(&self.pool).await?;
        Ok(())
    }
}
