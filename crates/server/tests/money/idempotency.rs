//! `Idempotency-Key` on the creates that move money or write to the public ledger: the same key
//! and body answer the first result and create nothing new; another body with the key is 409.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

both!(donations_once => money_idempotent_donations_sqlite, money_idempotent_donations_postgres);

/// POST with an `Idempotency-Key`.
pub async fn post_keyed(c: &Client, path: &str, key: &str, body: &Value) -> (StatusCode, Value) {
    answer(c.http.post(c.url(path)).header("Idempotency-Key", key).json(body).send().await.expect("POST")).await
}

async fn donations_once(app: &TestApp) {
    let clerk = app.login("charity").await;
    let body = json!({"donor_kind": "person", "donor_name": "谭志坚", "form": "money", "amount_fen": 500_000, "channel": "bank_transfer"});
    let (donations, ledger) = (app.count("charity_donations").await, app.count("charity_ledger").await);
    // twenty identical requests at once
    let answers = futures_join(&clerk, "/api/v1/charity/donations", "donation-7f3a", &body, 20).await;
    let first = &answers[0];
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    for a in &answers {
        assert_eq!(a, first, "every answer is the first result");
    }
    assert_eq!(app.count("charity_donations").await, donations + 1);
    assert_eq!(app.count("charity_ledger").await, ledger + 1);
    // later, the same again: the same answer
    assert_eq!(&post_keyed(&clerk, "/api/v1/charity/donations", "donation-7f3a", &body).await, first);
    // the same key with another body: 409, nothing written
    let mut other = body.clone();
    other["amount_fen"] = json!(600_000);
    let answer = post_keyed(&clerk, "/api/v1/charity/donations", "donation-7f3a", &other).await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict", Some("Idempotency-Key"));
    assert_eq!(app.count("charity_donations").await, donations + 1);
    // keys are per account: another clerk's key of the same name is its own
    // (a new key makes a new donation)
    let (status, second) = post_keyed(&clerk, "/api/v1/charity/donations", "donation-8b21", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_ne!(second["id"], first.1["id"]);
    assert_eq!(app.count("charity_ledger").await, ledger + 2);
    // a key that is not visible ASCII is refused at the header
    let answer = post_keyed(&clerk, "/api/v1/charity/donations", " ", &body).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "validation", Some("Idempotency-Key"));
}

/// `n` identical keyed POSTs sent at once.
pub async fn futures_join(c: &Client, path: &str, key: &str, body: &Value, n: usize) -> Vec<(StatusCode, Value)> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let (c, path, key, body) = (c.clone(), path.to_owned(), key.to_owned(), body.clone());
        tasks.push(tokio::spawn(async move { post_keyed(&c, &path, &key, &body).await }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("task"));
    }
    out
}
