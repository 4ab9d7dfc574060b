//! The measured paths, all against one Sandbox process.

use crate::stats::Sample;
use agentkit::wire::connected_accounts::{
    AccountInput, AuthorizationDetails, CreateConnectedAccountRequest, OauthToken,
};
use agentkit::wire::tools::{ExecuteToolRequest, ListToolsRequest, ToolFilter};
use agentkit::{Client, ProxyBody, ProxyRequest};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) const IDENTIFIER: &str = "bench@example.com";

/// A running Sandbox and a client with an ACTIVE gmail account on it.
pub struct Env {
    child: Child,
    pub(crate) url: String,
    pub(crate) secret: String,
    /// The Sandbox's self-signed CA (PEM): the Python SDK's gRPC goes over TLS.
    pub(crate) ca_file: String,
    pub(crate) client: Client,
    request: ExecuteToolRequest,
}

impl Env {
    /// Starts the `kitbench-sandbox` binary built next to this one and prepares the account.
    pub async fn start() -> Self {
        let exe = std::env::current_exe().expect("own path");
        let sandbox = exe.with_file_name("kitbench-sandbox");
        let mut child = Command::new(&sandbox)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {}: {e} (build it with --release)",
                    sandbox.display()
                )
            });
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("ready line");
        let ready: Value = serde_json::from_str(&line).expect("the Sandbox prints one JSON line");
        let text = |k: &str| ready[k].as_str().expect("ready field").to_string();
        let url = text("url");
        let client = Client::new(&url, &text("client_id"), &text("client_secret")).expect("client");
        let details = AuthorizationDetails {
            oauth_token: Some(OauthToken {
                access_token: "bench-token".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        client
            .create_connected_account(&CreateConnectedAccountRequest {
                connector: Some("gmail".into()),
                identifier: Some(IDENTIFIER.into()),
                connected_account: Some(AccountInput {
                    authorization_details: Some(details),
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await
            .expect("bench account");
        let filter = ToolFilter {
            tool_name: vec!["gmail_fetch_mails".into()],
            ..Default::default()
        };
        let tools = client
            .list_tools(&ListToolsRequest {
                filter: Some(filter),
                ..Default::default()
            })
            .await
            .expect("list tools");
        let tool = tools
            .tools
            .first()
            .expect("gmail_fetch_mails is in the catalog");
        let request = ExecuteToolRequest {
            tool_name: tool.name().to_string(),
            identifier: Some(IDENTIFIER.into()),
            connector: Some("gmail".into()),
            params: Some(
                serde_json::from_value(serde_json::json!({"max_results": 5})).expect("object"),
            ),
            ..Default::default()
        };
        let secret = text("client_secret");
        let env = Self {
            child,
            url,
            secret,
            ca_file: text("ca_file"),
            client,
            request,
        };
        env.execute_with_client(200).await; // warm-up: connections, token, caches
        env
    }

    /// Sequential `execute_tool` calls through the client.
    pub async fn execute_with_client(&self, calls: usize) -> Sample {
        let mut latencies = Vec::with_capacity(calls);
        let start = Instant::now();
        for _ in 0..calls {
            let t = Instant::now();
            self.client
                .execute_tool(&self.request)
                .await
                .expect("execute_tool");
            latencies.push(t.elapsed());
        }
        Sample::from_latencies("agentkit `execute_tool`", start.elapsed(), latencies)
    }

    fn bare_parts(&self) -> (reqwest::Client, String, Vec<u8>) {
        let http = reqwest::Client::builder().build().expect("reqwest");
        let url = format!("{}/api/v1/execute_tool", self.url);
        let body = serde_json::to_vec(&self.request).expect("body");
        (http, url, body)
    }

    /// The same bytes through a bare reqwest loop: what the client's own overhead is measured against.
    pub async fn execute_bare(&self, calls: usize) -> Sample {
        let token = self.client.access_token().await.expect("token");
        let (http, url, body) = self.bare_parts();
        let mut latencies = Vec::with_capacity(calls);
        let start = Instant::now();
        for _ in 0..calls {
            let t = Instant::now();
            let answer = bare_call(&http, &url, &token, &body).await;
            assert!(answer, "bare execute_tool failed");
            latencies.push(t.elapsed());
        }
        Sample::from_latencies("bare reqwest loop, same bytes", start.elapsed(), latencies)
    }

    /// Sequential proxied calls through the client.
    pub async fn proxy_with_client(&self, calls: usize) -> Sample {
        let req = proxy_request();
        let mut latencies = Vec::with_capacity(calls);
        let start = Instant::now();
        for _ in 0..calls {
            let t = Instant::now();
            let answer = self.client.proxy(&req).await.expect("proxy");
            assert_eq!(answer.status, 200);
            latencies.push(t.elapsed());
        }
        Sample::from_latencies("agentkit proxy", start.elapsed(), latencies)
    }

    /// Proxied calls through one shared client with `in_flight` calls outstanding: what an
    /// async caller (an agent running tools in parallel) gets, and what a blocking SDK cannot do
    /// from one thread.
    pub async fn proxy_in_flight(&self, calls: usize, in_flight: usize) -> Sample {
        use futures_util::StreamExt;
        let req = proxy_request();
        let start = Instant::now();
        let latencies: Vec<Duration> = futures_util::stream::iter(0..calls)
            .map(|_| async {
                let t = Instant::now();
                let answer = self.client.proxy(&req).await.expect("proxy");
                assert_eq!(answer.status, 200);
                t.elapsed()
            })
            .buffer_unordered(in_flight)
            .collect()
            .await;
        let label = format!("agentkit proxy, {in_flight} in flight");
        Sample::from_latencies(&label, start.elapsed(), latencies)
    }

    /// 64 (or `concurrency`) tasks sending bare `execute_tool` calls for `duration`.
    pub async fn execute_concurrently(&self, concurrency: usize, duration: Duration) -> Sample {
        let token = self.client.access_token().await.expect("token");
        let (http, url, body) = self.bare_parts();
        let stop = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        let tasks: Vec<_> = (0..concurrency)
            .map(|_| {
                let (http, url, body, token, stop) = (
                    http.clone(),
                    url.clone(),
                    body.clone(),
                    token.clone(),
                    stop.clone(),
                );
                tokio::spawn(async move {
                    let mut latencies = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        let t = Instant::now();
                        if bare_call(&http, &url, &token, &body).await {
                            latencies.push(t.elapsed());
                        }
                    }
                    latencies
                })
            })
            .collect();
        tokio::time::sleep(duration).await;
        stop.store(true, Ordering::Relaxed);
        let mut latencies = Vec::new();
        for task in futures_util::future::join_all(tasks).await {
            latencies.extend(task.expect("load task"));
        }
        Sample::from_latencies(
            "Sandbox, 64 in-process reqwest callers",
            start.elapsed(),
            latencies,
        )
    }

    /// The same load from `wrk`, when it is installed.
    pub async fn execute_with_wrk(&self, connections: usize, duration: Duration) -> Option<Sample> {
        let token = self.client.access_token().await.expect("token");
        let (_, url, body) = self.bare_parts();
        let run = move || crate::wrk::post(&url, &token, &body, connections, duration);
        tokio::task::spawn_blocking(run).await.expect("wrk task")
    }

    /// Pins this process and the Sandbox (every thread of both) to `cpus` (`taskset -c`
    /// syntax), or back to every core with `None`.
    pub fn pin(&self, cpus: Option<&str>) {
        let all = format!("0-{}", cores() - 1);
        let cpus = cpus.unwrap_or(&all);
        for pid in [std::process::id(), self.child.id()] {
            let status = Command::new("taskset")
                .args(["-a", "-p", "-c", cpus, &pid.to_string()])
                .stdout(Stdio::null())
                .status()
                .expect("taskset (util-linux) runs");
            assert!(status.success(), "taskset -p {cpus} {pid} failed");
        }
    }

    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn bare_call(http: &reqwest::Client, url: &str, token: &str, body: &[u8]) -> bool {
    let answer = http
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await;
    match answer {
        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
        _ => false,
    }
}

/// The machine's cores, whatever this process is pinned to (`available_parallelism` follows
/// the affinity mask).
pub fn cores() -> usize {
    std::fs::read_to_string("/sys/devices/system/cpu/online")
        .ok()
        .and_then(|s| s.trim().rsplit(['-', ',']).next()?.parse::<usize>().ok())
        .map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |last| last + 1,
        )
}

fn proxy_request() -> ProxyRequest {
    ProxyRequest {
        connection_name: "gmail".into(),
        identifier: IDENTIFIER.into(),
        method: "GET".into(),
        path: "/gmail/v1/users/me/profile".into(),
        query: vec![("fields".into(), "emailAddress".into())],
        headers: vec![],
        body: ProxyBody::None,
    }
}
