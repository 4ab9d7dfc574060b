//! Connected accounts: create/get/details/update/list/search/delete, get-or-create, and walking
//! every page of 1,000 accounts.

mod common;

use agentkit::wire::connected_accounts::{
    AccountRef, ListConnectedAccountsRequest, SearchConnectedAccountsRequest,
    UpdateConnectedAccountRequest,
};
use agentkit::wire::ConnectorStatus;
use agentkit::ErrorKind;
use common::{create_account, oauth_input, start};
use std::collections::HashSet;

#[tokio::test]
async fn account_lifecycle() {
    let env = start().await;
    let c = &env.client;
    let created = create_account(c, "gmail", "life@example.com", false).await;
    assert!(created.id.starts_with("ca_"), "{}", created.id);
    assert_eq!(created.connector, "gmail");
    assert_eq!(created.identifier, "life@example.com");
    assert_eq!(created.status, ConnectorStatus::PendingAuth);

    let by_name = AccountRef::by_identifier("gmail", "life@example.com");
    let got = c.get_connected_account(&by_name).await.unwrap();
    assert_eq!(got.id, created.id);
    let details = c
        .get_connected_account_details(&AccountRef::by_id(&created.id))
        .await
        .unwrap();
    assert_eq!(details.id, created.id);

    let updated = c
        .update_connected_account(&UpdateConnectedAccountRequest {
            id: Some(created.id.clone()),
            connected_account: Some(oauth_input("at-updated")),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(updated.status, ConnectorStatus::Active);
    let with_auth = c.get_connected_account(&by_name).await.unwrap();
    let token = with_auth
        .authorization_details
        .and_then(|d| d.oauth_token)
        .unwrap();
    assert_eq!(token.access_token, "at-updated");

    let page = c
        .list_connected_accounts(&ListConnectedAccountsRequest {
            connector: Some("gmail".into()),
            identifier: Some("life@example.com".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.connected_accounts.len(), 1);
    assert_eq!(page.connected_accounts[0].id, created.id);

    let found = c
        .search_connected_accounts(&SearchConnectedAccountsRequest {
            query: "life@exa".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(found.connected_accounts.iter().any(|a| a.id == created.id));

    c.delete_connected_account(&AccountRef::by_id(&created.id))
        .await
        .unwrap();
    let err = c.get_connected_account(&by_name).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = c
        .delete_connected_account(&AccountRef::by_id(&created.id))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn get_or_create_follows_the_sdks() {
    let env = start().await;
    let c = &env.client;
    let first = c
        .get_or_create_connected_account("slack", "goc@example.com", None)
        .await
        .unwrap();
    assert_eq!(first.status, ConnectorStatus::PendingAuth);
    let again = c
        .get_or_create_connected_account("slack", "goc@example.com", None)
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    let activated = c
        .get_or_create_connected_account("slack", "goc@example.com", Some(oauth_input("at-1")))
        .await
        .unwrap();
    assert_eq!(activated.id, first.id);
    assert_eq!(activated.status, ConnectorStatus::Active);
    let fresh = c
        .get_or_create_connected_account("github", "goc@example.com", Some(oauth_input("at-2")))
        .await
        .unwrap();
    assert_ne!(fresh.id, first.id);
    assert_eq!(fresh.status, ConnectorStatus::Active);
    let err = c
        .get_or_create_connected_account("no-such-connector", "goc@example.com", None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
}

#[tokio::test]
async fn every_page_of_a_thousand_accounts() {
    let env = start().await;
    let connector = "notion";
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let client = env.client.clone();
        tasks.spawn(async move {
            for i in (worker..1000).step_by(8) {
                create_account(
                    &client,
                    connector,
                    &format!("user{i:04}@example.com"),
                    false,
                )
                .await;
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }

    let filter = ListConnectedAccountsRequest {
        connector: Some(connector.into()),
        ..Default::default()
    };
    let all = env
        .client
        .list_all_connected_accounts(&filter)
        .await
        .unwrap();
    assert_eq!(all.len(), 1000);
    let ids: HashSet<_> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 1000, "no account twice");
    let identifiers: HashSet<_> = all.iter().map(|a| a.identifier.as_str()).collect();
    assert!(identifiers.contains("user0000@example.com"));
    assert!(identifiers.contains("user0999@example.com"));

    let mut small_pages = filter.clone();
    small_pages.page_size = Some(37);
    let first = env
        .client
        .list_connected_accounts(&small_pages)
        .await
        .unwrap();
    assert_eq!(first.connected_accounts.len(), 37);
    assert_eq!(first.total_size, 1000);
    assert!(!first.next_page_token.is_empty());
    let walked = env
        .client
        .list_all_connected_accounts(&small_pages)
        .await
        .unwrap();
    assert_eq!(walked.len(), 1000);
    let page_calls = env
        .sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.path.contains("page_size=37"))
        .count();
    assert_eq!(page_calls, 1 + 28, "one probe plus ceil(1000 / 37) pages");
}
