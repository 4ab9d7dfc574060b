//! Lenient deserialization shared by every wire struct.
//!
//! grpc-gateway may emit zero values, omit them, or emit `null` for unset messages; query strings
//! carry every scalar as text and a one-element list as a single key. One helper absorbs all of
//! that so the structs stay plain.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::strict::Strict;

/// Decodes a message from a parsed JSON value with protojson's type rules: a message field
/// takes a JSON object (never a list or a scalar), at any depth, plus the lenient scalar rules
/// of the fields. The Sandbox decodes request bodies and query strings with it.
pub fn from_value_strict<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    T::deserialize(Strict(value)).map_err(|e| e.to_string())
}

/// Deserializes `T`, treating `null` and `""` as `T::default()`, accepting scalars quoted as
/// strings (`"5"`, `"true"`) and a single value where a list is expected.
pub fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = Value::deserialize(deserializer)?;
    from_value_lenient(value).map_err(D::Error::custom)
}

/// Deserializes `T` directly, treating `null` as `T::default()`. For fields that hold messages,
/// lists of messages or `Struct`s: they need no scalar leniency, and decoding them straight from
/// the input avoids building an intermediate JSON tree (tool params and results can be large).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The same rules as [`lenient`], applied to an already parsed value.
pub fn from_value_lenient<T: DeserializeOwned + Default>(value: Value) -> Result<T, String> {
    match value {
        Value::Null => Ok(T::default()),
        Value::String(ref s) if s.is_empty() => Ok(T::default()),
        // Messages and lists are taken by value: their leaves move instead of being cloned,
        // which keeps large `Struct` payloads (tool params and results) cheap to decode.
        Value::Array(_) | Value::Object(_) => match T::deserialize(Strict(value)) {
            Ok(t) => Ok(t),
            Err(e) => Err(e.to_string()),
        },
        scalar => from_scalar_lenient(scalar),
    }
}

fn from_scalar_lenient<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    let first = match T::deserialize(Strict(value.clone())) {
        Ok(t) => return Ok(t),
        Err(e) => e.to_string(),
    };
    if let Value::String(s) = &value {
        if let Ok(parsed) = serde_json::from_str::<Value>(s) {
            if !parsed.is_string() {
                if let Ok(t) = T::deserialize(Strict(parsed)) {
                    return Ok(t);
                }
            }
        }
    }
    T::deserialize(Strict(Value::Array(vec![value]))).map_err(|_| first)
}

#[cfg(test)]
mod tests {
    use super::from_value_lenient;
    use serde_json::json;

    #[test]
    fn null_and_empty_are_default() {
        assert_eq!(from_value_lenient::<u32>(json!(null)).unwrap(), 0);
        assert_eq!(from_value_lenient::<Option<u32>>(json!("")).unwrap(), None);
        assert_eq!(
            from_value_lenient::<Vec<String>>(json!(null)).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn quoted_scalars_and_single_values() {
        assert_eq!(from_value_lenient::<u32>(json!("25")).unwrap(), 25);
        assert!(from_value_lenient::<bool>(json!("true")).unwrap());
        assert_eq!(
            from_value_lenient::<Vec<String>>(json!("a")).unwrap(),
            vec!["a"]
        );
        assert_eq!(from_value_lenient::<String>(json!("5")).unwrap(), "5");
        assert!(from_value_lenient::<u32>(json!("x")).is_err());
    }

    #[test]
    fn a_message_takes_an_object_only() {
        use crate::connected_accounts::CreateConnectedAccountRequest as Create;
        for body in [
            json!({"connected_account": "hello"}),
            json!({"connected_account": ["x"]}),
            json!({"connected_account": {"authorization_details": {"oauth_token": "tok"}}}),
            json!({"connected_account": {"authorization_details": [{"oauth_token": {}}]}}),
        ] {
            let err = super::from_value_strict::<Create>(body.clone()).unwrap_err();
            assert!(err.contains("expected a message"), "{body}: {err}");
        }
        let ok: Create = super::from_value_strict(json!({"connectedAccount": {
            "authorizationDetails": {"oauthToken": {"accessToken": "a", "scopes": "s"}}}}))
        .unwrap();
        let details = ok.connected_account.unwrap().authorization_details.unwrap();
        assert_eq!(details.oauth_token.unwrap().scopes, vec!["s"]);
    }

    #[test]
    fn messages_and_structs_decode_directly() {
        use crate::tools::ExecuteToolResponse;
        let r: ExecuteToolResponse =
            serde_json::from_str(r#"{"data":{"a":[1,{"b":"c"}]},"executionId":"e"}"#).unwrap();
        assert_eq!(r.data["a"][1]["b"], "c");
        assert_eq!(r.execution_id, "e");
        let r: ExecuteToolResponse = serde_json::from_str(r#"{"data":null}"#).unwrap();
        assert!(r.data.is_empty());
    }
}
