//! Durability: a writer process is killed with SIGKILL at random points; every id it printed
//! (printed only after its transaction committed) is still there, and the database passes
//! `PRAGMA integrity_check` (and FTS5's own check).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kitbench_core::store::Store;
use rand::Rng;

const ROUNDS: usize = 12;

#[tokio::test]
async fn entries_reported_saved_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut printed: Vec<i64> = Vec::new();
    let mut rng = rand::rng();
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_history-crash-probe"))
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let reader = {
            let seen = seen.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    seen.lock()
                        .unwrap()
                        .push(line.trim().parse::<i64>().unwrap());
                }
            })
        };
        // Wait for the first committed id, then kill at a random moment.
        for _ in 0..500 {
            if !seen.lock().unwrap().is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(1..300)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        let ids = seen.lock().unwrap().clone();
        assert!(
            !ids.is_empty(),
            "round {round}: the probe committed nothing"
        );
        printed.extend(ids);
    }

    let store = Store::open(dir.path()).await.unwrap();
    let pool = store.pool();
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    for index in ["history_fts", "history_keys"] {
        sqlx::query(&format!(
            "INSERT INTO {index} ({index}) VALUES ('integrity-check')"
        ))
        .execute(pool)
        .await
        .unwrap();
    }
    let stored: Vec<(i64,)> = sqlx::query_as("SELECT id FROM history")
        .fetch_all(pool)
        .await
        .unwrap();
    let stored: std::collections::HashSet<i64> = stored.into_iter().map(|r| r.0).collect();
    let missing: Vec<&i64> = printed.iter().filter(|id| !stored.contains(id)).collect();
    assert!(missing.is_empty(), "reported saved but lost: {missing:?}");
    // Ids are never reused after a crash.
    let unique: std::collections::HashSet<&i64> = printed.iter().collect();
    assert_eq!(unique.len(), printed.len());
    let (entries,): (i64,) = sqlx::query_as("SELECT entries FROM history_stats")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(entries as usize, stored.len());
    println!(
        "{} ids printed over {ROUNDS} kills, {} entries stored",
        printed.len(),
        stored.len()
    );
}
