//! "Test connection": fetch a token, list app connections, and say plainly what failed.

use std::time::{Duration, Instant};

use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::{Client, ErrorKind as K, NetworkCause as Cause};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorKind, NetworkCause};
use crate::Error;

/// How long each step may take before the test reports a timeout.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Which step a connection test reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "TestStage.ts")]
pub enum TestStage {
    /// Checking the URL and credentials locally.
    Config,
    /// `POST /oauth/token`.
    Token,
    /// `GET /api/v1/connections/app`.
    ListConnections,
}

/// The outcome the environment form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ConnectionTest.ts")]
pub struct ConnectionTest {
    /// Both steps succeeded.
    pub ok: bool,
    /// The last step attempted (the failing one when `ok` is false).
    pub stage: TestStage,
    /// What happened, for a person.
    pub message: String,
    /// The failure's kind (bad credentials, network, timeout, …).
    pub error_kind: Option<ErrorKind>,
    /// The HTTP status of the failure, if there was an answer.
    pub http_status: Option<u16>,
    /// Why there was no answer (network and timeout failures only).
    pub network_cause: Option<NetworkCause>,
    /// How many app connections the environment has (on success).
    pub connections: Option<u32>,
    /// Wall time of the whole test.
    pub elapsed_ms: u32,
}

/// Runs the test with these credentials (nothing is saved).
pub async fn run(env_url: &str, client_id: &str, client_secret: &str) -> ConnectionTest {
    let started = Instant::now();
    let client = match Client::builder(env_url, client_id, client_secret)
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .build()
    {
        Ok(c) => c,
        Err(e) => return failure(TestStage::Config, &e, env_url, started),
    };
    if let Err(e) = client.access_token().await {
        return failure(TestStage::Token, &e, env_url, started);
    }
    let req = ListAppConnectionsRequest {
        page_size: Some(30),
        ..Default::default()
    };
    match client.list_app_connections(&req).await {
        Ok(page) => {
            let n = page
                .total_size
                .max(page.connections.len().try_into().unwrap_or(u32::MAX));
            ConnectionTest {
                ok: true,
                stage: TestStage::ListConnections,
                message: format!(
                    "Connected. The credentials work and the environment has {n} connection{}.",
                    if n == 1 { "" } else { "s" }
                ),
                error_kind: None,
                http_status: None,
                network_cause: None,
                connections: Some(n),
                elapsed_ms: elapsed(started),
            }
        }
        Err(e) => failure(TestStage::ListConnections, &e, env_url, started),
    }
}

fn elapsed(started: Instant) -> u32 {
    started.elapsed().as_millis().try_into().unwrap_or(u32::MAX)
}

fn failure(
    stage: TestStage,
    e: &agentkit::Error,
    env_url: &str,
    started: Instant,
) -> ConnectionTest {
    ConnectionTest {
        ok: false,
        stage,
        message: explain(stage, e, env_url),
        error_kind: Some(Error::kind_of(e)),
        http_status: e.http_status(),
        network_cause: e.network_cause().map(NetworkCause::from),
        connections: None,
        elapsed_ms: elapsed(started),
    }
}

fn host_of(env_url: &str) -> String {
    url::Url::parse(env_url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| env_url.to_string())
}

/// One sentence on what went wrong and what to do, then the client's own detail.
pub fn explain(stage: TestStage, e: &agentkit::Error, env_url: &str) -> String {
    let host = host_of(env_url);
    let detail = e.to_string();
    match e.kind() {
        K::Config => detail,
        K::Unauthorized if stage == TestStage::Token => format!(
            "The client ID or secret was rejected (401 Unauthorized). Check both values under \
             API credentials in the Scalekit dashboard. Server said: {detail}"
        ),
        K::Unauthorized => format!(
            "A token was issued but the API refused it (401 Unauthorized). Server said: {detail}"
        ),
        K::Forbidden => format!(
            "The credentials are valid but not allowed to list connections (403 Forbidden). \
             Server said: {detail}"
        ),
        K::NotFound | K::Decode => format!(
            "{host} answered, but not like a Scalekit environment. Check the environment URL. \
             ({detail})"
        ),
        K::Timeout => format!(
            "{host} did not answer within {} seconds (timeout). Check the URL and your network.",
            TIMEOUT.as_secs()
        ),
        K::Network => match e.network_cause() {
            Some(Cause::Dns) => format!(
                "Could not find the host {host} (DNS lookup failed). Check the URL for typos. \
                 ({detail})"
            ),
            Some(Cause::Tls) => {
                format!("The secure connection (TLS) to {host} failed. ({detail})")
            }
            Some(Cause::Refused) => format!(
                "Nothing is listening at {host} (connection refused). Is the URL right and the \
                 server running?"
            ),
            Some(Cause::Reset) => format!(
                "{host} closed the connection without answering (connection reset). ({detail})"
            ),
            _ => format!("Could not reach {host}. ({detail})"),
        },
        K::RateLimited => format!("{host} is rate limiting requests (429). Try again shortly."),
        K::Server | K::Unavailable => {
            format!("{host} had a server error; try again later. ({detail})")
        }
        K::Conflict | K::Validation | K::Tool => detail,
    }
}
