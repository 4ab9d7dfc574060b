// "Add to a client": each client's snippet, shown with the URL masked; Copy asks Rust for the
// revealed snippet at that moment and puts it on the clipboard without showing it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SnippetClient } from "../../bindings/SnippetClient";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Icon } from "../../components/Icon";
import { toIpcError } from "../../lib/errors";
import { notify } from "../../lib/toasts";
import { copyText } from "./queries";

export function Snippets({ envId, instanceId }: { envId: string; instanceId: string }) {
  const masked = useQuery({ queryKey: ["mcp-snippets", envId, instanceId], queryFn: () => commands.mcpClientSnippets(envId, instanceId, false) });
  const [client, setClient] = useState<SnippetClient>("claude_code");
  const copy = async (which: SnippetClient) => {
    try {
      const full = await commands.mcpClientSnippets(envId, instanceId, true);
      const text = full.find((s) => s.client === which)?.text ?? "";
      await copyText(text, "Snippet", notify);
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };
  if (masked.isError) return <ErrorMessage error={toIpcError(masked.error)} />;
  if (!masked.data) return <div className="skeleton-bar" />;
  const shown = masked.data.find((s) => s.client === client) ?? masked.data[0];
  return (
    <div className="mcp-snippets" data-testid="mcp-snippets">
      <div className="segmented" role="tablist" aria-label="Clients">
        {masked.data.map((s) => (
          <button key={s.client} role="tab" aria-selected={s.client === shown?.client} className={s.client === shown?.client ? "active" : ""} onClick={() => setClient(s.client)} data-testid={`mcp-snippet-tab-${s.client}`}>
            {s.title}
          </button>
        ))}
      </div>
      {shown && (
        <div data-testid="mcp-snippet" data-client={shown.client}>
          <p className="muted small">{shown.target}</p>
          <pre className="json mono" data-testid="mcp-snippet-text">{shown.text}</pre>
          <button className="btn btn-small" onClick={() => void copy(shown.client)} data-testid="mcp-snippet-copy">
            <Icon name="copy" size={14} /> Copy with the URL
          </button>
        </div>
      )}
    </div>
  );
}

/** The instance URL: masked, revealed and copied only on request. */
export function SecretUrl({ envId, instanceId, masked }: { envId: string; instanceId: string; masked: string }) {
  const [shown, setShown] = useState<string | null>(null);
  const reveal = async () => {
    if (shown) return setShown(null);
    try {
      setShown(await commands.revealMcpInstanceUrl(envId, instanceId));
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };
  const copy = async () => {
    try {
      await copyText(shown ?? (await commands.revealMcpInstanceUrl(envId, instanceId)), "URL", notify);
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };
  return (
    <div className="auth-link">
      <code data-testid="mcp-instance-url" data-masked={String(shown === null)}>{shown ?? masked}</code>
      <button type="button" className="btn btn-small" onClick={() => void reveal()} aria-pressed={shown !== null} data-testid="mcp-url-reveal">
        {shown ? "Hide" : "Reveal"}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label="Copy the URL" data-testid="mcp-url-copy">
        <Icon name="copy" size={14} /> Copy
      </button>
    </div>
  );
}
