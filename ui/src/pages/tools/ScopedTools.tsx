// The tools an identifier's accounts can run (ListScopedTools), with the account each would use.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { Environment } from "../../bindings/Environment";
import type { ScopedToolRow } from "../../bindings/ScopedToolRow";
import { DataTable, type Column } from "../../components/DataTable";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";
import { useDebounced } from "../../lib/useDebounced";
import { scopedToolsQuery } from "./queries";
import { ToolLink } from "./ToolLink";

interface Props {
  env: Environment;
  connections: string[];
  onOpen: (tool: string) => void;
}

export function ScopedTools({ env, connections, onOpen }: Props) {
  const [identifier, setIdentifier] = useState("");
  const [connection, setConnection] = useState("");
  const settled = useDebounced(identifier.trim(), 300);
  const list = useInfiniteQuery({ ...scopedToolsQuery(env.id, settled, connection || null), enabled: settled !== "" });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.tools), [list.data]);
  const columns = useMemo<Column<ScopedToolRow>[]>(
    () => [
      { id: "name", header: "Tool", width: "minmax(200px, 1.2fr)", sortValue: (r) => r.tool.name, cell: (r) => <ToolLink name={r.tool.name} /> },
      { id: "provider", header: "Provider", width: "110px", cell: (r) => r.tool.provider },
      { id: "account", header: "Account", width: "minmax(140px, 1fr)", cell: (r) => <span className="ellipsis mono">{r.connected_account_id}</span> },
      { id: "description", header: "Description", width: "minmax(0, 2fr)", cell: (r) => <span className="ellipsis muted" title={r.tool.description}>{r.tool.description}</span> },
    ],
    [],
  );
  return (
    <>
      <div className="toolbar" data-testid="scoped-filters">
        <input value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="Identifier (alice@example.com)" aria-label="Identifier" data-testid="scoped-identifier" />
        <select value={connection} onChange={(e) => setConnection(e.target.value)} aria-label="Connection" data-testid="scoped-connection">
          <option value="">All connections</option>
          {connections.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </div>
      {settled === "" ? (
        <div className="empty">
          <p>Give an identifier to see the tools its connected accounts can run.</p>
        </div>
      ) : (
        <DataTable
          label="Tools for this user"
          testId="scoped-table"
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.tool.name}:${r.connected_account_id}`}
          status={list.isError ? "error" : rows ? "ready" : "loading"}
          error={list.error && <ErrorMessage error={toIpcError(list.error)} />}
          empty={<p>No active account of “{settled}” can run a tool.</p>}
          onOpen={(r) => onOpen(r.tool.name)}
          maxHeight={560}
        />
      )}
    </>
  );
}
