//! The overview at scale, against the built-in Sandbox with 100,000 seeded accounts: totals in
//! a few calls, the by-status breakdown walked in the background with ordered progress, cached
//! per environment, refreshed on demand, dropped on reset and on delete.

mod common;

use std::time::{Duration, Instant};

use common::{app, input};
use kitbench_core::overview::{Breakdown, OverviewProgress, PROGRESS_INTERVAL};
use kitbench_core::sandbox_host::SandboxKnobs;
use kitbench_core::secrets::SecretStore;
use kitbench_core::{Error, ErrorKind, Kitbench};
use tokio::sync::mpsc;

const N: u32 = 100_000;
const SEEDED: u32 = 6;

type Events = mpsc::UnboundedReceiver<(Instant, OverviewProgress)>;

/// Asks for the breakdown with a progress callback feeding a channel.
async fn breakdown(app: &Kitbench, env: &str, refresh: bool) -> (Option<Breakdown>, Events) {
    let (tx, rx) = mpsc::unbounded_channel();
    let got = app
        .overview_breakdown(env, refresh, move |p| {
            let _ = tx.send((Instant::now(), p));
        })
        .await
        .unwrap();
    (got, rx)
}

/// Every progress event up to the last one (which ends the walk).
async fn until_end(rx: &mut Events) -> Vec<(Instant, OverviewProgress)> {
    let mut all = Vec::new();
    loop {
        let event = tokio::time::timeout(Duration::from_secs(300), rx.recv())
            .await
            .expect("the walk ends in time")
            .expect("the walk reports its end");
        let end = event.1.breakdown.computed_at.is_some();
        all.push(event);
        if end {
            return all;
        }
    }
}

fn sum(b: &Breakdown) -> u32 {
    b.by_status.iter().map(|s| s.count).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_and_breakdown_at_100k_accounts() {
    let (app, _dir, secrets) = app(true).await;
    let env = app.sandbox_status().unwrap().info.unwrap().env_id;
    let admin = app.sandbox_admin().unwrap();

    // Totals: one call per list, as many calls at 100,006 accounts as at 6.
    app.overview(&env).await.unwrap();
    admin.clear_journal();
    app.overview(&env).await.unwrap();
    let calls_at_seed = admin.journal().len();

    let started = Instant::now();
    let status = app.sandbox_seed_accounts(N).await.unwrap();
    println!("seeded {N} accounts in {:?}", started.elapsed());
    assert_eq!(status.accounts, Some(N + SEEDED));

    admin.clear_journal();
    let started = Instant::now();
    let overview = app.overview(&env).await.unwrap();
    println!(
        "overview at {} accounts: {:?}",
        N + SEEDED,
        started.elapsed()
    );
    assert_eq!(overview.connected_accounts, N + SEEDED);
    let journal = admin.journal();
    let paths: Vec<&str> = journal.iter().map(|e| e.path.as_str()).collect();
    let account_calls = paths
        .iter()
        .filter(|p| p.split('?').next() == Some("/api/v1/connected_accounts"))
        .count();
    assert_eq!(account_calls, 1, "{paths:#?}");
    assert_eq!(paths.len(), calls_at_seed, "{paths:#?}");

    // The breakdown: nothing cached yet, so a walk starts; a second ask starts nothing.
    let started = Instant::now();
    let (first, mut rx) = breakdown(&app, &env, false).await;
    assert_eq!(first, None);
    let (second, mut rx2) = breakdown(&app, &env, true).await;
    assert!(second.is_none_or(|b| !b.done));
    let events = until_end(&mut rx).await;
    println!(
        "breakdown of {} accounts: {:?}, {} progress events",
        N + SEEDED,
        started.elapsed(),
        events.len()
    );
    assert!(rx2.try_recv().is_err(), "the second ask started no walk");
    let last = &events.last().unwrap().1.breakdown;
    assert!(last.done && last.error.is_none(), "{last:?}");
    assert_eq!(
        (last.scanned, last.total, sum(last)),
        (N + SEEDED, N + SEEDED, N + SEEDED)
    );
    let want: Vec<(String, u32)> = admin
        .counts()
        .accounts_by_status
        .into_iter()
        .map(|(s, n)| (s, n as u32))
        .collect();
    let mut got: Vec<(String, u32)> = last
        .by_status
        .iter()
        .map(|s| (s.status.clone(), s.count))
        .collect();
    assert_eq!(got[0].0, "ACTIVE", "active first");
    got.sort();
    assert_eq!(got, want);
    // In order, throttled, only the last one done.
    assert!(events.len() >= 2, "progress before the end");
    for pair in events.windows(2) {
        let ((t0, a), (t1, b)) = (&pair[0], &pair[1]);
        assert!(b.breakdown.scanned > a.breakdown.scanned);
        assert!(!a.breakdown.done && a.breakdown.computed_at.is_none());
        assert_eq!(sum(&a.breakdown), a.breakdown.scanned);
        if b.breakdown.computed_at.is_none() {
            assert!(*t1 - *t0 >= PROGRESS_INTERVAL - Duration::from_millis(20));
        }
    }

    // Cached now; a refresh walks again and keeps the cached one meanwhile.
    let (cached, _) = breakdown(&app, &env, false).await;
    assert_eq!(cached.as_ref(), Some(last));
    let (during, mut rx) = breakdown(&app, &env, true).await;
    assert_eq!(during.as_ref(), Some(last));
    let again = until_end(&mut rx).await.pop().unwrap().1.breakdown;
    assert!(again.done && again.computed_at >= last.computed_at);
    assert_eq!(again.by_status, last.by_status);

    // A failing API ends the walk, marked not done, with the reason.
    let failing = SandboxKnobs {
        error_rate: 1.0,
        ..SandboxKnobs::off()
    };
    app.sandbox_set_knobs(&failing).unwrap();
    let (_, mut rx) = breakdown(&app, &env, true).await;
    let failed = until_end(&mut rx).await.pop().unwrap().1.breakdown;
    assert!(!failed.done && failed.error.is_some(), "{failed:?}");
    let (still, _) = breakdown(&app, &env, false).await;
    assert_eq!(still.as_ref(), Some(&again), "the complete one stays");

    // Reset forgets the breakdown: the next one counts the seed again.
    app.sandbox_reset().unwrap();
    let (after_reset, mut rx) = breakdown(&app, &env, false).await;
    assert_eq!(after_reset, None);
    let small = until_end(&mut rx).await.pop().unwrap().1.breakdown;
    assert_eq!(
        (small.scanned, sum(&small), small.done),
        (SEEDED, SEEDED, true)
    );

    // Deleting an environment forgets its breakdown.
    let sandbox = app.bootstrap().await.unwrap().environments[0].clone();
    let secret = secrets.get(&env).unwrap().unwrap();
    let other = app
        .create_environment(&input(
            "Other",
            &sandbox.env_url,
            &sandbox.client_id,
            &secret,
        ))
        .await
        .unwrap();
    let (_, mut rx) = breakdown(&app, &other.id, false).await;
    assert!(until_end(&mut rx).await.pop().unwrap().1.breakdown.done);
    assert!(breakdown(&app, &other.id, false).await.0.is_some());
    app.delete_environment(&other.id).await.unwrap();
    let gone = app
        .overview_breakdown(&other.id, false, |_| {})
        .await
        .unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    app.shutdown().await;
}

#[tokio::test]
async fn seeding_counts_are_validated() {
    let (app, _dir, _) = app(true).await;
    for count in [0, 200_001] {
        let err = app.sandbox_seed_accounts(count).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation);
        let Error::Invalid(fields) = err else {
            panic!("field errors expected")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["count"]);
    }
    assert_eq!(app.sandbox_status().unwrap().accounts, Some(SEEDED));
    let status = app.sandbox_seed_accounts(10).await.unwrap();
    assert_eq!(status.accounts, Some(SEEDED + 10));
    app.shutdown().await;
}
