//! The overview at scale, on the in-process Sandbox: seeds accounts, then times the overview's
//! totals (p50/p95 of 20 runs), the background by-status walk (median of 3), and one page of
//! `ListConnectedAccounts` (p50 of 20, unfiltered and filtered by connector), at 100 and at
//! 100,000 accounts. Prints figures; asserts nothing beyond the answers being right.
//!
//! `cargo run --release -p kitbench-core --example overview_scale`

use std::time::{Duration, Instant};

use agentkit::wire::connected_accounts::ListConnectedAccountsRequest;
use kitbench_core::{Kitbench, KitbenchConfig, SecretsChoice};
use tokio::sync::mpsc;

/// The Sandbox's own seed.
const SEEDED: u32 = 6;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

struct Row {
    accounts: u32,
    seed: Option<Duration>,
    overview: (Duration, Duration),
    walk: Duration,
    events: usize,
    page: Duration,
    filtered: Duration,
}

async fn times<F: std::future::Future<Output = ()>>(
    runs: usize,
    mut f: impl FnMut() -> F,
) -> Vec<Duration> {
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f().await;
        out.push(started.elapsed());
    }
    out
}

async fn measure(app: &Kitbench, env: &str, accounts: u32) -> Row {
    app.sandbox_reset().expect("reset");
    let seed = if accounts > SEEDED {
        let started = Instant::now();
        let status = app
            .sandbox_seed_accounts(accounts - SEEDED)
            .await
            .expect("seed");
        assert_eq!(status.accounts, Some(accounts));
        Some(started.elapsed())
    } else {
        None
    };
    app.overview(env).await.expect("overview");
    let overview = times(20, || async {
        let o = app.overview(env).await.expect("overview");
        assert_eq!(o.connected_accounts, accounts);
    })
    .await;

    let mut walks = Vec::new();
    let mut events = 0;
    for _ in 0..3 {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let started = Instant::now();
        app.overview_breakdown(env, true, move |p| {
            let _ = tx.send(p);
        })
        .await
        .expect("breakdown");
        events = 0;
        while let Some(p) = rx.recv().await {
            events += 1;
            if p.breakdown.computed_at.is_some() {
                assert!(p.breakdown.done, "{:?}", p.breakdown.error);
                assert_eq!(p.breakdown.scanned, accounts);
                break;
            }
        }
        walks.push(started.elapsed());
    }

    let client = app.client(env).await.expect("client");
    let all = ListConnectedAccountsRequest {
        page_size: Some(99),
        ..Default::default()
    };
    let gmail = ListConnectedAccountsRequest {
        connector: Some("gmail".into()),
        ..all.clone()
    };
    let page = times(20, || async {
        client.list_connected_accounts(&all).await.expect("page");
    })
    .await;
    let filtered = times(20, || async {
        client.list_connected_accounts(&gmail).await.expect("page");
    })
    .await;
    Row {
        accounts,
        seed,
        overview: (
            percentile(overview.clone(), 0.5),
            percentile(overview, 0.95),
        ),
        walk: percentile(walks, 0.5),
        events,
        page: percentile(page, 0.5),
        filtered: percentile(filtered, 0.5),
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = KitbenchConfig {
        secrets: SecretsChoice::SessionOnly,
        ..KitbenchConfig::new(dir.path())
    };
    let app = Kitbench::open(config).await.expect("app opens");
    let env = app
        .sandbox_status()
        .expect("status")
        .info
        .expect("the Sandbox runs")
        .env_id;
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("overview_scale ({build} build, in-process Sandbox on loopback)\n");
    println!(
        "| accounts | seed | overview p50 | overview p95 | breakdown walk | pages | progress events | page of 99 p50 | page of 99, connector=gmail p50 |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for accounts in [100, 100_000] {
        let r = measure(&app, &env, accounts).await;
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.accounts,
            r.seed.map_or("—".into(), ms),
            ms(r.overview.0),
            ms(r.overview.1),
            ms(r.walk),
            r.accounts.div_ceil(99),
            r.events,
            ms(r.page),
            ms(r.filtered),
        );
    }
    app.shutdown().await;
}
