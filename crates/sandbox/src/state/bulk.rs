//! Generated connected accounts, many at once (for measuring lists and the overview at scale):
//! spread over the catalog's connections, mostly `ACTIVE`, with realistic identifiers and
//! credentials of each connection's kind.

use super::AccountRecord;
use crate::catalog::Connector;
use agentkit_wire::connected_accounts::{
    AuthorizationDetails, ConnectedAccount, GoogleDwdAuth, OauthToken, StaticAuth,
};
use agentkit_wire::{ConnectorStatus, ConnectorType, JsonObject, Timestamp};
use rand::rngs::SmallRng;
use rand::Rng as _;
use serde_json::Value;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const FIRST: &[&str] = &[
    "alex", "maria", "james", "priya", "chen", "fatima", "lucas", "sofia", "omar", "emma", "noah",
    "aiko", "mateo", "zara", "liam", "ines", "ravi", "olga", "kwame", "lena",
];
const LAST: &[&str] = &[
    "smith", "garcia", "nguyen", "patel", "kim", "mueller", "rossi", "silva", "cohen", "okafor",
    "tanaka", "dubois", "novak", "larsen", "singh", "haddad", "lopez", "ivanova", "brown", "wong",
];
const DOMAINS: &[&str] = &[
    "acme.com",
    "globex.io",
    "initech.co",
    "umbrella.dev",
    "example.org",
    "hooli.com",
    "piedpiper.net",
    "stark.industries",
];

/// The status mix, in per-mille: mostly `ACTIVE`.
const STATUS_MIX: [(u32, ConnectorStatus); 5] = [
    (820, ConnectorStatus::Active),
    (80, ConnectorStatus::PendingAuth),
    (60, ConnectorStatus::Expired),
    (25, ConnectorStatus::PendingVerification),
    (15, ConnectorStatus::Disconnected),
];

/// How many organizations the scoped share of generated accounts belongs to.
const ORGANIZATIONS: u32 = 40;

/// `n` random letters and digits, ten per draw of the generator (62^10 < 2^64; the slight
/// bias does not matter for made-up tokens, and a debug build feels every draw).
fn alnum(rng: &mut SmallRng, n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        let mut bits: u64 = rng.random();
        for _ in 0..10.min(n - out.len()) {
            out.push(char::from(ALNUM[(bits % 62) as usize]));
            bits /= 62;
        }
    }
    out
}

fn pick<'a>(rng: &mut SmallRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

fn status(rng: &mut SmallRng) -> ConnectorStatus {
    let mut roll = rng.random_range(0..1000u32);
    for (share, status) in &STATUS_MIX {
        if roll < *share {
            return status.clone();
        }
        roll -= share;
    }
    ConnectorStatus::Active
}

/// An identifier unique to `n`: an email most of the time, else a provider-style user id.
fn identifier(rng: &mut SmallRng, n: u64) -> String {
    if rng.random_range(0..10) < 7 {
        let (first, last) = (pick(rng, FIRST), pick(rng, LAST));
        format!("{first}.{last}{n}@{}", pick(rng, DOMAINS))
    } else {
        format!("U{n:07}{}", alnum(rng, 4).to_ascii_uppercase())
    }
}

fn credentials(
    rng: &mut SmallRng,
    kind: &ConnectorType,
    identifier: &str,
    slug: &str,
    expires: Timestamp,
) -> AuthorizationDetails {
    let secret =
        |rng: &mut SmallRng, prefix: &str| Value::String(format!("{prefix}_{}", alnum(rng, 32)));
    match kind {
        ConnectorType::ApiKey | ConnectorType::BearerToken | ConnectorType::Basic => {
            let mut map = JsonObject::new();
            match kind {
                ConnectorType::ApiKey => map.insert("api_key".into(), secret(rng, "sbx_key")),
                ConnectorType::BearerToken => map.insert("token".into(), secret(rng, "sbx_bt")),
                _ => {
                    map.insert("username".into(), Value::String(identifier.to_string()));
                    map.insert("password".into(), secret(rng, "sbx_pw"))
                }
            };
            AuthorizationDetails {
                static_auth: Some(StaticAuth { details: map }),
                ..AuthorizationDetails::default()
            }
        }
        ConnectorType::GoogleDwd => AuthorizationDetails {
            google_dwd: Some(GoogleDwdAuth {
                subject: identifier.to_string(),
                access_token: format!("sbx_at_{}", alnum(rng, 32)),
                scopes: vec![format!("{slug}.read")],
                token_expires_at: Some(expires),
            }),
            ..AuthorizationDetails::default()
        },
        _ => AuthorizationDetails {
            oauth_token: Some(OauthToken {
                access_token: format!("sbx_at_{}", alnum(rng, 32)),
                refresh_token: format!("sbx_rt_{}", alnum(rng, 40)),
                scopes: vec![format!("{slug}.read"), format!("{slug}.write")],
                domain: String::new(),
            }),
            ..AuthorizationDetails::default()
        },
    }
}

/// One generated account with sequence number `seq` on `connector`, as of `now`.
pub(crate) fn account(
    rng: &mut SmallRng,
    seq: u64,
    connector: &Connector,
    now: Timestamp,
) -> AccountRecord {
    let status = status(rng);
    let identifier = identifier(rng, seq);
    let kind = connector.connector_type();
    let updated_at = now - chrono::Duration::seconds(rng.random_range(0..90 * 24 * 3600));
    let expiring = connector.uses_oauth_token() || kind == ConnectorType::GoogleDwd;
    let token_expires_at = match status {
        ConnectorStatus::Active if expiring => {
            Some(now + chrono::Duration::seconds(rng.random_range(60..3600)))
        }
        ConnectorStatus::Expired => Some(updated_at),
        _ => None,
    };
    let has_credentials = matches!(status, ConnectorStatus::Active | ConnectorStatus::Expired);
    let authorization_details = has_credentials.then(|| {
        credentials(
            rng,
            &kind,
            &identifier,
            &connector.slug,
            token_expires_at.unwrap_or(now),
        )
    });
    // A fifth of the accounts are scoped to an organization's user, as multi-tenant apps do.
    let scoped = rng.random_range(0..5) == 0;
    let organization_id =
        scoped.then(|| format!("org_{}", 70_000_000 + rng.random_range(0..ORGANIZATIONS)));
    let user_id = scoped.then(|| format!("usr_{}", alnum(rng, 16)));
    let last_used_at = (status == ConnectorStatus::Active && rng.random_range(0..2) == 0)
        .then(|| now - chrono::Duration::seconds(rng.random_range(0..7 * 24 * 3600)));
    AccountRecord {
        seq,
        account: ConnectedAccount {
            identifier,
            provider: connector.slug.clone(),
            status,
            authorization_type: kind,
            authorization_details,
            token_expires_at,
            updated_at: Some(updated_at),
            connector: connector.slug.clone(),
            last_used_at,
            id: format!("ca_{}", alnum(rng, 24)),
            connection_id: connector.connection_id.clone(),
            api_config: None,
            is_org_wide_credential: false,
        },
        organization_id,
        user_id,
    }
}
