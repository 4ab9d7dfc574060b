//! Lenient deserialization shared by every wire struct.
//!
//! grpc-gateway may emit zero values, omit them, or emit `null` for unset messages; query strings
//! carry every scalar as text and a one-element list as a single key. One helper absorbs all of
//! that so the structs stay plain.

use serde::de::{DeserializeOwned, DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;

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

/// [`nullable`] for a `Struct` field (`null` reads as `{}`), building the JSON tree with fewer
/// allocations and comparisons than `serde_json::Value`'s own visitor, for large payloads
/// (tool results): the elements of every array and the entries of every object are gathered
/// on one scratch stack, so each array is allocated once at its final size instead of
/// regrowing, and each object is built from its entries in one go (`Map::from_iter`: sorted
/// once and bulk-loaded) instead of one search-and-insert per key. The result is the value
/// `nullable` gives: same entries, same numbers, later duplicate keys win.
pub fn object<'de, D>(deserializer: D) -> Result<crate::JsonObject, D::Error>
where
    D: Deserializer<'de>,
{
    struct Root;
    impl<'de> Visitor<'de> for Root {
        type Value = crate::JsonObject;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(crate::JsonObject::new())
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(crate::JsonObject::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            // Sized for typical tool results, so the stack does not regrow while decoding;
            // both stay below 1 KiB (glibc serves larger blocks from a slower path).
            let mut scratch = Scratch {
                values: Vec::with_capacity(16),
                entries: Vec::with_capacity(16),
            };
            d.deserialize_map(ObjectSeed(&mut scratch))
        }
    }
    deserializer.deserialize_option(Root)
}

/// Elements and entries of the arrays and objects being decoded, innermost last.
struct Scratch {
    values: Vec<Value>,
    entries: Vec<(String, Value)>,
}

/// Decodes one JSON object into a map, using the scratch stack.
struct ObjectSeed<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = crate::JsonObject;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let start = self.0.entries.len();
        let result = (|| {
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value_seed(ValueSeed(&mut *self.0))?;
                self.0.entries.push((key, value));
            }
            Ok(())
        })();
        // On error too, so an enclosing object does not see this one's entries.
        let entries = self.0.entries.drain(start..);
        result.map(|()| entries.collect())
    }
}

/// Decodes one JSON value, using the scratch stack for its arrays and objects.
struct ValueSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Value, E> {
        Value::deserialize(serde::de::value::I128Deserializer::<E>::new(v))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Value, E> {
        Value::deserialize(serde::de::value::U128Deserializer::<E>::new(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let start = self.0.values.len();
        let result = (|| {
            while let Some(value) = seq.next_element_seed(ValueSeed(&mut *self.0))? {
                self.0.values.push(value);
            }
            Ok(())
        })();
        let values = self.0.values.drain(start..);
        result.map(|()| Value::Array(values.collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        ObjectSeed(self.0).visit_map(map).map(Value::Object)
    }
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
    fn object_decodes_what_value_decodes() {
        #[derive(serde::Deserialize)]
        struct Fast(#[serde(deserialize_with = "super::object")] crate::JsonObject);
        #[derive(serde::Deserialize)]
        struct Plain(#[serde(deserialize_with = "super::nullable")] crate::JsonObject);
        for text in [
            r#"{}"#,
            r#"null"#,
            r#"{"b":1,"a":[1,-2,3.5,18446744073709551615,-9223372036854775808,0.1,1e-7]}"#,
            r#"{"inf":1e400}"#,
            r#"{"z":{"y":{"x":[[],[{}],[[1,[2,[3]]]],{"k":null}]}},"a":true,"m":false}"#,
            r#"{"dup":1,"x":[1,2],"dup":{"inner":"last"},"e":"é
"q"","dup":[3]}"#,
            r#"{"s":"","n":null,"arr":[null,"",{"a":1,"a":2}],"big":123456789012345678901234567890}"#,
        ] {
            let fast = serde_json::from_str::<Fast>(text).map(|f| f.0);
            let plain = serde_json::from_str::<Plain>(text).map(|p| p.0);
            match (fast, plain) {
                (Ok(f), Ok(p)) => {
                    assert_eq!(f, p, "{text}");
                    assert_eq!(
                        serde_json::to_string(&f).unwrap(),
                        serde_json::to_string(&p).unwrap()
                    );
                }
                (f, p) => assert_eq!(f.map_err(|e| e.to_string()), p.map_err(|e| e.to_string())),
            }
        }
        for bad in [
            r#"[1]"#,
            r#""x""#,
            r#"{"a":[1,}"#,
            r#"{"a":{"b":tru}}"#,
            r#"3"#,
        ] {
            let fast = serde_json::from_str::<Fast>(bad).map(|f| f.0).unwrap_err();
            let plain = serde_json::from_str::<Plain>(bad).map(|p| p.0).unwrap_err();
            assert_eq!(fast.to_string(), plain.to_string(), "{bad}");
        }
    }

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
