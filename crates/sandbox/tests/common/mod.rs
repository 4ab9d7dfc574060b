//! Shared helpers of the integration tests: a Sandbox on the fixture catalog and a small
//! authenticated JSON client. Every test binary uses a different subset of them.
#![allow(dead_code)]

use kitbench_sandbox::catalog::Catalog;
use kitbench_sandbox::{RunningSandbox, SandboxConfig};
use reqwest::Method;
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// The fixture catalog: every connector of `catalog/connectors.json`, and a handful of tools
/// for gmail, slack and github from `tests/fixtures/tools`.
pub fn fixture_catalog() -> Arc<Catalog> {
    static CATALOG: OnceLock<Arc<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            let files = [
                ("gmail.json", include_str!("../fixtures/tools/gmail.json")),
                ("slack.json", include_str!("../fixtures/tools/slack.json")),
                ("github.json", include_str!("../fixtures/tools/github.json")),
            ];
            let connectors = include_str!("../../catalog/connectors.json");
            Arc::new(Catalog::from_json(connectors, &files).expect("fixture catalog loads"))
        })
        .clone()
}

/// A config on the fixture catalog.
pub fn config() -> SandboxConfig {
    SandboxConfig {
        catalog: Some(fixture_catalog()),
        ..SandboxConfig::default()
    }
}

/// A Sandbox on the fixture catalog.
pub async fn sandbox() -> RunningSandbox {
    kitbench_sandbox::start(config())
        .await
        .expect("sandbox starts")
}

/// A reqwest client that does not follow redirects (the consent flow checks them).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client builds")
}

/// Fetches an access token with the client credentials.
pub async fn token(sb: &RunningSandbox) -> String {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", sb.client_id()),
        ("client_secret", sb.client_secret()),
    ];
    let body: Value = http()
        .post(format!("{}/oauth/token", sb.url()))
        .form(&form)
        .send()
        .await
        .expect("token call")
        .json()
        .await
        .expect("token json");
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_string()
}

/// An authenticated JSON client of one Sandbox.
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

/// A response: status, headers and the body parsed as JSON (`Null` when it is not JSON).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Api {
    pub async fn new(sb: &RunningSandbox) -> Self {
        Self {
            http: http(),
            base: sb.url().to_string(),
            token: token(sb).await,
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        reply(req.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body read");
    Reply {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

impl Reply {
    /// `details[0].error_code`.
    pub fn error_code(&self) -> &str {
        self.body["details"][0]["error_code"]
            .as_str()
            .unwrap_or_default()
    }

    /// The fields of `validation_error_info.field_violations`.
    pub fn violated_fields(&self) -> Vec<String> {
        self.body["details"][0]["validation_error_info"]["field_violations"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|f| f["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}
