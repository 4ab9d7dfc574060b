//! Every MCP message of a session, captured at the transport: a wrapper around whichever
//! transport the session uses records each message as it is sent or received, so the log is
//! what went over the wire (initialize, notifications, pings included), not what the client
//! API chose to report. Bounded by count and bytes: a chatty server cannot grow it without end.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};

use agentkit::wire::redact::Redactor;
use rmcp::service::{RoleClient, RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use serde::Serialize;
use serde_json::Value;

use super::types::{InspectorMessage, MessageDirection};

/// Most messages kept per session (the oldest go first).
pub const MAX_MESSAGES: usize = 500;
/// Most bytes of JSON kept per session.
pub const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;
/// Most bytes of one message's JSON kept.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

#[derive(Debug, Default)]
struct Inner {
    messages: VecDeque<InspectorMessage>,
    bytes: usize,
    next_seq: u32,
}

/// A session's message log.
#[derive(Debug)]
pub struct MessageLog {
    inner: Mutex<Inner>,
    redactor: Redactor,
}

/// `text` cut to at most `max` bytes on a char boundary.
fn cut(text: &mut String, max: usize) -> bool {
    if text.len() <= max {
        return false;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    true
}

impl MessageLog {
    /// An empty log whose entries are redacted by `redactor`.
    pub fn new(redactor: Redactor) -> Self {
        Self {
            inner: Mutex::default(),
            redactor,
        }
    }

    /// Records one message.
    pub fn push<M: Serialize>(&self, direction: MessageDirection, message: &M) {
        let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
        self.redactor.redact_json(&mut value);
        let method = value
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_string);
        let id = value.get("id").cloned();
        let mut json = value.to_string();
        let truncated = cut(&mut json, MAX_MESSAGE_BYTES);
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        let seq = inner.next_seq;
        inner.next_seq += 1;
        inner.bytes += json.len();
        inner.messages.push_back(InspectorMessage {
            seq,
            direction,
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            method,
            id,
            json,
            truncated,
        });
        while inner.messages.len() > MAX_MESSAGES || inner.bytes > MAX_LOG_BYTES {
            let Some(old) = inner.messages.pop_front() else {
                break;
            };
            inner.bytes -= old.json.len();
        }
    }

    /// The messages from `after_seq` on (all when null), oldest first.
    pub fn since(&self, after_seq: Option<u32>) -> Vec<InspectorMessage> {
        let Ok(inner) = self.inner.lock() else {
            return Vec::new();
        };
        inner
            .messages
            .iter()
            .filter(|m| after_seq.is_none_or(|s| m.seq > s))
            .cloned()
            .collect()
    }

    /// How many messages and bytes are held.
    pub fn size(&self) -> (usize, usize) {
        self.inner
            .lock()
            .map(|i| (i.messages.len(), i.bytes))
            .unwrap_or((0, 0))
    }
}

/// A transport that records every message in a [`MessageLog`] on its way.
pub struct Logged<T> {
    inner: T,
    log: Arc<MessageLog>,
}

impl<T> Logged<T> {
    /// Wraps `inner`.
    pub fn new(inner: T, log: Arc<MessageLog>) -> Self {
        Self { inner, log }
    }
}

impl<T: Transport<RoleClient>> Transport<RoleClient> for Logged<T> {
    type Error = T::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleClient>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        self.log.push(MessageDirection::Sent, &item);
        self.inner.send(item)
    }

    fn receive(&mut self) -> impl Future<Output = Option<RxJsonRpcMessage<RoleClient>>> + Send {
        let log = self.log.clone();
        let next = self.inner.receive();
        async move {
            let message = next.await;
            if let Some(m) = &message {
                log.push(MessageDirection::Received, m);
            }
            message
        }
    }

    fn close(&mut self) -> impl Future<Output = Result<(), Self::Error>> + Send {
        self.inner.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounded_redacted_and_ordered() {
        let log = MessageLog::new(Redactor::new());
        log.push(
            MessageDirection::Sent,
            &json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                    "params": {"arguments": {"access_token": "ya29.very-secret-value"}}}),
        );
        let first = &log.since(None)[0];
        assert_eq!(first.method.as_deref(), Some("tools/call"));
        assert_eq!(first.id, Some(json!(1)));
        assert!(!first.json.contains("very-secret"), "{}", first.json);

        let big = "x".repeat(MAX_MESSAGE_BYTES * 2);
        log.push(MessageDirection::Received, &json!({"id": 1, "result": big}));
        let second = &log.since(Some(0))[0];
        assert!(second.truncated);
        assert_eq!(second.json.len(), MAX_MESSAGE_BYTES);

        for i in 0..(MAX_MESSAGES + 10) {
            log.push(
                MessageDirection::Received,
                &json!({"method": "ping", "id": i}),
            );
        }
        let (count, bytes) = log.size();
        assert_eq!(count, MAX_MESSAGES);
        assert!(bytes <= MAX_LOG_BYTES);
        let all = log.since(None);
        assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
        assert_eq!(all.last().unwrap().seq as usize, MAX_MESSAGES + 11);
    }
}
