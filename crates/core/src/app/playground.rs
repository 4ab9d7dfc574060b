//! The playground: the tool catalog, tool runs, proxied calls and presets.
//!
//! A run is checked before anything is sent (the target, then the input against the tool's
//! `input_schema`, compiled once per tool and cached), then sent once as its own task under a
//! run id (`run_tag::with_run`, so the history can tie its exchanges to it) that `cancel_run`
//! can abort. API failures are part of the result, not an error of the command: the result
//! keeps the run id, the duration and the failure's detail together.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use agentkit::wire::tools::{
    ListScopedToolsRequest, ListToolsRequest, ScopedToolFilter, SearchToolsRequest, ToolFilter,
};
use agentkit::Client;
use serde_json::Value;

use super::Kitbench;
use crate::tools::model::{text, TOOL_PAGE_SIZE};
use crate::tools::runs::Finished;
use crate::tools::{
    presets, run, schema, Preset, PresetInput, ProxyAnswer, ProxyInput, RunOutcome, ScopedToolPage,
    ScopedToolRow, ToolInfo, ToolListFilter, ToolPage, ToolRunInput, ToolRunResult, ToolSearchHit,
};
use crate::{Error, ErrorKind, IpcError, Result};

/// The most hits a search asks for (the API's maximum).
const SEARCH_TOP_K: u32 = 50;

fn next(token: String) -> Option<String> {
    Some(token).filter(|t| !t.is_empty())
}

fn cancelled() -> IpcError {
    IpcError {
        kind: ErrorKind::Cancelled,
        message: "Cancelled while in flight; the server may still have acted on it.".into(),
        fields: Vec::new(),
        detail: None,
    }
}

impl Kitbench {
    /// One page (100) of the environment's tools, filtered by the server.
    pub async fn list_tools(
        &self,
        env_id: &str,
        filter: &ToolListFilter,
        page_token: Option<&str>,
    ) -> Result<ToolPage> {
        let req = ListToolsRequest {
            filter: Some(filter.to_wire()?),
            page_size: Some(TOOL_PAGE_SIZE),
            page_token: text(page_token),
        };
        let page = self.client(env_id).await?.list_tools(&req).await?;
        Ok(ToolPage {
            tools: page.tools.iter().map(ToolInfo::from).collect(),
            total_size: page.total_size,
            next_page_token: next(page.next_page_token),
        })
    }

    /// Free-text search of the catalog (`SearchTools`, 1–256 characters), best first; with an
    /// identifier, each hit says which of its connections could run it.
    pub async fn search_tools(
        &self,
        env_id: &str,
        query: &str,
        identifier: Option<&str>,
    ) -> Result<Vec<ToolSearchHit>> {
        let query = query.trim();
        if query.is_empty() || query.chars().count() > 256 {
            return Err(Error::invalid("query", "Search with 1 to 256 characters."));
        }
        let req = SearchToolsRequest {
            query: query.to_string(),
            identifier: text(identifier),
            top_k: Some(SEARCH_TOP_K),
        };
        let found = self.client(env_id).await?.search_tools(&req).await?;
        Ok(found.tools.iter().map(ToolSearchHit::from).collect())
    }

    /// The tools an identifier's accounts can run (`ListScopedTools`), of one connection when
    /// given, one page (100) at a time.
    pub async fn list_scoped_tools(
        &self,
        env_id: &str,
        identifier: &str,
        connection: Option<&str>,
        page_token: Option<&str>,
    ) -> Result<ScopedToolPage> {
        let Some(identifier) = text(Some(identifier)) else {
            return Err(Error::invalid("identifier", "Give the user's identifier."));
        };
        let req = ListScopedToolsRequest {
            identifier,
            filter: Some(ScopedToolFilter {
                connection_names: text(connection).into_iter().collect(),
                ..Default::default()
            }),
            page_size: Some(TOOL_PAGE_SIZE),
            page_token: text(page_token),
        };
        let page = self.client(env_id).await?.list_scoped_tools(&req).await?;
        Ok(ScopedToolPage {
            tools: page.tools.iter().filter_map(ScopedToolRow::of).collect(),
            total_size: page.total_size,
            next_page_token: next(page.next_page_token),
        })
    }

    /// One tool by its exact name.
    pub async fn get_tool(&self, env_id: &str, name: &str) -> Result<ToolInfo> {
        let client = self.client(env_id).await?;
        fetch_tool(&client, name).await
    }

    /// The compiled input schema of a tool, from the cache or the catalog.
    async fn input_validator(
        &self,
        env_id: &str,
        client: &Client,
        tool: &str,
    ) -> Result<Arc<jsonschema::Validator>> {
        if let Some(v) = self.schemas.get(env_id, tool) {
            return Ok(v);
        }
        let info = fetch_tool(client, tool).await?;
        let compiled = Arc::new(schema::compile(&info.input_schema)?);
        self.schemas.put(env_id, tool, compiled.clone());
        Ok(compiled)
    }

    /// Runs a tool once. Refused before sending, as a validation error with one field per
    /// problem: a missing target, an input that does not match the schema (fields named by
    /// JSON pointer). Anything after sending is in the result: data, or the failure with its
    /// kind in plain words, or the cancellation.
    pub async fn run_tool(&self, env_id: &str, input: &ToolRunInput) -> Result<ToolRunResult> {
        let run_id = run::run_id(input.run_id.as_deref())?;
        let req = input.to_request()?;
        let client = self.client(env_id).await?;
        let validator = self
            .input_validator(env_id, &client, &req.tool_name)
            .await?;
        let params = Value::Object(req.params.clone().unwrap_or_default());
        schema::check(&validator, &params)?;

        let tool_name = req.tool_name.clone();
        let (finished, duration_ms) = self
            .tracked(&run_id, async move { client.execute_tool(&req).await })
            .await?;
        let mut result = ToolRunResult {
            run_id,
            tool_name,
            outcome: RunOutcome::Ok,
            status: None,
            duration_ms,
            size: 0,
            execution_id: None,
            data: None,
            error: None,
            error_summary: None,
        };
        match finished {
            Finished::Done(Ok(answer)) => {
                let data = Value::Object(answer.data);
                result.size = u32::try_from(data.to_string().len()).unwrap_or(u32::MAX);
                result.status = Some(200);
                result.execution_id = Some(answer.execution_id).filter(|id| !id.is_empty());
                result.data = Some(data);
            }
            Finished::Done(Err(e)) => {
                let error = IpcError::from(&Error::AgentKit(e));
                result.outcome = RunOutcome::Error;
                result.status = error.detail.as_ref().and_then(|d| d.status);
                result.execution_id = error.detail.as_ref().and_then(|d| d.execution_id.clone());
                result.error_summary = Some(run::summary(&error));
                result.error = Some(error);
            }
            Finished::Cancelled => {
                let error = cancelled();
                result.outcome = RunOutcome::Cancelled;
                result.error_summary = Some(run::summary(&error));
                result.error = Some(error);
            }
        }
        Ok(result)
    }

    /// Aborts a run or proxied call in flight; false when it had already ended.
    pub fn cancel_run(&self, run_id: &str) -> bool {
        self.runs.cancel(run_id)
    }

    /// Sends a proxied call once (the client retries only safe methods, on 429/503). Any HTTP
    /// status is an answer; only a call that got none is an error (in the answer's `error`).
    pub async fn proxy_request(&self, env_id: &str, input: &ProxyInput) -> Result<ProxyAnswer> {
        let run_id = run::run_id(input.run_id.as_deref())?;
        let req = input.to_request()?;
        let client = self.client(env_id).await?;
        let (finished, ms) = self
            .tracked(&run_id, async move { client.proxy(&req).await })
            .await?;
        Ok(match finished {
            Finished::Done(Ok(r)) => ProxyAnswer::from_response(run_id, &r, ms),
            Finished::Done(Err(e)) => {
                let error = IpcError::from(&Error::AgentKit(e));
                ProxyAnswer::failed(run_id, RunOutcome::Error, error, ms)
            }
            Finished::Cancelled => {
                ProxyAnswer::failed(run_id, RunOutcome::Cancelled, cancelled(), ms)
            }
        })
    }

    /// Runs one call as a cancellable task tagged with `run_id`; answers how it ended and how
    /// long the call took (measured inside the task, from sending to the answer).
    async fn tracked<F, T>(&self, run_id: &str, call: F) -> Result<(Finished<T>, f64)>
    where
        F: Future<Output = T>,
    {
        let started = Instant::now();
        let finished = self
            .runs
            .run(run_id, async move {
                let t = Instant::now();
                let out = call.await;
                (out, t.elapsed().as_secs_f64() * 1000.0)
            })
            .await?;
        // The answer does not wait for the history: the run's exchanges are queued to the
        // writer by the client's observer, and the UI learns they are on disk from
        // `history_for_run`, which answers once they are committed.
        Ok(match finished {
            Finished::Done((out, ms)) => (Finished::Done(out), ms),
            Finished::Cancelled => (
                Finished::Cancelled,
                started.elapsed().as_secs_f64() * 1000.0,
            ),
        })
    }

    /// A tool's presets in an environment, by name.
    pub async fn list_presets(&self, env_id: &str, tool_name: &str) -> Result<Vec<Preset>> {
        presets::list(self.store.pool(), env_id, tool_name).await
    }

    /// Saves a preset (replacing one of the same name); secret-looking values are masked.
    pub async fn save_preset(&self, env_id: &str, input: &PresetInput) -> Result<Preset> {
        crate::environments::repo::get(self.store.pool(), env_id).await?;
        presets::save(self.store.pool(), env_id, input).await
    }

    /// Deletes a preset.
    pub async fn delete_preset(&self, env_id: &str, tool_name: &str, name: &str) -> Result<()> {
        presets::delete(self.store.pool(), env_id, tool_name, name).await
    }
}

/// A tool by exact name (`ListTools` filtered by `tool_name`); not found when absent.
async fn fetch_tool(client: &Client, name: &str) -> Result<ToolInfo> {
    let Some(name) = text(Some(name)) else {
        return Err(Error::invalid("tool_name", "Choose a tool."));
    };
    let req = ListToolsRequest {
        filter: Some(ToolFilter {
            tool_name: vec![name.clone()],
            ..Default::default()
        }),
        page_size: Some(10),
        page_token: None,
    };
    let page = client.list_tools(&req).await?;
    page.tools
        .iter()
        .find(|t| t.name() == name)
        .map(ToolInfo::from)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "There is no tool named {name:?} in this environment."
            ))
        })
}
