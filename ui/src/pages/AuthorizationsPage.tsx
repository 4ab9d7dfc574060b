// /authorizations: pending authorizations first, then recent ones with their outcome; a pending
// one can be opened again or cancelled. Also where the environment's callback mode is chosen.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Authorization } from "../bindings/Authorization";
import type { CallbackMode } from "../bindings/CallbackMode";
import type { Environment } from "../bindings/Environment";
import { commands } from "../bindings/ipc";
import { AUTH_STATUS_TEXT, AuthorizationDialog, authStatusPill, useAuthorizationActions, useNow } from "../components/AuthorizationDialog";
import { DataTable, type Column } from "../components/DataTable";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { NoEnvironment } from "../components/NoEnvironment";
import { countdown } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { authorizationsQuery, keys } from "../lib/queries";
import { useActiveEnv } from "../lib/session";
import { relativeTime } from "../lib/status";
import { notify } from "../lib/toasts";

export function AuthorizationsPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Authorizations key={env.id} env={env} />;
}

function Authorizations({ env }: { env: Environment }) {
  const list = useQuery(authorizationsQuery(env.id));
  const { reopen, cancel } = useAuthorizationActions();
  const [open, setOpen] = useState<Authorization | null>(null);
  const anyPending = list.data?.some((a) => a.status === "pending") ?? false;
  const now = useNow(anyPending);
  const failure = reopen.error ?? cancel.error;

  const columns = useMemo<Column<Authorization>[]>(
    () => [
      {
        id: "account",
        header: "Account",
        width: "minmax(200px, 2fr)",
        cell: (a) => (
          <Link to="/accounts/$id" params={{ id: a.account_id }} className="ellipsis strong" title={a.identifier}>
            {a.identifier}
          </Link>
        ),
      },
      { id: "connection", header: "Connection", cell: (a) => <span className="ellipsis mono">{a.connection}</span> },
      {
        id: "status",
        header: "Status",
        width: "110px",
        cell: (a) => (
          <span className={authStatusPill(a.status)} data-testid="authorizations-status">
            {AUTH_STATUS_TEXT[a.status]}
          </span>
        ),
      },
      {
        id: "detail",
        header: "Detail",
        width: "minmax(0, 1.4fr)",
        cell: (a) => (
          <span className="ellipsis muted" title={a.reason ?? undefined}>
            {a.status === "pending" ? `expires in ${countdown(a.expires_at, now)}` : (a.reason ?? (a.completed_at ? relativeTime(a.completed_at) : "—"))}
          </span>
        ),
      },
      { id: "started", header: "Started", width: "100px", cell: (a) => relativeTime(a.created_at) },
      {
        id: "actions",
        header: "",
        width: "210px",
        align: "end",
        cell: (a) =>
          a.status === "pending" ? (
            <div className="env-actions">
              <button className="btn btn-small" onClick={() => setOpen(a)} data-testid="authorizations-show">Show</button>
              <button className="btn btn-small" onClick={() => reopen.mutate(a.id)} data-testid="authorizations-reopen">Open again</button>
              <button className="btn btn-small btn-danger" onClick={() => cancel.mutate(a.id)} data-testid="authorizations-cancel">Cancel</button>
            </div>
          ) : null,
      },
    ],
    // The mutations' `mutate` only call; the cells depend on the clock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [now],
  );

  return (
    <section className="page page-wide" data-testid="authorizations">
      <header className="page-head">
        <div>
          <h1>Authorizations</h1>
          <p className="muted">Magic-link authorizations of connected accounts in {env.name}: pending first, then the most recent.</p>
        </div>
        <button className="btn" onClick={() => void list.refetch()} disabled={list.isFetching} data-testid="authorizations-refresh">
          <Icon name="refresh" /> Refresh
        </button>
      </header>
      <CallbackModeSetting env={env} />
      {failure && (
        <div className="callout callout-error" role="alert" data-testid="authorizations-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(failure)} />
          </div>
        </div>
      )}
      <DataTable
        label="Authorizations"
        testId="authorizations-table"
        columns={columns}
        rows={list.data}
        rowKey={(a) => a.id}
        status={list.isPending ? "loading" : list.isError ? "error" : "ready"}
        error={list.isError ? <ErrorMessage error={toIpcError(list.error)} /> : undefined}
        onRetry={() => void list.refetch()}
        empty="No authorizations yet. Authorize an OAuth account from its drawer on the Accounts screen."
        rowProps={(a) => ({ "data-testid": "authorizations-row", "data-id": a.id, "data-status": a.status, "data-identifier": a.identifier })}
      />
      {open && <AuthorizationDialog authorization={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

const MODES: { mode: CallbackMode; text: string }[] = [
  { mode: "deep_link", text: "kitbench:// link (default)" },
  { mode: "loopback", text: "Loopback http://127.0.0.1" },
];

/** How the browser hands authorizations back, per environment. */
function CallbackModeSetting({ env }: { env: Environment }) {
  const queryClient = useQueryClient();
  const set = useMutation({
    mutationFn: (mode: CallbackMode) => commands.setCallbackMode(env.id, mode),
    onSuccess: (saved) => {
      queryClient.setQueryData<Environment[]>(keys.environments, (list) => list?.map((e) => (e.id === saved.id ? saved : e)));
      notify("ok", `Callbacks of ${saved.name} now use ${saved.callback_mode === "loopback" ? "loopback" : "kitbench:// links"}`);
    },
    onError: (e) => notify("error", toIpcError(e).message),
  });
  const current = set.isPending && set.variables ? set.variables : env.callback_mode;
  return (
    <div className="panel row" data-testid="callback-mode" data-mode={env.callback_mode}>
      <span className="field-label">Callback</span>
      <div className="segmented" role="radiogroup" aria-label="Callback">
        {MODES.map((m) => (
          <label key={m.mode}>
            <input
              type="radio"
              name="callback-mode"
              checked={current === m.mode}
              disabled={set.isPending}
              onChange={() => set.mutate(m.mode)}
              data-testid={`callback-mode-${m.mode}`}
            />
            {m.text}
          </label>
        ))}
      </div>
    </div>
  );
}
