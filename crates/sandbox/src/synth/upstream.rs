//! What the simulated provider refuses although the tool's schema allows it: ids that are not
//! in the provider's shape. The real API answers these with an error of its own, which
//! AgentKit passes on as a `TOOL_ERROR`; so does the Sandbox, which lets a test (and the SDK
//! quickstarts) reach the SDKs' tool exceptions with an ordinary call.

use agentkit_wire::JsonObject;

/// Gmail message and thread ids: 16 lowercase hex digits (older ones can be shorter).
fn gmail_id(s: &str) -> bool {
    (10..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The parameters whose values a provider checks, with the shape it accepts.
fn checked(provider: &str, param: &str) -> Option<fn(&str) -> bool> {
    match (provider, param) {
        ("gmail", "message_id" | "thread_id") => Some(gmail_id),
        _ => None,
    }
}

/// `(upstream HTTP status, upstream message)` when the provider would refuse `params`.
pub(crate) fn refusal(provider: &str, params: &JsonObject) -> Option<(u16, String)> {
    params.iter().find_map(|(name, value)| {
        let check = checked(provider, name)?;
        let text = value.as_str()?;
        (!check(text)).then(|| (400, format!("Invalid id value for {name}: {text:?}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn gmail_ids_must_look_like_gmail_ids() {
        let params = |id: &str| {
            JsonObject::from_iter([("message_id".to_string(), Value::String(id.to_string()))])
        };
        assert_eq!(refusal("gmail", &params("18c2f4a9b0d3e7f1")), None);
        assert_eq!(
            refusal("gmail", &params("not-a-gmail-id")).map(|r| r.0),
            Some(400)
        );
        assert_eq!(refusal("slack", &params("not-a-gmail-id")), None);
    }
}
