//! Deterministic synthetic tool output: JSON that conforms to a tool's `output_schema`, seeded
//! from the tool name and the canonical params, so the same call always answers the same data.
//! Input values are echoed into output fields of the same name when they fit, which makes the
//! results read like a real upstream answer.

mod echo;
mod seed;
mod shapes;
mod text;
pub(crate) mod upstream;

pub(crate) use seed::SplitMix;

use agentkit_wire::JsonObject;
use echo::fits;
use seed::{hash_object, Fnv};
use serde_json::{Map, Number, Value};
use text::Words;

const MAX_DEPTH: usize = 8;

/// Generates data for `output_schema`. `echo` copies matching top-level `params` into
/// same-named output fields where their type and constraints fit.
pub fn generate(tool_name: &str, output_schema: &Value, params: &JsonObject, echo: bool) -> Value {
    generate_traced(tool_name, output_schema, params, echo).0
}

/// [`generate`], also telling whether any input value was echoed (only then can the result
/// differ from purely generated data, so only then does it need re-validating).
pub(crate) fn generate_traced(
    tool_name: &str,
    output_schema: &Value,
    params: &JsonObject,
    echo: bool,
) -> (Value, bool) {
    let mut seed = Fnv::new();
    seed.write(tool_name.as_bytes());
    seed.write(&[0]);
    hash_object(&mut seed, params);
    let mut gen = Gen {
        rng: SplitMix(seed.0),
        params,
        echo,
        list_len: list_len_hint(params),
        words: Words::new(tool_name),
        echoed: false,
        parents: Vec::new(),
    };
    let value = gen.value(output_schema, "", 0, echo);
    (value, gen.echoed)
}

struct Gen<'a> {
    rng: SplitMix,
    params: &'a JsonObject,
    echo: bool,
    list_len: Option<u64>,
    words: Words,
    echoed: bool,
    /// Names of the objects being generated, innermost last.
    parents: Vec<String>,
}

impl Gen<'_> {
    fn value(&mut self, schema: &Value, name: &str, depth: usize, echo: bool) -> Value {
        let Some(obj) = schema.as_object() else {
            return Value::String(self.words.token(&mut self.rng, name));
        };
        if echo && self.echo {
            if let Some(v) = self.params.get(name) {
                if fits(obj, v) {
                    self.echoed = true;
                    return v.clone();
                }
            }
        }
        if let Some(c) = obj.get("const") {
            return c.clone();
        }
        if let Some(Value::Array(options)) = obj.get("enum") {
            if !options.is_empty() {
                let i = self.rng.below(options.len() as u64) as usize;
                return options[i].clone();
            }
        }
        match schema_type(obj) {
            "object" if depth < MAX_DEPTH => {
                self.parents.push(name.to_string());
                let v = self.object(obj, depth, echo);
                self.parents.pop();
                v
            }
            "object" => Value::Object(Map::new()),
            "array" if depth < MAX_DEPTH => self.array(obj, name, depth),
            "array" => Value::Array(Vec::new()),
            "integer" => self.integer(obj, name),
            "number" => self.number(obj, name),
            "boolean" => Value::Bool(self.rng.below(2) == 1),
            "null" => Value::Null,
            _ => Value::String(self.string(obj, name)),
        }
    }

    fn object(&mut self, obj: &Map<String, Value>, depth: usize, echo: bool) -> Value {
        let mut out = Map::new();
        if let Some(Value::Object(props)) = obj.get("properties") {
            for (key, sub) in props {
                let v = self.value(sub, key, depth + 1, echo);
                out.insert(key.clone(), v);
            }
        } else if let Some(extra @ Value::Object(_)) = obj.get("additionalProperties") {
            let n = clamp_count(2, obj, "minProperties", "maxProperties");
            for i in 0..n {
                let key = format!("key_{}", i + 1);
                let v = self.value(extra, &key, depth + 1, false);
                out.insert(key, v);
            }
        }
        Value::Object(out)
    }

    fn array(&mut self, obj: &Map<String, Value>, name: &str, depth: usize) -> Value {
        let wanted = self
            .list_len
            .unwrap_or_else(|| 1 + self.rng.below(3))
            .min(5);
        let n = clamp_count(wanted, obj, "minItems", "maxItems");
        let items = obj.get("items").cloned().unwrap_or(Value::Bool(true));
        let unique = obj.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        let item_name = singular(name);
        let mut out: Vec<Value> = Vec::with_capacity(n as usize);
        let mut attempts = 0;
        while (out.len() as u64) < n && attempts < n * 8 + 8 {
            attempts += 1;
            let v = self.value(&items, &item_name, depth + 1, false);
            if unique && out.contains(&v) {
                continue;
            }
            out.push(v);
        }
        Value::Array(out)
    }

    fn integer(&mut self, obj: &Map<String, Value>, name: &str) -> Value {
        let n = name.to_ascii_lowercase();
        if shapes::is_time_name(&n) {
            let t = shapes::unix_time(&mut self.rng, &n);
            let above =
                bound(obj, "minimum", "exclusiveMinimum", 1.0).is_none_or(|b| t as f64 >= b);
            let below =
                bound(obj, "maximum", "exclusiveMaximum", -1.0).is_none_or(|b| t as f64 <= b);
            if above && below {
                return Value::Number(Number::from(t));
            }
        }
        let (lo, hi) = default_range(name);
        let lo = bound(obj, "minimum", "exclusiveMinimum", 1.0).map_or(lo, |b| b.ceil() as i64);
        let hi = bound(obj, "maximum", "exclusiveMaximum", -1.0)
            .map_or(hi.max(lo), |b| b.floor() as i64);
        let n = if hi <= lo {
            lo
        } else {
            lo + self.rng.below((hi - lo) as u64 + 1) as i64
        };
        Value::Number(Number::from(n))
    }

    fn number(&mut self, obj: &Map<String, Value>, name: &str) -> Value {
        let (lo, hi) = default_range(name);
        let lo = bound(obj, "minimum", "exclusiveMinimum", 0.01).unwrap_or(lo as f64);
        let hi = bound(obj, "maximum", "exclusiveMaximum", -0.01).unwrap_or((hi as f64).max(lo));
        let x = lo + (hi - lo).max(0.0) * (self.rng.below(10_001) as f64 / 10_000.0);
        let x = ((x * 100.0).round() / 100.0).clamp(lo, hi.max(lo));
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }

    fn string(&mut self, obj: &Map<String, Value>, name: &str) -> String {
        let format = obj
            .get("format")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let parent = self.parents.last().map_or("", String::as_str);
        let s = self.words.string(&mut self.rng, format, name, parent);
        let min = obj.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = obj
            .get("maxLength")
            .and_then(Value::as_u64)
            .map(|m| m as usize);
        let s = fit_length(s, min, max);
        match obj.get("pattern").and_then(Value::as_str) {
            Some(pattern) => text::matching(pattern, s, min, max),
            None => s,
        }
    }
}

pub(crate) fn fit_length(mut s: String, min: usize, max: Option<usize>) -> String {
    let count = s.chars().count();
    if count < min {
        s.extend(std::iter::repeat_n('x', min - count));
    }
    if let Some(max) = max {
        if s.chars().count() > max {
            s = s.chars().take(max).collect();
        }
    }
    s
}

/// The first non-null type of a schema (`"type": ["string", "null"]` picks `string`).
fn schema_type(obj: &Map<String, Value>) -> &str {
    match obj.get("type") {
        Some(Value::String(t)) => t,
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if obj.contains_key("properties") => "object",
        _ if obj.contains_key("items") => "array",
        _ => "string",
    }
}

fn bound(obj: &Map<String, Value>, inclusive: &str, exclusive: &str, step: f64) -> Option<f64> {
    match (
        obj.get(inclusive).and_then(Value::as_f64),
        obj.get(exclusive).and_then(Value::as_f64),
    ) {
        (Some(a), Some(b)) => Some(if step > 0.0 {
            a.max(b + step)
        } else {
            a.min(b + step)
        }),
        (Some(a), None) => Some(a),
        (None, Some(b)) => Some(b + step),
        (None, None) => None,
    }
}

fn clamp_count(wanted: u64, obj: &Map<String, Value>, min_key: &str, max_key: &str) -> u64 {
    let min = obj.get(min_key).and_then(Value::as_u64).unwrap_or(0);
    let max = obj.get(max_key).and_then(Value::as_u64).unwrap_or(u64::MAX);
    wanted.max(min).min(max)
}

fn default_range(name: &str) -> (i64, i64) {
    let n = name.to_ascii_lowercase();
    if n.contains("year") {
        (2020, 2026)
    } else if n.contains("percent") || n.contains("probability") {
        (0, 100)
    } else if n.ends_with("count") || n.starts_with("total") || n.contains("size") {
        (0, 250)
    } else {
        (1, 1000)
    }
}

/// `messages` → `message`, for naming the items of an array.
fn singular(name: &str) -> String {
    name.strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| name.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| name.to_string())
}

/// A list length the caller asked for through a `max_results`/`limit`-like param.
fn list_len_hint(params: &JsonObject) -> Option<u64> {
    [
        "max_results",
        "limit",
        "page_size",
        "per_page",
        "count",
        "max",
        "top_k",
    ]
    .iter()
    .find_map(|k| params.get(*k).and_then(Value::as_u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deterministic_and_conforming_shapes() {
        let message = json!({"type": "object", "properties": {
            "id": {"type": "string"},
            "from": {"type": "string", "format": "email"},
            "date": {"type": "string", "format": "date-time"},
            "labels": {"type": "array", "items": {"type": "string", "enum": ["INBOX", "SENT"]}}}});
        let schema = json!({"type": "object", "required": ["messages"], "properties": {
            "messages": {"type": "array", "minItems": 2, "maxItems": 4, "items": message},
            "query": {"type": "string", "maxLength": 10},
            "result_size_estimate": {"type": "integer", "minimum": 0, "maximum": 5}}});
        let params = json!({"query": "from:bob", "max_results": 3});
        let params = params.as_object().unwrap();
        let a = generate("gmail_fetch_mails", &schema, params, true);
        let b = generate("gmail_fetch_mails", &schema, params, true);
        assert_eq!(a, b);
        assert_eq!(a["query"], "from:bob");
        assert_eq!(a["messages"].as_array().unwrap().len(), 3);
        let n = a["result_size_estimate"].as_i64().unwrap();
        assert!((0..=5).contains(&n));
        assert!(a["messages"][0]["from"].as_str().unwrap().contains('@'));
    }

    #[test]
    fn strings_follow_patterns() {
        let schema = json!({"type": "object", "properties": {
            "key": {"type": "string", "pattern": "^[A-Z]+-[0-9]+$"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"}}});
        let out = generate("jira_issue_get", &schema, &JsonObject::new(), false);
        // Jira's own key shape already fits the pattern.
        assert!(out["key"].as_str().unwrap().starts_with("KB-"), "{out}");
        assert_eq!(out["code"], "ABC");
    }
}
