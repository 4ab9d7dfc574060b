//! `ListConnectedAccounts` and `SearchConnectedAccounts`, built to stay fast at 100,000
//! accounts: an unfiltered page is cut straight out of the creation-order index, a filtered
//! one scans the accounts once without allocating per account and sorts only the matches.

use super::Paging;
use crate::http::{json, ApiRequest, ApiResult};
use crate::state::{AccountRecord, AppState, Store};
use crate::validate::{Checks, Pattern};
use agentkit_wire::connected_accounts::{
    ConnectedAccount, ConnectedAccountForList, ListConnectedAccountsRequest,
    ListConnectedAccountsResponse, SearchConnectedAccountsRequest, SearchConnectedAccountsResponse,
};

/// Default page size of account lists (the API allows up to 99).
const DEFAULT_PAGE: usize = 20;

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// A list request's filters, read once.
struct Filter<'q> {
    connector: Option<&'q str>,
    identifier: Option<&'q str>,
    provider: Option<&'q str>,
    organization_id: Option<&'q str>,
    user_id: Option<&'q str>,
    org_wide: Option<bool>,
    connection_names: &'q [String],
    connection_id: Option<&'q str>,
    /// Lower-case.
    needle: Option<String>,
}

impl<'q> Filter<'q> {
    fn of_list(q: &'q ListConnectedAccountsRequest) -> Self {
        Self {
            connector: nonempty(&q.connector),
            identifier: nonempty(&q.identifier),
            provider: nonempty(&q.provider),
            organization_id: nonempty(&q.organization_id),
            user_id: nonempty(&q.user_id),
            org_wide: q.is_org_wide_credential,
            connection_names: &q.connection_names,
            connection_id: None,
            needle: nonempty(&q.query).map(str::to_ascii_lowercase),
        }
    }

    fn of_search(q: &'q SearchConnectedAccountsRequest) -> Self {
        Self {
            connector: None,
            identifier: None,
            provider: None,
            organization_id: None,
            user_id: None,
            org_wide: None,
            connection_names: &[],
            connection_id: nonempty(&q.connection_id),
            needle: Some(q.query.to_ascii_lowercase()),
        }
    }

    fn is_empty(&self) -> bool {
        self.connector.is_none()
            && self.identifier.is_none()
            && self.provider.is_none()
            && self.organization_id.is_none()
            && self.user_id.is_none()
            && self.org_wide.is_none()
            && self.connection_names.is_empty()
            && self.connection_id.is_none()
            && self.needle.is_none()
    }

    fn matches(&self, r: &AccountRecord) -> bool {
        let a = &r.account;
        self.connector
            .is_none_or(|c| a.connector.eq_ignore_ascii_case(c))
            && self.identifier.is_none_or(|i| a.identifier == i)
            && self
                .provider
                .is_none_or(|p| a.provider.eq_ignore_ascii_case(p))
            && self
                .organization_id
                .is_none_or(|o| r.organization_id.as_deref() == Some(o))
            && self.user_id.is_none_or(|u| r.user_id.as_deref() == Some(u))
            && self.org_wide.is_none_or(|w| a.is_org_wide_credential == w)
            && self.connection_id.is_none_or(|c| a.connection_id == c)
            && (self.connection_names.is_empty()
                || self
                    .connection_names
                    .iter()
                    .any(|n| a.connector.eq_ignore_ascii_case(n)))
            && self.needle.as_deref().is_none_or(|n| contains_any(a, n))
    }

    /// The page of matching accounts, in creation order.
    fn page<'s>(
        &self,
        store: &'s Store,
        paging: &Paging,
    ) -> (Vec<&'s AccountRecord>, super::paging::PageTokens) {
        if self.is_empty() {
            let (range, tokens) = paging.range(store.accounts.len());
            return (store.accounts_at(range).collect(), tokens);
        }
        let mut matching: Vec<&AccountRecord> = store
            .accounts
            .values()
            .filter(|r| self.matches(r))
            .collect();
        matching.sort_unstable_by_key(|r| r.seq);
        paging.apply(matching)
    }
}

/// Whether any searchable field contains `needle` (lower-case), ignoring ASCII case, without
/// allocating: this runs over every account.
fn contains_any(a: &ConnectedAccount, needle: &str) -> bool {
    [&a.identifier, &a.connector, &a.provider, &a.id]
        .iter()
        .any(|f| contains_ignore_case(f.as_bytes(), needle.as_bytes()))
}

/// Finds candidates by their first byte (a plain comparison loop the compiler vectorizes),
/// then compares the rest.
fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let (lo, up) = (first, first.to_ascii_uppercase());
    let last_start = hay.len() - needle.len();
    let mut from = 0;
    while let Some(p) = hay[from..=last_start]
        .iter()
        .position(|&b| b == lo || b == up)
    {
        let at = from + p;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        from = at + 1;
        if from > last_start {
            return false;
        }
    }
    false
}

/// `GET /api/v1/connected_accounts`.
pub(crate) fn list(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListConnectedAccountsRequest = req.query()?;
    let mut c = Checks::new();
    c.account_scope(
        q.organization_id.as_deref(),
        q.user_id.as_deref(),
        q.connector.as_deref(),
        q.identifier.as_deref(),
    )
    .max_len("provider", q.provider.as_deref(), 50)
    .lt("page_size", q.page_size, 100)
    .max_len("page_token", q.page_token.as_deref(), 100)
    .max_len("query", q.query.as_deref(), 100)
    .max_items("connection_names", q.connection_names.len(), 20);
    for (i, name) in q.connection_names.iter().enumerate() {
        let field = format!("connection_names[{i}]");
        c.len(&field, Some(name), 1, 400)
            .pattern(&field, Some(name), Pattern::Connector);
    }
    c.finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, 99)?;
    let store = state.store.read();
    let (page, t) = Filter::of_list(&q).page(&store, &paging);
    json(&ListConnectedAccountsResponse {
        connected_accounts: page.into_iter().map(|r| (&r.account).into()).collect(),
        total_size: t.total_size,
        next_page_token: t.next_page_token,
        prev_page_token: t.prev_page_token,
    })
}

/// `GET /api/v1/connected_accounts:search`.
pub(crate) fn search(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: SearchConnectedAccountsRequest = req.query()?;
    Checks::new()
        .len("query", Some(&q.query), 3, 100)
        .lt("page_size", q.page_size, 100)
        .max_len("page_token", q.page_token.as_deref(), 100)
        .max_len("connection_id", q.connection_id.as_deref(), 32)
        .finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, 99)?;
    let store = state.store.read();
    let (page, t) = Filter::of_search(&q).page(&store, &paging);
    json(&SearchConnectedAccountsResponse {
        connected_accounts: page
            .into_iter()
            .map(|r| ConnectedAccountForList::from(&r.account))
            .collect(),
        total_size: t.total_size,
        next_page_token: t.next_page_token,
        prev_page_token: t.prev_page_token,
    })
}

#[cfg(test)]
mod tests {
    use super::contains_ignore_case;

    #[test]
    fn finds_needles_ignoring_ascii_case() {
        let hay = b"Maria.Garcia42@Acme.com";
        for (needle, want) in [
            ("garcia", true),
            ("maria", true),
            ("acme.com", true),
            ("m", true),
            ("", true),
            ("garcias", false),
            ("maria.garcia42@acme.comx", false),
            ("zz", false),
        ] {
            assert_eq!(
                contains_ignore_case(hay, needle.as_bytes()),
                want,
                "{needle}"
            );
        }
        assert!(!contains_ignore_case(b"", b"a"));
        assert!(
            contains_ignore_case(b"aab", b"ab"),
            "a retry after a partial match"
        );
    }
}
