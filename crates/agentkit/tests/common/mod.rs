//! Shared by the integration tests: a Sandbox on an ephemeral loopback port, a client for it
//! with fast retries, and an observer that records every exchange.
#![allow(dead_code)] // each test file uses a different part of this module

use agentkit::wire::connected_accounts::{
    AccountInput, AuthorizationDetails, ConnectedAccount, CreateConnectedAccountRequest, OauthToken,
};
use agentkit::{Client, ClientBuilder, Exchange, Observer, RetryPolicy};
use kitbench_sandbox::{FaultRule, Faults, RunningSandbox, SandboxConfig};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running Sandbox, a client for it and the client's recorded exchanges.
pub struct Env {
    pub sandbox: RunningSandbox,
    pub client: Client,
    pub recorder: Arc<Recorder>,
}

/// A Sandbox with default settings.
pub async fn start() -> Env {
    start_with(SandboxConfig::default()).await
}

/// A Sandbox with `config`.
pub async fn start_with(config: SandboxConfig) -> Env {
    let sandbox = kitbench_sandbox::start(config)
        .await
        .expect("the sandbox starts");
    let recorder = Arc::new(Recorder::default());
    let client = builder(&sandbox)
        .observer(recorder.clone())
        .build()
        .expect("the client builds");
    Env {
        sandbox,
        client,
        recorder,
    }
}

/// A client builder for `sandbox` with retries short enough for tests.
pub fn builder(sandbox: &RunningSandbox) -> ClientBuilder {
    Client::builder(sandbox.url(), sandbox.client_id(), sandbox.client_secret())
        .retry(fast_retry())
        .timeout(Duration::from_secs(10))
}

/// 3 retries, 10 ms base backoff, `Retry-After` honoured up to 5 s.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(5),
    }
}

/// Records every exchange the client reports.
#[derive(Default)]
pub struct Recorder {
    exchanges: Mutex<Vec<Exchange>>,
}

impl Observer for Recorder {
    fn on_exchange(&self, exchange: &Exchange) {
        self.exchanges.lock().unwrap().push(exchange.clone());
    }
}

impl Recorder {
    pub fn all(&self) -> Vec<Exchange> {
        self.exchanges.lock().unwrap().clone()
    }

    pub fn clear(&self) {
        self.exchanges.lock().unwrap().clear();
    }

    /// Exchanges whose URL path (without query) ends with `suffix`.
    pub fn to_path(&self, suffix: &str) -> Vec<Exchange> {
        self.all()
            .into_iter()
            .filter(|e| {
                let url = url::Url::parse(&e.url).unwrap();
                url.path().ends_with(suffix)
            })
            .collect()
    }
}

/// How many token requests the Sandbox has journaled.
pub fn token_requests(sandbox: &RunningSandbox) -> usize {
    sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.path.starts_with("/oauth/token"))
        .count()
}

/// How many requests to `method path` (path without query) the Sandbox has journaled.
pub fn journaled(sandbox: &RunningSandbox, method: &str, path: &str) -> usize {
    sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.method == method && e.path.split('?').next() == Some(path))
        .count()
}

/// Installs one fault rule (replacing any others).
pub fn fault(sandbox: &RunningSandbox, rule: FaultRule) {
    sandbox.admin().set_faults(Faults {
        rules: vec![rule],
        ..Faults::default()
    });
}

/// OAuth credentials that make a new account ACTIVE.
pub fn oauth_input(access_token: &str) -> AccountInput {
    AccountInput {
        authorization_details: Some(AuthorizationDetails {
            oauth_token: Some(OauthToken {
                access_token: access_token.into(),
                refresh_token: "rt-test".into(),
                scopes: vec!["read".into()],
                domain: String::new(),
            }),
            ..Default::default()
        }),
        api_config: None,
    }
}

/// Creates an account on `connector`; ACTIVE when `active`, PENDING_AUTH otherwise.
pub async fn create_account(
    client: &Client,
    connector: &str,
    identifier: &str,
    active: bool,
) -> ConnectedAccount {
    let input = if active {
        oauth_input("at-test")
    } else {
        AccountInput::default()
    };
    client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some(connector.into()),
            identifier: Some(identifier.into()),
            connected_account: Some(input),
            ..Default::default()
        })
        .await
        .expect("the account is created")
}
