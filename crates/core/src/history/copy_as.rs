//! An entry's request as code to paste: cURL, or the official Python and Node SDK calls
//! (`scalekit-sdk-python` 2.21 `actions.execute_tool` / `actions.request`; `@scalekit-sdk/node`
//! 2.11 `actions.executeTool` / `actions.request`, parameter names as in their sources).
//! Credentials never appear: the bearer is `$SCALEKIT_ACCESS_TOKEN`, the SDKs read
//! `SCALEKIT_ENV_URL`, `SCALEKIT_CLIENT_ID` and `SCALEKIT_CLIENT_SECRET` from the environment.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::model::{HistoryEntry, HistoryKind};
use crate::{Error, Result};

/// Which code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "CopyStyle.ts")]
pub enum CopyStyle {
    /// A `curl` command line (POSIX shell).
    Curl,
    /// Python with `scalekit-sdk-python`.
    Python,
    /// JavaScript with `@scalekit-sdk/node`.
    Node,
}

/// Headers the client sets itself (and curl or the SDK would set again).
fn managed(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "authorization" | "content-length" | "host" | "connection_name" | "identifier"
    )
}

/// Headers the SDKs set themselves.
fn sdk_header(name: &str) -> bool {
    managed(name)
        || matches!(
            name.to_ascii_lowercase().as_str(),
            "user-agent" | "x-sdk-version" | "x-api-version" | "accept" | "content-type"
        )
}

/// `s` in single quotes for a POSIX shell.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The cURL command for `e` with its request body.
pub fn curl(e: &HistoryEntry, body: &[u8]) -> String {
    let mut lines = vec![format!("curl -X {} {}", e.row.method, sh(&e.url))];
    for h in &e.request_headers {
        let lower = h.name.to_ascii_lowercase();
        if lower == "authorization" {
            lines.push("-H \"Authorization: Bearer $SCALEKIT_ACCESS_TOKEN\"".to_string());
        } else if lower == "content-length" || lower == "host" {
            continue;
        } else {
            lines.push(format!("-H {}", sh(&format!("{}: {}", h.name, h.value))));
        }
    }
    if !body.is_empty() {
        lines.push(format!("--data-raw {}", sh(&String::from_utf8_lossy(body))));
    }
    let mut out = String::from(
        "# The token is not stored: export SCALEKIT_ACCESS_TOKEN=… (POST /oauth/token) first.\n",
    );
    out.push_str(&lines.join(" \\\n  "));
    out.push('\n');
    out
}

/// A JSON value as a Python literal.
fn py(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        // JSON numbers and strings are valid Python literals.
        Value::Number(_) | Value::String(_) => v.to_string(),
        Value::Array(items) => format!("[{}]", items.iter().map(py).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), py(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn js(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn text(v: Option<&String>) -> Value {
    Value::String(v.cloned().unwrap_or_default())
}

/// The call's arguments as `(name, value)`, in the SDK's order, for a tool run or a proxied
/// call. `python` picks Python's names, else Node's.
fn arguments(e: &HistoryEntry, body: &[u8], python: bool) -> Result<Vec<(&'static str, Value)>> {
    let name = |p: &'static str, n: &'static str| if python { p } else { n };
    let mut args = Vec::new();
    match e.row.kind {
        HistoryKind::Tool if e.url.contains("/api/v1/execute_tool") => {
            let req: Map<String, Value> = serde_json::from_slice(body).unwrap_or_default();
            args.push((
                name("tool_name", "toolName"),
                text(e.row.tool_name.as_ref()),
            ));
            let input = req
                .get("params")
                .cloned()
                .unwrap_or(Value::Object(Map::new()));
            args.push((name("tool_input", "toolInput"), input));
            if let Some(i) = &e.row.identifier {
                args.push(("identifier", Value::String(i.clone())));
            }
            if let Some(c) = &e.row.connection {
                args.push((
                    name("connection_name", "connector"),
                    Value::String(c.clone()),
                ));
            }
            if e.row.identifier.is_none() {
                if let Some(a) = req.get("connected_account_id") {
                    args.push((
                        name("connected_account_id", "connectedAccountId"),
                        a.clone(),
                    ));
                }
            }
        }
        HistoryKind::Proxy => {
            let url = url::Url::parse(&e.url).map_err(|_| Error::NotFound("bad URL".into()))?;
            let path = url.path().strip_prefix("/proxy").unwrap_or(url.path());
            args.push((
                name("connection_name", "connectionName"),
                text(e.row.connection.as_ref()),
            ));
            args.push(("identifier", text(e.row.identifier.as_ref())));
            args.push(("path", Value::String(path.to_string())));
            args.push(("method", Value::String(e.row.method.clone())));
            let query: Map<String, Value> = url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect();
            if !query.is_empty() {
                args.push((name("query_params", "queryParams"), Value::Object(query)));
            }
            let is_form = e
                .request_body
                .content_type
                .as_deref()
                .unwrap_or_default()
                .contains("x-www-form-urlencoded");
            if !body.is_empty() {
                if is_form {
                    let form: Map<String, Value> = url::form_urlencoded::parse(body)
                        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                        .collect();
                    args.push((name("form_data", "formData"), Value::Object(form)));
                } else if let Ok(json) = serde_json::from_slice::<Value>(body) {
                    args.push(("body", json));
                } else {
                    let raw = String::from_utf8_lossy(body).into_owned();
                    args.push((name("raw_body", "body"), Value::String(raw)));
                }
            }
            let headers: Map<String, Value> = e
                .request_headers
                .iter()
                .filter(|h| !sdk_header(&h.name))
                .map(|h| (h.name.clone(), Value::String(h.value.clone())))
                .collect();
            if !headers.is_empty() {
                args.push(("headers", Value::Object(headers)));
            }
        }
        _ => {
            return Err(Error::Invalid(vec![crate::FieldError::new(
                "style",
                "SDK code is made for tool runs and proxied calls; copy this entry as cURL.",
            )]))
        }
    }
    Ok(args)
}

/// The Python SDK code for `e`.
pub fn python(e: &HistoryEntry, body: &[u8]) -> Result<String> {
    let args = arguments(e, body, true)?;
    let call = if e.row.kind == HistoryKind::Proxy {
        "request"
    } else {
        "execute_tool"
    };
    let mut out = String::from(
        "import os\nfrom scalekit import ScalekitClient\n\nscalekit = ScalekitClient(\n    \
         env_url=os.environ[\"SCALEKIT_ENV_URL\"],\n    \
         client_id=os.environ[\"SCALEKIT_CLIENT_ID\"],\n    \
         client_secret=os.environ[\"SCALEKIT_CLIENT_SECRET\"],\n)\n\n",
    );
    out.push_str(&format!("response = scalekit.actions.{call}(\n"));
    for (k, v) in args {
        out.push_str(&format!("    {k}={},\n", py(&v)));
    }
    out.push_str(")\nprint(response)\n");
    Ok(out)
}

/// The Node SDK code for `e`.
pub fn node(e: &HistoryEntry, body: &[u8]) -> Result<String> {
    let args = arguments(e, body, false)?;
    let call = if e.row.kind == HistoryKind::Proxy {
        "request"
    } else {
        "executeTool"
    };
    let params: Map<String, Value> = args.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    Ok(format!(
        "import {{ ScalekitClient }} from \"@scalekit-sdk/node\";\n\n\
         const scalekit = new ScalekitClient(\n  process.env.SCALEKIT_ENV_URL,\n  \
         process.env.SCALEKIT_CLIENT_ID,\n  process.env.SCALEKIT_CLIENT_SECRET,\n);\n\n\
         const response = await scalekit.actions.{call}({});\nconsole.log(response);\n",
        js(&Value::Object(params))
    ))
}

/// `e` as `style`.
pub fn render(style: CopyStyle, e: &HistoryEntry, body: &[u8]) -> Result<String> {
    match style {
        CopyStyle::Curl => Ok(curl(e, body)),
        CopyStyle::Python => python(e, body),
        CopyStyle::Node => node(e, body),
    }
}
