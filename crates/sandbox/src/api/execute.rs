//! `ExecuteTool`: resolve the account, check it may run the tool, validate `params` against the
//! input schema, and answer deterministic synthetic data that fits the output schema.

use super::now;
use crate::catalog::ToolEntry;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::{AppState, Shared};
use crate::validate::{Checks, Pattern};
use agentkit_wire::status::ToolErrorInfo;
use agentkit_wire::tools::{ExecuteToolRequest, ExecuteToolResponse};
use agentkit_wire::{Code, ConnectorStatus, FieldViolation, JsonObject};
use serde_json::Value;

/// `last_used_at` is kept to the second: under load, most calls then skip the write lock.
pub(crate) const LAST_USED_RESOLUTION: chrono::Duration = chrono::Duration::seconds(1);

/// Request header that makes the simulated upstream fail with this HTTP status.
pub(crate) const TOOL_ERROR_HEADER: &str = "x-sandbox-tool-error";

/// How a simulated upstream status maps to a gRPC code (as Scalekit maps provider failures).
fn upstream_failure(status: u16) -> Option<(Code, &'static str)> {
    match status {
        401 => Some((Code::Unauthenticated, "Unauthorized")),
        403 => Some((Code::PermissionDenied, "Forbidden")),
        429 => Some((Code::ResourceExhausted, "Too Many Requests")),
        500 => Some((Code::Internal, "Internal Server Error")),
        _ => None,
    }
}

/// Any other upstream status: AgentKit passes it on as INTERNAL with the provider's status.
fn upstream_code(status: u16) -> Code {
    match upstream_failure(status) {
        Some((code, _)) => code,
        None => Code::Internal,
    }
}

/// Reads `X-Sandbox-Tool-Error`; values other than 401, 403, 429 and 500 are refused.
pub(crate) fn simulated_error(header: Option<&str>) -> Result<Option<u16>, ApiError> {
    let Some(text) = header.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match text
        .parse::<u16>()
        .ok()
        .filter(|s| upstream_failure(*s).is_some())
    {
        Some(s) => Ok(Some(s)),
        None => Err(ApiError::invalid(
            "X-Sandbox-Tool-Error must be one of 401, 403, 429, 500",
        )),
    }
}

/// `/query/limit` → `query.limit`; the root is `params`.
fn field_name(pointer: &str) -> String {
    let path = pointer.trim_start_matches('/').replace('/', ".");
    if path.is_empty() {
        "params".to_string()
    } else {
        path.replace("~1", "/").replace("~0", "~")
    }
}

/// Runs `tool` for the account `account_id` (which must be `ACTIVE` and on the tool's
/// provider). Shared by `execute_tool` and the MCP instances.
pub(crate) fn run(
    state: &Shared,
    tool: &ToolEntry,
    account_id: &str,
    params: JsonObject,
    simulated: Option<u16>,
) -> Result<ExecuteToolResponse, ApiError> {
    let stale = {
        let store = state.store.read();
        let account = &store
            .account(account_id)
            .ok_or_else(|| ApiError::not_found("connected account not found"))?
            .account;
        if !account.provider.eq_ignore_ascii_case(&tool.provider) {
            return Err(ApiError::precondition(format!(
                "tool {} belongs to provider {:?} but the connected account is on {:?}",
                tool.name, tool.provider, account.provider
            )));
        }
        if account.status != ConnectorStatus::Active {
            return Err(ApiError::precondition(format!(
                "account is not active (status {})",
                account.status
            )));
        }
        account
            .last_used_at
            .is_none_or(|t| now() - t >= LAST_USED_RESOLUTION)
    };
    let params = Value::Object(params);
    let errors = tool.check_input(&params);
    if !errors.is_empty() {
        let violations = errors
            .into_iter()
            .map(|(pointer, description, keyword)| FieldViolation {
                field: field_name(&pointer),
                description,
                constraint: keyword,
            })
            .collect();
        return Err(ApiError::violations(violations));
    }
    let execution_id = crate::ids::execution_id();
    if let Some((code, reason)) = simulated.and_then(upstream_failure) {
        let status = simulated.unwrap_or_default();
        return Err(ApiError::tool_error(
            code,
            ToolErrorInfo {
                execution_id,
                tool_error_message: format!(
                    "{} API answered {status} {reason} (simulated by X-Sandbox-Tool-Error)",
                    tool.provider
                ),
                tool_error_code: status.to_string(),
            },
        ));
    }
    let params = match params {
        Value::Object(map) => map,
        _ => JsonObject::new(),
    };
    if let Some((status, message)) = crate::synth::upstream::refusal(&tool.provider, &params) {
        return Err(ApiError::tool_error(
            upstream_code(status),
            ToolErrorInfo {
                execution_id,
                tool_error_message: format!("{} API answered {status}: {message}", tool.provider),
                tool_error_code: status.to_string(),
            },
        ));
    }
    let data = synthesize(tool, &params);
    if stale {
        state.write(|store| {
            if let Some(record) = store.account_mut(account_id) {
                record.account.last_used_at = Some(now());
            }
        });
    }
    Ok(ExecuteToolResponse { data, execution_id })
}

/// Output data for a call: echoing inputs when that still validates, else purely generated.
pub(crate) fn synthesize(tool: &ToolEntry, params: &JsonObject) -> JsonObject {
    let (mut value, echoed) =
        crate::synth::generate_traced(&tool.name, &tool.output_schema, params, true);
    if echoed && !tool.check_output(&value).is_empty() {
        value = crate::synth::generate(&tool.name, &tool.output_schema, params, false);
    }
    match value {
        Value::Object(map) => map,
        other => JsonObject::from_iter([("result".to_string(), other)]),
    }
}

/// `POST /api/v1/execute_tool`.
pub(crate) fn execute(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: ExecuteToolRequest = req.body()?;
    Checks::new()
        .required("tool_name", Some(&r.tool_name))
        .max_len(
            "connected_account_id",
            r.connected_account_id.as_deref(),
            100,
        )
        .max_len("connector", r.connector.as_deref(), 400)
        .pattern("connector", r.connector.as_deref(), Pattern::Connector)
        .max_len("organization_id", r.organization_id.as_deref(), 100)
        .max_len("user_id", r.user_id.as_deref(), 100)
        .max_len("agent_run_id", r.agent_run_id.as_deref(), 255)
        .finish()?;
    let simulated = simulated_error(req.header(TOOL_ERROR_HEADER))?;
    let tool = state
        .catalog
        .tool(&r.tool_name)
        .ok_or_else(|| ApiError::not_found(format!("tool {:?} not found", r.tool_name)))?;
    let account_id = resolve_account(state, tool, &r)?;
    let response = run(
        state,
        tool,
        &account_id,
        r.params.unwrap_or_default(),
        simulated,
    )?;
    json(&response)
}

fn resolve_account(
    state: &AppState,
    tool: &ToolEntry,
    r: &ExecuteToolRequest,
) -> Result<String, ApiError> {
    let store = state.store.read();
    let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    let found = match (
        nonempty(&r.connected_account_id),
        nonempty(&r.identifier),
        nonempty(&r.connector),
    ) {
        (Some(id), _, _) => store.account(&id).map(|a| a.account.id.clone()),
        (None, Some(identifier), Some(connector)) => store
            .account_by_key(&connector, &identifier)
            .map(|a| a.account.id.clone()),
        (None, Some(identifier), None) => {
            let mine = store.accounts_of(&identifier);
            let on_provider = mine.iter().filter(|a| a.account.provider == tool.provider);
            let best = on_provider
                .clone()
                .find(|a| a.account.status == ConnectorStatus::Active)
                .or_else(|| on_provider.clone().next());
            best.map(|a| a.account.id.clone())
        }
        _ => {
            return Err(ApiError::invalid(
                "connected_account_id, or identifier and connector, must be given",
            ))
        }
    };
    found.ok_or_else(|| ApiError::not_found("connected account not found"))
}
