import { useCallback, useEffect, useRef, useState } from "react";
import type { IpcError } from "../bindings/IpcError";
import type { Overview } from "../bindings/Overview";
import { Icon } from "../components/Icon";
import { LabelBadge } from "../components/LabelBadge";
import { useApp } from "../lib/AppContext";
import { api, toIpcError } from "../lib/api";
import { takeOverview, takeReadyOverview } from "../lib/prefetch";
import { statusName, statusTone } from "../lib/status";

type Load =
  | { state: "loading" }
  | { state: "error"; error: IpcError }
  | { state: "ready"; data: Overview };

let paintedOnce = false;

export function OverviewPage() {
  const { activeEnv, setSection } = useApp();
  const envId = activeEnv?.id;
  // Numbers that arrived before the first render are shown at once, without a loading pass.
  const [initial] = useState(() => (envId ? takeReadyOverview(envId) : null));
  const [load, setLoad] = useState<Load>(initial ? { state: "ready", data: initial } : { state: "loading" });
  const request = useRef(0);
  const skipFirstFetch = useRef(initial !== null);

  const fetchOverview = useCallback(async () => {
    if (!envId) return;
    const mine = ++request.current;
    setLoad({ state: "loading" });
    try {
      const data = await takeOverview(envId);
      performance.mark("kb:overview-data");
      if (mine === request.current) setLoad({ state: "ready", data });
    } catch (e) {
      if (mine === request.current) setLoad({ state: "error", error: toIpcError(e) });
    }
  }, [envId]);

  useEffect(() => {
    if (skipFirstFetch.current) {
      skipFirstFetch.current = false;
      return;
    }
    void fetchOverview();
  }, [fetchOverview]);

  useEffect(() => {
    if (load.state === "ready" && !paintedOnce) {
      paintedOnce = true;
      performance.mark("kb:overview-rendered");
      requestAnimationFrame(() => requestAnimationFrame(() => void api.perfMark("overview_painted").catch(() => undefined)));
    }
  }, [load.state]);

  if (!activeEnv) {
    return (
      <section className="page">
        <div className="empty">
          <h2>No environment</h2>
          <p>Add an environment to see its connections and accounts.</p>
          <button className="btn btn-primary" onClick={() => setSection("environments")}>
            Add environment
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="page" data-testid="overview" data-state={load.state}>
      <header className="page-head">
        <div>
          <h1>
            {activeEnv.name} <LabelBadge label={activeEnv.label} />
          </h1>
          <p className="muted mono">{activeEnv.env_url}</p>
        </div>
        <button className="btn" onClick={() => void fetchOverview()} disabled={load.state === "loading"} data-testid="overview-refresh">
          <Icon name="refresh" /> Refresh
        </button>
      </header>

      {load.state === "error" && (
        <div className="callout callout-error" role="alert" data-testid="overview-error" data-kind={load.error.kind}>
          <Icon name="alert" />
          <div>
            <strong>Could not load the overview.</strong>
            <p>{load.error.message}</p>
            <div className="row">
              <button className="btn btn-small" onClick={() => void fetchOverview()}>Try again</button>
              {!activeEnv.is_sandbox && (
                <button className="btn btn-small btn-ghost" onClick={() => setSection("environments")}>
                  Check the environment
                </button>
              )}
            </div>
          </div>
        </div>
      )}

      <div className="cards">
        <CountCard title="Connections" testId="count-connections" value={load.state === "ready" ? load.data.connections : null} loading={load.state === "loading"} />
        <CountCard title="Connected accounts" testId="count-accounts" value={load.state === "ready" ? load.data.connected_accounts : null} loading={load.state === "loading"} />
        <CountCard title="MCP configs" testId="count-mcp-configs" value={load.state === "ready" ? load.data.mcp_configs : null} loading={load.state === "loading"} />
        <CountCard title="MCP instances" testId="count-mcp-instances" value={load.state === "ready" ? load.data.mcp_instances : null} loading={load.state === "loading"} />
      </div>

      <div className="panel">
        <h2>Connected accounts by status</h2>
        {load.state === "loading" && <div className="skeleton-bar" data-testid="overview-loading" />}
        {load.state === "ready" && <StatusBreakdown data={load.data} />}
        {load.state === "error" && <p className="muted">No data.</p>}
      </div>
      {load.state === "ready" && (
        <p className="muted small" data-testid="overview-fetched">
          Fetched in {load.data.elapsed_ms} ms · {new Date(load.data.fetched_at).toLocaleTimeString()}
        </p>
      )}
    </section>
  );
}

function CountCard({ title, value, loading, testId }: { title: string; value: number | null; loading: boolean; testId: string }) {
  return (
    <div className="card">
      <div className="card-title">{title}</div>
      <div className="card-value" data-testid={testId}>
        {loading ? <span className="skeleton" /> : value === null ? "—" : value.toLocaleString()}
      </div>
    </div>
  );
}

function StatusBreakdown({ data }: { data: Overview }) {
  const total = data.connected_accounts;
  if (total === 0) return <p className="muted">No connected accounts yet.</p>;
  return (
    <>
      <div className="stack-bar" aria-hidden="true">
        {data.accounts_by_status.map((s) => (
          <span key={s.status} className={`stack-seg tone-${statusTone(s.status)}`} style={{ flexGrow: s.count }} />
        ))}
      </div>
      <ul className="status-list">
        {data.accounts_by_status.map((s) => (
          <li key={s.status} data-testid={`status-${s.status}`}>
            <span className={`dot tone-${statusTone(s.status)}`} />
            <span>{statusName(s.status)}</span>
            <span className="status-count">{s.count}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
