//! "Add to a client": ready-to-paste configuration for the MCP clients people use, made from an
//! instance's URL. Each format is the client's documented one (checked with the docs, cited
//! per client below); `tests` parses every JSON snippet and checks it against that shape.

use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

/// Which client a snippet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "SnippetClient.ts")]
pub enum SnippetClient {
    /// `claude mcp add --transport http <name> <url>`.
    ClaudeCode,
    /// `~/.cursor/mcp.json`.
    Cursor,
    /// `.vscode/mcp.json`.
    VsCode,
    /// A generic `mcpServers` entry (Claude Desktop style, read by most clients).
    Generic,
}

/// One snippet: where it goes and what to paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpSnippet.ts")]
pub struct McpSnippet {
    /// The client.
    pub client: SnippetClient,
    /// A heading ("Claude Code", …).
    pub title: String,
    /// Where it goes (a terminal, a file path).
    pub target: String,
    /// `shell` or `json`.
    pub language: String,
    /// What to paste (with the URL masked unless the caller asked to reveal it).
    pub text: String,
}

/// A server name every client accepts as a key and a shell word: letters, digits, `-`, `_`.
pub fn server_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "agentkit".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A word the shell takes literally (single quotes; a quote inside is closed and escaped).
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn pretty(value: &serde_json::Value) -> String {
    // A `json!` value of strings always serializes.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The four snippets for a server called `name` at `url`.
pub fn snippets(name: &str, url: &str) -> Vec<McpSnippet> {
    let name = server_name(name);
    vec![
        // Claude Code docs (code.claude.com/docs/en/mcp, "Option 1: Add a remote HTTP
        // server"): `claude mcp add --transport http <name> <url>`.
        McpSnippet {
            client: SnippetClient::ClaudeCode,
            title: "Claude Code".into(),
            target: "Terminal".into(),
            language: "shell".into(),
            text: format!(
                "claude mcp add --transport http {} {}",
                shell_quote(&name),
                shell_quote(url)
            ),
        },
        // Cursor docs (cursor.com/docs/mcp): `~/.cursor/mcp.json` (or `.cursor/mcp.json`),
        // `{"mcpServers": {"<name>": {"url": "…"}}}` for a remote server.
        McpSnippet {
            client: SnippetClient::Cursor,
            title: "Cursor".into(),
            target: "~/.cursor/mcp.json".into(),
            language: "json".into(),
            text: pretty(&json!({ "mcpServers": { name.clone(): { "url": url } } })),
        },
        // VS Code docs (code.visualstudio.com/docs/copilot/customization/mcp-servers and the
        // MCP configuration reference): `.vscode/mcp.json` has a top-level `servers` object;
        // a remote server is `{"type": "http", "url": "…"}`.
        McpSnippet {
            client: SnippetClient::VsCode,
            title: "VS Code".into(),
            target: ".vscode/mcp.json".into(),
            language: "json".into(),
            text: pretty(&json!({ "servers": { name.clone(): { "type": "http", "url": url } } })),
        },
        // The `mcpServers` map most clients read (Claude Desktop, Windsurf, Cursor), with the
        // transport spelled out for those that need it.
        McpSnippet {
            client: SnippetClient::Generic,
            title: "Any client (mcpServers)".into(),
            target: "the client's MCP config".into(),
            language: "json".into(),
            text: pretty(&json!({ "mcpServers": { name: { "type": "http", "url": url } } })),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const URL: &str = "http://127.0.0.1:4010/mcp/v1/AbCdEf0123456789AbCdEf0123456789";

    fn json_of(client: SnippetClient, name: &str) -> Value {
        let s = snippets(name, URL);
        let snippet = s.iter().find(|s| s.client == client).unwrap();
        assert_eq!(snippet.language, "json");
        serde_json::from_str(&snippet.text).unwrap()
    }

    /// `{root: {name: entry}}` with nothing else at either level; the entry.
    fn only_entry<'a>(v: &'a Value, root: &str, name: &str) -> &'a serde_json::Map<String, Value> {
        let top = v.as_object().unwrap();
        assert_eq!(top.keys().collect::<Vec<_>>(), [root]);
        let servers = top[root].as_object().unwrap();
        assert_eq!(servers.keys().collect::<Vec<_>>(), [name]);
        servers[name].as_object().unwrap()
    }

    #[test]
    fn cursor_is_an_mcp_servers_entry_with_a_url() {
        let v = json_of(SnippetClient::Cursor, "inbox-alice");
        let entry = only_entry(&v, "mcpServers", "inbox-alice");
        assert_eq!(entry.len(), 1);
        assert_eq!(entry["url"], URL);
    }

    #[test]
    fn vs_code_is_a_servers_entry_of_type_http() {
        let v = json_of(SnippetClient::VsCode, "inbox-alice");
        let entry = only_entry(&v, "servers", "inbox-alice");
        assert_eq!(entry.len(), 2);
        assert_eq!(entry["type"], "http");
        assert_eq!(entry["url"], URL);
    }

    #[test]
    fn generic_is_an_mcp_servers_entry_with_type_and_url() {
        let v = json_of(SnippetClient::Generic, "inbox-alice");
        let entry = only_entry(&v, "mcpServers", "inbox-alice");
        assert_eq!(entry["type"], "http");
        assert_eq!(entry["url"], URL);
    }

    #[test]
    fn claude_code_is_one_shell_command_with_quoted_words() {
        let s = snippets("inbox alice's", URL);
        let cmd = &s[0].text;
        assert_eq!(s[0].client, SnippetClient::ClaudeCode);
        assert_eq!(
            cmd,
            &format!("claude mcp add --transport http 'inbox-alice-s' '{URL}'")
        );
        assert!(!cmd.contains('\n'));
    }

    #[test]
    fn names_become_keys_every_client_takes() {
        assert_eq!(
            server_name("inbox-tools-alice@example.com"),
            "inbox-tools-alice-example-com"
        );
        assert_eq!(server_name("  "), "agentkit");
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    }
}
