// /connections: the environment's connections (server-side search, "load more" paging), and
// /connections/$name: one connection's detail over the list, with a jump to its accounts.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Connection } from "../bindings/Connection";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { NoEnvironment } from "../components/NoEnvironment";
import { toIpcError } from "../lib/errors";
import { connectionQuery, connectionsQuery, MIN_QUERY } from "../lib/queries";
import { useActiveEnv } from "../lib/session";
import { useDebounced } from "../lib/useDebounced";

const SEARCH_DEBOUNCE_MS = 300;

function EnabledPill({ enabled }: { enabled: boolean }) {
  return <span className={enabled ? "pill pill-ok" : "pill"}>{enabled ? "Enabled" : "Disabled"}</span>;
}

export function ConnectionsPage() {
  const env = useActiveEnv();
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const query = settled.length >= MIN_QUERY ? settled : null;
  const list = useInfiniteQuery({ ...connectionsQuery(env?.id ?? "", query), enabled: Boolean(env) });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.connections), [list.data]);
  const total = list.data?.pages[0]?.total_size;

  const columns = useMemo<Column<Connection>[]>(
    () => [
      { id: "name", header: "Name", sortValue: (c) => c.name, cell: (c) => <span className="mono strong" title={c.name}>{c.name}</span> },
      { id: "provider", header: "Provider", width: "130px", sortValue: (c) => c.provider, cell: (c) => c.provider },
      { id: "auth_type", header: "Auth type", width: "110px", sortValue: (c) => c.auth_type, cell: (c) => c.auth_type },
      { id: "status", header: "Status", width: "110px", sortValue: (c) => c.status, cell: (c) => c.status },
      { id: "enabled", header: "Enabled", width: "90px", sortValue: (c) => (c.enabled ? 1 : 0), cell: (c) => <EnabledPill enabled={c.enabled} /> },
      {
        id: "mcp",
        header: "MCP server URL",
        cell: (c) => (c.mcp_server_url ? <span className="mono ellipsis" title={c.mcp_server_url}>{c.mcp_server_url}</span> : <span className="muted">—</span>),
      },
    ],
    [],
  );

  if (!env) return <NoEnvironment />;
  const open = (c: Connection) => void navigate({ to: "/connections/$name", params: { name: c.name } });

  return (
    <section className="page page-wide" data-testid="connections">
      <header className="page-head">
        <div>
          <h1>Connections</h1>
          <p className="muted">
            Providers configured in <strong>{env.name}</strong>.{" "}
            {total !== undefined && <span data-testid="connections-count">{total.toLocaleString()} connections</span>}
          </p>
        </div>
      </header>
      <div className="toolbar">
        <label className="search-box">
          <Icon name="search" size={14} />
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search connections"
            aria-label="Search connections"
            data-testid="connections-search"
          />
        </label>
        {search.trim().length > 0 && search.trim().length < MIN_QUERY && <span className="field-hint">Type at least {MIN_QUERY} characters to search.</span>}
      </div>
      <DataTable
        label="Connections"
        testId="connections-table"
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id || c.name}
        status={list.isPending ? "loading" : list.isError ? "error" : "ready"}
        error={list.isError ? <ErrorMessage error={toIpcError(list.error)} /> : undefined}
        onRetry={() => void list.refetch()}
        empty={query ? `No connection matches “${query}”.` : "This environment has no connections."}
        onOpen={open}
        rowProps={(c) => ({ "data-testid": "connection-row", "data-name": c.name })}
        rowClassName={() => "clickable"}
      />
      {list.hasNextPage && (
        <div className="table-foot">
          <button className="btn" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="connections-more">
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
      {list.isFetchNextPageError && (
        <div className="callout callout-error" role="alert">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(list.error)} />
          </div>
        </div>
      )}
      <Outlet />
    </section>
  );
}

/** `/connections/$name`: the connection's facts, and where to go from it. */
export function ConnectionDetail() {
  const { name } = useParams({ from: "/connections/$name" });
  const env = useActiveEnv();
  const navigate = useNavigate();
  const detail = useQuery({ ...connectionQuery(env?.id ?? "", name), enabled: Boolean(env) });
  const close = () => void navigate({ to: "/connections" });
  const c = detail.data;

  return (
    <Modal title={name} onClose={close} testId="connection-detail">
      {detail.isPending && <div className="skeleton-bar" />}
      {detail.isError && (
        <div className="callout callout-error" role="alert" data-testid="connection-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(detail.error)} />
          </div>
        </div>
      )}
      {c && (
        <dl className="facts">
          <dt>Name</dt>
          <dd className="mono" data-testid="connection-name">{c.name}</dd>
          <dt>ID</dt>
          <dd className="mono">{c.id}</dd>
          <dt>Provider</dt>
          <dd data-testid="connection-provider">{c.provider}</dd>
          <dt>Auth type</dt>
          <dd data-testid="connection-auth-type">{c.auth_type}</dd>
          {c.auth_mode && (
            <>
              <dt>Auth mode</dt>
              <dd>{c.auth_mode}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd data-testid="connection-status">{c.status}</dd>
          <dt>Enabled</dt>
          <dd>
            <EnabledPill enabled={c.enabled} />
          </dd>
          <dt>MCP server</dt>
          <dd className="mono">{c.mcp_server_url ?? "—"}</dd>
          <dt>Created</dt>
          <dd>{c.created_at ? new Date(c.created_at).toLocaleString() : "—"}</dd>
        </dl>
      )}
      <footer className="modal-foot">
        <Link to="/accounts" search={{ connection: name }} className="btn btn-primary" data-testid="connection-accounts">
          Its connected accounts
        </Link>
        <span className="spacer" />
        <button className="btn btn-ghost" onClick={close}>Close</button>
      </footer>
    </Modal>
  );
}
