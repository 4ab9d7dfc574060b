//! The loopback callback: `http://127.0.0.1:<port>/auth/verify`, for desktops where the
//! `kitbench:` scheme does not reach the app. The listener is bound only while at least one
//! loopback authorization is pending: an open port is something any local process can poke.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sqlx::SqlitePool;
use tokio::sync::{oneshot, Mutex};
use tokio::task::JoinHandle;

use super::repo;
use crate::{Error, Result};

/// The path the browser comes back to.
pub const PATH: &str = "/auth/verify";

/// How often the listener checks whether anything is still pending (authorizations expire
/// without any request arriving).
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// What the listener answers the browser: whether the link was accepted, and one sentence.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The link was accepted (verified or denied as the user chose).
    pub accepted: bool,
    /// Shown in the browser tab.
    pub message: String,
}

/// Handles a callback's raw query (the same path a `kitbench://` link takes).
pub type Handler =
    Arc<dyn Fn(Option<String>) -> Pin<Box<dyn Future<Output = Reply> + Send>> + Send + Sync>;

/// The listener, when bound.
#[derive(Debug, Default)]
pub struct Loopback {
    running: Mutex<Option<Running>>,
}

#[derive(Debug)]
struct Running {
    port: u16,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Loopback {
    /// The callback URL, binding the listener first if it is not running. Call it after the
    /// pending row exists, so the idle check does not stop the listener under it.
    pub async fn ensure(&self, pool: &SqlitePool, handler: Handler) -> Result<String> {
        let mut running = self.running.lock().await;
        if let Some(r) = running.as_ref().filter(|r| !r.task.is_finished()) {
            return Ok(url(r.port));
        }
        // Loopback only: the callback must never be reachable from the network.
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Error::io("cannot listen for the loopback callback", e))?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::io("cannot read the loopback port", e))?
            .port();
        let (stop, stopped) = oneshot::channel::<()>();
        let app = Router::new().route(PATH, get(callback)).with_state(handler);
        let pool = pool.clone();
        let task = tokio::spawn(async move {
            let shutdown = async move {
                tokio::select! {
                    _ = stopped => {}
                    _ = idle(pool) => {}
                }
            };
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::warn!("the loopback callback stopped: {e}");
            }
            tracing::info!("loopback callback closed");
        });
        tracing::info!(port, "loopback callback listening");
        *running = Some(Running { port, stop, task });
        Ok(url(port))
    }

    /// Stops the listener if no loopback authorization is pending any more.
    pub async fn release_if_idle(&self, pool: &SqlitePool) -> Result<()> {
        let mut running = self.running.lock().await;
        if running.is_some() && repo::pending_loopback(pool).await? == 0 {
            if let Some(r) = running.take() {
                // The task may have ended on its own already: nothing left to stop then.
                let _ = r.stop.send(());
            }
        }
        Ok(())
    }

    /// The port while the listener runs.
    pub async fn port(&self) -> Option<u16> {
        let running = self.running.lock().await;
        running
            .as_ref()
            .filter(|r| !r.task.is_finished())
            .map(|r| r.port)
    }
}

fn url(port: u16) -> String {
    format!("http://127.0.0.1:{port}{PATH}")
}

/// Resolves once nothing is pending through the loopback (checked every [`IDLE_CHECK`]).
async fn idle(pool: SqlitePool) {
    loop {
        tokio::time::sleep(IDLE_CHECK).await;
        match repo::pending_loopback(&pool).await {
            Ok(0) => return,
            Ok(_) => {}
            // The database is closing (the app shuts down): stop listening.
            Err(_) => return,
        }
    }
}

async fn callback(State(handler): State<Handler>, RawQuery(query): RawQuery) -> Response {
    let reply = handler(query).await;
    let status = if reply.accepted {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    // Plain text (nosniff): the message is never interpreted as HTML. The URL carried a
    // one-time id, so no referrer and no caching.
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONNECTION, "close"),
        ],
        reply.message,
    )
        .into_response()
}
