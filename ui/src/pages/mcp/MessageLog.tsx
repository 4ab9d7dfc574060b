// Every MCP message of the session, as captured at the transport (redacted, cut when large).
// Polled while the session is open; each message's JSON is plain text in a <pre>.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";

/** Messages shown at once (the newest); the log in Rust keeps up to 500. */
const SHOWN = 200;

export function MessageLog({ sessionId }: { sessionId: string }) {
  const [filter, setFilter] = useState("");
  const log = useQuery({
    queryKey: ["inspector-messages", sessionId],
    queryFn: () => commands.inspectorMessages(sessionId, null),
    refetchInterval: 1000,
  });
  const shown = (log.data ?? []).filter((m) => !filter || (m.method ?? "").includes(filter) || m.json.includes(filter)).slice(-SHOWN);
  return (
    <section className="mcp-log" data-testid="inspector-log">
      <div className="row">
        <h3>Messages</h3>
        <span className="muted small" data-testid="inspector-log-count">{log.data?.length ?? 0}</span>
        <span className="spacer" />
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter" aria-label="Filter messages" data-testid="inspector-log-filter" />
      </div>
      {log.isError && <ErrorMessage error={toIpcError(log.error)} />}
      <ol className="mcp-log-list">
        {shown.map((m) => (
          <li key={m.seq} data-testid="inspector-message" data-direction={m.direction} data-method={m.method ?? ""}>
            <details>
              <summary>
                <span className={m.direction === "sent" ? "mcp-dir sent" : "mcp-dir received"}>{m.direction === "sent" ? "→" : "←"}</span>
                <span className="mono">{m.method ?? `response ${JSON.stringify(m.id)}`}</span>
                <span className="muted small">{new Date(m.at).toLocaleTimeString()}</span>
                {m.truncated && <span className="muted small">(cut)</span>}
              </summary>
              <pre className="json mono">{m.json}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
