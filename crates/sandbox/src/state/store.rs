//! The mutable data of a Sandbox. Its maps record what each write changed
//! ([`Store::take_changes`]), which is what the database is sent.

use super::tracked::Tracked;
use super::{AccountRecord, AuthLink, McpConfigRecord, McpInstanceRecord, Verification};
use agentkit_wire::providers::Provider;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Format version of the (JSON) data file of earlier versions, which start-up migrates.
pub(crate) const STORE_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Store {
    pub version: u32,
    pub next_seq: u64,
    pub accounts: Tracked<HashMap<String, AccountRecord>>,
    /// Custom providers by identifier.
    pub custom_providers: Tracked<BTreeMap<String, Provider>>,
    pub mcp_configs: Tracked<BTreeMap<String, McpConfigRecord>>,
    pub mcp_instances: Tracked<BTreeMap<String, McpInstanceRecord>>,
    /// Magic links by the token in their URL.
    pub auth_links: Tracked<HashMap<String, AuthLink>>,
    /// Consents waiting for verification, by `auth_request_id`.
    pub verifications: Tracked<HashMap<String, Verification>>,
    /// Set when the whole store was replaced (reset): written whole.
    #[serde(skip)]
    replaced: bool,
    /// Account ids by lower-case connection name, then identifier: nested so that lookups
    /// borrow the request's strings instead of building a key.
    #[serde(skip)]
    by_key: HashMap<String, HashMap<String, String>>,
    #[serde(skip)]
    by_token: HashMap<String, String>,
    /// `(seq, id)` of every account, sorted by `seq`: list order without sorting per request.
    #[serde(skip)]
    order: Vec<(u64, String)>,
}

fn lower(connector: &str) -> std::borrow::Cow<'_, str> {
    if connector.bytes().any(|b| b.is_ascii_uppercase()) {
        connector.to_ascii_lowercase().into()
    } else {
        connector.into()
    }
}

/// What writes changed since the last [`Store::take_changes`]: each key with its value now,
/// `None` for a removed one.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Every table is to be emptied first (the store was replaced whole).
    pub all: bool,
    pub next_seq: u64,
    pub accounts: Vec<(String, Option<AccountRecord>)>,
    pub custom_providers: Vec<(String, Option<Provider>)>,
    pub mcp_configs: Vec<(String, Option<McpConfigRecord>)>,
    pub mcp_instances: Vec<(String, Option<McpInstanceRecord>)>,
    pub auth_links: Vec<(String, Option<AuthLink>)>,
    pub verifications: Vec<(String, Option<Verification>)>,
}

impl Changes {
    /// Rows to write.
    pub(crate) fn rows(&self) -> usize {
        self.accounts.len()
            + self.custom_providers.len()
            + self.mcp_configs.len()
            + self.mcp_instances.len()
            + self.auth_links.len()
            + self.verifications.len()
    }
}

impl Store {
    /// Replaces the whole store; the next [`Self::take_changes`] writes it whole.
    pub(crate) fn replace(&mut self, other: Store) {
        *self = other;
        self.replaced = true;
    }

    /// What changed since the last call, and forgets it.
    pub(crate) fn take_changes(&mut self) -> Changes {
        if std::mem::take(&mut self.replaced) {
            self.forget_changes();
            return Changes {
                all: true,
                next_seq: self.next_seq,
                accounts: self.accounts.all(),
                custom_providers: self.custom_providers.all(),
                mcp_configs: self.mcp_configs.all(),
                mcp_instances: self.mcp_instances.all(),
                auth_links: self.auth_links.all(),
                verifications: self.verifications.all(),
            };
        }
        Changes {
            all: false,
            next_seq: self.next_seq,
            accounts: self.accounts.take_changes(),
            custom_providers: self.custom_providers.take_changes(),
            mcp_configs: self.mcp_configs.take_changes(),
            mcp_instances: self.mcp_instances.take_changes(),
            auth_links: self.auth_links.take_changes(),
            verifications: self.verifications.take_changes(),
        }
    }

    /// Forgets what changed (an in-memory Sandbox writes nothing).
    pub(crate) fn forget_changes(&mut self) {
        self.replaced = false;
        self.accounts.forget_changes();
        self.custom_providers.forget_changes();
        self.mcp_configs.forget_changes();
        self.mcp_instances.forget_changes();
        self.auth_links.forget_changes();
        self.verifications.forget_changes();
    }

    /// Rebuilds the lookup indexes after loading or replacing the data.
    pub(crate) fn reindex(&mut self) {
        self.by_key.clear();
        let ids: Vec<(String, String, String)> = self
            .accounts
            .values()
            .map(|r| {
                let a = &r.account;
                (a.connector.clone(), a.identifier.clone(), a.id.clone())
            })
            .collect();
        for (connector, identifier, id) in ids {
            self.index(&connector, identifier, id);
        }
        self.order = self
            .accounts
            .values()
            .map(|r| (r.seq, r.account.id.clone()))
            .collect();
        self.order.sort_unstable();
        self.by_token = self
            .mcp_instances
            .values()
            .map(|i| (i.token.clone(), i.id.clone()))
            .collect();
    }

    fn index(&mut self, connector: &str, identifier: String, id: String) {
        self.by_key
            .entry(lower(connector).into_owned())
            .or_default()
            .insert(identifier, id);
    }

    /// Points stored server URLs at this Sandbox: a data file may come from a run on another
    /// port.
    pub(crate) fn rebase(&mut self, url: &str) {
        self.mcp_configs.update_derived(|record| {
            let c = &mut record.config;
            c.mcp_server_url = format!("{url}/mcp/v3/servers/{}", c.id);
        });
    }

    /// Takes `n` sequence numbers at once and answers the first.
    pub(crate) fn reserve_seqs(&mut self, n: u64) -> u64 {
        let first = self.next_seq + 1;
        self.next_seq += n;
        first
    }

    /// Makes room for `n` more accounts.
    pub(crate) fn reserve_accounts(&mut self, n: usize) {
        self.accounts.reserve(n);
        self.order.reserve(n);
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub(crate) fn account(&self, id: &str) -> Option<&AccountRecord> {
        self.accounts.get(id)
    }

    pub(crate) fn account_mut(&mut self, id: &str) -> Option<&mut AccountRecord> {
        self.accounts.get_mut(id)
    }

    /// The account of `identifier` on the connection named `connector` (case-insensitive).
    pub(crate) fn account_by_key(
        &self,
        connector: &str,
        identifier: &str,
    ) -> Option<&AccountRecord> {
        self.by_key
            .get(lower(connector).as_ref())
            .and_then(|by_identifier| by_identifier.get(identifier))
            .and_then(|id| self.accounts.get(id))
    }

    pub(crate) fn insert_account(&mut self, record: AccountRecord) {
        let a = &record.account;
        let (connector, identifier, id) = (a.connector.clone(), a.identifier.clone(), a.id.clone());
        self.index(&connector, identifier, id.clone());
        let seq = record.seq;
        if let Some(old) = self.accounts.insert(id.clone(), record) {
            self.unorder(old.seq);
        }
        match self.order.last() {
            Some((last, _)) if *last >= seq => {
                let at = self.order.partition_point(|(s, _)| *s < seq);
                self.order.insert(at, (seq, id));
            }
            _ => self.order.push((seq, id)),
        }
    }

    fn unorder(&mut self, seq: u64) {
        if let Ok(at) = self.order.binary_search_by_key(&seq, |(s, _)| *s) {
            self.order.remove(at);
        }
    }

    /// Removes an account and the magic links that would authorize it.
    pub(crate) fn remove_account(&mut self, id: &str) -> Option<AccountRecord> {
        let record = self.accounts.remove(id)?;
        self.unorder(record.seq);
        let a = &record.account;
        if let Some(by_identifier) = self.by_key.get_mut(lower(&a.connector).as_ref()) {
            by_identifier.remove(&a.identifier);
        }
        self.auth_links.retain(|_, l| l.account_id != id);
        self.verifications.retain(|_, v| v.account_id != id);
        Some(record)
    }

    /// The accounts at positions `range` of the creation order.
    pub(crate) fn accounts_at(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &AccountRecord> {
        let end = range.end.min(self.order.len());
        let start = range.start.min(end);
        self.order[start..end]
            .iter()
            .filter_map(|(_, id)| self.accounts.get(id))
    }

    /// The accounts of one identifier, in creation order.
    pub(crate) fn accounts_of(&self, identifier: &str) -> Vec<&AccountRecord> {
        let mut all: Vec<&AccountRecord> = self
            .accounts
            .values()
            .filter(|r| r.account.identifier == identifier)
            .collect();
        all.sort_by_key(|r| r.seq);
        all
    }

    pub(crate) fn config_by_name(&self, name: &str) -> Option<&McpConfigRecord> {
        self.mcp_configs.values().find(|c| c.config.name == name)
    }

    pub(crate) fn instance_by_token(&self, token: &str) -> Option<&McpInstanceRecord> {
        self.by_token
            .get(token)
            .and_then(|id| self.mcp_instances.get(id))
    }

    pub(crate) fn insert_instance(&mut self, record: McpInstanceRecord) {
        self.by_token
            .insert(record.token.clone(), record.id.clone());
        self.mcp_instances.insert(record.id.clone(), record);
    }

    pub(crate) fn remove_instance(&mut self, id: &str) -> Option<McpInstanceRecord> {
        let record = self.mcp_instances.remove(id)?;
        self.by_token.remove(&record.token);
        Some(record)
    }

    /// How many accounts are in each status.
    pub(crate) fn status_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for r in self.accounts.values() {
            *counts
                .entry(r.account.status.as_str().to_string())
                .or_insert(0) += 1;
        }
        counts
    }
}
