//! Turning query pairs and path variables into the proto3 JSON of a request message.

use prost_reflect::{FieldDescriptor, Kind, MessageDescriptor};
use serde_json::{Map, Number, Value};

/// Sets `a.b.c` in a JSON object, creating the objects on the way.
pub fn set_path(object: &mut Map<String, Value>, dotted: &str, value: Value) {
    match dotted.split_once('.') {
        None => {
            object.insert(dotted.to_string(), value);
        }
        Some((head, rest)) => {
            let child = object
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = child {
                set_path(inner, rest, value);
            }
        }
    }
}

/// Adds one query pair the way grpc-gateway's `PopulateQueryParameters` does: dotted keys walk
/// into messages, repeated fields collect every value, scalars are typed by the field.
pub fn insert_query_pair(
    desc: &MessageDescriptor,
    object: &mut Map<String, Value>,
    key: &str,
    text: &str,
) -> Result<(), String> {
    let (head, rest) = match key.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (key, None),
    };
    let field = desc
        .get_field_by_name(head)
        .or_else(|| desc.get_field_by_json_name(head))
        .ok_or_else(|| format!("query key {key:?} is not a field of {}", desc.full_name()))?;
    let name = field.name().to_string();
    match (rest, field.kind()) {
        (Some(rest), Kind::Message(inner)) if !is_wrapper(&inner) => {
            let child = object
                .entry(name)
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(child) = child else {
                return Err(format!("{key:?} is both set and nested"));
            };
            insert_query_pair(&inner, child, rest, text)
        }
        (Some(_), _) => Err(format!("query key {key:?} walks into a scalar field")),
        (None, _) => {
            let value = scalar(&field, text)?;
            if field.is_list() {
                let list = object.entry(name).or_insert_with(|| Value::Array(vec![]));
                list.as_array_mut()
                    .ok_or("list field set twice")?
                    .push(value);
            } else if object.insert(name, value).is_some() {
                return Err(format!("query key {key:?} repeated for a singular field"));
            }
            Ok(())
        }
    }
}

fn is_wrapper(desc: &MessageDescriptor) -> bool {
    desc.full_name().starts_with("google.protobuf.") && desc.full_name().ends_with("Value")
}

fn scalar(field: &FieldDescriptor, text: &str) -> Result<Value, String> {
    let kind = match field.kind() {
        Kind::Message(m) if is_wrapper(&m) => m.get_field_by_name("value").map(|f| f.kind()),
        other => Some(other),
    };
    let bad = || format!("{text:?} is not valid for {}", field.full_name());
    Ok(match kind.ok_or_else(bad)? {
        Kind::Bool => Value::Bool(text.parse().map_err(|_| bad())?),
        Kind::Int32
        | Kind::Sint32
        | Kind::Sfixed32
        | Kind::Int64
        | Kind::Sint64
        | Kind::Sfixed64 => Value::Number(text.parse::<i64>().map_err(|_| bad())?.into()),
        Kind::Uint32 | Kind::Fixed32 | Kind::Uint64 | Kind::Fixed64 => {
            Value::Number(text.parse::<u64>().map_err(|_| bad())?.into())
        }
        Kind::Double | Kind::Float => {
            Value::Number(Number::from_f64(text.parse().map_err(|_| bad())?).ok_or_else(bad)?)
        }
        _ => Value::String(text.to_string()),
    })
}
