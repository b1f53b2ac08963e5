//! 人口信息 registry of regions, persons and households.
pub mod households;
pub mod persons;
pub mod reference;
pub mod regions;
pub mod stats;

/// One page of a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The number of matching records, counted up to [`COUNT_CAP`]; beyond it `total_exact` is
    /// false and `total` is the cap.
    pub total: i64,
    pub total_exact: bool,
    pub page: i64,
    pub page_size: i64,
}

impl<T> Page<T> {
    /// The same page with each item turned into `f(item)`: how a page of records becomes a page
    /// of views.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), total: self.total, total_exact: self.total_exact, page: self.page, page_size: self.page_size }
    }
}

/// Lists count at most this many matches: counting a whole district (a million rows) for every page
/// view dominated list latency, and an officer narrows by region or search long before page 500.
pub const COUNT_CAP: i64 = 10_000;

/// `SELECT COUNT(*) FROM (SELECT 1 <from_where> LIMIT cap + 1)`: counts at most one past the cap.
pub(crate) fn capped_count_sql(from: &str) -> crate::sql::Sql {
    crate::sql::Sql::new(&format!("SELECT COUNT(*) FROM (SELECT 1 AS one {from}"))
}

pub(crate) fn finish_capped_count(sql: &mut crate::sql::Sql) {
    sql.push(" LIMIT ").bind(COUNT_CAP + 1).push(") capped");
}

/// (total, exact) from a capped count.
impl crate::Store {
    /// One page of a list: the capped count of `from` and the rows of `select`, both narrowed by
    /// `filter` (which appends ` AND …` conditions), in `order`, each row read by `map`.
    pub(crate) async fn page_of<T>(
        &self,
        from: &str,
        select: &str,
        filter: impl Fn(&mut crate::sql::Sql),
        order: &str,
        paging: Paging,
        map: impl Fn(&sqlx::any::AnyRow) -> crate::Result<T>,
    ) -> crate::Result<Page<T>> {
        let mut count = capped_count_sql(from);
        filter(&mut count);
        finish_capped_count(&mut count);
        let (total, total_exact) = capped_total(count.query_scalar().fetch_one(&self.pool).await?);
        let mut sql = crate::sql::Sql::new(select);
        filter(&mut sql);
        sql.push(" ORDER BY ").push(order).push(" LIMIT ").bind(paging.page_size).push(" OFFSET ").bind(paging.offset());
        let items = sql.query().fetch_all(&self.pool).await?.iter().map(map).collect::<crate::Result<Vec<_>>>()?;
        Ok(Page { items, total, total_exact, page: paging.page, page_size: paging.page_size })
    }
}

pub(crate) fn capped_total(n: i64) -> (i64, bool) {
    if n > COUNT_CAP { (COUNT_CAP, false) } else { (n, true) }
}

/// Paging as asked for, clamped to what the server allows.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub page_size: i64,
}

impl Paging {
    pub const MAX_PAGE_SIZE: i64 = 200;
    pub fn new(page: Option<i64>, page_size: Option<i64>) -> Paging {
        Paging {
            page: page.unwrap_or(1).max(1),
            page_size: page_size.unwrap_or(20).clamp(1, Self::MAX_PAGE_SIZE),
        }
    }
    pub fn offset(&self) -> i64 {
        // `page` comes from the query string: a page past i64 is just past the end
        (self.page - 1).saturating_mul(self.page_size)
    }
}

/// The smallest string greater than every string starting with `prefix`, for prefixes of ASCII
/// digits and letters (ID numbers, pinyin keys); `None` when there is none (all 'z'/'Z'/'9').
pub(crate) fn prefix_successor(prefix: &str) -> Option<String> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        let next = match last {
            b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => last + 1,
            b'9' => b'A',
            _ => continue,
        };
        bytes.push(next);
        return String::from_utf8(bytes).ok();
    }
    None
}

/// Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn successor_of_prefixes() {
        assert_eq!(prefix_successor("zs").as_deref(), Some("zt"));
        assert_eq!(prefix_successor("az").as_deref(), Some("b"));
        assert_eq!(prefix_successor("4407059").as_deref(), Some("440705A"));
        assert_eq!(prefix_successor("zz"), None);
    }
}

#[cfg(test)]
mod count_tests {
    #[test]
    fn counts_are_capped_one_past_the_cap() {
        assert_eq!(super::capped_total(0), (0, true));
        assert_eq!(super::capped_total(super::COUNT_CAP), (super::COUNT_CAP, true));
        assert_eq!(super::capped_total(super::COUNT_CAP + 1), (super::COUNT_CAP, false));
    }
}
