//! Connections through `ipc::dispatch`: pages of 30, server-side search, one by name.

mod common;

use std::collections::BTreeSet;

use common::accounts::sandbox_env;
use common::ipc::Harness;
use serde_json::{json, Value};

fn names(page: &Value) -> Vec<String> {
    page["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn connections_page_search_and_get_by_name() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;

    let first = h
        .call(
            "list_connections",
            json!({"env_id": env, "query": null, "page_token": null}),
        )
        .await;
    let total = first["total_size"].as_u64().unwrap();
    assert!(total > 30, "the catalog has more than one page: {total}");
    assert_eq!(names(&first).len(), 30);
    let token = first["next_page_token"].as_str().unwrap();
    let second = h
        .call(
            "list_connections",
            json!({"env_id": env, "query": null, "page_token": token}),
        )
        .await;
    let one: BTreeSet<String> = names(&first).into_iter().collect();
    assert!(names(&second).iter().all(|n| !one.contains(n)));

    // The server searches: every hit contains the text, and gmail is among them.
    let found = h
        .call(
            "list_connections",
            json!({"env_id": env, "query": "gma", "page_token": null}),
        )
        .await;
    assert!(names(&found).contains(&"gmail".to_string()));
    assert!(names(&found).iter().all(|n| n.contains("gma")));
    assert_eq!(
        found["total_size"].as_u64().unwrap() as usize,
        names(&found).len()
    );

    // Shorter than the API's 3 characters: a field error, no call.
    let admin = common::accounts::admin(&h).await;
    admin.clear_journal();
    let err = h
        .try_call(
            "list_connections",
            json!({"env_id": env, "query": "gm", "page_token": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "query", "{err:?}");
    assert!(admin.journal().is_empty(), "refused before any call");

    let gmail = h
        .call("get_connection", json!({"env_id": env, "name": "gmail"}))
        .await;
    assert_eq!(gmail["name"], "gmail");
    assert_eq!(gmail["provider"], "gmail");
    assert_eq!(gmail["auth_type"], "OAUTH");
    assert_eq!(gmail["enabled"], true);
    assert_eq!(gmail["auth_mode"], "USER");
    assert!(gmail["id"].as_str().unwrap().starts_with("conn_"));
    assert!(gmail["mcp_server_url"]
        .as_str()
        .unwrap()
        .ends_with("/mcp/v3/connections/gmail"));

    // A name on a later page and of another type.
    let key = h
        .call("get_connection", json!({"env_id": env, "name": "exa"}))
        .await;
    assert_eq!(
        (key["name"].as_str(), key["auth_type"].as_str()),
        (Some("exa"), Some("API_KEY"))
    );

    let missing = h
        .try_call(
            "get_connection",
            json!({"env_id": env, "name": "no-such-thing"}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        missing.kind,
        kitbench_core::ErrorKind::NotFound,
        "{missing:?}"
    );
}
