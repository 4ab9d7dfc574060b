//! Connected accounts through `ipc::dispatch`: pages of 99 with server-side filters, detail,
//! credentials on request, create (OAuth pending, API key / bearer / basic active),
//! get-or-create and update.

mod common;

use std::collections::BTreeSet;

use common::accounts::{admin, create, ids, input, journaled, no_filter, sandbox_env};
use common::ipc::Harness;
use kitbench_core::ErrorKind;
use serde_json::{json, Value};

const SEEDED: u64 = 6;
const LIST: &str = "/api/v1/connected_accounts";

async fn list(h: &Harness, env: &str, filter: Value, token: Option<&str>) -> Value {
    h.call(
        "list_accounts",
        json!({"env_id": env, "filter": filter, "page_token": token}),
    )
    .await
}

#[tokio::test]
async fn pages_of_99_with_server_side_filters_never_walk() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    h.call("sandbox_seed_accounts", json!({"count": 500})).await;
    let admin = admin(&h).await;
    admin.clear_journal();

    let first = list(&h, &env, no_filter(), None).await;
    assert_eq!(first["total_size"].as_u64(), Some(500 + SEEDED));
    assert_eq!(ids(&first).len(), 99);
    assert_eq!(journaled(&admin, "GET", LIST), 1, "one page, one call");
    let token = first["next_page_token"].as_str().unwrap();
    let second = list(&h, &env, no_filter(), Some(token)).await;
    assert_eq!(ids(&second).len(), 99);
    let seen: BTreeSet<String> = ids(&first).into_iter().collect();
    assert!(ids(&second).iter().all(|id| !seen.contains(id)));
    assert_eq!(journaled(&admin, "GET", LIST), 2);

    // Each filter is the server's: every row matches and total_size counts the matches only.
    let by = |field: &str, value: &str| {
        let mut f = no_filter();
        f[field] = json!(value);
        f
    };
    let gmail = list(&h, &env, by("connection", "gmail"), None).await;
    let total = gmail["total_size"].as_u64().unwrap();
    assert!(total > 0 && total < 500 + SEEDED, "{total}");
    for row in gmail["accounts"].as_array().unwrap() {
        assert_eq!(row["connection"], "gmail");
    }
    let carol = list(&h, &env, by("identifier", "carol@example.com"), None).await;
    assert_eq!(carol["total_size"].as_u64(), Some(1));
    assert_eq!(carol["accounts"][0]["connection"], "github");
    assert!(carol["next_page_token"].is_null());
    let slack = list(&h, &env, by("provider", "slack"), None).await;
    assert!(slack["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["provider"] == "slack"));
    let text = list(&h, &env, by("query", "carol@exam"), None).await;
    assert!(ids(&text).contains(&ids(&carol)[0]));
    assert_eq!(
        journaled(&admin, "GET", LIST),
        6,
        "one call per page asked for"
    );

    let err = h
        .try_call(
            "list_accounts",
            json!({"env_id": env, "filter": by("connection", "a/b"), "page_token": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind, err.fields[0].field.as_str()),
        (ErrorKind::Validation, "connection")
    );
}

#[tokio::test]
async fn detail_and_credentials_on_request() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let filter = json!({"connection": "gmail", "identifier": "alice@example.com", "provider": null, "query": null});
    let page = list(&h, &env, filter, None).await;
    let id = ids(&page)[0].clone();

    let account = h
        .call("get_account", json!({"env_id": env, "account_id": id}))
        .await;
    assert_eq!(account["id"], id.as_str());
    assert_eq!(account["status"], "ACTIVE");
    assert_eq!(account["auth_type"], "OAUTH");
    assert_eq!(account["connection"], "gmail");
    assert_eq!(account["token_expires_at"], "2030-01-01T00:00:00Z");
    assert_eq!(account["updated_at"], "2026-01-15T09:00:00Z");
    assert!(account.get("authorization_details").is_none());

    let auth = h
        .call("get_account_auth", json!({"env_id": env, "account_id": id}))
        .await;
    assert_eq!(auth["auth_type"], "OAUTH");
    let fields = auth["fields"].as_array().unwrap();
    let get = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
    assert_eq!(get("access_token")["secret"], true);
    assert!(get("access_token")["value"]
        .as_str()
        .unwrap()
        .starts_with("sbx_at_"));
    assert_eq!(get("refresh_token")["secret"], true);
    assert_eq!(get("scopes")["secret"], false);
    assert_eq!(get("scopes")["value"], "gmail.read gmail.write");

    let bad = h
        .try_call("get_account", json!({"env_id": env, "account_id": "oops"}))
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, "account_id");
    let gone = h
        .try_call(
            "get_account",
            json!({"env_id": env, "account_id": "ca_nosuchaccount"}),
        )
        .await
        .unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound, "{gone:?}");
}

#[tokio::test]
async fn create_by_kind_checks_first_and_get_or_create_is_stable() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let admin = admin(&h).await;

    let oauth = create(
        &h,
        &env,
        input("github", "new@example.com", json!({"kind": "oauth"})),
    )
    .await;
    assert_eq!(
        (oauth["status"].as_str(), oauth["auth_type"].as_str()),
        (Some("PENDING_AUTH"), Some("OAUTH"))
    );

    let key = json!({"kind": "api_key", "api_key": "exa-key-123"});
    let keyed = create(&h, &env, input("exa", "new@example.com", key)).await;
    assert_eq!(
        (keyed["status"].as_str(), keyed["auth_type"].as_str()),
        (Some("ACTIVE"), Some("API_KEY"))
    );
    let auth = h
        .call(
            "get_account_auth",
            json!({"env_id": env, "account_id": keyed["id"]}),
        )
        .await;
    assert_eq!(
        auth["fields"],
        json!([{"name": "api_key", "value": "exa-key-123", "secret": true}])
    );

    let bearer = json!({"kind": "bearer", "token": "bt-1"});
    let b = create(&h, &env, input("affinity", "new@example.com", bearer)).await;
    assert_eq!(
        (b["status"].as_str(), b["auth_type"].as_str()),
        (Some("ACTIVE"), Some("BEARER_TOKEN"))
    );
    let basic = json!({"kind": "basic", "username": "ann", "password": "pw-1"});
    let b = create(&h, &env, input("freshdesk", "new@example.com", basic)).await;
    assert_eq!(b["status"], "ACTIVE");
    let auth = h
        .call(
            "get_account_auth",
            json!({"env_id": env, "account_id": b["id"]}),
        )
        .await;
    let flags: Vec<(&str, bool)> = auth["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["secret"].as_bool().unwrap()))
        .collect();
    assert!(
        flags.contains(&("username", false)) && flags.contains(&("password", true)),
        "{flags:?}"
    );

    // Refused before any create is sent: blank fields, the wrong kind, an unknown connection.
    admin.clear_journal();
    let refuse = |form: Value| {
        let h = &h;
        let env = env.clone();
        async move {
            let err = h
                .try_call("create_account", json!({"env_id": env, "input": form}))
                .await
                .unwrap_err();
            assert_eq!(err.kind, ErrorKind::Validation, "{err:?}");
            err.fields
                .iter()
                .map(|f| f.field.clone())
                .collect::<Vec<_>>()
        }
    };
    let blank = json!({"kind": "api_key", "api_key": " "});
    assert_eq!(
        refuse(input("exa", "", blank)).await,
        ["identifier", "api_key"]
    );
    let basic = json!({"kind": "basic", "username": "", "password": ""});
    assert_eq!(
        refuse(input("freshdesk", "x", basic)).await,
        ["username", "password"]
    );
    let wrong = json!({"kind": "api_key", "api_key": "k"});
    assert_eq!(
        refuse(input("github", "x@example.com", wrong)).await,
        ["credentials"]
    );
    let oauth = json!({"kind": "oauth"});
    assert_eq!(
        refuse(input("no-such-connection", "x", oauth)).await,
        ["connection"]
    );
    let mut config = input("github", "x", json!({"kind": "oauth"}));
    config["api_config"] = json!([1]);
    assert_eq!(refuse(config).await, ["api_config"]);
    assert_eq!(journaled(&admin, "POST", "/api/v1/connected_accounts"), 0);

    let form = input("slack", "goc@example.com", json!({"kind": "oauth"}));
    let once = h
        .call(
            "get_or_create_account",
            json!({"env_id": env, "input": form}),
        )
        .await;
    let twice = h
        .call(
            "get_or_create_account",
            json!({"env_id": env, "input": form}),
        )
        .await;
    assert_eq!(once["id"], twice["id"]);
    assert_eq!(once["status"], "PENDING_AUTH");
    assert_eq!(journaled(&admin, "POST", "/api/v1/connected_accounts"), 1);
}

#[tokio::test]
async fn update_replaces_credentials_and_api_config() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let key = json!({"kind": "api_key", "api_key": "old-key"});
    let id = create(&h, &env, input("exa", "upd@example.com", key)).await["id"].clone();

    let update = |credentials: Value, config: Value| json!({"env_id": env, "account_id": id, "input": {"credentials": credentials, "api_config": config}});
    let new_key = json!({"kind": "api_key", "api_key": "new-key"});
    h.call("update_account", update(new_key, Value::Null)).await;
    let auth = h
        .call("get_account_auth", json!({"env_id": env, "account_id": id}))
        .await;
    assert_eq!(auth["fields"][0]["value"], "new-key");

    let config = json!({"base_url": "https://api.exa.example", "timeout": 5});
    let updated = h
        .call("update_account", update(Value::Null, config.clone()))
        .await;
    assert_eq!(updated["api_config"], config);
    let again = h
        .call("get_account", json!({"env_id": env, "account_id": id}))
        .await;
    assert_eq!(again["api_config"], config);

    for (credentials, field) in [
        (json!({"kind": "bearer", "token": "t"}), "credentials"),
        (json!({"kind": "oauth"}), "credentials"),
        (Value::Null, "credentials"),
        (json!({"kind": "api_key", "api_key": ""}), "api_key"),
    ] {
        let err = h
            .try_call("update_account", update(credentials, Value::Null))
            .await
            .unwrap_err();
        assert_eq!(err.fields[0].field, field, "{err:?}");
    }
}
