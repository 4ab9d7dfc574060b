// /mcp: the environment's MCP configs (search on the server, page by page) and their editor.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { McpConfigView } from "../bindings/McpConfigView";
import { commands } from "../bindings/ipc";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { NoEnvironment } from "../components/NoEnvironment";
import { toIpcError } from "../lib/errors";
import { useActiveEnv } from "../lib/session";
import { notify } from "../lib/toasts";
import { useDebounced } from "../lib/useDebounced";
import { ConfigEditor } from "./mcp/ConfigEditor";
import { configsQuery, mcpKeys } from "./mcp/queries";
import "./mcp/mcp.css";
import { useLoadMore } from "../lib/useLoadMore";

export function McpConfigsPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Configs key={env.id} env={env} />;
}

function toolSummary(c: McpConfigView): string {
  return c.mappings.map((m) => `${m.connection_name} (${m.tools.length === 0 ? "all" : m.tools.length})`).join(", ");
}

function Configs({ env }: { env: Environment }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim(), 300);
  const [editing, setEditing] = useState<McpConfigView | "new" | null>(null);
  const [deleting, setDeleting] = useState<McpConfigView | null>(null);
  const list = useInfiniteQuery(configsQuery(env.id, settled));
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.configs), [list.data]);
  const total = list.data?.pages[0]?.total_size;
  const loaded = rows?.length ?? 0;
  const onLastRendered = useLoadMore(list, loaded, 10);
  const remove = useMutation({
    mutationFn: (c: McpConfigView) => commands.deleteMcpConfig(env.id, c.id),
    onSuccess: (_, c) => {
      setDeleting(null);
      notify("ok", `Deleted ${c.name}`);
      void queryClient.invalidateQueries({ queryKey: mcpKeys.configs(env.id) });
      void queryClient.invalidateQueries({ queryKey: mcpKeys.instances(env.id) });
    },
  });
  const columns = useMemo<Column<McpConfigView>[]>(
    () => [
      { id: "name", header: "Config", width: "minmax(160px, 1fr)", sortValue: (c) => c.name, cell: (c) => (
          <button className="link-btn mono" onClick={() => setEditing(c)} data-testid="mcp-config-open">
            {c.name}
          </button>
        ),
      },
      { id: "tools", header: "Connections (tools)", width: "minmax(0, 1.5fr)", cell: (c) => <span className="ellipsis" title={toolSummary(c)}>{toolSummary(c)}</span> },
      { id: "description", header: "Description", width: "minmax(0, 1.5fr)", cell: (c) => <span className="ellipsis muted" title={c.description}>{c.description}</span> },
      {
        id: "actions",
        header: "",
        width: "90px",
        align: "end",
        cell: (c) => (
          <button className="icon-btn" onClick={(e) => { e.stopPropagation(); setDeleting(c); }} aria-label={`Delete ${c.name}`} data-testid="mcp-config-delete">
            <Icon name="trash" size={14} />
          </button>
        ),
      },
    ],
    [],
  );

  return (
    <section className="page page-wide" data-testid="mcp-configs">
      <header className="page-head">
        <div>
          <h1>MCP configs</h1>
          <p className="muted">
            {total !== undefined ? <span data-testid="mcp-configs-count">{total} configs</span> : list.isPending && <span className="skeleton" />} in <strong>{env.name}</strong> ·{" "}
            <Link to="/mcp/instances">Instances</Link> · <Link to="/mcp/inspector">Inspector</Link>
          </p>
        </div>
        <button className="btn btn-primary" onClick={() => setEditing("new")} data-testid="mcp-config-new">
          <Icon name="plus" size={14} /> New config
        </button>
      </header>
      <div className="toolbar">
        <label className="search-box">
          <Icon name="search" size={14} />
          <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search name or description" aria-label="Search configs" data-testid="mcp-configs-search" />
        </label>
      </div>
      <DataTable
        label="MCP configs"
        testId="mcp-configs-table"
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        status={list.isError ? "error" : rows ? "ready" : "loading"}
        error={list.error && <ErrorMessage error={toIpcError(list.error)} />}
        onRetry={() => void list.refetch()}
        empty={<p>{settled ? `No config matches “${settled}”.` : "No MCP configs yet."}</p>}
        onOpen={(c) => setEditing(c)}
        onLastRendered={onLastRendered}
        rowProps={(c) => ({ "data-testid": "mcp-config-row", "data-name": c.name })}
        maxHeight={560}
      />
      {editing && (
        <Modal title={editing === "new" ? "New MCP config" : `Edit ${editing.name}`} onClose={() => setEditing(null)} testId="mcp-config-dialog">
          <ConfigEditor envId={env.id} config={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
        </Modal>
      )}
      {deleting && (
        <Modal title={`Delete ${deleting.name}?`} onClose={() => setDeleting(null)} testId="mcp-config-delete-dialog">
          <p>Its instances are deleted with it, and their URLs stop working.</p>
          {remove.error && <ErrorMessage error={toIpcError(remove.error)} />}
          <footer className="modal-foot">
            <span className="spacer" />
            <button className="btn btn-ghost" onClick={() => setDeleting(null)}>Keep it</button>
            <button className="btn btn-danger" disabled={remove.isPending} onClick={() => remove.mutate(deleting)} data-testid="mcp-config-delete-confirm">
              Delete
            </button>
          </footer>
        </Modal>
      )}
    </section>
  );
}
