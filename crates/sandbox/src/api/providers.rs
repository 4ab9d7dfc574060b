//! `ProviderService`: the catalog's providers and the environment's custom providers.

use super::Paging;
use crate::catalog::Connector;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::AppState;
use crate::validate::{Checks, Pattern};
use agentkit_wire::providers::{
    CustomProviderInput, ListProvidersRequest, ListProvidersResponse, Provider, ProviderResponse,
};
use agentkit_wire::{ConnectionType, Empty, ProviderType};
use serde_json::{json as j, Value};

const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 1000;

/// The auth pattern of a catalog connector, with the §9a keys.
fn auth_pattern(c: &Connector) -> Value {
    let field = |name: &str, label: &str, input: &str| {
        j!({"field_name": name, "label": label, "input_type": input, "hint": "",
            "required": true})
    };
    let fields = match c.connection_type {
        ConnectionType::ApiKey => vec![field("api_key", "API Key", "password")],
        ConnectionType::Bearer => vec![field("token", "Bearer Token", "password")],
        ConnectionType::Basic => vec![
            field("username", "Username", "text"),
            field("password", "Password", "password"),
        ],
        _ => Vec::new(),
    };
    let mut pattern = j!({
        "type": c.connection_type.as_str(),
        "display_name": c.auth_label,
        "description": format!("Connect {} with {}", c.name, c.auth_label),
        "fields": fields,
        "account_fields": [],
        "is_mcp": c.slug.ends_with("mcp"),
    });
    if matches!(
        c.connection_type,
        ConnectionType::Oauth | ConnectionType::OauthM2m
    ) {
        pattern["oauth_config"] = j!({
            "pkce_enabled": true,
            "authorize_uri": format!("https://{}.example.com/oauth/authorize", c.slug),
            "token_uri": format!("https://{}.example.com/oauth/token", c.slug),
            "available_scopes": [format!("{}.read", c.slug), format!("{}.write", c.slug)],
            "allow_use_scalekit_credentials": true,
        });
    }
    pattern
}

fn catalog_provider(index: usize, c: &Connector) -> Provider {
    Provider {
        id: c.provider_id.clone(),
        identifier: c.slug.clone(),
        display_name: c.name.clone(),
        description: format!("{} ({})", c.name, c.categories.join(", ")),
        categories: c.categories.clone(),
        auth_patterns: vec![auth_pattern(c)],
        display_priority: i32::try_from(index).unwrap_or(i32::MAX),
        proxy_enabled: true,
        is_custom_mcp: false,
        ..Provider::default()
    }
}

/// `GET /api/v1/providers`: `filter.provider_type` DEFAULT (catalog, the default), CUSTOM or
/// ALL, optionally one `identifier`.
pub(crate) fn list(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListProvidersRequest = req.query()?;
    Checks::new()
        .max_len("identifier", q.identifier.as_deref(), 255)
        .pattern(
            "identifier",
            q.identifier.as_deref(),
            Pattern::ProviderIdentifier,
        )
        .finish()?;
    let kind = q.filter.and_then(|f| f.provider_type).unwrap_or_default();
    let (default, custom) = match kind {
        ProviderType::Default => (true, false),
        ProviderType::Custom => (false, true),
        ProviderType::All => (true, true),
        ProviderType::Unknown(v) => {
            return Err(ApiError::invalid(format!(
                "invalid filter.provider_type {v:?}"
            )))
        }
    };
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, MAX_PAGE)?;
    let mut all: Vec<Provider> = Vec::new();
    if default {
        all.extend(
            state
                .catalog
                .connectors()
                .iter()
                .enumerate()
                .map(|(i, c)| catalog_provider(i, c)),
        );
    }
    if custom {
        all.extend(state.store.read().custom_providers.values().cloned());
    }
    if let Some(id) = q.identifier.as_deref().filter(|s| !s.is_empty()) {
        all.retain(|p| p.identifier.eq_ignore_ascii_case(id));
    }
    let (page, t) = paging.apply(all);
    json(&ListProvidersResponse {
        providers: page,
        next_page_token: t.next_page_token,
        total_size: t.total_size,
        prev_page_token: t.prev_page_token,
    })
}

fn check_input(p: &CustomProviderInput) -> Result<(), ApiError> {
    let mut c = Checks::new();
    c.required("display_name", Some(&p.display_name))
        .len("display_name", Some(&p.display_name), 1, 200)
        .pattern("display_name", Some(&p.display_name), Pattern::DisplayName)
        .len("proxy_url", Some(&p.proxy_url), 1, 2048)
        .pattern("proxy_url", Some(&p.proxy_url), Pattern::Https)
        .max_len("icon_src", Some(&p.icon_src), 2048)
        .pattern("icon_src", Some(&p.icon_src), Pattern::OptionalHttps);
    if p.auth_patterns.is_empty() {
        c.fail("auth_patterns", "value is required", "required");
    }
    if p.metadata.len() > 20 {
        c.fail(
            "metadata",
            "map must be at most 20 entries",
            "map.max_pairs",
        );
    }
    for (k, v) in &p.metadata {
        c.len(&format!("metadata[{k}]"), Some(k), 3, 25).len(
            &format!("metadata[{k}]"),
            Some(v),
            1,
            256,
        );
    }
    c.finish()
}

fn apply(target: &mut Provider, p: CustomProviderInput) {
    target.display_name = p.display_name;
    target.description = p.description;
    target.auth_patterns = p.auth_patterns;
    target.proxy_url = p.proxy_url;
    target.proxy_enabled = p.proxy_enabled;
    target.icon_src = p.icon_src;
    target.metadata = p.metadata;
}

/// `POST /api/v1/custom-providers` (the body is the bare `CreateCustomProvider`). The server
/// assigns the identifier, `DISPLAYNAME:NNNNN`, which contains a `:` like Scalekit's do.
pub(crate) fn create(state: &AppState, req: &ApiRequest) -> ApiResult {
    let input: CustomProviderInput = req.body()?;
    check_input(&input)?;
    let provider = state.write(|store| {
        let taken = store
            .custom_providers
            .values()
            .any(|p| p.display_name.eq_ignore_ascii_case(&input.display_name));
        if taken {
            return Err(ApiError::already_exists(format!(
                "a custom provider named {:?} already exists",
                input.display_name
            )));
        }
        let stem: String = input
            .display_name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let mut identifier = format!("{stem}:{}", crate::ids::digits(5));
        while store.custom_providers.contains_key(&identifier) {
            identifier = format!("{stem}:{}", crate::ids::digits(5));
        }
        let mut provider = Provider {
            id: format!("prv_{}", crate::ids::digits(17)),
            identifier: identifier.clone(),
            is_custom: true,
            ..Provider::default()
        };
        apply(&mut provider, input);
        store.custom_providers.insert(identifier, provider.clone());
        Ok(provider)
    })?;
    json(&ProviderResponse {
        provider: Some(provider),
    })
}

/// `PUT /api/v1/custom-providers/{identifier}`: replaces every field, `metadata` and
/// `auth_patterns` included.
pub(crate) fn update(state: &AppState, req: &ApiRequest) -> ApiResult {
    let identifier = req.param(0).to_string();
    let input: CustomProviderInput = req.body()?;
    Checks::new()
        .max_len("identifier", Some(&identifier), 255)
        .finish()?;
    check_input(&input)?;
    let provider = state.write(|store| {
        let p = store.custom_providers.get_mut(&identifier).ok_or_else(|| {
            ApiError::not_found(format!("custom provider {identifier:?} not found"))
        })?;
        apply(p, input);
        Ok::<_, ApiError>(p.clone())
    })?;
    json(&ProviderResponse {
        provider: Some(provider),
    })
}

/// `DELETE /api/v1/custom-providers/{identifier}`.
pub(crate) fn delete(state: &AppState, req: &ApiRequest) -> ApiResult {
    let identifier = req.param(0).to_string();
    state.write(|store| {
        store
            .custom_providers
            .remove(&identifier)
            .map(|_| ())
            .ok_or_else(|| ApiError::not_found(format!("custom provider {identifier:?} not found")))
    })?;
    json(&Empty {})
}
