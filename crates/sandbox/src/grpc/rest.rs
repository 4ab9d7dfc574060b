//! A gRPC request message as the REST request grpc-gateway would have made of it: path
//! variables from the template, the body mapping (`*`, one field, or none), every other field
//! as query parameters (dotted keys for nested messages, one pair per list item).
//!
//! The JSON is what a REST client sends, not raw protojson: 64-bit integers as numbers,
//! whole-valued `Struct` numbers as integers (protobuf keeps every `Struct` number as a double,
//! so `1` arrives as `1.0`), enum names, proto field names, and a oneof message member that
//! is set but empty (Node sends `"authorization_details":{"oauth_token":{}}`) treated as unset.

use super::methods::HttpRule;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use prost_reflect::{DynamicMessage, ReflectMessage as _, SerializeOptions, Value as PValue};
use serde_json::{Map, Value};

/// Characters left as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Characters left as they are in a query key or value.
const QUERY: &AsciiSet = &SEGMENT.add(b' ');

/// The REST form of one call.
#[derive(Debug)]
pub(crate) struct RestRequest {
    pub method: &'static str,
    /// Path and query, percent-encoded.
    pub uri: String,
    /// The JSON body, when the rule has one.
    pub body: Option<Vec<u8>>,
}

/// Builds the REST request for `message` under `rule`.
pub(crate) fn to_rest(rule: &HttpRule, message: &DynamicMessage) -> Result<RestRequest, String> {
    let mut message = message.clone();
    prune_empty_oneofs(&mut message);
    let options = SerializeOptions::new()
        .use_proto_field_name(true)
        .stringify_64_bit_integers(false)
        .skip_default_fields(true);
    let mut json = message
        .serialize_with_options(serde_json::value::Serializer, &options)
        .map_err(|e| format!("cannot render the request as JSON: {e}"))?;
    whole_numbers(&mut json);
    let Value::Object(mut fields) = json else {
        return Err("the request is not a message".into());
    };
    let path = fill_template(&rule.template, &mut fields)?;
    let body = match rule.body.as_str() {
        "" => None,
        "*" => Some(Value::Object(std::mem::take(&mut fields))),
        field => Some(fields.remove(field).unwrap_or(Value::Object(Map::new()))),
    };
    let mut pairs = Vec::new();
    for (key, value) in &fields {
        flatten(key, value, &mut pairs);
    }
    let mut uri = path;
    for (i, (key, value)) in pairs.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.push_str(
            &utf8_percent_encode(key, QUERY)
                .to_string()
                .replace("%20", "+"),
        );
        uri.push('=');
        uri.push_str(
            &utf8_percent_encode(value, QUERY)
                .to_string()
                .replace("%20", "+"),
        );
    }
    let body = body
        .map(|b| serde_json::to_vec(&b))
        .transpose()
        .map_err(|e| e.to_string())?;
    Ok(RestRequest {
        method: rule.verb,
        uri,
        body,
    })
}

/// Replaces `{field}` and `{field=pattern}` with the field's value (taken out of `fields`).
fn fill_template(template: &str, fields: &mut Map<String, Value>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .ok_or_else(|| format!("bad path template {template:?}"))?
            + start;
        let var = &rest[start + 1..end];
        let name = var.split('=').next().unwrap_or(var);
        let value = take_path(fields, name).unwrap_or(Value::String(String::new()));
        let text = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        out.push_str(&utf8_percent_encode(&text, SEGMENT).to_string());
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Removes and returns `a.b.c` from nested objects.
fn take_path(fields: &mut Map<String, Value>, dotted: &str) -> Option<Value> {
    match dotted.split_once('.') {
        None => fields.remove(dotted),
        Some((head, tail)) => match fields.get_mut(head)? {
            Value::Object(inner) => take_path(inner, tail),
            _ => None,
        },
    }
}

/// grpc-gateway's query encoding: dotted keys walk into messages, lists repeat the key.
fn flatten(key: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&format!("{key}.{k}"), v, pairs);
            }
        }
        Value::Array(items) => {
            for item in items {
                flatten(key, item, pairs);
            }
        }
        Value::String(s) => pairs.push((key.to_string(), s.clone())),
        Value::Null => {}
        other => pairs.push((key.to_string(), other.to_string())),
    }
}

/// `1.0` → `1`: a REST client writes whole numbers without a fraction, and tool schemas that
/// say `integer` reject `1.0`.
fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                // Beyond 2^53 a double no longer holds every integer: leave those as they are.
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    *value = Value::Number((f as i64).into());
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Clears oneof members that hold an empty message, recursively.
fn prune_empty_oneofs(message: &mut DynamicMessage) {
    let desc = message.descriptor();
    for field in desc.fields() {
        if !message.has_field(&field) {
            continue;
        }
        let in_real_oneof = field.containing_oneof().is_some_and(|o| !o.is_synthetic());
        let mut clear = false;
        {
            match message.get_field_mut(&field) {
                PValue::Message(inner) => {
                    prune_empty_oneofs(inner);
                    clear = in_real_oneof && inner.fields().next().is_none();
                }
                PValue::List(items) => {
                    for item in items.iter_mut() {
                        if let PValue::Message(inner) = item {
                            prune_empty_oneofs(inner);
                        }
                    }
                }
                PValue::Map(entries) => {
                    for item in entries.values_mut() {
                        if let PValue::Message(inner) = item {
                            prune_empty_oneofs(inner);
                        }
                    }
                }
                _ => {}
            }
        }
        if clear {
            message.clear_field(&field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grpc::methods::methods;

    fn call(path: &str, json: Value) -> RestRequest {
        let method = &methods()[path];
        let message = DynamicMessage::deserialize(method.input.clone(), json).unwrap();
        to_rest(method.rule.as_ref().unwrap(), &message).unwrap()
    }

    #[test]
    fn path_variables_query_and_no_body() {
        let r = call(
            "/scalekit.v1.mcp.McpService/GetMcpInstanceAuthState",
            serde_json::json!({"instance_id": "mi 1/x", "include_auth_links": true}),
        );
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.uri,
            "/api/v1/mcp/instances/mi%201%2Fx:get_auth_state?include_auth_links=true"
        );
        assert!(r.body.is_none());
    }

    #[test]
    fn whole_body_with_struct_numbers_and_empty_oneofs() {
        let r = call(
            "/scalekit.v1.tools.ToolService/ExecuteTool",
            serde_json::json!({"tool_name": "t", "params": {"n": 3, "x": 1.5, "l": [2]}}),
        );
        let body: Value = serde_json::from_slice(&r.body.unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"tool_name": "t", "params": {"n": 3, "x": 1.5, "l": [2]}})
        );
        let r = call(
            "/scalekit.v1.connected_accounts.ConnectedAccountService/CreateConnectedAccount",
            serde_json::json!({"connector": "gmail", "identifier": "u",
                "connected_account": {"authorization_details": {"oauth_token": {}}}}),
        );
        let body: Value = serde_json::from_slice(&r.body.unwrap()).unwrap();
        assert_eq!(
            body["connected_account"],
            serde_json::json!({"authorization_details": {}})
        );
    }

    #[test]
    fn lists_repeat_and_nested_keys_dot() {
        let r = call(
            "/scalekit.v1.tools.ToolService/ListScopedTools",
            serde_json::json!({"identifier": "a b", "filter": {"connection_names": ["x", "y"]}, "page_size": 5}),
        );
        assert_eq!(r.method, "GET");
        assert!(r.uri.starts_with("/api/v1/tools/scoped?"), "{}", r.uri);
        for part in [
            "identifier=a+b",
            "filter.connection_names=x&filter.connection_names=y",
            "page_size=5",
        ] {
            assert!(r.uri.contains(part), "{} lacks {part}", r.uri);
        }
    }
}
