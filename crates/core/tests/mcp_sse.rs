//! The inspector over the older HTTP+SSE transport (MCP 2024-11-05), against a small server of
//! that transport written here: the Sandbox speaks only streamable HTTP.

mod common;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::response::sse::{Event, Sse};
use axum::routing::{get, post};
use axum::{Json, Router};
use common::ipc::Harness;
use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::sync::mpsc;

fn connect_url(url: &str, transport: &str) -> Value {
    json!({"input": {"env_id": null, "instance_id": null, "url": url,
        "headers": [{"name": "X-Trace", "value": "inspector-test"}], "transport": transport}})
}

fn call(session: &str, run_id: &str, tool: &str, args: Value) -> Value {
    json!({"input": {"session_id": session, "run_id": run_id, "tool_name": tool, "arguments": args}})
}

/// A minimal server of the 2024-11-05 HTTP+SSE transport: `GET /sse` names `/messages` in an
/// `endpoint` event; answers to what is posted there come back as `message` events.
async fn legacy_sse_server() -> (String, Arc<Mutex<Vec<Value>>>) {
    type Outbox = Arc<Mutex<Option<mpsc::Sender<String>>>>;
    #[derive(Clone)]
    struct S {
        outbox: Outbox,
        seen: Arc<Mutex<Vec<Value>>>,
    }
    async fn open(
        State(s): State<S>,
    ) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
        let (tx, rx) = mpsc::channel::<String>(16);
        *s.outbox.lock().unwrap() = Some(tx);
        let endpoint = futures_util::stream::once(async {
            Ok(Event::default()
                .event("endpoint")
                .data("/messages?sessionId=one"))
        });
        let messages = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv()
                .await
                .map(|m| (Ok(Event::default().event("message").data(m)), rx))
        });
        Sse::new(endpoint.chain(messages))
    }
    async fn message(State(s): State<S>, Json(m): Json<Value>) -> axum::http::StatusCode {
        s.seen.lock().unwrap().push(m.clone());
        let result = match m["method"].as_str() {
            Some("initialize") => json!({"protocolVersion": "2024-11-05",
                "capabilities": {"tools": {}, "prompts": {}, "resources": {}},
                "serverInfo": {"name": "legacy-sse", "version": "0.1.0"}}),
            Some("tools/list") => json!({"tools": [{"name": "echo", "description": "Says it back",
                "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}]}),
            Some("prompts/list") => json!({"prompts": [{"name": "greet", "description": "Hello",
                "arguments": [{"name": "who", "required": true}]}]}),
            Some("prompts/get") => json!({"description": "Hello",
                "messages": [{"role": "user", "content": {"type": "text",
                    "text": format!("Hello {}", m["params"]["arguments"]["who"].as_str().unwrap_or("?"))}}]}),
            Some("resources/list") => {
                json!({"resources": [{"uri": "file:///notes.txt", "name": "notes", "mimeType": "text/plain"}]})
            }
            Some("resources/read") => {
                json!({"contents": [{"uri": m["params"]["uri"], "mimeType": "text/plain", "text": "hello notes"}]})
            }
            Some("tools/call") => json!({"content": [
                {"type": "text", "text": m["params"]["arguments"]["text"]},
                {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png"}]}),
            Some("ping") => json!({}),
            _ => return axum::http::StatusCode::ACCEPTED,
        };
        let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": result}).to_string();
        let tx = s.outbox.lock().unwrap().clone();
        if let Some(tx) = tx {
            let _ = tx.send(reply).await;
        }
        axum::http::StatusCode::ACCEPTED
    }
    let state = S {
        outbox: Arc::default(),
        seen: Arc::default(),
    };
    let seen = state.seen.clone();
    let app = Router::new()
        .route("/sse", get(open))
        .route("/messages", post(message))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/sse"), seen)
}

#[tokio::test]
async fn speaks_the_older_http_sse_transport() {
    let h = Harness::new().await;
    let (url, seen) = legacy_sse_server().await;
    let s = h.call("inspector_connect", connect_url(&url, "sse")).await;
    assert_eq!(s["server_name"], "legacy-sse");
    assert_eq!(s["protocol_version"], "2024-11-05");
    assert_eq!(s["transport"], "sse");
    assert_eq!(s["tools"][0]["name"], "echo");
    assert_eq!(s["prompts"][0]["name"], "greet");
    assert_eq!(s["resources"][0]["uri"], "file:///notes.txt");
    let session = s["session_id"].as_str().unwrap();
    let r = h
        .call(
            "inspector_call_tool",
            call(session, "sse-1", "echo", json!({"text": "hello"})),
        )
        .await;
    assert_eq!(r["content"][0], json!({"kind": "text", "text": "hello"}));
    assert_eq!(r["content"][1]["kind"], "image");
    assert_eq!(r["content"][1]["mime_type"], "image/png");
    let prompt = h
        .call(
            "inspector_get_prompt",
            json!({"session_id": session, "name": "greet", "values": {"who": "Ada"}}),
        )
        .await;
    assert_eq!(prompt["messages"][0]["role"], "user");
    assert_eq!(
        prompt["messages"][0]["content"],
        json!({"kind": "text", "text": "Hello Ada"})
    );
    let read = h
        .call(
            "inspector_read_resource",
            json!({"session_id": session, "uri": "file:///notes.txt"}),
        )
        .await;
    assert_eq!(read[0]["kind"], "resource");
    assert_eq!(read[0]["text"], "hello notes");
    let err = h
        .try_call(
            "inspector_read_resource",
            json!({"session_id": session, "uri": " "}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "uri");
    let methods: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .filter_map(|m| m["method"].as_str().map(String::from))
        .collect();
    assert!(
        methods.contains(&"notifications/initialized".to_string()),
        "{methods:?}"
    );
    let log = h
        .call(
            "inspector_messages",
            json!({"session_id": session, "after_seq": null}),
        )
        .await;
    assert!(log.as_array().unwrap().len() >= 8, "{log}");
    h.call("inspector_disconnect", json!({"session_id": session}))
        .await;
}
