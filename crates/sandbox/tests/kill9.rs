//! No acknowledged write lost on kill -9 (finding 3), against the real binary: writers create
//! accounts concurrently and record every create answered 200; the process is SIGKILLed at a
//! random point; it is restarted on the same data file and every recorded create must be
//! there. Prints `kill-9: cycles N, writes answered W, lost L`.

use rand::Rng as _;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::{Child, Command};

const CYCLES: usize = 12;
const WRITERS: usize = 8;
const SECRET: &str = "kill9-secret-0123456789abcdefghijklmnop";

struct Running {
    child: Child,
    url: String,
    token: String,
}

async fn start(data: &Path, http: &reqwest::Client) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kitbench-sandbox"))
        .args([
            "--port",
            "0",
            "--client-id",
            "skc_kill9",
            "--client-secret",
            SECRET,
        ])
        .arg("--data")
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    tokio::time::timeout(
        Duration::from_secs(30),
        BufReader::new(stdout).read_line(&mut line),
    )
    .await
    .expect("started within 30 s")
    .expect("reads its line");
    let started: Value = serde_json::from_str(&line).expect("a JSON line");
    let url = started["url"].as_str().expect("url").to_string();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "skc_kill9"),
        ("client_secret", SECRET),
    ];
    let token: Value = http
        .post(format!("{url}/oauth/token"))
        .form(&form)
        .send()
        .await
        .expect("token call")
        .json()
        .await
        .expect("token json");
    let token = token["access_token"].as_str().expect("token").to_string();
    Running { child, url, token }
}

/// Creates accounts until the server stops answering; records `(id)` of every 200.
async fn writer(
    http: reqwest::Client,
    url: String,
    token: String,
    prefix: String,
    answered: Arc<Mutex<Vec<String>>>,
) {
    for n in 0.. {
        let body = json!({"connector": "slack", "identifier": format!("{prefix}-{n}@kill9.test"),
                          "connected_account": {}});
        let sent = http
            .post(format!("{url}/api/v1/connected_accounts"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        let Ok(response) = sent else { return };
        if response.status() != 200 {
            return;
        }
        let Ok(value) = response.json::<Value>().await else {
            return;
        };
        let id = value["connected_account"]["id"].as_str().expect("an id");
        answered.lock().unwrap().push(id.to_string());
    }
}

/// How many of `ids` the running Sandbox does not have.
async fn lost(http: &reqwest::Client, sb: &Running, ids: &[String]) -> usize {
    let mut missing = 0;
    for chunk in ids.chunks(32) {
        let checks = chunk.iter().map(|id| {
            http.get(format!("{}/api/v1/connected_accounts/{id}", sb.url))
                .bearer_auth(&sb.token)
                .send()
        });
        for result in futures_util::future::join_all(checks).await {
            let status = result.expect("the restarted Sandbox answers").status();
            assert!(status == 200 || status == 404, "{status}");
            missing += usize::from(status == 404);
        }
    }
    missing
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answered_creates_survive_kill_9() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("state.db");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut all: Vec<String> = Vec::new();
    let mut lost_total = 0;
    let mut sb = start(&data, &http).await;
    for cycle in 0..CYCLES {
        let answered = Arc::new(Mutex::new(Vec::new()));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                tokio::spawn(writer(
                    http.clone(),
                    sb.url.clone(),
                    sb.token.clone(),
                    format!("c{cycle}w{w}"),
                    answered.clone(),
                ))
            })
            .collect();
        let at = rand::rng().random_range(150..900);
        tokio::time::sleep(Duration::from_millis(at)).await;
        sb.child.start_kill().expect("SIGKILL sent");
        sb.child.wait().await.expect("killed");
        for w in writers {
            w.await.unwrap();
        }
        let answered = std::mem::take(&mut *answered.lock().unwrap());
        sb = start(&data, &http).await;
        lost_total += lost(&http, &sb, &answered).await;
        all.extend(answered);
    }
    // Every earlier cycle's creates, once more after the last restart.
    let lost_at_end = lost(&http, &sb, &all).await;
    sb.child.start_kill().unwrap();
    let _ = sb.child.wait().await;
    println!(
        "kill-9: cycles {CYCLES}, writes answered {}, lost {} ({:.1} s)",
        all.len(),
        lost_total.max(lost_at_end),
        started.elapsed().as_secs_f64()
    );
    assert!(all.len() > CYCLES, "the writers got answers");
    assert_eq!((lost_total, lost_at_end), (0, 0));
}
