//! A proxied call as the runner edits it, and its answer as the runner shows it: headers as a
//! list, the body as text when it reads as text (else base64), cut to a preview.

use agentkit::{ProxyBody, ProxyRequest, ProxyResponse};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::text;
use super::run::RunOutcome;
use crate::{Error, FieldError, IpcError, Result};

/// Bodies larger than this are cut in the answer (the full size is in `size`).
pub const PREVIEW_LIMIT: usize = 5 * 1024 * 1024;

/// A name and a value (a query parameter, a header, a form field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "KeyValue.ts")]
pub struct KeyValue {
    /// The name.
    pub name: String,
    /// The value.
    pub value: String,
}

/// The request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "ProxyBodyInput.ts")]
pub enum ProxyBodyInput {
    /// No body.
    None,
    /// JSON text (checked to parse), sent as `application/json`.
    Json {
        /// The JSON.
        text: String,
    },
    /// Form fields, sent `application/x-www-form-urlencoded`.
    Form {
        /// The fields, in order.
        fields: Vec<KeyValue>,
    },
    /// Text sent as is with a content type.
    Raw {
        /// The `Content-Type`.
        content_type: String,
        /// The body.
        text: String,
    },
}

/// A proxied call as the runner sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "ProxyInput.ts")]
pub struct ProxyInput {
    /// As for tool runs: chosen by the UI to cancel, generated when null.
    pub run_id: Option<String>,
    /// Connection name (`key_id`).
    pub connection: String,
    /// The account's identifier.
    pub identifier: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The provider API path (`/gmail/v1/users/me/profile`).
    pub path: String,
    /// Query parameters; rows with a blank name are skipped.
    pub query: Vec<KeyValue>,
    /// Headers; rows with a blank name are skipped.
    pub headers: Vec<KeyValue>,
    /// The body.
    pub body: ProxyBodyInput,
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn pairs(rows: &[KeyValue]) -> Vec<(String, String)> {
    rows.iter()
        .filter(|r| !r.name.trim().is_empty())
        .map(|r| (r.name.trim().to_string(), r.value.clone()))
        .collect()
}

impl ProxyInput {
    /// The client's request; every field problem at once (`connection`, `identifier`,
    /// `method`, `path`, `headers`, `body`).
    pub fn to_request(&self) -> Result<ProxyRequest> {
        let mut errors = Vec::new();
        let connection = text(Some(&self.connection));
        let identifier = text(Some(&self.identifier));
        if connection.is_none() {
            errors.push(FieldError::new("connection", "Choose a connection."));
        }
        if identifier.is_none() {
            errors.push(FieldError::new("identifier", "Give the user's identifier."));
        }
        let method = self.method.trim().to_ascii_uppercase();
        if !METHODS.contains(&method.as_str()) {
            errors.push(FieldError::new(
                "method",
                format!("Use one of {}.", METHODS.join(", ")),
            ));
        }
        let path = self.path.trim();
        if path.is_empty() || path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            errors.push(FieldError::new(
                "path",
                "Give the API path (like /v1/users/me) without spaces; query parameters go in the table.",
            ));
        }
        let headers = pairs(&self.headers);
        for (name, value) in &headers {
            let valid_name = is_token(name);
            if !valid_name || value.contains(['\r', '\n']) {
                errors.push(FieldError::new(
                    "headers",
                    format!("Header {name:?} is not a valid header."),
                ));
            }
        }
        let body = match &self.body {
            ProxyBodyInput::None => ProxyBody::None,
            ProxyBodyInput::Json { text } => match serde_json::from_str(text) {
                Ok(v) => ProxyBody::Json(v),
                Err(e) => {
                    errors.push(FieldError::new(
                        "body",
                        format!("The body is not valid JSON: {e}"),
                    ));
                    ProxyBody::None
                }
            },
            ProxyBodyInput::Form { fields } => ProxyBody::Form(pairs(fields)),
            ProxyBodyInput::Raw { content_type, text } => {
                let ct = content_type.trim();
                if ct.is_empty() || ct.contains(['\r', '\n']) {
                    errors.push(FieldError::new("body", "Give the raw body's content type."));
                }
                ProxyBody::Raw {
                    content_type: ct.to_string(),
                    bytes: text.as_bytes().to_vec(),
                }
            }
        };
        if !matches!(body, ProxyBody::None) && matches!(method.as_str(), "GET" | "HEAD") {
            errors.push(FieldError::new(
                "body",
                format!("A {method} request has no body."),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(ProxyRequest {
            connection_name: connection.unwrap_or_default(),
            identifier: identifier.unwrap_or_default(),
            method,
            path: path.to_string(),
            query: pairs(&self.query),
            headers,
            body,
        })
    }
}

/// An HTTP token (RFC 9110): what a header name may be made of.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A proxied call's result, whatever the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ProxyAnswer.ts")]
pub struct ProxyAnswer {
    /// The run (the history's key for it).
    pub run_id: String,
    /// `ok` whenever the provider answered, whatever its status.
    pub outcome: RunOutcome,
    /// The provider's HTTP status.
    pub status: Option<u16>,
    /// The answer's headers, in order.
    pub headers: Vec<KeyValue>,
    /// The answer's `Content-Type`.
    pub content_type: Option<String>,
    /// The body when it is text (JSON, HTML, XML, …), cut to the preview limit.
    pub body_text: Option<String>,
    /// The body in base64 when it is not text (images, files), cut to the preview limit.
    pub body_base64: Option<String>,
    /// The full body's size in bytes.
    pub size: u32,
    /// Whether the body was cut (`size` is more than the preview).
    pub truncated: bool,
    /// From sending to the answer, in milliseconds.
    pub duration_ms: f64,
    /// Why no answer came (network, timeout, cancelled …).
    pub error: Option<IpcError>,
}

/// Whether a content type is text to show as text.
fn is_text(content_type: Option<&str>, body: &[u8]) -> bool {
    let Some(ct) = content_type.map(str::to_ascii_lowercase) else {
        return std::str::from_utf8(body).is_ok();
    };
    let essence = ct.split(';').next().unwrap_or_default().trim().to_string();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
                | "application/graphql"
                | "application/x-ndjson"
        )
}

impl ProxyAnswer {
    /// The answer of a call that came back.
    pub fn from_response(run_id: String, r: &ProxyResponse, duration_ms: f64) -> Self {
        let content_type = r.header("content-type").map(str::to_string);
        let size = r.body.len();
        let cut = &r.body[..size.min(PREVIEW_LIMIT)];
        let (body_text, body_base64) = if is_text(content_type.as_deref(), &r.body) {
            // Cutting may split a character: the lossy decode marks it rather than failing.
            (Some(String::from_utf8_lossy(cut).into_owned()), None)
        } else {
            (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(cut)),
            )
        };
        ProxyAnswer {
            run_id,
            outcome: RunOutcome::Ok,
            status: Some(r.status),
            headers: r
                .headers
                .iter()
                .map(|(n, v)| KeyValue {
                    name: n.clone(),
                    value: v.clone(),
                })
                .collect(),
            content_type,
            body_text,
            body_base64,
            size: u32::try_from(size).unwrap_or(u32::MAX),
            truncated: size > PREVIEW_LIMIT,
            duration_ms,
            error: None,
        }
    }

    /// The answer of a call that failed or was cancelled.
    pub fn failed(run_id: String, outcome: RunOutcome, error: IpcError, duration_ms: f64) -> Self {
        ProxyAnswer {
            run_id,
            outcome,
            status: error.detail.as_ref().and_then(|d| d.status),
            headers: Vec::new(),
            content_type: None,
            body_text: None,
            body_base64: None,
            size: 0,
            truncated: false,
            duration_ms,
            error: Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(n: &str, v: &str) -> KeyValue {
        KeyValue {
            name: n.into(),
            value: v.into(),
        }
    }

    fn input() -> ProxyInput {
        ProxyInput {
            run_id: None,
            connection: "gmail".into(),
            identifier: "alice@example.com".into(),
            method: "post".into(),
            path: "/v1/things".into(),
            query: vec![kv("a", "1"), kv(" ", "skipped"), kv("a", "2")],
            headers: vec![kv("X-Trace", "t1")],
            body: ProxyBodyInput::Json {
                text: r#"{"x": 1}"#.into(),
            },
        }
    }

    #[test]
    fn a_good_request_maps_one_to_one() {
        let r = input().to_request().unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.query,
            vec![("a".into(), "1".into()), ("a".into(), "2".into())]
        );
        assert_eq!(r.body, ProxyBody::Json(serde_json::json!({"x": 1})));
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = ProxyInput {
            connection: " ".into(),
            identifier: String::new(),
            method: "FETCH".into(),
            path: "/a?b=1".into(),
            headers: vec![kv("bad name", "v")],
            body: ProxyBodyInput::Json { text: "{".into() },
            ..input()
        };
        let Err(Error::Invalid(fields)) = bad.to_request() else {
            panic!("accepted")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "connection",
                "identifier",
                "method",
                "path",
                "headers",
                "body"
            ]
        );
        let get_with_body = ProxyInput {
            method: "GET".into(),
            ..input()
        };
        assert!(get_with_body.to_request().is_err());
    }

    #[test]
    fn answers_are_text_or_base64_and_cut() {
        let json = ProxyResponse {
            status: 200,
            headers: vec![(
                "content-type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: br#"{"ok":true}"#.to_vec(),
        };
        let a = ProxyAnswer::from_response("r".into(), &json, 1.0);
        assert_eq!(a.body_text.as_deref(), Some(r#"{"ok":true}"#));
        assert_eq!(a.size, 11);
        let png = ProxyResponse {
            status: 200,
            headers: vec![("content-type".into(), "image/png".into())],
            body: vec![0x89, b'P', b'N', b'G'],
        };
        let b = ProxyAnswer::from_response("r".into(), &png, 1.0);
        assert_eq!(b.body_base64.as_deref(), Some("iVBORw=="));
        let big = ProxyResponse {
            status: 200,
            headers: vec![("content-type".into(), "text/plain".into())],
            body: vec![b'a'; PREVIEW_LIMIT + 10],
        };
        let c = ProxyAnswer::from_response("r".into(), &big, 1.0);
        assert!(c.truncated);
        assert_eq!(c.size as usize, PREVIEW_LIMIT + 10);
        assert_eq!(c.body_text.unwrap().len(), PREVIEW_LIMIT);
    }
}
