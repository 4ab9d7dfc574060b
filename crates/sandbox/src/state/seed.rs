//! The deterministic seed: a few connected accounts across gmail, slack and github in mixed
//! states, and one MCP config with one instance, so a new user sees data right away.

use super::store::STORE_VERSION;
use super::{AccountRecord, McpConfigRecord, McpInstanceRecord, Store};
use crate::catalog::Catalog;
use crate::ids;
use agentkit_wire::connected_accounts::{AuthorizationDetails, ConnectedAccount, OauthToken};
use agentkit_wire::mcp::{McpConfig, McpConfigConnectionToolMapping};
use agentkit_wire::{ConnectorStatus, Timestamp};

/// Every seeded object was "created" at this instant.
pub(crate) fn seed_time() -> Timestamp {
    fixed("2026-01-15T09:00:00Z")
}

fn fixed(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

const SEED_ACCOUNTS: &[(&str, &str, ConnectorStatus)] = &[
    ("alice@example.com", "gmail", ConnectorStatus::Active),
    ("alice@example.com", "slack", ConnectorStatus::Active),
    ("alice@example.com", "github", ConnectorStatus::PendingAuth),
    ("bob@example.com", "gmail", ConnectorStatus::Expired),
    ("bob@example.com", "slack", ConnectorStatus::PendingAuth),
    ("carol@example.com", "github", ConnectorStatus::Active),
];

const SEED_CONFIG: &str = "sandbox-assistant";
const SEED_USER: &str = "alice@example.com";
const SEED_TOOLS: &[(&str, &[&str])] = &[
    (
        "gmail",
        &["gmail_fetch_mails", "gmail_get_message", "gmail_send_email"],
    ),
    ("slack", &["slack_list_channels", "slack_send_message"]),
];

pub(super) fn seed(catalog: &Catalog, url: &str, secret: &str) -> Store {
    let mut store = Store::default();
    store.version = STORE_VERSION;
    for (identifier, slug, status) in SEED_ACCOUNTS {
        let Some(connector) = catalog.connector(slug) else {
            continue;
        };
        let seed_key = format!("seed:{slug}:{identifier}");
        let credentials = *status != ConnectorStatus::PendingAuth;
        let account = ConnectedAccount {
            identifier: identifier.to_string(),
            provider: connector.slug.clone(),
            status: status.clone(),
            authorization_type: connector.connector_type(),
            authorization_details: credentials.then(|| AuthorizationDetails {
                oauth_token: Some(OauthToken {
                    access_token: format!("sbx_at_{}", ids::stable_alnum(&seed_key, 32)),
                    refresh_token: format!("sbx_rt_{}", ids::stable_alnum(&seed_key, 40)),
                    scopes: vec![format!("{slug}.read"), format!("{slug}.write")],
                    domain: String::new(),
                }),
                ..AuthorizationDetails::default()
            }),
            token_expires_at: match status {
                ConnectorStatus::Active => Some(fixed("2030-01-01T00:00:00Z")),
                ConnectorStatus::Expired => Some(fixed("2026-01-15T10:00:00Z")),
                _ => None,
            },
            updated_at: Some(seed_time()),
            connector: connector.slug.clone(),
            last_used_at: None,
            id: format!("ca_{}", ids::stable_alnum(&seed_key, 24)),
            connection_id: connector.connection_id.clone(),
            api_config: None,
            is_org_wide_credential: false,
        };
        let seq = store.next_seq();
        store.insert_account(AccountRecord {
            seq,
            account,
            organization_id: None,
            user_id: None,
        });
    }
    let mappings: Vec<McpConfigConnectionToolMapping> = SEED_TOOLS
        .iter()
        .filter_map(|(slug, preferred)| {
            let connector = catalog.connector(slug)?;
            let mut tools: Vec<String> = preferred
                .iter()
                .filter(|t| catalog.tool(t).is_some())
                .map(|t| t.to_string())
                .collect();
            if tools.is_empty() {
                tools = catalog
                    .provider_tools(slug)
                    .take(2)
                    .map(|t| t.name.clone())
                    .collect();
            }
            Some(McpConfigConnectionToolMapping {
                connection_id: connector.connection_id.clone(),
                connection_name: connector.slug.clone(),
                provider: connector.slug.clone(),
                tools,
                connected_account_id: None,
                connected_account_status: None,
            })
        })
        .collect();
    if mappings.is_empty() {
        return store;
    }
    let config_id = ids::stable_uuid(&format!("mcp-config:{SEED_CONFIG}"));
    let seq = store.next_seq();
    store.mcp_configs.insert(
        config_id.clone(),
        McpConfigRecord {
            seq,
            config: McpConfig {
                id: config_id.clone(),
                name: SEED_CONFIG.to_string(),
                description: "Seeded by the Sandbox: read and send mail, read and post in Slack"
                    .to_string(),
                connection_tool_mappings: mappings,
                mcp_server_url: format!("{url}/mcp/v3/servers/{config_id}"),
            },
        },
    );
    let seq = store.next_seq();
    store.insert_instance(McpInstanceRecord {
        seq,
        id: ids::stable_uuid(&format!("mcp-instance:{SEED_CONFIG}:{SEED_USER}")),
        name: format!("{SEED_CONFIG}-{SEED_USER}"),
        user_identifier: SEED_USER.to_string(),
        config_id,
        token: ids::stable_alnum(&format!("{secret}:mcp-instance:{SEED_USER}"), 32),
        last_used_at: None,
        updated_at: seed_time(),
    });
    store
}
