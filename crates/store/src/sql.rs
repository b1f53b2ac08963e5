//! A small statement builder: SQL text with `$N` placeholders and its arguments.
//!
//! Both backends accept `$N` positional parameters (SQLite reads `$N` as parameter N), so one text
//! serves both and no per-database rendering is needed. Column and table names are only ever pushed
//! from constants in this crate, never from user input; values always go through `bind`.
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Type};

#[derive(Default)]
pub struct Sql {
    text: String,
    args: AnyArguments,
    count: usize,
    /// Render placeholders as anonymous `?` (SQLite only): SQLite looks up a named or numbered
    /// parameter's name by walking a list, so binding N `$N` parameters costs O(N²) — it dominated
    /// wide multi-row INSERTs. Anonymous parameters bind in O(1).
    anonymous: bool,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_owned(), ..Default::default() }
    }

    /// A builder for wide statements (bulk inserts): `?` placeholders on SQLite, `$N` on PostgreSQL.
    /// Each placeholder must then appear once, in binding order, which `bind` guarantees.
    pub fn bulk(text: &str, backend: crate::Backend) -> Self {
        Sql { text: text.to_owned(), anonymous: backend == crate::Backend::Sqlite, ..Default::default() }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder and binds `value` to it.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: for<'q> Encode<'q, Any> + Type<Any> + 'static,
    {
        self.count += 1;
        if self.anonymous {
            self.text.push('?');
        } else {
            self.text.push('$');
            self.text.push_str(&self.count.to_string());
        }
        // Encoding into the Any buffer cannot fail for the plain types we bind.
        let _ = self.args.add(value);
        self
    }

    /// `(v1, v2, …)` for an `IN` list; an empty list gives `(NULL)`, which matches nothing.
    pub fn bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        I: IntoIterator<Item = T>,
        T: for<'q> Encode<'q, Any> + Type<Any> + 'static,
    {
        self.push("(");
        let mut any = false;
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v);
            any = true;
        }
        if !any {
            self.push("NULL");
        }
        self.push(")")
    }

    /// `column >= lo AND column < hi` for a region subtree (an index range scan on both backends).
    pub fn region_range(&mut self, column: &str, bounds: &(String, String)) -> &mut Self {
        self.push(column).push(" >= ").bind(bounds.0.clone());
        self.push(" AND ").push(column).push(" < ").bind(bounds.1.clone())
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_parts(self) -> (sqlx::AssertSqlSafe<String>, AnyArguments) {
        (sqlx::AssertSqlSafe(self.text), self.args)
    }

    pub fn query(self) -> sqlx::query::Query<'static, Any, AnyArguments> {
        let (text, args) = self.into_parts();
        sqlx::query_with(text, args)
    }

    pub fn query_scalar<O>(self) -> sqlx::query::QueryScalar<'static, Any, O, AnyArguments>
    where
        O: for<'r> sqlx::Decode<'r, Any> + Type<Any> + Send + Unpin,
        (O,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let (text, args) = self.into_parts();
        sqlx::query_scalar_with(text, args)
    }
}
