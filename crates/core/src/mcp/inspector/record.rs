//! Where each inspector call is handed on, redacted, for the request history.

use std::collections::VecDeque;
use std::sync::Mutex;

use agentkit::wire::redact::Redactor;
use serde_json::{json, Value};

/// Calls kept per session until the history takes them over.
const MAX_CALLS: usize = 200;

/// One inspector call as it may be recorded: the URL masked, arguments and result redacted by
/// the one policy.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectorCallRecord {
    /// The run id the UI gave the call.
    pub run_id: String,
    /// The session's target, URL masked.
    pub target: String,
    /// The tool.
    pub tool_name: String,
    /// The `tools/call` params, redacted.
    pub request: Value,
    /// The result (or the error), redacted.
    pub response: Value,
    /// Milliseconds.
    pub duration_ms: f64,
}

/// The calls of one session, newest last (bounded).
#[derive(Debug, Default)]
pub struct CallJournal {
    calls: Mutex<VecDeque<InspectorCallRecord>>,
}

impl CallJournal {
    /// The calls recorded so far.
    pub fn all(&self) -> Vec<InspectorCallRecord> {
        self.calls
            .lock()
            .map(|c| c.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// Redacts one call and keeps it in the session's bounded journal, from which
/// `inspector_call_tool` records it in the request history (an `mcp` entry tied to `run_id`,
/// like a playground run) before answering.
#[allow(clippy::too_many_arguments)]
pub fn hand_inspector_call_to_history(
    journal: &CallJournal,
    redactor: &Redactor,
    run_id: &str,
    target: &str,
    tool_name: &str,
    arguments: &Value,
    response: &Value,
    duration_ms: f64,
) {
    let mut request = json!({ "name": tool_name, "arguments": arguments });
    redactor.redact_json(&mut request);
    let mut response = response.clone();
    redactor.redact_json(&mut response);
    let record = InspectorCallRecord {
        run_id: run_id.to_string(),
        // The policy's URL masking (credential segment), not the session's known secrets: the
        // whole URL is one of those, and the host must stay readable.
        target: crate::mcp::mask_url(target),
        tool_name: tool_name.to_string(),
        request,
        response,
        duration_ms,
    };
    if let Ok(mut calls) = journal.calls.lock() {
        calls.push_back(record);
        while calls.len() > MAX_CALLS {
            calls.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_handed_on_redacted() {
        let journal = CallJournal::default();
        let url = "http://127.0.0.1:4010/mcp/v1/AbCdEfGhIjKlMnOpQrStUvWxYz012345";
        let redactor = Redactor::new().with_secret(url);
        hand_inspector_call_to_history(
            &journal,
            &redactor,
            "run-1",
            url,
            "gmail_send_email",
            &json!({"to": "a@example.com", "api_key": "sk-live-0123456789"}),
            &json!({"content": [{"type": "text", "text": format!("called {url}")}]}),
            12.5,
        );
        let calls = journal.all();
        assert_eq!(calls.len(), 1);
        let c = &calls[0];
        assert_eq!(c.run_id, "run-1");
        assert_eq!(c.tool_name, "gmail_send_email");
        assert!(c.target.ends_with("/mcp/v1/****"), "{}", c.target);
        let all = format!("{} {} {}", c.target, c.request, c.response);
        assert!(
            !all.contains("AbCdEfGh") && !all.contains("sk-live"),
            "{all}"
        );
        assert_eq!(c.request["arguments"]["to"], "a@example.com");
    }
}
