//! MCP instances through `ipc::dispatch` against the built-in Sandbox: ensure, filters, the
//! masked URL and its reveal, rename and switch, auth state, authorizing a connection through the
//! deep link, snippets, production deletes.

mod common;

use common::auth::{consent, deliver, sandbox_env};
use common::ipc::Harness;
use common::mcp::{config, fields, inbox_mappings};
use kitbench_core::ErrorKind;
use serde_json::{json, Value};

/// An environment labelled production on the built-in Sandbox's URL and credentials.
async fn production_env(h: &Harness, sandbox: &str) -> String {
    let kit = h.cx.kit().await.unwrap();
    let secret = kit.secrets().get(sandbox).await.unwrap().unwrap();
    let envs = h.call("list_environments", json!({})).await;
    let env = envs
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == sandbox)
        .unwrap();
    let form = json!({"name": "Prod", "env_url": env["env_url"], "client_id": env["client_id"],
        "client_secret": secret, "label": "production"});
    let created = h.call("create_environment", json!({"input": form})).await;
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn instances_auth_state_authorize_snippets_and_deletes() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    h.call(
        "create_mcp_config",
        json!({"env_id": env, "input": config("inbox-tools", inbox_mappings())}),
    )
    .await;
    h.call(
        "create_mcp_config",
        json!({"env_id": env, "input": config("mail-only",
        json!([{"connection_name": "gmail", "tools": []}]))}),
    )
    .await;
    let user = "mcp-user@example.com";

    let err = h
        .try_call(
            "ensure_mcp_instance",
            json!({"env_id": env, "config_name": "", "user_identifier": " ", "name": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["config_name", "user_identifier"]);

    let ensure =
        json!({"env_id": env, "config_name": "inbox-tools", "user_identifier": user, "name": null});
    let inst = h.call("ensure_mcp_instance", ensure.clone()).await;
    let id = inst["id"].as_str().unwrap().to_string();
    assert_eq!(
        h.call("ensure_mcp_instance", ensure).await["id"],
        id,
        "ensure is idempotent"
    );
    assert_eq!(inst["config_name"], "inbox-tools");
    assert_eq!(inst["connections"], json!(["gmail", "slack"]));

    // The URL is masked everywhere but in the answer of the one command that reveals it.
    let url = h
        .call(
            "reveal_mcp_instance_url",
            json!({"env_id": env, "instance_id": id}),
        )
        .await;
    let url = url.as_str().unwrap().to_string();
    let token = url.rsplit('/').next().unwrap().to_string();
    assert!(url.contains("/mcp/v1/") && token.len() >= 16, "{url}");
    assert!(
        inst["url_masked"]
            .as_str()
            .unwrap()
            .ends_with("/mcp/v1/****"),
        "{inst}"
    );
    assert!(!inst.to_string().contains(&token));

    for filter in [
        json!({"user_identifier": user}),
        json!({"config_name": "inbox-tools", "user_identifier": user}),
        json!({"id": id}),
        json!({"name": inst["name"]}),
        json!({"search": "mcp-user"}),
    ] {
        let page = h
            .call(
                "list_mcp_instances",
                json!({"env_id": env, "filter": filter, "page_token": null}),
            )
            .await;
        assert_eq!(page["total_size"], 1, "{filter}: {page}");
        assert_eq!(page["instances"][0]["id"], id);
        assert!(!page.to_string().contains(&token));
    }
    let none = h
        .call(
            "list_mcp_instances",
            json!({"env_id": env, "filter": {"config_name": "mail-only"}, "page_token": null}),
        )
        .await;
    assert_eq!(none["total_size"], 0);

    let renamed = h
        .call("update_mcp_instance", json!({"env_id": env, "instance_id": id, "name": "Mail of mcp-user", "config_name": null}))
        .await;
    assert_eq!(renamed["name"], "Mail of mcp-user");
    let switched = h
        .call(
            "update_mcp_instance",
            json!({"env_id": env, "instance_id": id, "name": null, "config_name": "mail-only"}),
        )
        .await;
    assert_eq!(switched["config_name"], "mail-only");
    let back = h
        .call(
            "update_mcp_instance",
            json!({"env_id": env, "instance_id": id, "name": null, "config_name": "inbox-tools"}),
        )
        .await;
    assert_eq!(back["connections"], json!(["gmail", "slack"]));
    let got = h
        .call(
            "get_mcp_instance",
            json!({"env_id": env, "instance_id": id}),
        )
        .await;
    assert_eq!(got["name"], "Mail of mcp-user");

    // A new user: nothing authorized, links on request.
    let plain = h
        .call(
            "mcp_instance_auth_state",
            json!({"env_id": env, "instance_id": id, "include_links": false}),
        )
        .await;
    let plain = plain.as_array().unwrap();
    assert_eq!(plain.len(), 2);
    assert!(plain
        .iter()
        .all(|c| c["active"] == false && c["authentication_link"].is_null()));
    let linked = h
        .call(
            "mcp_instance_auth_state",
            json!({"env_id": env, "instance_id": id, "include_links": true}),
        )
        .await;
    for c in linked.as_array().unwrap() {
        assert_eq!(c["status"], "PENDING_AUTH", "{c}");
        assert!(
            c["authentication_link"]
                .as_str()
                .unwrap()
                .starts_with("http"),
            "{c}"
        );
        assert!(c["connected_account_id"]
            .as_str()
            .unwrap()
            .starts_with("ca_"));
    }

    // Authorize gmail through the app's deep link.
    let auth = h
        .call(
            "authorize_mcp_connection",
            json!({"env_id": env, "instance_id": id, "connection_name": "gmail"}),
        )
        .await;
    assert_eq!(auth["status"], "pending");
    let link = auth["link"].as_str().unwrap().to_string();
    let back_to_app = consent(&link, "allow").await;
    assert!(
        back_to_app.starts_with("kitbench://auth/verify"),
        "{back_to_app}"
    );
    let outcome = deliver(&h, &back_to_app).await;
    assert_eq!(outcome["kind"], "verified", "{outcome}");
    let after = h
        .call(
            "mcp_instance_auth_state",
            json!({"env_id": env, "instance_id": id, "include_links": false}),
        )
        .await;
    let by_name = |n: &str| {
        after
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["connection_name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("gmail")["status"], "ACTIVE");
    assert_eq!(by_name("gmail")["active"], true);
    assert_eq!(by_name("slack")["active"], false);
    let err = h
        .try_call(
            "authorize_mcp_connection",
            json!({"env_id": env, "instance_id": id, "connection_name": "github"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);

    // Snippets: masked unless asked to reveal.
    let masked = h
        .call(
            "mcp_client_snippets",
            json!({"env_id": env, "instance_id": id, "reveal": false}),
        )
        .await;
    assert_eq!(masked.as_array().unwrap().len(), 4);
    assert!(!masked.to_string().contains(&token));
    let shown = h
        .call(
            "mcp_client_snippets",
            json!({"env_id": env, "instance_id": id, "reveal": true}),
        )
        .await;
    let cursor = shown
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["client"] == "cursor")
        .unwrap();
    let parsed: Value = serde_json::from_str(cursor["text"].as_str().unwrap()).unwrap();
    assert_eq!(parsed["mcpServers"]["Mail-of-mcp-user"]["url"], url);
    let claude = shown
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["client"] == "claude_code")
        .unwrap();
    assert_eq!(
        claude["text"],
        format!("claude mcp add --transport http 'Mail-of-mcp-user' '{url}'")
    );

    // Production: the identifier must be typed.
    let prod = production_env(&h, &env).await;
    let err = h
        .try_call(
            "delete_mcp_instance",
            json!({"env_id": prod, "instance_id": id, "confirm_identifier": "someone-else"}),
        )
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["confirm_identifier"]);
    h.call(
        "delete_mcp_instance",
        json!({"env_id": prod, "instance_id": id, "confirm_identifier": user}),
    )
    .await;
    let err = h
        .try_call(
            "get_mcp_instance",
            json!({"env_id": env, "instance_id": id}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}
