//! grpc-gateway query-string encoding (`PopulateQueryParameters`).
//!
//! Nested message fields use dotted keys (`filter.provider=gmail`), repeated fields repeat the
//! key (`connection_names=a&connection_names=b`), and both proto names and lowerCamel JSON names
//! are accepted as keys. Encoding goes through `serde_json::Value` so every request struct gets it
//! for free from its `Serialize`/`Deserialize` impls.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// Flattens a request message into query pairs: dotted keys, repeated keys, `null`s dropped.
pub fn to_pairs<T: Serialize>(message: &T) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::to_value(message) {
        flatten("", &map, &mut pairs);
    }
    pairs
}

fn flatten(prefix: &str, map: &Map<String, Value>, out: &mut Vec<(String, String)>) {
    for (key, value) in map {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Null => {}
            Value::Object(inner) => flatten(&key, inner, out),
            Value::Array(items) => {
                for item in items {
                    out.push((key.clone(), scalar_text(item)));
                }
            }
            scalar => out.push((key, scalar_text(scalar))),
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The deepest dotted key accepted (`a.b.c` is depth 3). No AgentKit request nests messages
/// more than a few levels, and grpc-gateway refuses keys that do not name a field path; the cap
/// keeps a hostile key of thousands of segments from costing more than one error.
pub const MAX_KEY_DEPTH: usize = 32;

/// Builds a request message from query pairs, the inverse of [`to_pairs`]. Keys may use proto
/// names or lowerCamel names; values are text and are typed by the message's lenient fields.
/// A message field given as text, a list given where a message is expected, or a key deeper
/// than [`MAX_KEY_DEPTH`] is an error, never a panic.
pub fn from_pairs<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, String> {
    let mut root = Map::new();
    for (key, value) in pairs {
        let depth = key.split('.').count();
        if depth > MAX_KEY_DEPTH {
            return Err(format!(
                "query key nests {depth} levels deep; at most {MAX_KEY_DEPTH} are allowed"
            ));
        }
        let segments: Vec<String> = key.split('.').map(snake_case).collect();
        insert(&mut root, &segments, value.clone())?;
    }
    crate::de::from_value_strict(Value::Object(root))
}

/// Puts `value` at the path `segments`, walking down one map per segment (iteratively: the
/// depth is bounded by the caller, but recursion is not needed either).
fn insert(root: &mut Map<String, Value>, segments: &[String], value: String) -> Result<(), String> {
    let (last, parents) = segments.split_last().ok_or("empty query key")?;
    let mut map = root;
    for head in parents {
        let child = map
            .entry(head.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        map = match child {
            Value::Object(inner) => inner,
            _ => return Err(format!("query key {head:?} is both a field and a message")),
        };
    }
    match map.get_mut(last) {
        None => {
            map.insert(last.clone(), Value::String(value));
        }
        Some(Value::Array(items)) => items.push(Value::String(value)),
        Some(existing @ Value::String(_)) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, Value::String(value)]);
        }
        Some(_) => return Err(format!("query key {last:?} is both a field and a message")),
    }
    Ok(())
}

/// `pageSize` → `page_size`; proto names pass through unchanged.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Filter {
        providers: Vec<String>,
        summary: Option<bool>,
    }

    #[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Req {
        page_size: Option<u32>,
        filter: Option<Filter>,
        connection_names: Vec<String>,
    }

    #[test]
    fn dotted_and_repeated_keys_round_trip() {
        let req = Req {
            page_size: Some(25),
            filter: Some(Filter {
                providers: vec!["gmail".into(), "slack".into()],
                summary: Some(true),
            }),
            connection_names: vec!["a".into()],
        };
        let pairs = to_pairs(&req);
        assert!(pairs.contains(&("filter.providers".into(), "slack".into())));
        assert!(pairs.contains(&("page_size".into(), "25".into())));
        let back: Req = from_pairs(&pairs).unwrap();
        assert_eq!(back, req);
    }

    #[test]
    fn deep_keys_are_refused_not_recursed() {
        let key = vec!["a"; 7_000].join(".");
        let err = from_pairs::<Req>(&[(key, "1".into())]).unwrap_err();
        assert!(err.contains("7000 levels"), "{err}");
        let key = vec!["a"; MAX_KEY_DEPTH].join(".");
        assert_eq!(
            from_pairs::<Req>(&[(key, "1".into())]).unwrap(),
            Req::default()
        );
    }

    #[test]
    fn text_for_a_message_is_refused() {
        let pairs = vec![("filter".to_string(), "x".to_string())];
        assert!(from_pairs::<Req>(&pairs).is_err());
    }

    #[test]
    fn camel_keys_are_accepted() {
        let pairs = vec![("pageSize".to_string(), "3".to_string())];
        let req: Req = from_pairs(&pairs).unwrap();
        assert_eq!(req.page_size, Some(3));
    }
}
