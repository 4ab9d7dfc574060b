//! A structural diff of two JSON values: the paths added, removed and changed.
//!
//! Written here rather than taken from `json-patch`: its `diff` yields RFC 6902 operations
//! without the old value, and the replay view shows both sides of each change. Arrays are
//! compared by index, which is what a replay needs (the same call answering the same list).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// What happened at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "DiffOp.ts")]
pub enum DiffOp {
    /// Only in the new value.
    Added,
    /// Only in the old value.
    Removed,
    /// In both, different.
    Changed,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "DiffChange.ts")]
pub struct DiffChange {
    /// What happened.
    pub op: DiffOp,
    /// JSON Pointer (RFC 6901) of the value; `""` is the whole document.
    pub path: String,
    /// The old value (absent when added).
    pub before: Option<Value>,
    /// The new value (absent when removed).
    pub after: Option<Value>,
}

/// A replay: both entries and how the second answer differs from the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "HistoryReplay.ts")]
pub struct HistoryReplay {
    /// The entry replayed.
    pub original: super::HistoryEntry,
    /// The new entry.
    pub replayed: super::HistoryEntry,
    /// Differences of the response bodies (JSON: by path; text: the whole body); empty when
    /// the same.
    pub changes: Vec<DiffChange>,
    /// Paths left out of the comparison because they differ on every call
    /// (`/execution_id` of a tool run).
    pub ignored: Vec<String>,
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The differences from `old` to `new`, skipping the pointers in `ignore`.
pub fn diff(old: &Value, new: &Value, ignore: &[&str]) -> Vec<DiffChange> {
    let mut out = Vec::new();
    walk(old, new, String::new(), ignore, &mut out);
    out
}

fn walk(old: &Value, new: &Value, path: String, ignore: &[&str], out: &mut Vec<DiffChange>) {
    if ignore.contains(&path.as_str()) {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = format!("{path}/{}", escape(k));
                match b.get(k) {
                    Some(vb) => walk(va, vb, p, ignore, out),
                    None if !ignore.contains(&p.as_str()) => out.push(DiffChange {
                        op: DiffOp::Removed,
                        path: p,
                        before: Some(va.clone()),
                        after: None,
                    }),
                    None => {}
                }
            }
            for (k, vb) in b {
                let p = format!("{path}/{}", escape(k));
                if !a.contains_key(k) && !ignore.contains(&p.as_str()) {
                    out.push(DiffChange {
                        op: DiffOp::Added,
                        path: p,
                        before: None,
                        after: Some(vb.clone()),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}/{i}");
                match (a.get(i), b.get(i)) {
                    (Some(va), Some(vb)) => walk(va, vb, p, ignore, out),
                    (Some(va), None) => out.push(DiffChange {
                        op: DiffOp::Removed,
                        path: p,
                        before: Some(va.clone()),
                        after: None,
                    }),
                    (None, Some(vb)) => out.push(DiffChange {
                        op: DiffOp::Added,
                        path: p,
                        before: None,
                        after: Some(vb.clone()),
                    }),
                    (None, None) => {}
                }
            }
        }
        (a, b) if a != b => out.push(DiffChange {
            op: DiffOp::Changed,
            path,
            before: Some(a.clone()),
            after: Some(b.clone()),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_added_removed_changed() {
        let old = json!({"a": 1, "b": {"c": [1, 2]}, "gone": true, "x/y": 0, "execution_id": "1"});
        let new = json!({"a": 2, "b": {"c": [1]}, "new": null, "x/y": 0, "execution_id": "2"});
        let d = diff(&old, &new, &["/execution_id"]);
        let summary: Vec<_> = d.iter().map(|c| (c.op, c.path.as_str())).collect();
        assert_eq!(
            summary,
            vec![
                (DiffOp::Changed, "/a"),
                (DiffOp::Removed, "/b/c/1"),
                (DiffOp::Removed, "/gone"),
                (DiffOp::Added, "/new"),
            ]
        );
        assert_eq!(d[0].before, Some(json!(1)));
        assert!(diff(&old, &old, &[]).is_empty());
        assert_eq!(diff(&json!(1), &json!("1"), &[])[0].path, "");
    }
}
