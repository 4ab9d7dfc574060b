// /mcp/instances: MCP instances filtered on the server (identifier, config, name, id), "ensure"
// an instance for a user, and one instance's drawer. URLs are shown masked only.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { McpInstanceFilter } from "../bindings/McpInstanceFilter";
import type { McpInstanceView } from "../bindings/McpInstanceView";
import { commands } from "../bindings/ipc";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { NoEnvironment } from "../components/NoEnvironment";
import { fieldErrors } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { useActiveEnv } from "../lib/session";
import { useDebounced } from "../lib/useDebounced";
import { InstanceDrawer } from "./mcp/InstanceDrawer";
import { configsQuery, instancesQuery, mcpKeys } from "./mcp/queries";
import "./mcp/mcp.css";
import { useLoadMore } from "../lib/useLoadMore";

export function McpInstancesPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Instances key={env.id} env={env} />;
}

const blank = (s: string) => (s.trim() === "" ? null : s.trim());

function Instances({ env }: { env: Environment }) {
  const queryClient = useQueryClient();
  const [identifier, setIdentifier] = useState("");
  const [config, setConfig] = useState("");
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [ensureConfig, setEnsureConfig] = useState("");
  const [ensureUser, setEnsureUser] = useState("");
  const settled = useDebounced(JSON.stringify([identifier, name, id]), 300);
  const filter = useMemo<McpInstanceFilter>(() => {
    const [u, n, i] = JSON.parse(settled) as string[];
    return { user_identifier: blank(u ?? ""), config_name: blank(config), name: blank(n ?? ""), id: blank(i ?? ""), search: null };
  }, [settled, config]);
  const configs = useInfiniteQuery(configsQuery(env.id, ""));
  const configNames = useMemo(() => configs.data?.pages.flatMap((p) => p.configs.map((c) => c.name)) ?? [], [configs.data]);
  const list = useInfiniteQuery(instancesQuery(env.id, filter));
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.instances), [list.data]);
  const total = list.data?.pages[0]?.total_size;
  const loaded = rows?.length ?? 0;
  const onLastRendered = useLoadMore(list, loaded, 10);
  const ensure = useMutation({
    mutationFn: () => commands.ensureMcpInstance(env.id, ensureConfig, ensureUser, null),
    onSuccess: (inst) => {
      void queryClient.invalidateQueries({ queryKey: mcpKeys.instances(env.id) });
      setEnsureUser("");
      setOpen(inst.id);
    },
  });
  const ensureErrors = ensure.error ? fieldErrors(toIpcError(ensure.error).fields) : {};
  const columns = useMemo<Column<McpInstanceView>[]>(
    () => [
      {
        id: "name",
        header: "Instance",
        width: "minmax(160px, 1fr)",
        sortValue: (i) => i.name,
        cell: (i) => (
          <button className="link-btn" onClick={() => setOpen(i.id)} data-testid="mcp-instance-open">
            {i.name}
          </button>
        ),
      },
      { id: "user", header: "User", width: "minmax(160px, 1fr)", sortValue: (i) => i.user_identifier, cell: (i) => <span className="mono">{i.user_identifier}</span> },
      { id: "config", header: "Config", width: "160px", sortValue: (i) => i.config_name, cell: (i) => <span className="mono">{i.config_name}</span> },
      { id: "url", header: "URL", width: "minmax(0, 1.4fr)", cell: (i) => <span className="mono ellipsis muted">{i.url_masked}</span> },
    ],
    [],
  );

  return (
    <section className="page page-wide" data-testid="mcp-instances">
      <header className="page-head">
        <div>
          <h1>MCP instances</h1>
          <p className="muted">
            {total !== undefined ? <span data-testid="mcp-instances-count">{total} instances</span> : list.isPending && <span className="skeleton" />} in <strong>{env.name}</strong> ·{" "}
            <Link to="/mcp">Configs</Link> · <Link to="/mcp/inspector">Inspector</Link>
          </p>
        </div>
      </header>
      <form
        className="toolbar"
        data-testid="mcp-ensure"
        onSubmit={(e) => {
          e.preventDefault();
          ensure.mutate();
        }}
      >
        <select value={ensureConfig} onChange={(e) => setEnsureConfig(e.target.value)} aria-label="Config for the new instance" data-testid="mcp-ensure-config">
          <option value="">Choose a config…</option>
          {configNames.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
        <input value={ensureUser} onChange={(e) => setEnsureUser(e.target.value)} placeholder="User identifier" aria-label="User identifier" data-testid="mcp-ensure-user" />
        <button type="submit" className="btn btn-primary" disabled={ensure.isPending} data-testid="mcp-ensure-submit">
          <Icon name="plus" size={14} /> Ensure instance
        </button>
        {(ensureErrors.config_name || ensureErrors.user_identifier) && <span className="field-error" data-testid="mcp-ensure-error">{ensureErrors.config_name ?? ensureErrors.user_identifier}</span>}
        {ensure.error && toIpcError(ensure.error).kind !== "validation" && <ErrorMessage error={toIpcError(ensure.error)} />}
      </form>
      <div className="toolbar" data-testid="mcp-instance-filters">
        <input value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="User identifier" aria-label="Filter by user identifier" data-testid="mcp-filter-user" />
        <select value={config} onChange={(e) => setConfig(e.target.value)} aria-label="Filter by config" data-testid="mcp-filter-config">
          <option value="">All configs</option>
          {configNames.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" aria-label="Filter by name" data-testid="mcp-filter-name" />
        <input value={id} onChange={(e) => setId(e.target.value)} placeholder="Instance ID" aria-label="Filter by id" data-testid="mcp-filter-id" />
      </div>
      <DataTable
        label="MCP instances"
        testId="mcp-instances-table"
        columns={columns}
        rows={rows}
        rowKey={(i) => i.id}
        status={list.isError ? "error" : rows ? "ready" : "loading"}
        error={list.error && <ErrorMessage error={toIpcError(list.error)} />}
        onRetry={() => void list.refetch()}
        empty={<p>No instance matches these filters.</p>}
        onOpen={(i) => setOpen(i.id)}
        onLastRendered={onLastRendered}
        rowProps={(i) => ({ "data-testid": "mcp-instance-row", "data-id": i.id, "data-user": i.user_identifier })}
        maxHeight={520}
      />
      {open && <InstanceDrawer env={env} id={open} configNames={configNames} onClose={() => setOpen(null)} />}
    </section>
  );
}
