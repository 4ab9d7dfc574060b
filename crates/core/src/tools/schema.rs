//! Checking a tool's input against its `input_schema` before anything is sent, with one
//! [`FieldError`] per bad field (its JSON pointer and a message), and a small cache of compiled
//! schemas so a run costs no extra catalog call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{Error, FieldError, Result};

/// A compiled schema is trusted this long; a catalog change shows after at most this.
const TTL: Duration = Duration::from_secs(300);
/// Entries kept at most (every entry is one tool of one environment).
const MAX_ENTRIES: usize = 256;

/// Compiles an input schema the way the API states its schemas (draft 2020-12, formats
/// checked, as the Sandbox does).
pub fn compile(schema: &Value) -> Result<jsonschema::Validator> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| {
            Error::invalid(
                "input_schema",
                format!("The tool's input schema is not valid JSON Schema: {e}"),
            )
        })
}

/// Every problem of `input`: the JSON pointer of the field at fault (a missing required field
/// is named by its own pointer, not its parent's) and a message; empty when valid.
pub fn problems(validator: &jsonschema::Validator, input: &Value) -> Vec<FieldError> {
    if validator.is_valid(input) {
        return Vec::new();
    }
    let mut out: Vec<FieldError> = validator
        .iter_errors(input)
        .map(|e| {
            let mut path = e.instance_path().as_str().to_string();
            if let jsonschema::error::ValidationErrorKind::Required { property } = e.kind() {
                if let Some(name) = property.as_str() {
                    path = format!("{path}/{}", name.replace('~', "~0").replace('/', "~1"));
                }
            }
            FieldError {
                field: path,
                message: e.to_string(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out.dedup();
    out
}

/// Checks `input` against `validator`: `Error::Invalid` with every field error, or `Ok`.
pub fn check(validator: &jsonschema::Validator, input: &Value) -> Result<()> {
    if !input.is_object() {
        return Err(Error::invalid("", "A tool's input is a JSON object."));
    }
    let problems = problems(validator, input);
    match problems.is_empty() {
        true => Ok(()),
        false => Err(Error::Invalid(problems)),
    }
}

type Key = (String, String);

/// Compiled input schemas by (environment, tool name).
#[derive(Default)]
pub struct SchemaCache {
    entries: Mutex<HashMap<Key, (Instant, Arc<jsonschema::Validator>)>>,
}

impl std::fmt::Debug for SchemaCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.entries.lock().map(|e| e.len()).unwrap_or(0);
        f.debug_struct("SchemaCache").field("entries", &n).finish()
    }
}

impl SchemaCache {
    /// The fresh compiled schema of a tool, if cached.
    pub fn get(&self, env_id: &str, tool: &str) -> Option<Arc<jsonschema::Validator>> {
        let entries = self.entries.lock().ok()?;
        let (at, v) = entries.get(&(env_id.to_string(), tool.to_string()))?;
        (at.elapsed() < TTL).then(|| v.clone())
    }

    /// Keeps a compiled schema; the oldest half goes when the cache is full.
    pub fn put(&self, env_id: &str, tool: &str, v: Arc<jsonschema::Validator>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES {
            let mut ages: Vec<Instant> = entries.values().map(|(at, _)| *at).collect();
            ages.sort();
            let cut = ages[ages.len() / 2];
            entries.retain(|_, (at, _)| *at > cut);
        }
        entries.insert((env_id.to_string(), tool.to_string()), (Instant::now(), v));
    }

    /// Forgets an environment's schemas (its catalog may have changed).
    pub fn forget(&self, env_id: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(env, _), _| env != env_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> jsonschema::Validator {
        compile(&json!({
            "type": "object",
            "properties": {
                "to": {"type": "string", "format": "email"},
                "count": {"type": "integer", "minimum": 1},
                "nested": {"type": "object", "properties": {"a/b": {"type": "boolean"}}, "required": ["a/b"]}
            },
            "required": ["to"],
            "additionalProperties": false
        }))
        .unwrap()
    }

    #[test]
    fn one_error_per_bad_field_with_its_pointer() {
        let v = schema();
        let fields: Vec<String> = problems(&v, &json!({"count": 0, "nested": {}}))
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["/count", "/nested/a~1b", "/to"]);
        let bad_format = problems(&v, &json!({"to": "not-an-address"}));
        assert_eq!(bad_format.len(), 1);
        assert_eq!(bad_format[0].field, "/to");
        assert!(bad_format[0].message.contains("email"), "{bad_format:?}");
        assert!(check(&v, &json!({"to": "a@example.com", "count": 2})).is_ok());
        assert!(matches!(check(&v, &json!([1])), Err(Error::Invalid(_))));
    }

    #[test]
    fn cache_expires_nothing_fresh_and_forgets_an_environment() {
        let cache = SchemaCache::default();
        cache.put("env_a", "t", Arc::new(schema()));
        assert!(cache.get("env_a", "t").is_some());
        assert!(cache.get("env_b", "t").is_none());
        cache.forget("env_a");
        assert!(cache.get("env_a", "t").is_none());
        for i in 0..MAX_ENTRIES + 10 {
            cache.put("env", &format!("t{i}"), Arc::new(schema()));
        }
        assert!(cache.entries.lock().unwrap().len() <= MAX_ENTRIES);
    }
}
