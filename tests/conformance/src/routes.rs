//! RPC routes from the `google.api.http` rules, and the strict check of one exchange.

use prost_reflect::{DeserializeOptions, DynamicMessage, MessageDescriptor, Value as PValue};
use serde_json::{Map, Value};

use crate::json::{insert_query_pair, set_path};

/// The packages whose services make up the AgentKit REST surface.
const PACKAGES: &[&str] = &[
    "scalekit.v1.connected_accounts",
    "scalekit.v1.tools",
    "scalekit.v1.connections",
    "scalekit.v1.mcp",
    "scalekit.v1.providers",
];

/// One HTTP binding of an RPC.
#[derive(Debug, Clone)]
pub struct Route {
    /// `Service.Method`, e.g. `ToolService.ExecuteTool`.
    pub rpc: String,
    pub verb: String,
    /// The path template, e.g. `/api/v1/mcp/instances/{instance_id}:get_auth_state`.
    pub template: String,
    /// `""` (no body), `"*"` or the name of the field the body is.
    pub body: String,
    pub input: MessageDescriptor,
    pub output: MessageDescriptor,
    segments: Vec<String>,
    custom_verb: Option<String>,
}

/// An HTTP exchange as a client saw it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    pub url: String,
    pub request_body: Option<Vec<u8>>,
    pub status: u16,
    pub response_body: Vec<u8>,
}

/// What [`Routes::check`] found: which RPC binding the exchange was.
#[derive(Debug, Clone)]
pub struct CheckedCall {
    pub rpc: String,
    pub template: String,
    pub status: u16,
}

/// Every HTTP binding of the AgentKit services.
pub struct Routes {
    routes: Vec<Route>,
}

impl Routes {
    /// Reads the bindings from the descriptor pool.
    pub fn load() -> Self {
        let pool = crate::pool();
        let http = pool
            .get_extension_by_name("google.api.http")
            .expect("google.api.http is in the descriptor set");
        let mut routes = Vec::new();
        for service in pool
            .services()
            .filter(|s| PACKAGES.contains(&s.package_name()))
        {
            for method in service.methods() {
                let options = method.options();
                if !options.has_extension(&http) {
                    continue;
                }
                let rule = options.get_extension(&http);
                let Some(rule) = rule.as_message() else {
                    continue;
                };
                let rpc = format!("{}.{}", service.name(), method.name());
                let mut rules = vec![rule.clone()];
                if let Some(PValue::List(extra)) =
                    rule.get_field_by_name("additional_bindings").as_deref()
                {
                    rules.extend(extra.iter().filter_map(|v| v.as_message().cloned()));
                }
                for rule in rules {
                    if let Some(route) = Route::from_rule(&rpc, &rule, &method) {
                        routes.push(route);
                    }
                }
            }
        }
        Self { routes }
    }

    /// Every binding.
    pub fn all(&self) -> &[Route] {
        &self.routes
    }

    /// Finds the exchange's binding (literal segments win over variables, as in grpc-gateway)
    /// and parses its request and response strictly as the RPC's messages.
    pub fn check(&self, exchange: &Exchange) -> Result<CheckedCall, String> {
        let url =
            url::Url::parse(&exchange.url).map_err(|e| format!("bad url {}: {e}", exchange.url))?;
        let (segments, verb) = split_path(url.path());
        let (route, vars) = self
            .routes
            .iter()
            .filter(|r| r.verb.eq_ignore_ascii_case(&exchange.method))
            .filter_map(|r| r.matches(&segments, verb.as_deref()).map(|vars| (r, vars)))
            .max_by_key(|(r, vars)| r.segments.len() - vars.len())
            .ok_or_else(|| {
                format!(
                    "no AgentKit RPC is bound to {} {}",
                    exchange.method,
                    url.path()
                )
            })?;
        let what = format!("{} ({} {})", route.rpc, exchange.method, url.path());
        let request = route
            .request_json(exchange, &vars, &url)
            .map_err(|e| format!("{what}: {e}"))?;
        strict_parse(&route.input, request).map_err(|e| format!("{what}: request: {e}"))?;
        let response: Value = serde_json::from_slice(&exchange.response_body)
            .map_err(|e| format!("{what}: response is not JSON: {e}"))?;
        if (200..300).contains(&exchange.status) {
            strict_parse(&route.output, response).map_err(|e| format!("{what}: response: {e}"))?;
        } else {
            check_status(response).map_err(|e| format!("{what}: error body: {e}"))?;
        }
        Ok(CheckedCall {
            rpc: route.rpc.clone(),
            template: route.template.clone(),
            status: exchange.status,
        })
    }
}

impl Route {
    fn from_rule(
        rpc: &str,
        rule: &DynamicMessage,
        method: &prost_reflect::MethodDescriptor,
    ) -> Option<Self> {
        let text = |name: &str| {
            rule.get_field_by_name(name)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let (verb, template) = ["get", "put", "post", "delete", "patch"]
            .iter()
            .map(|v| (v.to_uppercase(), text(v)))
            .find(|(_, t)| !t.is_empty())?;
        let (segments, custom_verb) = split_path(&template);
        Some(Self {
            rpc: rpc.to_string(),
            verb,
            body: text("body"),
            input: method.input(),
            output: method.output(),
            segments,
            custom_verb,
            template,
        })
    }

    fn matches(&self, segments: &[String], verb: Option<&str>) -> Option<Vec<(String, String)>> {
        if segments.len() != self.segments.len() || verb != self.custom_verb.as_deref() {
            return None;
        }
        let mut vars = Vec::new();
        for (pattern, actual) in self.segments.iter().zip(segments) {
            match pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(var) => vars.push((
                    var.split('=').next().unwrap_or(var).to_string(),
                    actual.clone(),
                )),
                None if pattern == actual => {}
                None => return None,
            }
        }
        Some(vars)
    }

    fn request_json(
        &self,
        ex: &Exchange,
        vars: &[(String, String)],
        url: &url::Url,
    ) -> Result<Value, String> {
        let body: Option<Value> = match ex.request_body.as_deref() {
            Some(bytes) if !bytes.is_empty() => Some(
                serde_json::from_slice(bytes)
                    .map_err(|e| format!("request body is not JSON: {e}"))?,
            ),
            _ => None,
        };
        let mut object = match (self.body.as_str(), body) {
            ("", None) => Map::new(),
            ("", Some(_)) => return Err("sent a body to an RPC that takes none".into()),
            ("*", Some(Value::Object(map))) => map,
            ("*", None) => Map::new(),
            ("*", Some(other)) => return Err(format!("body is not an object: {other}")),
            (field, Some(value)) => Map::from_iter([(field.to_string(), value)]),
            (_, None) => Map::new(),
        };
        for (name, value) in vars {
            set_path(&mut object, name, Value::String(value.clone()));
        }
        for (key, value) in url.query_pairs() {
            insert_query_pair(&self.input, &mut object, &key, &value)?;
        }
        Ok(Value::Object(object))
    }
}

fn split_path(path: &str) -> (Vec<String>, Option<String>) {
    let mut segments: Vec<String> = path
        .trim_matches('/')
        .split('/')
        .map(str::to_string)
        .collect();
    let mut verb = None;
    if let Some(last) = segments.last_mut() {
        if let Some((seg, v)) = last
            .rsplit_once(':')
            .filter(|(seg, _)| !seg.contains('{') || seg.ends_with('}'))
        {
            verb = Some(v.to_string());
            *last = seg.to_string();
        }
    }
    let decoded = segments
        .into_iter()
        .map(|s| {
            url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or(s)
        })
        .collect();
    (decoded, verb)
}

fn strict_parse(desc: &MessageDescriptor, value: Value) -> Result<DynamicMessage, String> {
    DynamicMessage::deserialize_with_options(
        desc.clone(),
        value,
        &DeserializeOptions::new().deny_unknown_fields(true),
    )
    .map_err(|e| e.to_string())
}

/// grpc-gateway's `google.rpc.Status` with `ErrorInfo` details.
fn check_status(value: Value) -> Result<(), String> {
    let Value::Object(mut map) = value else {
        return Err("not an object".into());
    };
    if !map.get("code").is_some_and(Value::is_i64) {
        return Err("missing numeric code".into());
    }
    let details = map.remove("details").unwrap_or(Value::Array(vec![]));
    for key in map.keys() {
        if key != "code" && key != "message" {
            return Err(format!("unknown field {key:?}"));
        }
    }
    let error_info = crate::pool()
        .get_message_by_name("scalekit.v1.errdetails.ErrorInfo")
        .ok_or("ErrorInfo is missing from the descriptors")?;
    for detail in details.as_array().ok_or("details is not a list")? {
        let mut detail = detail
            .as_object()
            .ok_or("a detail is not an object")?
            .clone();
        let type_url = detail.remove("@type");
        if type_url.as_ref().and_then(Value::as_str)
            != Some("type.googleapis.com/scalekit.v1.errdetails.ErrorInfo")
        {
            return Err(format!("detail @type is {type_url:?}"));
        }
        strict_parse(&error_info, Value::Object(detail))?;
    }
    Ok(())
}
