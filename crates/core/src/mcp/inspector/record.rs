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

/// Redacts one call and hands it on. **The history hooks in here**: once the request history
/// is merged, this is where an inspector call becomes a history entry (tied to `run_id` like a
/// playground run); until then it goes to the session's own bounded journal.
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
        target: redactor.redact_url(target),
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
