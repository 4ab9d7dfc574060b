//! The SQLite data file's start-up: converting a JSON data file of earlier versions (in place,
//! or beside the database), cleaning up after a crash, refusing a file in use.

mod common;

use common::Api;
use kitbench_sandbox::Error;
use serde_json::json;
use std::path::Path;

/// A JSON data file as earlier versions wrote it, holding one account made by a Sandbox;
/// answers the account's id.
async fn write_json_data_file(path: &Path) -> String {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "slack", "identifier": "old@example.com", "connected_account": {}}),
        )
        .await;
    let account = created.body["connected_account"].clone();
    let id = account["id"].as_str().unwrap().to_string();
    let state = json!({
        "version": 1, "next_seq": 100,
        "accounts": {&id: {"seq": 100, "account": account}},
        "custom_providers": {}, "mcp_configs": {}, "mcp_instances": {},
        "auth_links": {}, "verifications": {}
    });
    std::fs::write(path, serde_json::to_vec(&state).unwrap()).unwrap();
    id
}

async fn has_account(data: &Path, id: &str) -> bool {
    let mut config = common::config();
    config.data_file = Some(data.to_path_buf());
    let sb = kitbench_sandbox::start(config).await.expect("starts");
    let api = Api::new(&sb).await;
    let found = api
        .get(&format!("/api/v1/connected_accounts/{id}"))
        .await
        .status
        == 200;
    sb.shutdown().await;
    found
}

#[tokio::test]
async fn a_json_data_file_is_converted_in_place_and_temp_files_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox.json");
    let id = write_json_data_file(&path).await;
    let temp = dir.path().join(".sandbox.json.4242.tmp");
    std::fs::write(&temp, b"half a save").unwrap();
    assert!(has_account(&path, &id).await);
    assert!(
        !temp.exists(),
        "the interrupted save's temp file is removed"
    );
    assert!(std::fs::read(&path)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
    assert!(dir.path().join("sandbox.json.json-backup").exists());
    // Converted once: the next start opens the database.
    assert!(has_account(&path, &id).await);
}

#[tokio::test]
async fn a_json_file_beside_a_new_database_is_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("state.json");
    let id = write_json_data_file(&json_path).await;
    let db = dir.path().join("state.db");
    assert!(has_account(&db, &id).await);
    assert!(!json_path.exists());
    assert!(dir.path().join("state.json.migrated").exists());
    assert!(has_account(&db, &id).await);
}

#[tokio::test]
async fn a_data_file_in_use_by_another_sandbox_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::config();
    config.data_file = Some(dir.path().join("state.db"));
    let first = kitbench_sandbox::start(config.clone()).await.unwrap();
    let err = kitbench_sandbox::start(config).await.unwrap_err();
    assert!(matches!(err, Error::Database { .. }), "{err}");
    assert!(err.to_string().contains("in use"), "{err}");
    first.shutdown().await;
}
