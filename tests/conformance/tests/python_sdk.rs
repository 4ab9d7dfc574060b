//! The official Python SDK (`scalekit-sdk-python` from PyPI, installed into a venv this test
//! makes) fetches a token from the Kitbench Sandbox and makes a proxied call through it.

use agentkit::wire::connected_accounts::{
    AccountInput, AuthorizationDetails, CreateConnectedAccountRequest, OauthToken,
};
use agentkit::Client;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const SDK: &str = "scalekit-sdk-python==2.21.0";

/// A venv with the SDK, made once per machine and reused (pip is the slow part).
fn sdk_python() -> PathBuf {
    let venv = std::env::temp_dir().join("kitbench-scalekit-sdk-2.21.0");
    let python = venv.join("bin/python");
    let ready = python.exists()
        && Command::new(&python)
            .args(["-c", "import scalekit"])
            .status()
            .is_ok_and(|s| s.success());
    if !ready {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 runs");
        assert!(made.success(), "python3 -m venv failed");
        let pip = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                SDK,
            ])
            .status()
            .expect("pip runs");
        assert!(pip.success(), "pip install {SDK} failed");
    }
    python
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_sdk_fetches_a_token_and_proxies_through_the_sandbox() {
    let python = tokio::task::spawn_blocking(sdk_python).await.unwrap();
    let sandbox = kitbench_sandbox::start(Default::default()).await.unwrap();
    let client = Client::new(sandbox.url(), sandbox.client_id(), sandbox.client_secret()).unwrap();
    let identifier = "python-sdk@example.com";
    let details = AuthorizationDetails {
        oauth_token: Some(OauthToken {
            access_token: "upstream-secret-token".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("gmail".into()),
            identifier: Some(identifier.into()),
            connected_account: Some(AccountInput {
                authorization_details: Some(details),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/python/sdk_proxy.py");
    let output = tokio::process::Command::new(&python)
        .args([
            script,
            sandbox.url(),
            sandbox.client_id(),
            sandbox.client_secret(),
            "gmail",
            identifier,
        ])
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the SDK script failed: {stderr}");
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["token_fetched"], true);
    assert_eq!(result["status"], 200);
    let echoed = &result["body"];
    assert_eq!(echoed["method"], "GET");
    assert_eq!(echoed["path"], "/gmail/v1/users/me/profile");
    assert_eq!(echoed["identifier"], identifier);
    let text = output.stdout.iter().map(|&b| b as char).collect::<String>();
    assert!(
        !text.contains("upstream-secret-token"),
        "the proxy must never echo the credential"
    );

    // The Sandbox saw the SDK's own requests: its token call and the proxied call.
    let journal = sandbox.admin().journal();
    assert!(journal
        .iter()
        .any(|e| e.path.starts_with("/oauth/token") && e.status == 200));
    assert!(journal
        .iter()
        .any(|e| e.path.starts_with("/proxy/gmail/v1/users/me/profile") && e.status == 200));
    sandbox.shutdown().await;
}
