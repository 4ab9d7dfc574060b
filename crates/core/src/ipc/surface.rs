// The IPC surface: every command the UI can call and every event the backend sends, declared
// once. Two readers include this file, each with its own `ipc_surface!`:
// - kitbench-core (ipc/declare.rs): the handlers, `dispatch`, event constructors, and the
//   TypeScript module `ui/src/bindings/ipc.ts`;
// - src-tauri/build.rs: the command names, for Tauri's `allow-<command>` permissions.
// The shell's one invoke handler (src-tauri/src/ipc.rs) calls `dispatch`; nothing else is written
// by hand per command. `// …` lines group entries; `/// …` lines become the TypeScript docs.
// A command is `name(arg: Type, …) -> Result = |cx| body;`. The body runs with the arguments
// bound by name and `cx: &Context`, and returns `crate::Result<Result>`. Keep bodies to one
// call into a `Kitbench` method: the logic lives there, where tests can reach it.

ipc_surface! {
    commands {
        /// Everything the shell needs for its first screen, in one call.
        bootstrap() -> Bootstrap = |cx| {
            crate::perf::mark("bootstrap_called");
            let boot = cx.kit().await?.bootstrap().await;
            crate::perf::mark("bootstrap_answered");
            boot
        };
        /// The environments, the built-in Sandbox first.
        list_environments() -> Vec<Environment> = |cx| cx.kit().await?.list_environments().await;
        /// Creates an environment; its secret goes to the keychain.
        create_environment(input: EnvironmentInput) -> Environment =
            |cx| cx.kit().await?.create_environment(&input).await;
        /// Saves the form over an environment (a blank secret keeps the stored one).
        update_environment(id: String, input: EnvironmentInput) -> Environment =
            |cx| cx.kit().await?.update_environment(&id, &input).await;
        /// Deletes an environment and its secret.
        delete_environment(id: String) -> () = |cx| cx.kit().await?.delete_environment(&id).await;
        /// Copies an environment (and its secret) under a free name.
        duplicate_environment(id: String) -> Environment =
            |cx| cx.kit().await?.duplicate_environment(&id).await;
        /// Makes an environment the one every screen works on.
        set_active_environment(id: String) -> Environment =
            |cx| cx.kit().await?.set_active_environment(&id).await;
        /// Fetches a token and lists connections with a saved environment's credentials.
        test_environment(id: String) -> ConnectionTest =
            |cx| cx.kit().await?.test_environment(&id).await;
        /// Tests the form before saving; a blank secret uses the one stored for `existing_id`.
        test_environment_input(input: EnvironmentInput, existing_id: Option<String>) -> ConnectionTest =
            |cx| cx.kit().await?.test_environment_input(&input, existing_id.as_deref()).await;
        /// The form's problems, one per field (empty when it can be saved): the only copy of
        /// the rules, so the UI never drifts from what saving checks.
        validate_environment_input(input: EnvironmentInput, existing_id: Option<String>) -> Vec<FieldError> =
            |cx| cx.kit().await?.validate_environment_input(&input, existing_id.as_deref()).await;
        /// Creates an environment from a `.env` file's text.
        import_dotenv(text: String, name: Option<String>, label: Label) -> Environment =
            |cx| cx.kit().await?.import_dotenv(&text, name.as_deref(), label).await;
        /// Writes every environment (no secrets) as JSON to the Downloads folder; returns the path.
        export_environments() -> String = |cx| {
            let kit = cx.kit().await?;
            let dir = cx.host().downloads_dir().unwrap_or_else(|| kit.data_dir().to_path_buf());
            let path = dir.join(crate::export::file_name());
            kit.export_environments_to(&path).await?;
            Ok(path.display().to_string())
        };
        /// An environment's totals.
        overview(env_id: String) -> Overview = |cx| {
            crate::perf::mark("overview_called");
            let overview = cx.kit().await?.overview(&env_id).await;
            crate::perf::mark("overview_answered");
            overview
        };
        /// Connected accounts by status: the cached count at once (null before the first), and,
        /// when `refresh` is set or nothing is cached, a background walk of every page that
        /// reports through `overview_progress`.
        overview_breakdown(env_id: String, refresh: bool) -> Option<Breakdown> = |cx| {
            let host = cx.host_handle();
            cx.kit()
                .await?
                .overview_breakdown(&env_id, refresh, move |p| host.emit(event::overview_progress(p)))
                .await
        };
        // Connections and connected accounts.
        /// One page (30) of the environment's connections; `query` (3–100 characters) matches
        /// the name or provider on the server.
        list_connections(env_id: String, query: Option<String>, page_token: Option<String>) -> ConnectionPage =
            |cx| cx.kit().await?.list_connections(&env_id, query.as_deref(), page_token.as_deref()).await;
        /// The connection with this name (`key_id`).
        get_connection(env_id: String, name: String) -> Connection =
            |cx| cx.kit().await?.get_connection(&env_id, &name).await;
        /// One page (99) of accounts matching `filter` (applied by the server); never walks on.
        list_accounts(env_id: String, filter: AccountFilter, page_token: Option<String>) -> AccountPage =
            |cx| cx.kit().await?.list_accounts(&env_id, &filter, page_token.as_deref()).await;
        /// One account in full, without credentials.
        get_account(env_id: String, account_id: String) -> Account =
            |cx| cx.kit().await?.get_account(&env_id, &account_id).await;
        /// An account's credentials, each flagged secret or not; only when the user asks.
        get_account_auth(env_id: String, account_id: String) -> AccountAuth =
            |cx| cx.kit().await?.get_account_auth(&env_id, &account_id).await;
        /// Creates an account (OAuth: pending authorization); never retried automatically.
        create_account(env_id: String, input: AccountInput) -> Account =
            |cx| cx.kit().await?.create_account(&env_id, &input).await;
        /// The account of `input.identifier` on `input.connection`, created when missing.
        get_or_create_account(env_id: String, input: AccountInput) -> Account =
            |cx| cx.kit().await?.get_or_create_account(&env_id, &input).await;
        /// Replaces an account's credentials and/or API config.
        update_account(env_id: String, account_id: String, input: AccountUpdate) -> Account =
            |cx| cx.kit().await?.update_account(&env_id, &account_id, &input).await;
        /// Deletes an account; in a production environment `confirm_identifier` must be its
        /// identifier. Never retried automatically.
        delete_account(env_id: String, account_id: String, confirm_identifier: Option<String>) -> () =
            |cx| cx.kit().await?.delete_account(&env_id, &account_id, confirm_identifier.as_deref()).await;
        /// Deletes accounts one at a time, with `bulk_delete_progress` after each; one result
        /// per id (the UI has the user confirm the count first).
        delete_accounts(env_id: String, account_ids: Vec<String>) -> Vec<BulkResult> = |cx| {
            let host = cx.host_handle();
            cx.kit()
                .await?
                .delete_accounts(&env_id, &account_ids, move |p| host.emit(event::bulk_delete_progress(p)))
                .await
        };
        /// Keeps secrets in memory for this session when there is no keychain.
        use_session_secrets() -> SecretStatus = |cx| Ok(cx.kit().await?.use_session_secrets());
        /// Remembers the screen to reopen on the next start.
        set_last_section(section: String) -> () =
            |cx| cx.kit().await?.set_last_section(&section).await;
        /// The built-in Sandbox: address, counts, fault knobs.
        sandbox_status() -> SandboxStatus = |cx| cx.kit().await?.sandbox_status();
        /// Replaces the Sandbox's fault knobs.
        sandbox_set_knobs(knobs: SandboxKnobs) -> SandboxStatus =
            |cx| cx.kit().await?.sandbox_set_knobs(&knobs);
        /// The built-in Sandbox's client secret, for the SDK `.env` block the user copies.
        sandbox_client_secret() -> String = |cx| cx.kit().await?.sandbox_client_secret().await;
        /// Puts the Sandbox back to its seeded data.
        sandbox_reset() -> SandboxStatus = |cx| cx.kit().await?.sandbox_reset();
        /// Adds `count` generated connected accounts to the Sandbox (to try the app at scale).
        sandbox_seed_accounts(count: u32) -> SandboxStatus =
            |cx| cx.kit().await?.sandbox_seed_accounts(count).await;
        // Authorization through kitbench:// links.
        /// Creates a magic link for an account (coming back as `kitbench://auth/verify` or to
        /// the loopback callback, per the environment), records it pending and opens it in
        /// the browser. The link is in the answer and in memory only.
        start_authorization(env_id: String, account_id: String) -> Authorization =
            |cx| cx.kit().await?.start_authorization(&env_id, &account_id, &cx.notifier()).await;
        /// Pending authorizations first, then recent ones, newest first (at most 200); of one
        /// environment, or of all when `env_id` is null.
        list_authorizations(env_id: Option<String>) -> Vec<Authorization> =
            |cx| cx.kit().await?.list_authorizations(env_id.as_deref()).await;
        /// Cancels a pending authorization: its link, if it comes back, is rejected.
        cancel_authorization(id: String) -> Authorization =
            |cx| cx.kit().await?.cancel_authorization(&id, &cx.notifier()).await;
        /// Opens an authorization's link again (a fresh one if the old is gone or expired).
        reopen_authorization(id: String) -> Authorization =
            |cx| cx.kit().await?.reopen_authorization(&id, &cx.notifier()).await;
        /// How an environment's authorization links come back to the app.
        set_callback_mode(env_id: String, mode: CallbackMode) -> Environment =
            |cx| cx.kit().await?.set_callback_mode(&env_id, mode).await;
        /// Outcomes of links handled before the UI listened (each is handed out once); from
        /// now on they arrive as `link_outcome`.
        take_link_outcomes() -> Vec<LinkOutcome> = |cx| Ok(cx.links().take());
        // The playground: tools, tool runs, proxied calls, presets.
        /// One page (100) of the tool catalog, filtered by provider, connection and name words
        /// (3–100 characters) on the server.
        list_tools(env_id: String, filter: ToolListFilter, page_token: Option<String>) -> ToolPage =
            |cx| cx.kit().await?.list_tools(&env_id, &filter, page_token.as_deref()).await;
        /// Free-text search of the catalog (`SearchTools`), best first.
        search_tools(env_id: String, query: String, identifier: Option<String>) -> Vec<ToolSearchHit> =
            |cx| cx.kit().await?.search_tools(&env_id, &query, identifier.as_deref()).await;
        /// The tools an identifier's accounts can run, each with the account that would run it.
        list_scoped_tools(env_id: String, identifier: String, connection: Option<String>, page_token: Option<String>) -> ScopedToolPage =
            |cx| cx.kit().await?.list_scoped_tools(&env_id, &identifier, connection.as_deref(), page_token.as_deref()).await;
        /// One tool by exact name.
        get_tool(env_id: String, name: String) -> ToolInfo =
            |cx| cx.kit().await?.get_tool(&env_id, &name).await;
        /// Runs a tool once: the input is checked against its schema first (one field error per
        /// problem, nothing sent); failures after sending are in the result.
        run_tool(env_id: String, input: ToolRunInput) -> ToolRunResult =
            |cx| cx.kit().await?.run_tool(&env_id, &input).await;
        /// Aborts a tool run or proxied call in flight; false when it had already ended.
        cancel_run(run_id: String) -> bool = |cx| Ok(cx.kit().await?.cancel_run(&run_id));
        /// Sends a call through the proxy with an account's credentials; any HTTP status is an
        /// answer (body as text or base64, cut at 5 MB).
        proxy_request(env_id: String, input: ProxyInput) -> ProxyAnswer =
            |cx| cx.kit().await?.proxy_request(&env_id, &input).await;
        /// A tool's saved inputs in an environment.
        list_presets(env_id: String, tool_name: String) -> Vec<Preset> =
            |cx| cx.kit().await?.list_presets(&env_id, &tool_name).await;
        /// Saves a tool input under a name (replacing one of that name).
        save_preset(env_id: String, input: PresetInput) -> Preset =
            |cx| cx.kit().await?.save_preset(&env_id, &input).await;
        /// Deletes a saved input.
        delete_preset(env_id: String, tool_name: String, name: String) -> () =
            |cx| cx.kit().await?.delete_preset(&env_id, &tool_name, &name).await;
        // Request history.
        /// A page of history entries matching `filter`, older than `before` (an id), newest
        /// first; `limit` defaults to 100 (at most 500).
        history_list(filter: HistoryFilter, before: Option<i64>, limit: Option<u32>) -> HistoryPage =
            |cx| cx.kit().await?.history_list(&filter, before, limit).await;
        /// The entries a run or proxied call produced, answered once they are committed: a
        /// run answers before its history is written, this says when it is saved.
        history_for_run(run_id: String) -> Vec<HistoryRow> =
            |cx| cx.kit().await?.history_for_run(&run_id).await;
        /// One history entry: metadata, headers, and the first 64 KiB of each body.
        history_get(id: i64) -> HistoryEntry = |cx| cx.kit().await?.history_get(id).await;
        /// A piece of about 1 MiB of a stored body (up to 50 MB) from `offset`: 0, then each
        /// piece's `next` until it equals `stored`.
        history_body_chunk(id: i64, part: BodyPart, offset: u64) -> BodyChunk =
            |cx| cx.kit().await?.history_body_chunk(id, part, offset).await;
        /// Deletes history entries; answers how many there were.
        history_delete(ids: Vec<i64>) -> u64 = |cx| cx.kit().await?.history_delete(&ids).await;
        /// Deletes every history entry, or those of one environment.
        history_clear(env_id: Option<String>) -> u64 =
            |cx| cx.kit().await?.history_clear(env_id.as_deref()).await;
        /// Writes the entries `ids` (or, when null, every entry matching `filter`) as HAR 1.2
        /// or JSON Lines to the Downloads folder; returns the path.
        history_export(format: ExportFormat, ids: Option<Vec<i64>>, filter: HistoryFilter) -> String = |cx| {
            let kit = cx.kit().await?;
            let dir = cx.host().downloads_dir().unwrap_or_else(|| kit.data_dir().to_path_buf());
            let path = dir.join(format.file_name());
            kit.history_export_to(&path, format, ids.as_deref(), &filter).await?;
            Ok(path.display().to_string())
        };
        /// An entry's request as a cURL command or Python / Node SDK code (no credentials).
        history_copy_as(id: i64, style: CopyStyle) -> String =
            |cx| cx.kit().await?.history_copy_as(id, style).await;
        /// Sends a tool run or proxied call again, records it, and diffs the answers.
        history_replay(id: i64) -> HistoryReplay = |cx| cx.kit().await?.history_replay(id).await;
        /// The history's retention limits.
        history_retention() -> HistoryRetention = |cx| Ok(cx.kit().await?.history_retention());
        /// Saves the retention limits and applies them at once.
        history_set_retention(retention: HistoryRetention) -> HistoryRetention =
            |cx| cx.kit().await?.history_set_retention(&retention).await;
        // MCP configs, instances and the inspector.
        /// One page (30) of MCP configs; `search` matches the name or description.
        list_mcp_configs(env_id: String, search: Option<String>, page_token: Option<String>) -> McpConfigPage =
            |cx| cx.kit().await?.list_mcp_configs(&env_id, search.as_deref(), page_token.as_deref()).await;
        /// One MCP config.
        get_mcp_config(env_id: String, config_id: String) -> McpConfigView =
            |cx| cx.kit().await?.get_mcp_config(&env_id, &config_id).await;
        /// Creates an MCP config (checked as the API checks it; its violations as field errors).
        create_mcp_config(env_id: String, input: McpConfigInput) -> McpConfigView =
            |cx| cx.kit().await?.create_mcp_config(&env_id, &input).await;
        /// Replaces a config's description and connection → tools mappings.
        update_mcp_config(env_id: String, config_id: String, input: McpConfigInput) -> McpConfigView =
            |cx| cx.kit().await?.update_mcp_config(&env_id, &config_id, &input).await;
        /// Deletes an MCP config and its instances.
        delete_mcp_config(env_id: String, config_id: String) -> () =
            |cx| cx.kit().await?.delete_mcp_config(&env_id, &config_id).await;
        /// One page (30) of MCP instances, filtered by the server; URLs masked.
        list_mcp_instances(env_id: String, filter: McpInstanceFilter, page_token: Option<String>) -> McpInstancePage =
            |cx| cx.kit().await?.list_mcp_instances(&env_id, &filter, page_token.as_deref()).await;
        /// One MCP instance, URL masked.
        get_mcp_instance(env_id: String, instance_id: String) -> McpInstanceView =
            |cx| cx.kit().await?.get_mcp_instance(&env_id, &instance_id).await;
        /// The instance of a config for a user, created on first call.
        ensure_mcp_instance(env_id: String, config_name: String, user_identifier: String, name: Option<String>) -> McpInstanceView =
            |cx| cx.kit().await?.ensure_mcp_instance(&env_id, &config_name, &user_identifier, name.as_deref()).await;
        /// Renames an instance and/or switches its config.
        update_mcp_instance(env_id: String, instance_id: String, name: Option<String>, config_name: Option<String>) -> McpInstanceView =
            |cx| cx.kit().await?.update_mcp_instance(&env_id, &instance_id, name.as_deref(), config_name.as_deref()).await;
        /// Deletes an instance; in production `confirm_identifier` must be its user's identifier.
        delete_mcp_instance(env_id: String, instance_id: String, confirm_identifier: Option<String>) -> () =
            |cx| cx.kit().await?.delete_mcp_instance(&env_id, &instance_id, confirm_identifier.as_deref()).await;
        /// An instance's URL in full (a credential): only when the user asks to reveal or copy it.
        reveal_mcp_instance_url(env_id: String, instance_id: String) -> String =
            |cx| cx.kit().await?.reveal_mcp_instance_url(&env_id, &instance_id).await;
        /// Each connection of an instance and its account's state; fresh links when asked.
        mcp_instance_auth_state(env_id: String, instance_id: String, include_links: bool) -> Vec<McpConnectionState> =
            |cx| cx.kit().await?.mcp_instance_auth_state(&env_id, &instance_id, include_links).await;
        /// Authorizes the instance user's account on one connection through a kitbench:// link
        /// (creating the account first when there is none).
        authorize_mcp_connection(env_id: String, instance_id: String, connection_name: String) -> Authorization =
            |cx| cx.kit().await?.authorize_mcp_connection(&env_id, &instance_id, &connection_name, &cx.notifier()).await;
        /// "Add to a client" snippets; the URL in them masked unless `reveal`.
        mcp_client_snippets(env_id: String, instance_id: String, reveal: bool) -> Vec<McpSnippet> =
            |cx| cx.kit().await?.mcp_client_snippets(&env_id, &instance_id, reveal).await;
        /// Connects the inspector to an instance or any MCP server URL.
        inspector_connect(input: InspectorConnectInput) -> InspectorSession =
            |cx| cx.kit().await?.inspector_connect(&input).await;
        /// Calls a tool in an inspector session (cancel with `cancel_run`).
        inspector_call_tool(input: InspectorCallInput) -> InspectorCallResult =
            |cx| cx.kit().await?.inspector_call_tool(&input).await;
        /// The MCP messages of a session after `after_seq` (all when null).
        inspector_messages(session_id: String, after_seq: Option<u32>) -> Vec<InspectorMessage> =
            |cx| cx.kit().await?.inspector_messages(&session_id, after_seq);
        /// Gets a prompt of an inspector session, rendered with `values` (its arguments, strings).
        inspector_get_prompt(session_id: String, name: String, values: std::collections::BTreeMap<String, String>) -> InspectorPromptResult =
            |cx| cx.kit().await?.inspector_get_prompt(&session_id, &name, &values).await;
        /// Reads a resource of an inspector session.
        inspector_read_resource(session_id: String, uri: String) -> Vec<InspectorContent> =
            |cx| cx.kit().await?.inspector_read_resource(&session_id, &uri).await;
        /// Closes an inspector session; false when it was not open.
        inspector_disconnect(session_id: String) -> bool =
            |cx| Ok(cx.kit().await?.inspector_disconnect(&session_id).await);
        /// A start-up milestone the page reached (`first_ipc`, `overview_painted`).
        perf_mark(name: String) -> () = |_cx| {
            crate::perf::page_mark(&name);
            Ok(())
        };
    }
    events {
        /// A `kitbench://` (or loopback) link was handled: how it ended. Never the raw URL.
        link_outcome: LinkOutcome;
        /// An authorization changed (started, completed, cancelled, reopened).
        authorization_updated: Authorization;
        /// The by-status count of an environment's accounts moved on (throttled; the last one
        /// has `done` set, or `error`).
        overview_progress: OverviewProgress;
        /// A bulk delete handled one more account.
        bulk_delete_progress: BulkDeleteProgress;
    }
}
