//! IPC commands: each one forwards to a [`kitbench_core::Kitbench`] method and turns its error
//! into `{kind, message, fields}`. Arguments keep their snake_case names on the JS side too.

use kitbench_core::connection_test::ConnectionTest;
use kitbench_core::environments::{Environment, EnvironmentInput, Label};
use kitbench_core::overview::Overview;
use kitbench_core::sandbox_host::{SandboxKnobs, SandboxStatus};
use kitbench_core::secrets::SecretStatus;
use kitbench_core::{Bootstrap, IpcError};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

type Cmd<T> = Result<T, IpcError>;

#[tauri::command(rename_all = "snake_case")]
pub async fn bootstrap(state: State<'_, AppState>) -> Cmd<Bootstrap> {
    crate::perf::mark("bootstrap_called");
    let boot = state.get().await?.bootstrap().await?;
    crate::perf::mark("bootstrap_answered");
    Ok(boot)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_environments(state: State<'_, AppState>) -> Cmd<Vec<Environment>> {
    Ok(state.get().await?.list_environments().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_environment(
    state: State<'_, AppState>,
    input: EnvironmentInput,
) -> Cmd<Environment> {
    Ok(state.get().await?.create_environment(&input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_environment(
    state: State<'_, AppState>,
    id: String,
    input: EnvironmentInput,
) -> Cmd<Environment> {
    Ok(state.get().await?.update_environment(&id, &input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_environment(state: State<'_, AppState>, id: String) -> Cmd<()> {
    Ok(state.get().await?.delete_environment(&id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn duplicate_environment(state: State<'_, AppState>, id: String) -> Cmd<Environment> {
    Ok(state.get().await?.duplicate_environment(&id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_active_environment(state: State<'_, AppState>, id: String) -> Cmd<Environment> {
    Ok(state.get().await?.set_active_environment(&id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn test_environment(state: State<'_, AppState>, id: String) -> Cmd<ConnectionTest> {
    Ok(state.get().await?.test_environment(&id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn test_environment_input(
    state: State<'_, AppState>,
    input: EnvironmentInput,
    existing_id: Option<String>,
) -> Cmd<ConnectionTest> {
    Ok(state
        .get()
        .await?
        .test_environment_input(&input, existing_id.as_deref())
        .await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_dotenv(
    state: State<'_, AppState>,
    text: String,
    name: Option<String>,
    label: Label,
) -> Cmd<Environment> {
    Ok(state
        .get()
        .await?
        .import_dotenv(&text, name.as_deref(), label)
        .await?)
}

/// Writes the export to the Downloads folder (the data dir if there is none) and returns the
/// file's path.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_environments(app: AppHandle, state: State<'_, AppState>) -> Cmd<String> {
    let kit = state.get().await?;
    let dir = app
        .path()
        .download_dir()
        .unwrap_or_else(|_| kit.data_dir().to_path_buf());
    let path = dir.join(kitbench_core::export::file_name());
    kit.export_environments_to(&path).await?;
    Ok(path.display().to_string())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn overview(state: State<'_, AppState>, env_id: String) -> Cmd<Overview> {
    crate::perf::mark("overview_called");
    let overview = state.get().await?.overview(&env_id).await?;
    crate::perf::mark("overview_answered");
    Ok(overview)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn use_session_secrets(state: State<'_, AppState>) -> Cmd<SecretStatus> {
    Ok(state.get().await?.use_session_secrets())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_last_section(state: State<'_, AppState>, section: String) -> Cmd<()> {
    Ok(state.get().await?.set_last_section(&section).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sandbox_status(state: State<'_, AppState>) -> Cmd<SandboxStatus> {
    Ok(state.get().await?.sandbox_status()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sandbox_set_knobs(
    state: State<'_, AppState>,
    knobs: SandboxKnobs,
) -> Cmd<SandboxStatus> {
    Ok(state.get().await?.sandbox_set_knobs(&knobs)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sandbox_reset(state: State<'_, AppState>) -> Cmd<SandboxStatus> {
    Ok(state.get().await?.sandbox_reset()?)
}
