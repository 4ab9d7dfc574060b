import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect } from "react";
import type { Breakdown } from "../bindings/Breakdown";
import type { Environment } from "../bindings/Environment";
import { commands } from "../bindings/ipc";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { LabelBadge } from "../components/LabelBadge";
import { toIpcError } from "../lib/errors";
import { breakdownQuery, keys, overviewQuery } from "../lib/queries";
import { useActiveEnv } from "../lib/session";
import { statusName, statusTone } from "../lib/status";
import { notify } from "../lib/toasts";

let paintedOnce = false;

export function OverviewPage() {
  const env = useActiveEnv();
  if (!env) {
    return (
      <section className="page">
        <div className="empty">
          <h2>No environment</h2>
          <p>Add an environment to see its connections and accounts.</p>
          <Link to="/environments" className="btn btn-primary">
            Add environment
          </Link>
        </div>
      </section>
    );
  }
  return <EnvOverview env={env} />;
}

function EnvOverview({ env }: { env: Environment }) {
  const queryClient = useQueryClient();
  const overview = useQuery(overviewQuery(env.id));
  const state = overview.isPending ? "loading" : overview.isError ? "error" : "ready";
  const refresh = useRefreshBreakdown(env.id);

  useEffect(() => {
    if (state === "ready" && !paintedOnce) {
      paintedOnce = true;
      performance.mark("kb:overview-rendered");
      requestAnimationFrame(() => requestAnimationFrame(() => void commands.perfMark("overview_painted").catch(() => undefined)));
    }
  }, [state]);

  const refreshAll = () => {
    void queryClient.invalidateQueries({ queryKey: keys.overview(env.id) });
    refresh.mutate();
  };
  const data = overview.data;
  const loading = overview.isPending;

  return (
    <section className="page" data-testid="overview" data-state={state}>
      <header className="page-head">
        <div>
          <h1>
            {env.name} <LabelBadge label={env.label} />
          </h1>
          <p className="muted mono">{env.env_url}</p>
        </div>
        <button className="btn" onClick={refreshAll} disabled={overview.isFetching} data-testid="overview-refresh">
          <Icon name="refresh" /> Refresh
        </button>
      </header>

      {overview.isError && (
        <div className="callout callout-error" role="alert" data-testid="overview-error" data-kind={toIpcError(overview.error).kind}>
          <Icon name="alert" />
          <div>
            <strong>Could not load the overview.</strong>
            <ErrorMessage error={toIpcError(overview.error)} />
            <div className="row">
              <button className="btn btn-small" onClick={() => void overview.refetch()}>Try again</button>
              {!env.is_sandbox && (
                <Link to="/environments/$id" params={{ id: env.id }} className="btn btn-small btn-ghost">
                  Check the environment
                </Link>
              )}
            </div>
          </div>
        </div>
      )}

      <div className="cards">
        <CountCard title="Connections" testId="count-connections" value={data?.connections} loading={loading} />
        <CountCard title="Connected accounts" testId="count-accounts" value={data?.connected_accounts} loading={loading} />
        <CountCard title="MCP configs" testId="count-mcp-configs" value={data?.mcp_configs} loading={loading} />
        <CountCard title="MCP instances" testId="count-mcp-instances" value={data?.mcp_instances} loading={loading} />
      </div>

      <StatusPanel envId={env.id} onRefresh={() => refresh.mutate()} refreshing={refresh.isPending} />

      {data && (
        <p className="muted small" data-testid="overview-fetched">
          Fetched in {data.elapsed_ms} ms · {new Date(data.fetched_at).toLocaleTimeString()}
        </p>
      )}
    </section>
  );
}

/** Starts a new walk over the accounts; progress arrives as `overview_progress` events. */
function useRefreshBreakdown(envId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.overviewBreakdown(envId, true),
    onSuccess: (breakdown) => {
      if (breakdown) queryClient.setQueryData(keys.breakdown(envId), breakdown);
    },
    onError: (e) => notify("error", toIpcError(e).message),
  });
}

function CountCard({ title, value, loading, testId }: { title: string; value: number | undefined; loading: boolean; testId: string }) {
  return (
    <div className="card">
      <div className="card-title">{title}</div>
      <div className="card-value" data-testid={testId}>
        {loading ? <span className="skeleton" /> : value === undefined ? "—" : value.toLocaleString()}
      </div>
    </div>
  );
}

function StatusPanel({ envId, onRefresh, refreshing }: { envId: string; onRefresh: () => void; refreshing: boolean }) {
  const queryClient = useQueryClient();
  const breakdown = useQuery(breakdownQuery(queryClient, envId));
  const data = breakdown.data ?? null;
  // A walk that failed stops "scanning": its error shows and Refresh starts another.
  const scanning = !breakdown.isError && (data === null || (!data.done && !data.error));
  return (
    <div className="panel" data-testid="breakdown" data-done={scanning ? "false" : "true"}>
      <h2>
        Connected accounts by status
        <span className="spacer" />
        <button
          className="btn btn-small"
          onClick={onRefresh}
          disabled={refreshing || scanning}
          data-testid="breakdown-refresh"
          aria-label="Refresh the accounts by status"
        >
          <Icon name="refresh" size={14} /> Refresh
        </button>
      </h2>
      {breakdown.isError ? (
        <div className="callout callout-error" role="alert" data-testid="breakdown-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(breakdown.error)} />
          </div>
        </div>
      ) : data === null ? (
        <div className="skeleton-bar" data-testid="overview-loading" />
      ) : (
        <StatusBreakdown data={data} />
      )}
    </div>
  );
}

function StatusBreakdown({ data }: { data: Breakdown }) {
  const percent = data.total > 0 ? Math.min(100, Math.round((data.scanned / data.total) * 100)) : 0;
  return (
    <>
      {data.error && (
        <div className="callout callout-error" role="alert" data-testid="breakdown-error">
          <Icon name="alert" />
          <div>
            The count stopped after {data.scanned.toLocaleString()} of {data.total.toLocaleString()} accounts:{" "}
            {data.error} Refresh to count again.
          </div>
        </div>
      )}
      {!data.done && !data.error && (
        <div className="progress-row">
          <div
            className="progress"
            role="progressbar"
            aria-label="Counting accounts"
            aria-valuemin={0}
            aria-valuemax={data.total}
            aria-valuenow={data.scanned}
            data-testid="breakdown-progress"
          >
            <span className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <span className="muted small">
            Counted {data.scanned.toLocaleString()} of {data.total.toLocaleString()} accounts…
          </span>
        </div>
      )}
      {data.done && data.by_status.length === 0 ? (
        <p className="muted">No connected accounts yet.</p>
      ) : (
        <>
          <div className="stack-bar" aria-hidden="true">
            {data.by_status.map((s) => (
              <span key={s.status} className={`stack-seg tone-${statusTone(s.status)}`} style={{ flexGrow: s.count }} />
            ))}
          </div>
          <ul className="status-list">
            {data.by_status.map((s) => (
              <li key={s.status} data-testid={`status-${s.status}`}>
                <span className={`dot tone-${statusTone(s.status)}`} />
                <span>{statusName(s.status)}</span>
                <span className="status-count">{s.count}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
