// /history: every call the app made (tool runs, proxied calls, MCP and management calls, token
// requests), newest first, searchable (full text) and filtered on the server, 100 at a time as
// the list scrolls; the open entry in a pane beside it. Filters live in the URL.
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback, useMemo, useState } from "react";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { HistoryRow } from "../bindings/HistoryRow";
import { commands } from "../bindings/ipc";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { toIpcError } from "../lib/errors";
import { environmentsQuery } from "../lib/queries";
import { relativeTime } from "../lib/status";
import { notify } from "../lib/toasts";
import { HistoryDetail } from "./history/HistoryDetail";
import { HistoryFilters } from "./history/HistoryFilters";
import { HistorySettings } from "./history/HistorySettings";
import { duration, historyFilter, historyListQuery, type HistorySearch } from "./history/queries";
import { useLoadMore } from "../lib/useLoadMore";

const PREFETCH_ROWS = 20;

export function HistoryPage() {
  const search: HistorySearch = useSearch({ from: "/history" });
  const navigate = useNavigate();
  // A time range counts back from when it was chosen (not from every render).
  const filter = useMemo(() => historyFilter(search, Date.now()), [search]);
  const list = useInfiniteQuery(historyListQuery(filter));
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.entries), [list.data]);
  const envs = useQuery(environmentsQuery());
  const envName = useCallback((id: string) => envs.data?.find((e) => e.id === id)?.name ?? id, [envs.data]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());

  const setSearch = useCallback(
    (patch: Partial<HistorySearch>) =>
      void navigate({
        to: "/history",
        search: (prev: HistorySearch) => {
          const next: HistorySearch = { ...prev, ...patch };
          for (const k of Object.keys(next) as (keyof HistorySearch)[]) if (next[k] === undefined || next[k] === "") delete next[k];
          return next;
        },
        replace: true,
      }),
    [navigate],
  );

  const loaded = rows?.length ?? 0;
  const onLastRendered = useLoadMore(list, loaded, PREFETCH_ROWS);

  const exportTo = useMutation({
    mutationFn: (format: ExportFormat) => commands.historyExport(format, selected.size > 0 ? [...selected] : null, filter),
    onSuccess: (path) => notify("ok", `Exported to ${path}`),
    onError: (e) => notify("error", toIpcError(e).message),
  });
  const [settings, setSettings] = useState(false);

  const columns = useMemo<Column<HistoryRow>[]>(
    () => [
      {
        id: "select",
        header: "",
        width: "28px",
        cell: (r) => (
          <input
            type="checkbox"
            checked={selected.has(r.id)}
            onChange={() =>
              setSelected((s) => {
                const next = new Set(s);
                if (!next.delete(r.id)) next.add(r.id);
                return next;
              })
            }
            aria-label={`Select entry ${r.id}`}
            data-testid="history-select"
          />
        ),
      },
      { id: "at", header: "When", width: "92px", cell: (r) => <span title={r.at}>{relativeTime(r.at)}</span> },
      { id: "kind", header: "Kind", width: "96px", cell: (r) => r.kind },
      { id: "method", header: "Method", width: "64px", cell: (r) => <span className="mono">{r.method}</span> },
      {
        id: "what",
        header: "Tool or path",
        width: "minmax(200px, 3fr)",
        cell: (r) => (
          <Link to="/history" search={(prev: HistorySearch) => ({ ...prev, id: r.id })} className="ellipsis mono" title={r.path} data-testid="history-open">
            {r.tool_name ?? r.path}
          </Link>
        ),
      },
      { id: "account", header: "Account", width: "minmax(120px, 2fr)", cell: (r) => <span className="ellipsis">{r.identifier ?? r.account_id ?? "—"}</span> },
      {
        id: "status",
        header: "Status",
        width: "72px",
        cell: (r) => <span className={`status-${r.status_class}`} data-testid="history-status">{r.status ?? "error"}</span>,
      },
      { id: "duration", header: "Time", width: "72px", align: "end", cell: (r) => duration(r.duration_ms) },
      { id: "env", header: "Environment", width: "minmax(90px, 1fr)", cell: (r) => <span className="ellipsis">{envName(r.env_id)}</span> },
    ],
    [selected, envName],
  );

  return (
    <section className="page page-wide" data-testid="history">
      <header className="page-head">
        <div>
          <h1>History</h1>
          <p className="muted" data-testid="history-loaded">
            {rows ? `${loaded.toLocaleString()}${list.hasNextPage ? "+" : ""} ${loaded === 1 ? "entry" : "entries"}` : list.isPending && <span className="skeleton" />}
            {selected.size > 0 && ` · ${selected.size} selected`}
          </p>
        </div>
        <div className="row">
          {(["har", "jsonl"] as const).map((f) => (
            <button key={f} className="btn" onClick={() => exportTo.mutate(f)} disabled={exportTo.isPending} data-testid={`history-export-${f}`}>
              <Icon name="download" /> {f === "har" ? "HAR" : "JSON Lines"}
              {selected.size > 0 ? " (selected)" : ""}
            </button>
          ))}
          <button className="btn" onClick={() => void list.refetch()} disabled={list.isFetching} data-testid="history-refresh">
            <Icon name="refresh" /> Refresh
          </button>
          <button className="btn" onClick={() => setSettings(true)} data-testid="history-settings-open">
            Settings
          </button>
        </div>
      </header>
      <HistoryFilters search={search} environments={envs.data ?? []} onChange={setSearch} />
      <div className="history-split">
        <DataTable
          label="History"
          columns={columns}
          rows={rows}
          rowKey={(r) => String(r.id)}
          status={list.isPending ? "loading" : list.isError && !rows ? "error" : "ready"}
          error={list.error ? <ErrorMessage error={toIpcError(list.error)} /> : undefined}
          empty={<p className="muted">{Object.keys(filter).length > 0 ? "No entry matches." : "No calls recorded yet."}</p>}
          onOpen={(r) => setSearch({ id: r.id })}
          rowProps={(r) => ({ "data-testid": "history-row", "data-id": String(r.id), "data-kind": r.kind })}
          rowClassName={(r) => (r.id === search.id ? "selected" : undefined)}
          onLastRendered={onLastRendered}
          testId="history-table"
        />
        {search.id !== undefined && <HistoryDetail key={search.id} id={search.id} onClose={() => setSearch({ id: undefined })} />}
      </div>
      {settings && (
        <HistorySettings
          onClose={() => {
            setSettings(false);
            setSelected(new Set());
          }}
        />
      )}
    </section>
  );
}
