//! MCP configs through `ipc::dispatch` against the built-in Sandbox: checks made before sending,
//! the API's own violations as field errors, search, update, delete.

mod common;

use common::accounts::{admin, journaled};
use common::auth::sandbox_env;
use common::ipc::Harness;
use common::mcp::{config, fields, inbox_mappings};
use kitbench_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn configs_are_checked_created_listed_updated_and_deleted() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let admin = admin(&h).await;

    // The API's rules, checked here: nothing is sent.
    admin.clear_journal();
    let bad = json!({"env_id": env, "input": config("Inbox Tools", json!([{"connection_name": "", "tools": []}]))});
    let err = h.try_call("create_mcp_config", bad).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(
        fields(&err),
        ["name", "connection_tool_mappings[0].connection_name"]
    );
    assert_eq!(journaled(&admin, "POST", "/api/v1/mcp/configs"), 0);

    // What only the server knows comes back next to the field it is about.
    let wrong_tool = json!([{"connection_name": "gmail", "tools": ["slack_send_message"]}]);
    let err = h
        .try_call(
            "create_mcp_config",
            json!({"env_id": env, "input": config("inbox-x", wrong_tool)}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation, "{err:?}");
    assert_eq!(fields(&err), ["connection_tool_mappings[0].tools[0]"]);
    assert!(
        err.fields[0].message.contains("slack_send_message"),
        "{err:?}"
    );
    assert_eq!(journaled(&admin, "POST", "/api/v1/mcp/configs"), 1);

    let created = h
        .call(
            "create_mcp_config",
            json!({"env_id": env, "input": config("inbox-tools", inbox_mappings())}),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["name"], "inbox-tools");
    assert_eq!(created["mappings"][0]["provider"], "gmail");
    assert_eq!(
        created["mappings"][0]["tools"],
        json!(["gmail_fetch_mails", "gmail_send_email"])
    );
    assert!(!created["mappings"][1]["connection_id"]
        .as_str()
        .unwrap()
        .is_empty());

    let dup = h
        .try_call(
            "create_mcp_config",
            json!({"env_id": env, "input": config("inbox-tools", json!([]))}),
        )
        .await
        .unwrap_err();
    assert_eq!(dup.kind, ErrorKind::Conflict, "{dup:?}");

    let page = h
        .call(
            "list_mcp_configs",
            json!({"env_id": env, "search": "inbox", "page_token": null}),
        )
        .await;
    let names: Vec<&str> = page["configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["inbox-tools"]);
    assert_eq!(page["total_size"], 1);
    let all = h
        .call(
            "list_mcp_configs",
            json!({"env_id": env, "search": null, "page_token": null}),
        )
        .await;
    assert!(
        all["total_size"].as_u64().unwrap() >= 2,
        "the seeded config too: {all}"
    );

    let got = h
        .call("get_mcp_config", json!({"env_id": env, "config_id": id}))
        .await;
    assert_eq!(got, created);

    let only_gmail = json!({"name": "inbox-tools", "description": "Just mail",
        "mappings": [{"connection_name": "gmail", "tools": ["gmail_fetch_mails"]}]});
    let updated = h
        .call(
            "update_mcp_config",
            json!({"env_id": env, "config_id": id, "input": only_gmail}),
        )
        .await;
    assert_eq!(updated["description"], "Just mail");
    assert_eq!(updated["mappings"].as_array().unwrap().len(), 1);
    let renamed = json!({"name": "other-name", "description": "", "mappings": []});
    let err = h
        .try_call(
            "update_mcp_config",
            json!({"env_id": env, "config_id": id, "input": renamed}),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["name"]);

    h.call("delete_mcp_config", json!({"env_id": env, "config_id": id}))
        .await;
    let err = h
        .try_call("get_mcp_config", json!({"env_id": env, "config_id": id}))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}
