//! Server answers as the UI shows them. rmcp's types are read through their JSON form (the
//! spec's own field names), so a content type or field rmcp adds later arrives as `Other`
//! rather than breaking the build or being dropped.

use serde_json::Value;

use super::types::{InspectorContent, InspectorPrompt, InspectorResource, InspectorTool};

fn s(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// One content block.
pub fn content(block: &Value) -> InspectorContent {
    match block.get("type").and_then(Value::as_str) {
        Some("text") => {
            let text = s(block, "text");
            // Text that is a JSON object or array is shown as JSON; a bare number or word is
            // still text.
            match serde_json::from_str::<Value>(&text) {
                Ok(value @ (Value::Object(_) | Value::Array(_))) => {
                    InspectorContent::Json { value }
                }
                _ => InspectorContent::Text { text },
            }
        }
        Some("image") => InspectorContent::Image {
            data: s(block, "data"),
            mime_type: s(block, "mimeType"),
        },
        Some("audio") => InspectorContent::Audio {
            data: s(block, "data"),
            mime_type: s(block, "mimeType"),
        },
        Some("resource") => {
            let r = block.get("resource").cloned().unwrap_or(Value::Null);
            InspectorContent::Resource {
                uri: s(&r, "uri"),
                mime_type: opt(&r, "mimeType"),
                text: opt(&r, "text"),
                blob_bytes: r
                    .get("blob")
                    .and_then(Value::as_str)
                    .map(|b| u32::try_from(b.len() / 4 * 3).unwrap_or(u32::MAX)),
                link: false,
            }
        }
        Some("resource_link") => InspectorContent::Resource {
            uri: s(block, "uri"),
            mime_type: opt(block, "mimeType"),
            text: None,
            blob_bytes: None,
            link: true,
        },
        _ => InspectorContent::Other { raw: block.clone() },
    }
}

/// A `tools/list` entry.
pub fn tool(t: &Value) -> InspectorTool {
    InspectorTool {
        name: s(t, "name"),
        title: opt(t, "title"),
        description: s(t, "description"),
        input_schema: t.get("inputSchema").cloned().unwrap_or(Value::Null),
        output_schema: t.get("outputSchema").cloned(),
        annotations: t.get("annotations").cloned(),
    }
}

/// A `prompts/list` entry.
pub fn prompt(p: &Value) -> InspectorPrompt {
    InspectorPrompt {
        name: s(p, "name"),
        description: s(p, "description"),
        arguments: p.get("arguments").cloned().unwrap_or(Value::Array(vec![])),
    }
}

/// A `resources/list` entry.
pub fn resource(r: &Value) -> InspectorResource {
    InspectorResource {
        uri: s(r, "uri"),
        name: s(r, "name"),
        mime_type: opt(r, "mimeType"),
        description: s(r, "description"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_of_content() {
        let json_text = content(&json!({"type": "text", "text": "{\"a\": 1}"}));
        assert_eq!(
            json_text,
            InspectorContent::Json {
                value: json!({"a": 1})
            }
        );
        let plain = content(&json!({"type": "text", "text": "42"}));
        assert_eq!(plain, InspectorContent::Text { text: "42".into() });
        let html = content(&json!({"type": "text", "text": "<b>hi</b>"}));
        assert_eq!(
            html,
            InspectorContent::Text {
                text: "<b>hi</b>".into()
            }
        );
        let image = content(&json!({"type": "image", "data": "iVBOR", "mimeType": "image/png"}));
        assert!(
            matches!(image, InspectorContent::Image { ref mime_type, .. } if mime_type == "image/png")
        );
        let embedded = content(&json!({"type": "resource",
            "resource": {"uri": "file:///a.bin", "blob": "AAAA", "mimeType": "application/octet-stream"}}));
        assert!(matches!(
            embedded,
            InspectorContent::Resource {
                blob_bytes: Some(3),
                link: false,
                ..
            }
        ));
        let link = content(&json!({"type": "resource_link", "uri": "file:///b", "name": "b"}));
        assert!(matches!(
            link,
            InspectorContent::Resource { link: true, .. }
        ));
        let unknown = content(&json!({"type": "hologram"}));
        assert!(matches!(unknown, InspectorContent::Other { .. }));
    }
}
