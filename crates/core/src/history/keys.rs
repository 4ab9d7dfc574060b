//! The account keys of an entry: tokens in the `history_keys` full-text index that find the
//! entries of one identifier or one connected account (an account's activity).
//!
//! An FTS5 index rather than B-tree indexes on those columns: see migration 0006. A token is a
//! letter and the hex of the value's UTF-8 bytes, so any text becomes one token of letters and
//! digits and equal tokens mean equal values; the migration writes the same tokens with
//! SQLite's `hex()`, which is also upper case.

use std::fmt::Write;

use super::model::HistoryFilter;
// A filter's value as the SQL compares it (trimmed; blank is no filter).
use super::query::blank;

/// `tag` and the hex of `value`.
fn token(tag: char, value: &str) -> String {
    let mut out = String::with_capacity(1 + 2 * value.len());
    out.push(tag);
    for b in value.as_bytes() {
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// The identifier on one connection.
fn pair(connection: &str, identifier: &str) -> String {
    token('p', connection) + &token('g', identifier)
}

fn present(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// The keys of an entry with these values (empty when it names no account).
pub fn of_entry(
    identifier: Option<&str>,
    connection: Option<&str>,
    account_id: Option<&str>,
) -> String {
    let (identifier, connection) = (present(identifier), present(connection));
    let mut keys = Vec::with_capacity(3);
    keys.extend(identifier.map(|i| token('i', i)));
    keys.extend(present(account_id).map(|a| token('a', a)));
    if let (Some(i), Some(c)) = (identifier, connection) {
        keys.push(pair(c, i));
    }
    keys.join(" ")
}

/// An FTS5 query over `history_keys` for the account conditions of `f` (all must hold), or
/// `None` when it has none. The exact column tests stay in the SQL beside it; this only finds
/// the entries to test.
pub fn query(f: &HistoryFilter) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    if let Some(a) = blank(&f.account_id) {
        terms.push(format!("\"{}\"", token('a', a)));
    }
    match (blank(&f.identifier), blank(&f.connection)) {
        (Some(i), Some(c)) => terms.push(format!("\"{}\"", pair(c, i))),
        (Some(i), None) => terms.push(format!("\"{}\"", token('i', i))),
        // A connection alone names no account (and few connections exist).
        (None, _) => {}
    }
    if let Some(a) = &f.account {
        terms.push(format!(
            "(\"{}\" OR \"{}\")",
            token('a', &a.id),
            pair(&a.connection, &a.identifier)
        ));
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::AccountKey;

    #[test]
    fn entry_keys_are_hex_tokens() {
        assert_eq!(
            of_entry(Some("a@b"), Some("gmail"), Some("ca_1")),
            "i614062 a63615F31 p676D61696Cg614062"
        );
        assert_eq!(of_entry(None, Some("gmail"), Some("ca_1")), "a63615F31");
        assert_eq!(of_entry(Some(""), Some("gmail"), None), "");
        assert_eq!(of_entry(Some("é"), None, None), "iC3A9");
    }

    #[test]
    fn filters_become_quoted_tokens() {
        let mut f = HistoryFilter {
            identifier: Some(" a@b ".into()),
            ..HistoryFilter::default()
        };
        assert_eq!(query(&f).as_deref(), Some(r#""i614062""#));
        f.connection = Some("gmail".into());
        f.account = Some(AccountKey {
            id: "ca_1".into(),
            identifier: "x".into(),
            connection: "slack".into(),
        });
        assert_eq!(
            query(&f).as_deref(),
            Some(r#""p676D61696Cg614062" ("a63615F31" OR "p736C61636Bg78")"#)
        );
        assert_eq!(query(&HistoryFilter::default()), None);
    }
}
