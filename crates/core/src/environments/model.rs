use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CallbackMode;

/// What an environment is for; shown as a colored badge everywhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Label.ts")]
pub enum Label {
    /// Live customer data: the UI asks twice before changing things.
    Production,
    /// Pre-production.
    Staging,
    /// Development.
    #[default]
    Dev,
    /// A local Kitbench Sandbox.
    Sandbox,
}

impl Label {
    /// The label as stored and as it travels.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Production => "production",
            Label::Staging => "staging",
            Label::Dev => "dev",
            Label::Sandbox => "sandbox",
        }
    }

    /// Parses a stored label; unknown text (from a newer version) reads as `dev`.
    pub fn parse(text: &str) -> Self {
        match text {
            "production" => Label::Production,
            "staging" => Label::Staging,
            "sandbox" => Label::Sandbox,
            _ => Label::Dev,
        }
    }
}

/// A saved environment, as the UI sees it (no secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Environment.ts")]
pub struct Environment {
    /// `env_…`, also the keychain account of its client secret.
    pub id: String,
    /// Display name, unique (case-insensitive).
    pub name: String,
    /// `https://<your-env>.scalekit.com` (or the Sandbox's loopback URL).
    pub env_url: String,
    /// The API client id (`skc_…`).
    pub client_id: String,
    /// What it is for.
    pub label: Label,
    /// The built-in Sandbox's environment: its URL and credentials are managed by the app.
    pub is_sandbox: bool,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; set when it becomes the active environment.
    pub last_used_at: Option<String>,
    /// How its authorization links come back to the app.
    pub callback_mode: CallbackMode,
}

/// What the environment form sends on create and edit.
#[derive(Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export_to = "EnvironmentInput.ts")]
pub struct EnvironmentInput {
    /// Display name.
    pub name: String,
    /// Environment URL.
    pub env_url: String,
    /// API client id.
    pub client_id: String,
    /// The client secret; `None` (or empty) on edit keeps the stored one.
    #[ts(optional = nullable)]
    pub client_secret: Option<String>,
    /// What it is for.
    pub label: Label,
}

// Forms end up in logs and panic messages: show whether a secret was typed, never the secret.
impl std::fmt::Debug for EnvironmentInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvironmentInput")
            .field("name", &self.name)
            .field("env_url", &self.env_url)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("label", &self.label)
            .finish()
    }
}

impl EnvironmentInput {
    /// The secret if one was typed (blank counts as none).
    pub fn secret(&self) -> Option<&str> {
        self.client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}
