//! The types that cross IPC, exported to TypeScript (`ui/src/bindings/`) with ts-rs.
//!
//! `cargo run -p kitbench-core --bin gen-bindings -- <dir>` writes them; the staleness check
//! regenerates into a temp dir and diffs against the committed files.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

use crate::accounts::{
    Account, AccountAuth, AccountFilter, AccountInput, AccountPage, AccountRow, AccountUpdate,
    AuthField, BulkDeleteProgress, BulkResult, Credentials,
};
use crate::authorizations::{Authorization, AuthorizationStatus};
use crate::connection_test::{ConnectionTest, TestStage};
use crate::connections::{Connection, ConnectionPage};
use crate::environments::{CallbackMode, Environment, EnvironmentInput, Label};
use crate::error::{ErrorDetail, ErrorKind, FieldError, IpcError, NetworkCause};
use crate::history::{
    AccountKey, BodyChunk, BodyPart, BodyPreview, CopyStyle, DiffChange, DiffOp, ExportFormat,
    HistoryEntry, HistoryFilter, HistoryHeader, HistoryKind, HistoryPage, HistoryReplay,
    HistoryRetention, HistoryRow, StatusClass,
};
use crate::links::{LinkOutcome, LinkOutcomeKind};
use crate::mcp::{
    InspectorCallInput, InspectorCallResult, InspectorConnectInput, InspectorContent,
    InspectorMessage, InspectorPrompt, InspectorPromptMessage, InspectorPromptResult,
    InspectorResource, InspectorSession, InspectorTool, McpConfigInput, McpConfigPage,
    McpConfigView, McpConnectionState, McpInstanceFilter, McpInstancePage, McpInstanceView,
    McpMappingInput, McpMappingView, McpSnippet, McpTransportKind, MessageDirection, SnippetClient,
};
use crate::overview::{Breakdown, Overview, OverviewProgress, StatusCount};
use crate::sandbox_host::{SandboxInfo, SandboxKnobs, SandboxStatus};
use crate::secrets::{SecretMode, SecretStatus};
use crate::settings::WindowState;
use crate::tools::{
    KeyValue, Preset, PresetInput, ProxyAnswer, ProxyBodyInput, ProxyInput, RunOutcome, RunTarget,
    ScopedToolPage, ScopedToolRow, ToolInfo, ToolListFilter, ToolPage, ToolRunInput, ToolRunResult,
    ToolSearchHit,
};
use crate::Bootstrap;

/// How the bindings are written: into `dir`, 64-bit integers as `number`.
pub(crate) fn config(dir: &Path) -> Config {
    // i64/u64 are not used across IPC; numbers stay `number` if one slips in.
    Config::new().with_out_dir(dir).with_large_int("number")
}

/// Writes every IPC type (and what it references) as one `.ts` file per type.
pub fn export_types(cfg: &Config) -> Result<(), ExportError> {
    Bootstrap::export_all(cfg)?;
    ConnectionTest::export_all(cfg)?;
    TestStage::export_all(cfg)?;
    Environment::export_all(cfg)?;
    EnvironmentInput::export_all(cfg)?;
    Label::export_all(cfg)?;
    ErrorKind::export_all(cfg)?;
    FieldError::export_all(cfg)?;
    IpcError::export_all(cfg)?;
    ErrorDetail::export_all(cfg)?;
    NetworkCause::export_all(cfg)?;
    Overview::export_all(cfg)?;
    Breakdown::export_all(cfg)?;
    OverviewProgress::export_all(cfg)?;
    StatusCount::export_all(cfg)?;
    SandboxInfo::export_all(cfg)?;
    SandboxKnobs::export_all(cfg)?;
    SandboxStatus::export_all(cfg)?;
    SecretMode::export_all(cfg)?;
    SecretStatus::export_all(cfg)?;
    WindowState::export_all(cfg)?;
    Connection::export_all(cfg)?;
    ConnectionPage::export_all(cfg)?;
    AccountFilter::export_all(cfg)?;
    AccountRow::export_all(cfg)?;
    AccountPage::export_all(cfg)?;
    Account::export_all(cfg)?;
    AccountAuth::export_all(cfg)?;
    AuthField::export_all(cfg)?;
    Credentials::export_all(cfg)?;
    AccountInput::export_all(cfg)?;
    AccountUpdate::export_all(cfg)?;
    BulkResult::export_all(cfg)?;
    BulkDeleteProgress::export_all(cfg)?;
    Authorization::export_all(cfg)?;
    AuthorizationStatus::export_all(cfg)?;
    CallbackMode::export_all(cfg)?;
    LinkOutcome::export_all(cfg)?;
    LinkOutcomeKind::export_all(cfg)?;
    ToolListFilter::export_all(cfg)?;
    ToolInfo::export_all(cfg)?;
    ToolPage::export_all(cfg)?;
    ScopedToolRow::export_all(cfg)?;
    ScopedToolPage::export_all(cfg)?;
    ToolSearchHit::export_all(cfg)?;
    RunTarget::export_all(cfg)?;
    ToolRunInput::export_all(cfg)?;
    ToolRunResult::export_all(cfg)?;
    RunOutcome::export_all(cfg)?;
    KeyValue::export_all(cfg)?;
    ProxyBodyInput::export_all(cfg)?;
    ProxyInput::export_all(cfg)?;
    ProxyAnswer::export_all(cfg)?;
    Preset::export_all(cfg)?;
    PresetInput::export_all(cfg)?;
    HistoryKind::export_all(cfg)?;
    AccountKey::export_all(cfg)?;
    StatusClass::export_all(cfg)?;
    HistoryFilter::export_all(cfg)?;
    HistoryRow::export_all(cfg)?;
    HistoryPage::export_all(cfg)?;
    HistoryHeader::export_all(cfg)?;
    BodyPreview::export_all(cfg)?;
    HistoryEntry::export_all(cfg)?;
    BodyPart::export_all(cfg)?;
    BodyChunk::export_all(cfg)?;
    ExportFormat::export_all(cfg)?;
    CopyStyle::export_all(cfg)?;
    DiffOp::export_all(cfg)?;
    DiffChange::export_all(cfg)?;
    HistoryReplay::export_all(cfg)?;
    HistoryRetention::export_all(cfg)?;
    McpConfigInput::export_all(cfg)?;
    McpConfigPage::export_all(cfg)?;
    McpConfigView::export_all(cfg)?;
    McpMappingInput::export_all(cfg)?;
    McpMappingView::export_all(cfg)?;
    McpConnectionState::export_all(cfg)?;
    McpInstanceFilter::export_all(cfg)?;
    McpInstancePage::export_all(cfg)?;
    McpInstanceView::export_all(cfg)?;
    McpSnippet::export_all(cfg)?;
    SnippetClient::export_all(cfg)?;
    McpTransportKind::export_all(cfg)?;
    InspectorConnectInput::export_all(cfg)?;
    InspectorSession::export_all(cfg)?;
    InspectorTool::export_all(cfg)?;
    InspectorPrompt::export_all(cfg)?;
    InspectorResource::export_all(cfg)?;
    InspectorCallInput::export_all(cfg)?;
    InspectorCallResult::export_all(cfg)?;
    InspectorContent::export_all(cfg)?;
    InspectorMessage::export_all(cfg)?;
    InspectorPromptMessage::export_all(cfg)?;
    InspectorPromptResult::export_all(cfg)?;
    MessageDirection::export_all(cfg)?;
    Ok(())
}
