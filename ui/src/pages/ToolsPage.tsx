// /tools: the environment's tool catalog (server-side filters by provider, connection and name,
// page by page), free-text search (SearchTools), and the tools an identifier can run.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useCallback, useMemo, useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { ToolInfo } from "../bindings/ToolInfo";
import type { ToolSearchHit } from "../bindings/ToolSearchHit";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { NoEnvironment } from "../components/NoEnvironment";
import { toIpcError } from "../lib/errors";
import { useActiveEnv } from "../lib/session";
import { useDebounced } from "../lib/useDebounced";
import { useLoadMore } from "../lib/useLoadMore";
import { ScopedTools } from "./tools/ScopedTools";
import { MIN_NAME, toolSearchQuery, toolsQuery } from "./tools/queries";
import "./tools/playground.css";
import { useConnections } from "./tools/useConnections";
import { ToolLink } from "./tools/ToolLink";

const DEBOUNCE_MS = 300;

export function ToolsPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Tools key={env.id} env={env} />;
}

function Tools({ env }: { env: Environment }) {
  const navigate = useNavigate();
  const [tab, setTab] = useState<"catalog" | "scoped">("catalog");
  const [provider, setProvider] = useState("");
  const [connection, setConnection] = useState("");
  const [name, setName] = useState("");
  const [search, setSearch] = useState("");
  const settledProvider = useDebounced(provider.trim(), DEBOUNCE_MS);
  const settledName = useDebounced(name.trim(), DEBOUNCE_MS);
  const settledSearch = useDebounced(search.trim(), DEBOUNCE_MS);
  const filter = useMemo(
    () => ({
      provider: settledProvider || null,
      connection: connection || null,
      name: settledName.length >= MIN_NAME ? settledName : null,
    }),
    [settledProvider, connection, settledName],
  );
  const list = useInfiniteQuery(toolsQuery(env.id, filter));
  const hits = useQuery({ ...toolSearchQuery(env.id, settledSearch, null), enabled: settledSearch !== "" });
  const connections = useConnections(env.id);
  const connectionNames = useMemo(() => connections.map((c) => c.name), [connections]);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.tools), [list.data]);
  const total = list.data?.pages[0]?.total_size;
  const open = useCallback((toolName: string) => void navigate({ to: "/tools/$name", params: { name: toolName } }), [navigate]);

  const loaded = rows?.length ?? 0;
  const onLastRendered = useLoadMore(list, loaded, 20);

  const columns = useMemo<Column<ToolInfo>[]>(
    () => [
      { id: "name", header: "Tool", width: "minmax(200px, 1.2fr)", sortValue: (t) => t.name, cell: (t) => <ToolLink name={t.name} /> },
      { id: "provider", header: "Provider", width: "120px", sortValue: (t) => t.provider, cell: (t) => t.provider },
      { id: "description", header: "Description", width: "minmax(0, 2fr)", cell: (t) => <span className="ellipsis muted" title={t.description}>{t.description}</span> },
    ],
    [],
  );
  const hitColumns = useMemo<Column<ToolSearchHit>[]>(
    () => [
      { id: "name", header: "Tool", width: "minmax(200px, 1.2fr)", cell: (t) => <ToolLink name={t.name} /> },
      { id: "provider", header: "Provider", width: "120px", cell: (t) => t.provider },
      { id: "score", header: "Score", width: "70px", align: "end", cell: (t) => t.score.toFixed(2) },
      { id: "description", header: "Description", width: "minmax(0, 2fr)", cell: (t) => <span className="ellipsis muted" title={t.description}>{t.description}</span> },
    ],
    [],
  );

  return (
    <section className="page page-wide" data-testid="tools">
      <header className="page-head">
        <div>
          <h1>Tools</h1>
          <p className="muted">
            {total !== undefined ? <span data-testid="tools-count">{total.toLocaleString()} tools</span> : <span className="skeleton" />} in <strong>{env.name}</strong>
          </p>
        </div>
        <div className="segmented" role="tablist" aria-label="Tool lists">
          <button role="tab" aria-selected={tab === "catalog"} className={tab === "catalog" ? "active" : ""} onClick={() => setTab("catalog")} data-testid="tools-tab-catalog">
            Catalog
          </button>
          <button role="tab" aria-selected={tab === "scoped"} className={tab === "scoped" ? "active" : ""} onClick={() => setTab("scoped")} data-testid="tools-tab-scoped">
            For a user
          </button>
        </div>
      </header>
      {tab === "scoped" ? (
        <ScopedTools env={env} connections={connectionNames} onOpen={open} />
      ) : (
        <>
          <div className="toolbar" data-testid="tools-filters">
            <label className="search-box">
              <Icon name="search" size={14} />
              <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search tools (what they do)" aria-label="Search tools" data-testid="tools-search" />
            </label>
            <input value={provider} onChange={(e) => setProvider(e.target.value)} placeholder="Provider" aria-label="Provider" data-testid="tools-filter-provider" />
            <select value={connection} onChange={(e) => setConnection(e.target.value)} aria-label="Connection" data-testid="tools-filter-connection">
              <option value="">All connections</option>
              {connectionNames.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" aria-label="Tool name" data-testid="tools-filter-name" />
            {name.trim().length > 0 && name.trim().length < MIN_NAME && <span className="field-hint">At least {MIN_NAME} characters.</span>}
          </div>
          {settledSearch ? (
            <DataTable
              label="Search results"
              testId="tools-hits"
              columns={hitColumns}
              rows={hits.data}
              rowKey={(t) => t.name}
              status={hits.isError ? "error" : hits.data ? "ready" : "loading"}
              error={hits.error && <ErrorMessage error={toIpcError(hits.error)} />}
              empty={<p>No tool matches “{settledSearch}”.</p>}
              onOpen={(t) => open(t.name)}
              rowProps={(t) => ({ "data-testid": "tool-row", "data-name": t.name })}
              maxHeight={560}
            />
          ) : (
            <DataTable
              label="Tools"
              testId="tools-table"
              columns={columns}
              rows={rows}
              rowKey={(t) => t.name}
              status={list.isError ? "error" : rows ? "ready" : "loading"}
              error={list.error && <ErrorMessage error={toIpcError(list.error)} />}
              empty={<p>No tool matches these filters.</p>}
              onOpen={(t) => open(t.name)}
              onLastRendered={onLastRendered}
              rowProps={(t) => ({ "data-testid": "tool-row", "data-name": t.name })}
              maxHeight={560}
            />
          )}
        </>
      )}
    </section>
  );
}
