//! Echoing input values into the output: only where the value fits the output field.

use super::text;
use serde_json::{Map, Value};

/// Whether an input value can stand in for generated data under this schema. Only scalars and
/// lists of scalars are echoed; anything with a `pattern` or an unknown `format` is generated.
pub(super) fn fits(obj: &Map<String, Value>, v: &Value) -> bool {
    if obj.contains_key("pattern") {
        return false;
    }
    if let Some(Value::Array(options)) = obj.get("enum") {
        if !options.contains(v) {
            return false;
        }
    }
    if let Some(c) = obj.get("const") {
        return c == v;
    }
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return false,
    };
    let ok_type = match v {
        Value::String(_) => types.contains(&"string"),
        Value::Bool(_) => types.contains(&"boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            types.contains(&"integer") || types.contains(&"number")
        }
        Value::Number(_) => types.contains(&"number"),
        Value::Array(_) => types.contains(&"array"),
        _ => false,
    };
    ok_type && fits_constraints(obj, v)
}

fn fits_constraints(obj: &Map<String, Value>, v: &Value) -> bool {
    let get_u = |k: &str| obj.get(k).and_then(Value::as_u64);
    let get_f = |k: &str| obj.get(k).and_then(Value::as_f64);
    match v {
        Value::String(s) => {
            let len = s.chars().count() as u64;
            get_u("minLength").is_none_or(|m| len >= m)
                && get_u("maxLength").is_none_or(|m| len <= m)
                && text::format_ok(obj.get("format").and_then(Value::as_str), s)
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            get_f("minimum").is_none_or(|m| x >= m)
                && get_f("maximum").is_none_or(|m| x <= m)
                && get_f("exclusiveMinimum").is_none_or(|m| x > m)
                && get_f("exclusiveMaximum").is_none_or(|m| x < m)
        }
        Value::Array(items) => {
            let n = items.len() as u64;
            let item_schema = obj.get("items").and_then(Value::as_object);
            let unique = obj.get("uniqueItems").and_then(Value::as_bool) != Some(true)
                || items
                    .iter()
                    .enumerate()
                    .all(|(i, x)| !items[..i].contains(x));
            get_u("minItems").is_none_or(|m| n >= m)
                && get_u("maxItems").is_none_or(|m| n <= m)
                && unique
                && item_schema.is_some_and(|s| items.iter().all(|x| !x.is_array() && fits(s, x)))
        }
        _ => true,
    }
}
