//! The older HTTP+SSE transport (MCP 2024-11-05), which rmcp 3 no longer has a client for:
//! `GET <url>` opens an event stream whose first `endpoint` event names where to `POST`
//! messages; the server's messages come back as `message` events on that stream.

use std::future::Future;
use std::io;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{HeaderMap, ACCEPT};
use rmcp::service::{RoleClient, RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::connect::{classify, protocol_error, status_error, timeout_error};

/// Messages waiting to be read before the stream reader waits for the client.
const BUFFER: usize = 64;

/// A connected HTTP+SSE session.
pub struct SseTransport {
    http: reqwest::Client,
    endpoint: reqwest::Url,
    headers: HeaderMap,
    incoming: mpsc::Receiver<RxJsonRpcMessage<RoleClient>>,
    reader: JoinHandle<()>,
}

fn failed(what: impl std::fmt::Display) -> io::Error {
    io::Error::other(what.to_string())
}

impl SseTransport {
    /// Opens the event stream and waits (at most `wait`) for the `endpoint` event.
    pub async fn connect(
        http: reqwest::Client,
        url: reqwest::Url,
        headers: HeaderMap,
        wait: Duration,
        target: &str,
    ) -> crate::Result<Self> {
        let response = http
            .get(url.clone())
            .headers(headers.clone())
            .header(ACCEPT, "text/event-stream")
            .send()
            .await
            .map_err(|e| classify(target, &e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(status_error(target, status.as_u16()));
        }
        let is_sse = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"));
        if !is_sse {
            return Err(protocol_error(
                target,
                "it answered without an event stream: no HTTP+SSE server here (try Streamable \
                 HTTP)",
            ));
        }
        let mut events = sse_stream::SseStream::from_bytes_stream(response.bytes_stream());
        let endpoint = tokio::time::timeout(wait, async {
            while let Some(event) = events.next().await {
                let event = event.map_err(|e| protocol_error(target, &e.to_string()))?;
                if event.event.as_deref() == Some("endpoint") {
                    let data = event.data.unwrap_or_default();
                    return url.join(data.trim()).map_err(|e| {
                        protocol_error(target, &format!("its endpoint event is no URL: {e}"))
                    });
                }
            }
            Err(protocol_error(
                target,
                "its event stream ended before naming an endpoint",
            ))
        })
        .await
        .map_err(|_| timeout_error(target, wait))??;
        let (tx, incoming) = mpsc::channel(BUFFER);
        let reader = tokio::spawn(async move {
            while let Some(Ok(event)) = events.next().await {
                let is_message = matches!(event.event.as_deref(), None | Some("message"));
                let Some(data) = event.data.filter(|_| is_message) else {
                    continue;
                };
                match serde_json::from_str::<RxJsonRpcMessage<RoleClient>>(&data) {
                    Ok(message) => {
                        if tx.send(message).await.is_err() {
                            break;
                        }
                    }
                    // A message this client cannot read is dropped, as rmcp's own transports
                    // do; the request it answers then fails by its timeout.
                    Err(e) => tracing::warn!("inspector: unreadable SSE message: {e}"),
                }
            }
        });
        Ok(Self {
            http,
            endpoint,
            headers,
            incoming,
            reader,
        })
    }
}

impl Transport<RoleClient> for SseTransport {
    type Error = io::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleClient>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        let request = self
            .http
            .post(self.endpoint.clone())
            .headers(self.headers.clone())
            .json(&item);
        async move {
            let response = request.send().await.map_err(failed)?;
            let status = response.status();
            if status.is_success() {
                Ok(())
            } else {
                Err(failed(format!("the server answered HTTP {status}")))
            }
        }
    }

    fn receive(&mut self) -> impl Future<Output = Option<RxJsonRpcMessage<RoleClient>>> + Send {
        self.incoming.recv()
    }

    fn close(&mut self) -> impl Future<Output = Result<(), Self::Error>> + Send {
        self.reader.abort();
        self.incoming.close();
        std::future::ready(Ok(()))
    }
}

impl Drop for SseTransport {
    fn drop(&mut self) {
        self.reader.abort();
    }
}
