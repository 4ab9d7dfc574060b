//! A request routed to an API handler, with grpc-gateway's body and query decoding.

use super::ApiError;
use axum::body::Bytes;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;

/// What an API handler sees: the path variables of its route, the query pairs, the headers and
/// the raw body.
pub(crate) struct ApiRequest {
    pub params: Vec<String>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl ApiRequest {
    /// The `i`-th path variable, percent-decoded.
    pub(crate) fn param(&self, i: usize) -> &str {
        self.params.get(i).map(String::as_str).unwrap_or_default()
    }

    /// Decodes the JSON body (`body: "*"` or a body field). An empty body is the empty
    /// message, as grpc-gateway treats EOF; anything that is not a JSON object is rejected
    /// with code 3, and so is a message field given as anything but an object (protojson's
    /// rule; see [`agentkit_wire::de::from_value_strict`]). Unknown keys are ignored
    /// (grpc-gateway's `DiscardUnknown`).
    pub(crate) fn body<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let trimmed = self.body.trim_ascii();
        if trimmed.is_empty() {
            return agentkit_wire::de::from_value_strict(serde_json::Value::Object(
                serde_json::Map::new(),
            ))
            .map_err(ApiError::invalid);
        }
        if trimmed[0] != b'{' {
            return Err(ApiError::invalid(
                "invalid request body: expected a JSON object",
            ));
        }
        let value: serde_json::Value = serde_json::from_slice(trimmed)
            .map_err(|e| ApiError::invalid(format!("invalid request body: {e}")))?;
        agentkit_wire::de::from_value_strict(value)
            .map_err(|e| ApiError::invalid(format!("invalid request body: {e}")))
    }

    /// Decodes the query string into a request message: dotted keys for nested messages,
    /// repeated keys for lists, proto or lowerCamel names.
    pub(crate) fn query<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        agentkit_wire::query::from_pairs(&self.query)
            .map_err(|e| ApiError::invalid(format!("invalid query parameters: {e}")))
    }

    /// A query parameter by its proto or lowerCamel name.
    pub(crate) fn query_value(&self, proto_name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| agentkit_wire::query::snake_case(k) == proto_name)
            .map(|(_, v)| v.as_str())
    }

    /// A header value as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Splits a raw query string into decoded pairs (`+` is a space, as Go's `url.ParseQuery`).
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}
