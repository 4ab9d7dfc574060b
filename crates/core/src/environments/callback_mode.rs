use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How an environment's authorization links come back to the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "CallbackMode.ts")]
pub enum CallbackMode {
    /// `kitbench://auth/verify`, handed to the app by the desktop.
    #[default]
    DeepLink,
    /// `http://127.0.0.1:<port>/auth/verify`, served by the app while an authorization is
    /// pending (for desktops where the `kitbench:` scheme is not registered).
    Loopback,
}

impl CallbackMode {
    /// The mode as stored and as it travels.
    pub fn as_str(self) -> &'static str {
        match self {
            CallbackMode::DeepLink => "deep_link",
            CallbackMode::Loopback => "loopback",
        }
    }

    /// Parses a stored mode; unknown text (from a newer version) reads as the deep link.
    pub fn parse(text: &str) -> Self {
        match text {
            "loopback" => CallbackMode::Loopback,
            _ => CallbackMode::DeepLink,
        }
    }
}
