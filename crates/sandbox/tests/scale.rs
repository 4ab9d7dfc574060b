//! 100,000 generated accounts: seeding time, listing them page by page (unfiltered, filtered,
//! searched) with correct totals and page tokens, reset, and the data file at that size.
//! Times are printed (`--nocapture`), not asserted beyond a generous sanity bound.

mod common;

use common::Api;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

const N: usize = 100_000;
/// The Sandbox's own seed: six accounts.
const SEEDED: usize = 6;

fn p50(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// One page: its accounts, `total_size`, the next token, and how long the call took.
async fn page(api: &Api, query: &str) -> (Vec<Value>, u64, String, Duration) {
    let started = Instant::now();
    let r = api
        .get(&format!("/api/v1/connected_accounts?page_size=99{query}"))
        .await;
    let took = started.elapsed();
    assert_eq!(r.status, 200, "{}", r.body);
    let items = r.body["connected_accounts"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let total = r.body["total_size"].as_u64().unwrap_or(0);
    let next = r.body["next_page_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (items, total, next, took)
}

async fn seed(api: &Api, count: usize) -> Value {
    let started = Instant::now();
    let r = api
        .post(
            "/_sandbox/accounts/seed",
            json!({"count": count, "seed": 7}),
        )
        .await;
    let wall = started.elapsed();
    assert_eq!(r.status, 200, "{}", r.body);
    println!(
        "seeded {count} accounts: {} over HTTP (Sandbox reports {} ms)",
        ms(wall),
        r.body["elapsed_ms"]
    );
    assert!(wall < Duration::from_secs(60), "seeding took {wall:?}");
    r.body
}

#[tokio::test]
async fn lists_stay_fast_and_exact_at_100k() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let report = seed(&api, N).await;
    assert_eq!(report["added"], N);
    assert_eq!(report["accounts"], N + SEEDED);
    let counts = sb.admin().counts();
    assert_eq!(counts.accounts, N + SEEDED);
    let active = counts.accounts_by_status["ACTIVE"];
    assert!(active > N * 3 / 4 && active < N * 9 / 10, "{counts:?}");
    assert!(
        counts.accounts_by_status.len() >= 5,
        "mixed statuses: {counts:?}"
    );

    // Every page, following next_page_token: every account once, in creation order (the
    // Sandbox's own seed first), tallies matching the Sandbox's counts.
    let mut token = String::new();
    let mut times = Vec::new();
    let mut ids = HashSet::new();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_connector: BTreeMap<String, usize> = BTreeMap::new();
    let mut garcia = 0usize;
    let mut first_page = Vec::new();
    let mut last_len;
    loop {
        let (items, total, next, took) = page(&api, &format!("&page_token={token}")).await;
        assert_eq!(total as usize, N + SEEDED);
        times.push(took);
        if first_page.is_empty() {
            first_page = items.clone();
        }
        last_len = items.len();
        for a in &items {
            assert!(ids.insert(a["id"].as_str().unwrap().to_string()), "dup {a}");
            *by_status
                .entry(a["status"].as_str().unwrap().into())
                .or_default() += 1;
            *by_connector
                .entry(a["connector"].as_str().unwrap().into())
                .or_default() += 1;
            let fields = ["identifier", "connector", "provider", "id"];
            if fields.iter().any(|f| {
                a[f].as_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains("garcia")
            }) {
                garcia += 1;
            }
        }
        if next.is_empty() {
            break;
        }
        token = next;
    }
    assert_eq!(ids.len(), N + SEEDED);
    assert_eq!(by_status, counts.accounts_by_status);
    assert_eq!(first_page.len(), 99);
    let seeded: Vec<&str> = first_page[..SEEDED]
        .iter()
        .map(|a| a["identifier"].as_str().unwrap())
        .collect();
    assert_eq!(seeded[0], "alice@example.com");
    assert!(by_connector.len() > 20, "spread over connections");
    println!(
        "walked {} pages of 99 at {} accounts: p50 {} per page",
        times.len(),
        N + SEEDED,
        ms(p50(times))
    );

    // Filtered and searched lists: totals match the walk's tallies.
    let (connector, expected) = by_connector.iter().max_by_key(|(_, n)| **n).unwrap();
    let mut filtered = Vec::new();
    for _ in 0..20 {
        let (items, total, next, took) = page(&api, &format!("&connector={connector}")).await;
        assert_eq!(total as usize, *expected);
        assert!(items.iter().all(|a| a["connector"] == connector.as_str()));
        assert!(!next.is_empty());
        filtered.push(took);
    }
    println!(
        "connector={connector} ({expected} accounts): p50 {} per page",
        ms(p50(filtered))
    );
    let mut searched = Vec::new();
    for _ in 0..20 {
        let (items, total, _, took) = page(&api, "&query=GARCIA").await;
        assert_eq!(total as usize, garcia);
        assert_eq!(items.len(), 99.min(garcia));
        searched.push(took);
    }
    println!(
        "query=GARCIA ({garcia} accounts): p50 {} per page",
        ms(p50(searched))
    );

    assert_eq!(last_len, (N + SEEDED) % 99, "the last page holds the rest");
    let r = api
        .get("/api/v1/connected_accounts?page_size=99&organization_id=org_70000000")
        .await;
    let scoped = r.body["total_size"].as_u64().unwrap();
    assert!(scoped > 0 && (scoped as usize) < N / 10, "{scoped}");

    // Reset drops the generated accounts.
    assert_eq!(api.post("/_sandbox/reset", json!({})).await.status, 200);
    let (items, total, next, _) = page(&api, "").await;
    assert_eq!(
        (items.len(), total as usize, next.as_str()),
        (SEEDED, SEEDED, "")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn seeding_is_validated() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    for body in [
        json!({"count": 0}),
        json!({"count": 2_000_000}),
        json!({"n": 5}),
    ] {
        let r = api.post("/_sandbox/accounts/seed", body).await;
        assert_eq!(r.status, 400, "{}", r.body);
    }
    assert_eq!(sb.admin().counts().accounts, SEEDED);
    sb.shutdown().await;
}

#[tokio::test]
async fn data_file_keeps_100k_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::config();
    config.data_file = Some(dir.path().join("state.db"));
    let sb = kitbench_sandbox::start(config.clone()).await.unwrap();
    let api = Api::new(&sb).await;
    seed(&api, N).await;
    let (first, _, _, _) = page(&api, "&page_token=").await;
    let started = Instant::now();
    sb.shutdown().await;
    let size = std::fs::metadata(dir.path().join("state.db"))
        .unwrap()
        .len();
    println!(
        "shutdown (every write already committed; the file closed): {} ({:.1} MB data file)",
        ms(started.elapsed()),
        size as f64 / 1e6
    );

    let started = Instant::now();
    let sb = kitbench_sandbox::start(config).await.unwrap();
    println!(
        "start with {} accounts: {}",
        N + SEEDED,
        ms(started.elapsed())
    );
    let api = Api::new(&sb).await;
    let (again, total, _, _) = page(&api, "").await;
    assert_eq!(total as usize, N + SEEDED);
    assert_eq!(first, again, "same order after a restart");
    sb.shutdown().await;
}
