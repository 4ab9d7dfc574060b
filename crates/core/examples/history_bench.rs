//! The history at 1,000,000 entries, on a real database file: the batched insert rate through
//! the real recorder and writer (classify, compress, FTS index, commit), full-text search p50/p95
//! over 50 queries, the time to the first page (newest 100; unfiltered and filtered), and a plain
//! `LIKE` scan of the same columns for the same queries. Prints figures, ending with one line:
//! `history: insert N/s, search p50 X ms p95 Y ms, first page Z ms, LIKE p95 W ms`.
//!
//! `cargo run --release -p kitbench-core --example history_bench [-- <entries>]`
//! (`make bench-history`).

use std::time::{Duration, Instant};

use agentkit::redact::Redactor;
use agentkit::{Exchange, Observer};
use kitbench_core::history::{AccountKey, History, HistoryFilter, HistoryKind, HistoryRetention};
use kitbench_core::store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Entries generated and timed per round (then flushed).
const CHUNK: usize = 10_000;

/// CPU seconds (user + system) used so far by this process's threads named `prefix` (Linux;
/// 0 elsewhere). On a shared machine wall time includes waiting for a core; this does not.
fn thread_cpu(prefix: &str) -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let mut ticks = 0u64;
    for task in tasks.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !comm.starts_with(prefix) {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        let after = stat.rsplit(')').next().unwrap_or_default();
        let fields: Vec<&str> = after.split_whitespace().collect();
        for i in [11, 12] {
            ticks += fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    // The kernel reports in USER_HZ, 100 on Linux.
    ticks as f64 / 100.0
}

/// Bytes this process has written to storage so far (Linux; 0 elsewhere): the WAL, the
/// checkpoints into the database file, and the files' growth.
fn written_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/io")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("write_bytes: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// A vocabulary of pseudo-words with a long tail, like text in mail and chat bodies.
fn vocabulary(rng: &mut StdRng) -> Vec<String> {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "an", "el", "or", "ist", "ber",
        "gon", "tra", "qui", "dex", "mon",
    ];
    (0..5000)
        .map(|_| {
            let n = rng.random_range(2..5);
            (0..n)
                .map(|_| SYL[rng.random_range(0..SYL.len())])
                .collect()
        })
        .collect()
}

/// Zipf-like pick: low indexes are far more common.
fn word<'a>(rng: &mut StdRng, words: &'a [String]) -> &'a str {
    let x: f64 = rng.random();
    &words[((x * x * x) * words.len() as f64) as usize % words.len()]
}

fn text(rng: &mut StdRng, words: &[String], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        s.push_str(word(rng, words));
        s.push(' ');
    }
    s
}

const TOOLS: &[&str] = &[
    "gmail_fetch_mails",
    "gmail_send_email",
    "gmail_get_message",
    "slack_send_message",
    "slack_list_channels",
    "github_create_issue",
    "notion_search_pages",
    "hubspot_get_contact",
];

fn exchange(rng: &mut StdRng, words: &[String], i: usize) -> Exchange {
    let user = format!("user{}@example.com", rng.random_range(0..20_000));
    let size: usize = rng.random_range(200..8 * 1024);
    let body_text = text(rng, words, size.saturating_sub(120));
    let headers = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("authorization".to_string(), "Bearer ****".to_string()),
    ];
    let pick = rng.random_range(0..10);
    let (method, url, request, response) = if pick < 5 {
        let tool = TOOLS[rng.random_range(0..TOOLS.len())];
        let connector = tool.split('_').next().unwrap_or("gmail");
        let q = text(rng, words, 40);
        (
            "POST",
            "https://acme.scalekit.dev/api/v1/execute_tool".to_string(),
            format!(
                r#"{{"tool_name":"{tool}","identifier":"{user}","connector":"{connector}","params":{{"query":"{q}","max_results":10}}}}"#
            ),
            format!(
                r#"{{"data":{{"messages":[{{"id":"m{i}","snippet":"{body_text}"}}]}},"execution_id":"ex_{i}"}}"#
            ),
        )
    } else if pick < 8 {
        (
            "GET",
            format!("https://acme.scalekit.dev/proxy/gmail/v1/users/me/messages/m{i}?format=full"),
            String::new(),
            format!(r#"{{"id":"m{i}","payload":{{"body":"{body_text}"}}}}"#),
        )
    } else {
        (
            "GET",
            format!("https://acme.scalekit.dev/api/v1/connected_accounts?identifier={user}&page_size=30"),
            String::new(),
            format!(r#"{{"connected_accounts":[{{"id":"ca_{i}","identifier":"{user}","status":"ACTIVE","note":"{body_text}"}}],"total_size":1}}"#),
        )
    };
    let mut request_headers = headers.clone();
    if url.contains("/proxy/") {
        request_headers.push(("connection_name".into(), "gmail".into()));
        request_headers.push(("identifier".into(), user));
    }
    Exchange {
        method: method.into(),
        url,
        request_headers,
        request_body: (!request.is_empty()).then(|| request.into_bytes()),
        status: Some(if rng.random_range(0..50) == 0 {
            500
        } else {
            200
        }),
        response_headers: headers,
        response_body: Some(response.into_bytes()),
        duration: Duration::from_micros(rng.random_range(20_000..900_000)),
        error: None,
        attempt: 1,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).await.expect("store");
    let history = History::start(store.pool().clone()).await.expect("history");
    let unlimited = HistoryRetention {
        max_entries: None,
        max_age_days: None,
        max_total_mb: None,
    };
    history.set_retention(unlimited).await.expect("retention");
    let mut rng = StdRng::seed_from_u64(7);
    let words = vocabulary(&mut rng);
    let envs = ["env-prod", "env-staging", "env-sandbox"];
    let recorders: Vec<_> = envs
        .iter()
        .map(|e| history.sink().recorder(e, Redactor::new()))
        .collect();

    // Insert: generation is not timed; sending to the recorder and waiting for the commit is.
    let sqlite_cpu_before = thread_cpu("sqlx-sqlite");
    // The runtime's threads: the writer's batching and, on its blocking threads, preparing rows
    // (compression, the words to index). Generation runs on the main thread, outside both.
    let runtime_cpu_before = thread_cpu("tokio-r");
    let written_before = written_bytes();
    let mut timed = Duration::ZERO;
    let mut sending = Duration::ZERO;
    let mut body_bytes = 0usize;
    let mut done = 0;
    while done < total {
        let n = CHUNK.min(total - done);
        let batch: Vec<Exchange> = (0..n)
            .map(|k| exchange(&mut rng, &words, done + k))
            .collect();
        body_bytes += batch
            .iter()
            .map(|x| {
                x.response_body.as_ref().map_or(0, Vec::len)
                    + x.request_body.as_ref().map_or(0, Vec::len)
            })
            .sum::<usize>();
        let started = Instant::now();
        for (k, x) in batch.iter().enumerate() {
            recorders[k % recorders.len()].on_exchange(x);
        }
        sending += started.elapsed();
        history.flush().await.expect("flush");
        timed += started.elapsed();
        done += n;
        if done % 100_000 == 0 {
            eprintln!(
                "  {done} entries, {:.0}/s so far",
                done as f64 / timed.as_secs_f64()
            );
        }
    }
    let insert_rate = total as f64 / timed.as_secs_f64();
    let sqlite_cpu = thread_cpu("sqlx-sqlite") - sqlite_cpu_before;
    eprintln!(
        "  of which classifying and queueing: {:.1} s",
        sending.as_secs_f64()
    );
    let runtime_cpu = thread_cpu("tokio-r") - runtime_cpu_before;
    let written = written_bytes() - written_before;
    println!(
        "insert: wrote {:.1} GB to disk = {:.1} KB/entry",
        written as f64 / 1e9,
        written as f64 / 1e3 / total as f64
    );
    if runtime_cpu > 0.0 {
        println!(
            "insert: the runtime's threads (batching, compressing, words to index) used {runtime_cpu:.1} s of CPU = {:.0} us/entry",
            runtime_cpu * 1e6 / total as f64
        );
    }
    if sqlite_cpu > 0.0 {
        println!(
            "insert: the SQLite threads (inserting and checkpointing) used {sqlite_cpu:.1} s of CPU = {:.0} us/entry \
             (with a core to themselves: {:.0}/s)",
            sqlite_cpu * 1e6 / total as f64,
            total as f64 / sqlite_cpu
        );
    }
    let size_mb =
        |f: &str| std::fs::metadata(dir.path().join(f)).map_or(0.0, |m| m.len() as f64 / 1e6);
    let (db_mb, wal_mb) = (size_mb("kitbench.db"), size_mb("kitbench.db-wal"));
    println!(
        "insert: {total} entries ({:.0} MB of bodies) in {:.1} s = {insert_rate:.0}/s; database {db_mb:.0} MB + WAL {wal_mb:.0} MB",
        body_bytes as f64 / 1e6,
        timed.as_secs_f64()
    );

    // 50 queries: tool names, identifiers, common and rare words, pairs of words.
    let mut queries: Vec<String> = TOOLS.iter().map(|t| t.to_string()).collect();
    queries.extend((0..8).map(|_| format!("user{}@example.com", rng.random_range(0..20_000))));
    queries.extend(words[..10].iter().cloned());
    queries.extend(words[words.len() - 12..].iter().cloned());
    queries.extend((0..8).map(|k| format!("{} {}", words[k], words[4000 + k * 100])));
    queries.extend([
        "ACTIVE".into(),
        "messages".into(),
        "nosuchword".into(),
        "m123456".into(),
    ]);
    let page = |q: Option<&str>, kind: Option<HistoryKind>, env: Option<&str>| HistoryFilter {
        q: q.map(str::to_string),
        kind,
        env_id: env.map(str::to_string),
        ..HistoryFilter::default()
    };
    let mut search = Vec::new();
    let mut hits = 0;
    for q in &queries {
        let started = Instant::now();
        let found = history
            .list(&page(Some(q), None, None), None, 100)
            .await
            .expect("search");
        search.push(started.elapsed());
        hits += found.entries.len();
    }
    let (s50, s95) = (
        percentile(search.clone(), 0.5),
        percentile(search.clone(), 0.95),
    );
    println!(
        "search: {} queries, {hits} rows returned, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        queries.len(),
        ms(s50),
        ms(s95),
        ms(*search.iter().max().unwrap())
    );

    // First page: newest 100, median of 20, unfiltered and with filters.
    let first = |f: HistoryFilter| {
        let history = history.clone();
        async move {
            let mut t = Vec::new();
            for _ in 0..20 {
                let started = Instant::now();
                let p = history.list(&f, None, 100).await.expect("page");
                t.push(started.elapsed());
                assert_eq!(p.entries.len(), 100);
            }
            percentile(t, 0.5)
        }
    };
    let plain = first(page(None, None, None)).await;
    let by_kind = first(page(None, Some(HistoryKind::Management), None)).await;
    let by_env = first(page(None, Some(HistoryKind::Proxy), Some("env-staging"))).await;
    println!(
        "first page (100): no filter {:.2} ms, kind=management {:.2} ms, env+kind=proxy {:.2} ms",
        ms(plain),
        ms(by_kind),
        ms(by_env)
    );
    let first_page = plain.max(by_kind).max(by_env);

    // An account's activity (the account drawer): its identifier on its connection, or its id.
    let mut activity = Vec::new();
    let mut found = 0;
    for k in 0..20 {
        let filter = HistoryFilter {
            account: Some(AccountKey {
                id: format!("ca_{k}"),
                identifier: format!("user{}@example.com", k * 997),
                connection: "gmail".into(),
            }),
            ..HistoryFilter::default()
        };
        let started = Instant::now();
        let p = history.list(&filter, None, 100).await.expect("activity");
        activity.push(started.elapsed());
        found += p.entries.len();
    }
    println!(
        "account activity (first 100 of an account's entries, 20 accounts, {found} rows): p50 {:.2} ms, max {:.2} ms",
        ms(percentile(activity.clone(), 0.5)),
        ms(*activity.iter().max().unwrap())
    );

    // The same queries as a LIKE scan over the same columns (inline bodies: compressed ones
    // cannot be scanned at all, which is part of why the index exists).
    let mut like = Vec::new();
    for q in &queries {
        let pattern = format!("%{}%", q.split_whitespace().next().unwrap_or(q));
        let started = Instant::now();
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM history WHERE tool_name LIKE ?1 OR path LIKE ?1 OR identifier LIKE ?1 \
             OR CAST(request_body AS TEXT) LIKE ?1 OR CAST(response_body AS TEXT) LIKE ?1 \
             ORDER BY id DESC LIMIT 100",
        )
        .bind(&pattern)
        .fetch_all(store.pool())
        .await
        .expect("like");
        like.push(started.elapsed());
        std::hint::black_box(rows);
    }
    let l95 = percentile(like.clone(), 0.95);
    println!(
        "LIKE scan: p50 {:.1} ms, p95 {:.1} ms",
        ms(percentile(like, 0.5)),
        ms(l95)
    );
    println!(
        "history: insert {insert_rate:.0}/s, search p50 {:.1} ms p95 {:.1} ms, first page {:.1} ms, LIKE p95 {:.0} ms",
        ms(s50),
        ms(s95),
        ms(first_page),
        ms(l95)
    );
    store.close().await;
}
