// /accounts/$id: one connected account in a drawer over the list (the list's filters stay in the
// URL). Credentials are fetched only when asked for, and never cached.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useRef, useState } from "react";
import type { Account } from "../bindings/Account";
import type { AccountAuth } from "../bindings/AccountAuth";
import type { Authorization } from "../bindings/Authorization";
import type { AuthField } from "../bindings/AuthField";
import type { Environment } from "../bindings/Environment";
import type { IpcError } from "../bindings/IpcError";
import { commands } from "../bindings/ipc";
import { AccountForm } from "../components/AccountForm";
import { AuthorizationDialog } from "../components/AuthorizationDialog";
import { useDialog } from "../components/dialog";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { StatusPill } from "../components/StatusPill";
import { fieldErrors, isOAuth, MASK, prettyJson, timeLeft } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { applyAuthorization } from "../lib/links";
import { accountQuery, keys, type AccountsSearch } from "../lib/queries";
import { useActiveEnv } from "../lib/session";
import { relativeTime } from "../lib/status";
import { notify } from "../lib/toasts";
import { AccountActivity } from "./history/AccountActivity";

function when(iso: string | null): string {
  return iso ? `${new Date(iso).toLocaleString()} (${relativeTime(iso)})` : "—";
}

export function AccountDrawer() {
  const { id } = useParams({ from: "/accounts/$id" });
  const env = useActiveEnv();
  const navigate = useNavigate();
  const close = () => void navigate({ to: "/accounts", search: (prev: AccountsSearch) => prev });
  if (!env) return null;
  return <Drawer key={`${env.id}/${id}`} env={env} id={id} onClose={close} />;
}

function Drawer({ env, id, onClose }: { env: Environment; id: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const ref = useRef<HTMLElement>(null);
  const [dialog, setDialog] = useState<"update" | "delete" | null>(null);
  const [authorization, setAuthorization] = useState<Authorization | null>(null);
  useDialog(ref, () => {
    if (!dialog && !authorization) onClose();
  });
  const detail = useQuery(accountQuery(env.id, id));
  const a = detail.data;

  const authorize = useMutation({
    mutationFn: () => commands.startAuthorization(env.id, id),
    onSuccess: (started) => {
      applyAuthorization(queryClient, started);
      setAuthorization(started);
    },
  });

  return (
    <div className="drawer-overlay" onMouseDown={onClose}>
      <aside
        ref={ref}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-label={a ? a.identifier : "Connected account"}
        tabIndex={-1}
        data-testid="account-drawer"
        data-id={id}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <header className="modal-head">
          <h2 data-testid="account-identifier">{a?.identifier ?? "Connected account"}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Close" data-testid="account-drawer-close">
            <Icon name="close" />
          </button>
        </header>
        {detail.isPending && <div className="skeleton-bar" />}
        {detail.isError && (
          <div className="callout callout-error" role="alert" data-testid="account-error">
            <Icon name="alert" />
            <div>
              <ErrorMessage error={toIpcError(detail.error)} />
              <button className="btn btn-small" onClick={() => void detail.refetch()} data-testid="account-error-retry">Try again</button>
            </div>
          </div>
        )}
        {a && (
          <>
            <div className="row">
              <StatusPill status={a.status} testId="account-status" />
              {isOAuth(a.auth_type) && a.status !== "ACTIVE" && (
                <button className="btn btn-primary btn-small" onClick={() => authorize.mutate()} disabled={authorize.isPending} data-testid="account-authorize">
                  {authorize.isPending ? "Starting…" : "Authorize"}
                </button>
              )}
              <span className="spacer" />
              <button className="btn btn-small" onClick={() => setDialog("update")} data-testid="account-edit">Update</button>
              <button className="btn btn-small btn-danger" onClick={() => setDialog("delete")} data-testid="account-delete">
                <Icon name="trash" size={14} /> Delete
              </button>
            </div>
            {authorize.isError && (
              <div className="callout callout-error" role="alert" data-testid="account-authorize-error">
                <Icon name="alert" />
                <div>
                  <ErrorMessage error={toIpcError(authorize.error)} />
                  <button className="btn btn-small" onClick={() => authorize.mutate()}>Try again</button>
                </div>
              </div>
            )}
            <dl className="facts">
              <dt>Connection</dt>
              <dd className="mono" data-testid="account-connection">{a.connection}</dd>
              <dt>Provider</dt>
              <dd>{a.provider}</dd>
              <dt>Auth type</dt>
              <dd data-testid="account-auth-type">{a.auth_type}</dd>
              <dt>Token expiry</dt>
              <dd data-testid="account-token-expiry">{a.token_expires_at ? `${timeLeft(a.token_expires_at)} · ${new Date(a.token_expires_at).toLocaleString()}` : "—"}</dd>
              <dt>Last used</dt>
              <dd data-testid="account-last-used">{when(a.last_used_at)}</dd>
              <dt>Updated</dt>
              <dd data-testid="account-updated">{when(a.updated_at)}</dd>
              <dt>Created</dt>
              <dd>{when(a.created_at)}</dd>
              <dt>Account ID</dt>
              <dd className="mono">{a.id}</dd>
              <dt>Organization</dt>
              <dd className="mono" data-testid="account-org-id">{a.organization_id ?? "—"}</dd>
              <dt>User</dt>
              <dd className="mono" data-testid="account-user-id">{a.user_id ?? "—"}</dd>
            </dl>
            <section>
              <h3>API config</h3>
              {a.api_config === null ? <p className="muted">None.</p> : <pre className="json mono" data-testid="account-api-config">{prettyJson(a.api_config)}</pre>}
            </section>
            <Credentials envId={env.id} accountId={a.id} />
            <AccountActivity envId={env.id} accountId={a.id} identifier={a.identifier} connection={a.connection} />
          </>
        )}
      </aside>
      {dialog === "update" && a && (
        <AccountForm
          envId={env.id}
          existing={a}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            notify("ok", `Updated ${saved.identifier}`);
          }}
        />
      )}
      {dialog === "delete" && a && (
        <DeleteAccount
          env={env}
          account={a}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            notify("ok", `Deleted ${a.identifier}`);
            onClose();
          }}
        />
      )}
      {authorization && <AuthorizationDialog authorization={authorization} onClose={() => setAuthorization(null)} />}
    </div>
  );
}

/** "Show credentials": fetched on click only, held in this component's state (never the cache). */
function Credentials({ envId, accountId }: { envId: string; accountId: string }) {
  const [auth, setAuth] = useState<AccountAuth | null>(null);
  const load = useMutation({ mutationFn: () => commands.getAccountAuth(envId, accountId), onSuccess: setAuth });
  return (
    <section data-testid="account-credentials-section">
      <h3>Credentials</h3>
      {!auth && (
        <button className="btn btn-small" onClick={() => load.mutate()} disabled={load.isPending} data-testid="account-show-credentials">
          <Icon name="key" size={14} /> {load.isPending ? "Loading…" : "Show credentials"}
        </button>
      )}
      {load.isError && (
        <div className="callout callout-error" role="alert" data-testid="account-credentials-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(load.error)} />
          </div>
        </div>
      )}
      {auth && (
        <>
          {auth.fields.length === 0 && <p className="muted">No credentials stored.</p>}
          <dl className="facts" data-testid="account-credentials">
            {auth.fields.map((f) => (
              <CredentialField key={f.name} field={f} />
            ))}
          </dl>
          <button className="btn btn-small btn-ghost" onClick={() => setAuth(null)} data-testid="account-hide-credentials">Hide credentials</button>
        </>
      )}
    </section>
  );
}

function CredentialField({ field }: { field: AuthField }) {
  const [shown, setShown] = useState(!field.secret);
  const copy = () =>
    navigator.clipboard.writeText(field.value).then(
      () => notify("ok", `Copied ${field.name}`),
      () => notify("error", "Could not copy."),
    );
  return (
    <div className="facts-row" data-testid="account-credential" data-name={field.name}>
      <dt>{field.name}</dt>
      <dd className="cred-row">
        <span className="mono" data-testid="account-credential-value">{shown ? field.value : MASK}</span>
        {field.secret && (
          <button className="btn btn-small" onClick={() => setShown((s) => !s)} aria-pressed={shown} data-testid="account-credential-reveal">
            {shown ? "Hide" : "Show"}
          </button>
        )}
        <button className="btn btn-small" onClick={() => void copy()} aria-label={`Copy ${field.name}`} data-testid="account-credential-copy">
          <Icon name="copy" size={14} />
        </button>
      </dd>
    </div>
  );
}

/** Delete one account: in a production environment the identifier must be typed. */
export function DeleteAccount({ env, account, onClose, onDeleted }: { env: Environment; account: Account; onClose: () => void; onDeleted: () => void }) {
  const queryClient = useQueryClient();
  const production = env.label === "production";
  const [typed, setTyped] = useState("");
  const [failure, setFailure] = useState<IpcError | null>(null);
  const remove = useMutation({
    mutationFn: () => commands.deleteAccount(env.id, account.id, production ? typed : null),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.account(env.id, account.id) });
      void queryClient.invalidateQueries({ queryKey: keys.accounts(env.id) });
      onDeleted();
    },
    onError: (e) => setFailure(toIpcError(e)),
  });
  const submit = () => {
    setFailure(null);
    remove.mutate();
  };
  const fieldError = failure ? fieldErrors(failure.fields).confirm_identifier : undefined;
  const ready = !production || typed === account.identifier;

  return (
    <Modal title={`Delete ${account.identifier}?`} onClose={onClose} testId="account-delete-dialog">
      <p>
        This deletes the connected account from {env.name}, with its credentials. Tools can no longer act for this user until it is
        created and authorized again.
      </p>
      {production && (
        <div className={fieldError ? "field field-invalid" : "field"}>
          <label className="field-label" htmlFor="confirm-identifier">
            {env.name} is a production environment: type <strong>{account.identifier}</strong> to confirm.
          </label>
          <input id="confirm-identifier" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" data-testid="confirm-identifier" autoFocus />
          {fieldError && <span className="field-error" data-testid="field-error-confirm_identifier">{fieldError}</span>}
        </div>
      )}
      {failure && !fieldError && (
        <div className="callout callout-error" role="alert" data-testid="account-delete-error" data-kind={failure.kind}>
          <Icon name="alert" />
          <div>
            <ErrorMessage error={failure} />
            <button className="btn btn-small" onClick={submit} disabled={remove.isPending} data-testid="account-delete-retry">Try again</button>
          </div>
        </div>
      )}
      <footer className="modal-foot">
        <span className="spacer" />
        <button className="btn btn-ghost" onClick={onClose}>Cancel</button>
        <button className="btn btn-danger" onClick={submit} disabled={!ready || remove.isPending} data-testid="account-delete-confirm">
          {remove.isPending ? "Deleting…" : "Delete"}
        </button>
      </footer>
    </Modal>
  );
}
