// /accounts: connected accounts, smooth at 100,000. Pages of 99 load only as the user scrolls
// near the end of what is loaded; filters are server-side and live in the URL's search params.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AccountRow } from "../bindings/AccountRow";
import type { BulkResult } from "../bindings/BulkResult";
import type { Environment } from "../bindings/Environment";
import { commands, events } from "../bindings/ipc";
import { AccountForm } from "../components/AccountForm";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { NoEnvironment } from "../components/NoEnvironment";
import { StatusPill } from "../components/StatusPill";
import { timeLeft } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { accountFilter, accountsQuery, connectionsQuery, keys, MIN_QUERY, type AccountsSearch } from "../lib/queries";
import { useActiveEnv } from "../lib/session";
import { relativeTime } from "../lib/status";
import { notify } from "../lib/toasts";
import { useDebounced } from "../lib/useDebounced";
import { useLoadMore } from "../lib/useLoadMore";

/** Typing must pause this long before a text filter goes to the server. */
export const FILTER_DEBOUNCE_MS = 300;
/** The next page is asked for when the last row in the DOM is this close to the end of what is loaded. */
export const PREFETCH_ROWS = 20;

const ROW_HEIGHT = 40;

export function AccountsPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Accounts key={env.id} env={env} />;
}

/** A text filter typed locally, sent to the URL once typing pauses; follows the URL when it changes elsewhere. */
function useUrlText(urlValue: string | undefined, commit: (v: string | undefined) => void): [string, (v: string) => void] {
  const [text, setText] = useState(urlValue ?? "");
  const [seen, setSeen] = useState(urlValue);
  if (seen !== urlValue) {
    setSeen(urlValue);
    if ((urlValue ?? "") !== text.trim()) setText(urlValue ?? "");
  }
  const settled = useDebounced(text, FILTER_DEBOUNCE_MS);
  const latest = useRef({ urlValue, commit });
  useEffect(() => {
    latest.current = { urlValue, commit };
  });
  useEffect(() => {
    const v = settled.trim() || undefined;
    if (v !== latest.current.urlValue) latest.current.commit(v);
  }, [settled]);
  return [text, setText];
}

function Accounts({ env }: { env: Environment }) {
  const search: AccountsSearch = useSearch({ from: "/accounts" });
  const navigate = useNavigate();
  const filter = useMemo(() => accountFilter(search), [search]);
  const list = useInfiniteQuery(accountsQuery(env.id, filter));
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.accounts), [list.data]);
  const total = list.data?.pages[0]?.total_size;
  const loaded = rows?.length ?? 0;
  const connections = useInfiniteQuery(connectionsQuery(env.id, null));
  const connectionNames = useMemo(() => connections.data?.pages.flatMap((p) => p.connections.map((c) => c.name)) ?? [], [connections.data]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A selection belongs to the list it was made in: other filters start with none.
  const filterKey = JSON.stringify(filter);
  const [selectedIn, setSelectedIn] = useState(filterKey);
  if (selectedIn !== filterKey) {
    setSelectedIn(filterKey);
    setSelected(new Set());
  }
  const [dialog, setDialog] = useState<"new" | "bulk" | null>(null);

  const setFilter = useCallback(
    (patch: Partial<AccountsSearch>) =>
      void navigate({
        to: "/accounts",
        search: (prev: AccountsSearch) => {
          const next: AccountsSearch = { ...prev, ...patch };
          for (const k of Object.keys(next) as (keyof AccountsSearch)[]) if (!next[k]) delete next[k];
          return next;
        },
        replace: true,
      }),
    [navigate],
  );
  const [identifier, setIdentifier] = useUrlText(search.identifier, (v) => setFilter({ identifier: v }));
  const [provider, setProvider] = useUrlText(search.provider, (v) => setFilter({ provider: v }));
  const [query, setQuery] = useUrlText(search.q, (v) => setFilter({ q: v }));

  const onLastRendered = useLoadMore(list, loaded, PREFETCH_ROWS);

  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const columns = useMemo<Column<AccountRow>[]>(
    () => [
      {
        id: "select",
        header: "",
        width: "28px",
        cell: (a) => (
          <input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id)} aria-label={`Select ${a.identifier}`} data-testid="account-select" />
        ),
      },
      {
        id: "identifier",
        header: "Identifier",
        width: "minmax(180px, 2fr)",
        cell: (a) => (
          <Link to="/accounts/$id" params={{ id: a.id }} search={(prev: AccountsSearch) => prev} className="ellipsis strong" title={a.identifier} data-testid="account-open">
            {a.identifier}
          </Link>
        ),
      },
      { id: "connection", header: "Connection", width: "minmax(90px, 1fr)", cell: (a) => <span className="ellipsis mono" title={a.connection}>{a.connection}</span> },
      { id: "status", header: "Status", width: "118px", cell: (a) => <StatusPill status={a.status} /> },
      { id: "auth_type", header: "Auth type", width: "80px", cell: (a) => a.auth_type },
      { id: "expiry", header: "Token expiry", width: "128px", cell: (a) => <span className="ellipsis" title={a.token_expires_at ?? undefined}>{timeLeft(a.token_expires_at)}</span> },
      { id: "last_used", header: "Last used", width: "92px", cell: (a) => relativeTime(a.last_used_at) },
      { id: "updated", header: "Updated", width: "92px", cell: (a) => (a.updated_at ? relativeTime(a.updated_at) : "—") },
    ],
    [selected, toggle],
  );

  const open = (a: AccountRow) => void navigate({ to: "/accounts/$id", params: { id: a.id }, search: (prev: AccountsSearch) => prev });
  const filtered = Boolean(search.connection || search.identifier || search.provider || filter.query);
  const visibleIds = rows?.map((r) => r.id) ?? [];
  const allSelected = visibleIds.length > 0 && visibleIds.every((id) => selected.has(id));

  return (
    <section className="page page-wide" data-testid="accounts">
      <header className="page-head">
        <div>
          <h1>Connected accounts</h1>
          <p className="muted">
            {total !== undefined ? (
              <span data-testid="accounts-count" data-count={total}>
                {total.toLocaleString()} {total === 1 ? "account" : "accounts"}
              </span>
            ) : (
              list.isPending && <span className="skeleton" />
            )}{" "}
            in <strong>{env.name}</strong>
            {rows && total !== undefined && loaded < total && <span data-testid="accounts-loaded"> · {loaded.toLocaleString()} loaded</span>}
          </p>
        </div>
        <div className="row">
          <button className="btn" onClick={() => void list.refetch()} disabled={list.isFetching} data-testid="accounts-refresh">
            <Icon name="refresh" /> Refresh
          </button>
          <button className="btn btn-primary" onClick={() => setDialog("new")} data-testid="account-new">
            <Icon name="plus" /> New account
          </button>
        </div>
      </header>

      <div className="toolbar" data-testid="accounts-filters">
        <select value={search.connection ?? ""} onChange={(e) => setFilter({ connection: e.target.value || undefined })} aria-label="Connection" data-testid="filter-connection">
          <option value="">All connections</option>
          {search.connection && !connectionNames.includes(search.connection) && <option value={search.connection}>{search.connection}</option>}
          {connectionNames.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
        <input value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="Identifier" aria-label="Identifier" data-testid="filter-identifier" />
        <input value={provider} onChange={(e) => setProvider(e.target.value)} placeholder="Provider" aria-label="Provider" data-testid="filter-provider" />
        <label className="search-box">
          <Icon name="search" size={14} />
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search" aria-label="Search accounts" data-testid="filter-query" />
        </label>
        {query.trim().length > 0 && query.trim().length < MIN_QUERY && <span className="field-hint">At least {MIN_QUERY} characters.</span>}
        {filtered && (
          <button className="btn btn-small btn-ghost" onClick={() => void navigate({ to: "/accounts", search: {}, replace: true })} data-testid="filter-clear">
            Clear filters
          </button>
        )}
      </div>

      <div className="toolbar" data-testid="bulk-bar">
        <label className="check">
          <input
            type="checkbox"
            checked={allSelected}
            disabled={visibleIds.length === 0}
            onChange={() => setSelected(allSelected ? new Set() : new Set(visibleIds))}
            data-testid="bulk-select-all"
          />
          Select all loaded
        </label>
        {selected.size > 0 && (
          <>
            <span data-testid="bulk-selected">{selected.size.toLocaleString()} selected</span>
            <button className="btn btn-small btn-ghost" onClick={() => setSelected(new Set())} data-testid="bulk-clear">Clear</button>
            <button className="btn btn-small btn-danger" onClick={() => setDialog("bulk")} data-testid="bulk-delete">
              <Icon name="trash" size={14} /> Delete {selected.size.toLocaleString()}
            </button>
          </>
        )}
      </div>

      <DataTable
        label="Connected accounts"
        testId="accounts-table"
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        status={list.isPending ? "loading" : list.isError && !rows ? "error" : "ready"}
        error={list.isError ? <ErrorMessage error={toIpcError(list.error)} /> : undefined}
        onRetry={() => void list.refetch()}
        empty={filtered ? "No account matches these filters." : "No connected accounts yet."}
        onOpen={open}
        rowHeight={ROW_HEIGHT}
        maxHeight={600}
        onLastRendered={onLastRendered}
        rowProps={(a) => ({ "data-testid": "account-row", "data-id": a.id, "data-identifier": a.identifier, "data-status": a.status })}
      />
      {(list.isFetchingNextPage || list.isFetchNextPageError) && (
        <div className="table-foot" data-testid="accounts-more">
          {list.isFetchingNextPage ? (
            "Loading more…"
          ) : (
            <>
              <span className="result-bad">{toIpcError(list.error).message}</span>
              <button className="btn btn-small" onClick={() => void list.fetchNextPage()} data-testid="accounts-more-retry">Try again</button>
            </>
          )}
        </div>
      )}

      {dialog === "new" && (
        <AccountForm
          envId={env.id}
          existing={null}
          connection={search.connection}
          onClose={() => setDialog(null)}
          onSaved={(account) => {
            setDialog(null);
            notify("ok", `Saved ${account.identifier}`);
            void navigate({ to: "/accounts/$id", params: { id: account.id }, search: (prev: AccountsSearch) => prev });
          }}
        />
      )}
      {dialog === "bulk" && (
        <BulkDelete
          env={env}
          ids={[...selected]}
          names={new Map(rows?.map((r) => [r.id, r.identifier]))}
          onClose={(deleted) => {
            setDialog(null);
            if (deleted.length > 0) setSelected((s) => new Set([...s].filter((id) => !deleted.includes(id))));
          }}
        />
      )}
      <Outlet />
    </section>
  );
}

/** "Delete N": confirmation (typing N in production), progress, then a result per account. */
export function BulkDelete({ env, ids, names, onClose }: { env: Environment; ids: string[]; names: Map<string, string>; onClose: (deleted: string[]) => void }) {
  const queryClient = useQueryClient();
  const production = env.label === "production";
  const [typed, setTyped] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const count = String(ids.length);

  useEffect(() => {
    const off = events.bulkDeleteProgress((p) => {
      if (p.env_id === env.id) setProgress({ done: p.done, total: p.total });
    });
    return () => {
      off.then((f) => f()).catch(() => undefined);
    };
  }, [env.id]);

  const run = useMutation({
    mutationFn: () => commands.deleteAccounts(env.id, ids),
    onMutate: () => setProgress({ done: 0, total: ids.length }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.accounts(env.id) });
      for (const id of ids) void queryClient.invalidateQueries({ queryKey: keys.account(env.id, id) });
    },
  });
  const results: BulkResult[] | undefined = run.data;
  const deleted = results?.filter((r) => r.ok).map((r) => r.id) ?? [];
  const failed = results?.filter((r) => !r.ok).length ?? 0;
  const close = () => onClose(deleted);
  const ready = !production || typed.trim() === count;

  return (
    <Modal title={`Delete ${ids.length.toLocaleString()} connected accounts?`} onClose={close} testId="bulk-dialog">
      {!results && !run.isPending && (
        <>
          <p>They are deleted one at a time from {env.name}. This cannot be undone.</p>
          {production && (
            <label className="field">
              <span className="field-label">
                {env.name} is a production environment: type <strong>{count}</strong> to confirm.
              </span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" data-testid="bulk-confirm-input" autoFocus />
            </label>
          )}
        </>
      )}
      {progress && (run.isPending || results) && (
        <div className="progress-row">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="bulk-progress" data-done={progress.done} data-total={progress.total}>
            <span className="progress-fill" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }} />
          </div>
          <span className="small muted">
            {progress.done} / {progress.total}
          </span>
        </div>
      )}
      {results && (
        <>
          <p data-testid="bulk-summary">
            {deleted.length} deleted{failed > 0 ? `, ${failed} failed` : ""}.
          </p>
          <ul className="result-list" data-testid="bulk-results">
            {results.map((r) => (
              <li key={r.id} data-testid="bulk-result" data-id={r.id} data-ok={String(r.ok)}>
                <span className={r.ok ? "result-ok" : "result-bad"}>{r.ok ? "Deleted" : "Failed"}</span>
                <span className="strong">{names.get(r.id) ?? r.id}</span>
                {r.error && <span className="muted">{r.error.message}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {run.isError && (
        <div className="callout callout-error" role="alert" data-testid="bulk-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(run.error)} />
            <button className="btn btn-small" onClick={() => run.mutate()} data-testid="bulk-retry">Try again</button>
          </div>
        </div>
      )}
      <footer className="modal-foot">
        <span className="spacer" />
        <button className="btn btn-ghost" onClick={close} data-testid="bulk-close">
          {results ? "Close" : "Cancel"}
        </button>
        {!results && !run.isError && (
          <button className="btn btn-danger" onClick={() => run.mutate()} disabled={!ready || run.isPending} data-testid="bulk-confirm">
            {run.isPending ? "Deleting…" : `Delete ${ids.length.toLocaleString()}`}
          </button>
        )}
      </footer>
    </Modal>
  );
}
