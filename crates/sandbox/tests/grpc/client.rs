//! A small gRPC client over reqwest (HTTP/2): frames a `DynamicMessage`, reads the status from
//! the headers (tonic answers errors trailers-only) and decodes the one response frame.

use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MethodDescriptor, SerializeOptions};
use serde_json::Value;
use std::sync::OnceLock;

pub fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        DescriptorPool::decode(&include_bytes!("../../proto/scalekit_agentkit.binpb")[..]).unwrap()
    })
}

/// `Service.Method` (short service name) → its descriptor.
pub fn method(name: &str) -> MethodDescriptor {
    let (service, method) = name.split_once('.').unwrap();
    pool()
        .services()
        .find(|s| s.name() == service)
        .and_then(|s| s.methods().find(|m| m.name() == method))
        .unwrap_or_else(|| panic!("no RPC {name}"))
}

/// A failed call: code, message and the raw `grpc-status-details-bin`.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
    pub details: Vec<u8>,
}

pub struct Grpc {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
    pub timeout: Option<&'static str>,
}

/// Proto JSON with proto names, 64-bit integers as numbers: what the REST side emits.
pub fn to_json(message: &DynamicMessage) -> Value {
    let options = SerializeOptions::new()
        .use_proto_field_name(true)
        .stringify_64_bit_integers(false);
    message
        .serialize_with_options(serde_json::value::Serializer, &options)
        .unwrap()
}

impl Grpc {
    /// Cleartext HTTP/2 with prior knowledge (what Node's SDK does for `http://`).
    pub fn h2c(base: &str, token: Option<String>) -> Self {
        Self {
            http: reqwest::Client::builder()
                .http2_prior_knowledge()
                .build()
                .unwrap(),
            base: base.to_string(),
            token,
            timeout: None,
        }
    }

    /// Calls `name` with `input` (proto JSON); the response as proto JSON.
    pub async fn call(&self, name: &str, input: Value) -> Result<Value, Failure> {
        let method = method(name);
        let request = DynamicMessage::deserialize(method.input(), input).unwrap();
        let bytes = request.encode_to_vec();
        let mut framed = vec![0u8];
        framed.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_be_bytes());
        framed.extend_from_slice(&bytes);
        let path = format!(
            "{}/{}/{}",
            self.base,
            method.parent_service().full_name(),
            method.name()
        );
        let mut builder = self
            .http
            .post(path)
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .body(framed);
        if let Some(token) = &self.token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        if let Some(t) = self.timeout {
            builder = builder.header("grpc-timeout", t);
        }
        let response = builder.send().await.expect("the call is answered");
        assert_eq!(response.version(), reqwest::Version::HTTP_2);
        let headers = response.headers().clone();
        let code = headers
            .get("grpc-status")
            .map(|v| v.to_str().unwrap().parse::<i32>().unwrap());
        if let Some(code) = code.filter(|c| *c != 0) {
            let message = headers
                .get("grpc-message")
                .map(|v| {
                    percent_encoding::percent_decode_str(v.to_str().unwrap())
                        .decode_utf8_lossy()
                        .into_owned()
                })
                .unwrap_or_default();
            let details = headers
                .get("grpc-status-details-bin")
                .map(|v| {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD_NO_PAD
                        .decode(v.as_bytes())
                        .unwrap()
                })
                .unwrap_or_default();
            return Err(Failure {
                code,
                message,
                details,
            });
        }
        let body = response.bytes().await.unwrap();
        assert!(body.len() >= 5 && body[0] == 0, "one uncompressed frame");
        let len = u32::from_be_bytes(body[1..5].try_into().unwrap()) as usize;
        assert_eq!(body.len(), 5 + len, "exactly one message");
        let message = DynamicMessage::decode(method.output(), &body[5..]).unwrap();
        Ok(to_json(&message))
    }
}
