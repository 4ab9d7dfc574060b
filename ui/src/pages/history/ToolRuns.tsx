// "Recent runs" on a tool's page: its newest runs from the history (any account), each linking
// to the entry, and to all of them. Refreshed by any change of ["history"] (a run invalidates it).
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { HistoryFilter } from "../../bindings/HistoryFilter";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";
import { relativeTime } from "../../lib/status";
import { historyKeys } from "./queries";

const SHOWN = 10;

export function ToolRuns({ envId, toolName }: { envId: string; toolName: string }) {
  const filter: HistoryFilter = { env_id: envId, kind: "tool", tool_name: toolName };
  const runs = useQuery({ queryKey: historyKeys.list(filter), queryFn: () => commands.historyList(filter, null, SHOWN) });
  const entries = runs.data?.entries ?? [];
  return (
    <section className="panel" data-testid="tool-runs">
      <h2>Recent runs</h2>
      {runs.isPending && <div className="skeleton-bar" />}
      {runs.isError && <ErrorMessage error={toIpcError(runs.error)} />}
      {runs.data && entries.length === 0 && <p className="muted">No runs of this tool recorded yet.</p>}
      {entries.length > 0 && (
        <ul className="activity small">
          {entries.map((e) => (
            <li key={e.id} data-testid="tool-run-entry">
              <Link to="/history" search={{ id: e.id, q: toolName, kind: "tool" }} className="mono">
                {e.identifier ?? e.account_id ?? "?"}
                {e.connection ? ` · ${e.connection}` : ""}
              </Link>{" "}
              <span className={`status-${e.status_class}`}>{e.status ?? "error"}</span>{" "}
              <span className="muted">
                {Math.round(e.duration_ms)} ms · {relativeTime(e.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link to="/history" search={{ q: toolName, kind: "tool" }} className="btn btn-small" data-testid="tool-runs-all">
        All runs in the history
      </Link>
    </section>
  );
}
