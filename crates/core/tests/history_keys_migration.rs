//! Migration 0006 replaced the account indexes by the `history_keys` full-text index: entries
//! written before it are found by the account filters afterwards, exactly (no other account's
//! entries), and the keys of entries written after it match.

use std::borrow::Cow;

use kitbench_core::history::{AccountKey, History, HistoryFilter};
use kitbench_core::store::{Store, DB_FILE};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

/// Inserts an entry as the app did before 0006 (straight into `history`).
async fn old_entry(pool: &SqlitePool, id: i64, identifier: &str, connection: &str, account: &str) {
    sqlx::query(
        "INSERT INTO history (id, at_ms, env_id, kind, method, url, path, identifier, connection, \
         account_id, status, status_class, duration_ms, attempt, request_headers, \
         response_headers, request_size, response_size, stored_bytes) \
         VALUES (?, ?, 'env', 'tool', 'POST', 'https://x/api', '/api', ?, ?, ?, 200, '2xx', 1, 1, \
         '[]', '[]', 0, 0, 100)",
    )
    .bind(id)
    // Now: the default retention deletes entries older than 30 days when the history starts.
    .bind(chrono::Utc::now().timestamp_millis())
    .bind(identifier)
    .bind(connection)
    .bind((!account.is_empty()).then_some(account))
    .execute(pool)
    .await
    .unwrap();
}

async fn ids(history: &History, filter: HistoryFilter) -> Vec<i64> {
    let page = history.list(&filter, None, 100).await.unwrap();
    page.entries.iter().map(|e| e.id).collect()
}

#[tokio::test]
async fn entries_from_before_the_keys_are_found_by_account() {
    let dir = tempfile::tempdir().unwrap();
    {
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join(DB_FILE))
            .create_if_missing(true);
        let pool = SqlitePool::connect_with(options).await.unwrap();
        let mut before = sqlx::migrate!("./migrations");
        before.migrations = Cow::Owned(
            before
                .migrations
                .iter()
                .filter(|m| m.version < 6)
                .cloned()
                .collect(),
        );
        before.run(&pool).await.unwrap();
        old_entry(&pool, 1, "alice@example.com", "gmail", "").await;
        old_entry(&pool, 2, "alice@example.com", "slack", "ca_2").await;
        old_entry(&pool, 3, "bob@example.com", "gmail", "ca_3").await;
        // Text that only hex keeps apart: a space, punctuation, a non-ASCII letter.
        old_entry(&pool, 4, "Zoë O'Neil", "gmail", "").await;
        // No account at all: no keys.
        old_entry(&pool, 5, "", "", "").await;
        pool.close().await;
    }

    let store = Store::open(dir.path()).await.unwrap();
    let history = History::start(store.pool().clone()).await.unwrap();
    let by = |identifier: Option<&str>, connection: Option<&str>| HistoryFilter {
        identifier: identifier.map(str::to_string),
        connection: connection.map(str::to_string),
        ..HistoryFilter::default()
    };
    assert_eq!(
        ids(&history, by(Some("alice@example.com"), None)).await,
        [2, 1]
    );
    assert_eq!(
        ids(&history, by(Some("alice@example.com"), Some("gmail"))).await,
        [1]
    );
    assert_eq!(ids(&history, by(Some("Zoë O'Neil"), None)).await, [4]);
    assert!(ids(&history, by(Some("zoë o'neil"), None)).await.is_empty());
    assert!(ids(&history, by(Some("alice"), None)).await.is_empty());
    let account = |id: &str, identifier: &str, connection: &str| HistoryFilter {
        account: Some(AccountKey {
            id: id.into(),
            identifier: identifier.into(),
            connection: connection.into(),
        }),
        ..HistoryFilter::default()
    };
    // By id (entry 3) or by identifier on its connection (none other is bob's on gmail).
    assert_eq!(
        ids(&history, account("ca_3", "bob@example.com", "gmail")).await,
        [3]
    );
    assert_eq!(ids(&history, account("ca_2", "nobody", "gmail")).await, [2]);
    let account_id = HistoryFilter {
        account_id: Some("ca_2".into()),
        ..HistoryFilter::default()
    };
    assert_eq!(ids(&history, account_id).await, [2]);

    // Deleting entries takes their keys with them (an entry without keys deletes nothing);
    // FTS5's own check agrees with the index.
    sqlx::query("DELETE FROM history WHERE id IN (1, 5)")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(
        ids(&history, by(Some("alice@example.com"), None)).await,
        [2]
    );
    sqlx::query("INSERT INTO history_keys (history_keys) VALUES ('integrity-check')")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
}
