// Create a connected account (or get the existing one), or change an account's credentials and
// API config. Credential fields follow the connection's auth type; OAuth asks for none (the
// account starts pending and is authorized afterwards). Never submitted but by a click.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Account } from "../bindings/Account";
import type { Credentials } from "../bindings/Credentials";
import type { IpcError } from "../bindings/IpcError";
import { commands } from "../bindings/ipc";
import { credentialKind, fieldErrors, parseJson, prettyJson, type CredentialKind } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { connectionsQuery, keys } from "../lib/queries";
import { ErrorMessage } from "./ErrorMessage";
import { Field } from "./form/Field";
import { SecretInput } from "./form/SecretInput";
import { Icon } from "./Icon";
import { Modal } from "./Modal";

interface Secrets {
  api_key: string;
  token: string;
  username: string;
  password: string;
}

const NO_SECRETS: Secrets = { api_key: "", token: "", username: "", password: "" };

/** The credentials for `kind`, or null when none were typed (an update keeps the stored ones). */
function credentials(kind: CredentialKind, s: Secrets): Credentials | null {
  switch (kind) {
    case "api_key":
      return s.api_key ? { kind, api_key: s.api_key } : null;
    case "bearer":
      return s.token ? { kind, token: s.token } : null;
    case "basic":
      return s.username || s.password ? { kind, username: s.username, password: s.password } : null;
    default:
      return { kind: "oauth" };
  }
}

interface Props {
  envId: string;
  /** The account to update; null to create one. */
  existing: Account | null;
  /** The connection to preselect when creating. */
  connection?: string;
  onClose: () => void;
  onSaved: (account: Account) => void;
}

export function AccountForm({ envId, existing, connection: preset, onClose, onSaved }: Props) {
  const queryClient = useQueryClient();
  const connections = useInfiniteQuery({ ...connectionsQuery(envId, null), enabled: !existing });
  const options = useMemo(() => connections.data?.pages.flatMap((p) => p.connections) ?? [], [connections.data]);
  // The picker needs every connection, not the API's first page of 30: an environment has tens
  // or hundreds of them (a few pages), unlike accounts, which are paged as the user scrolls.
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = connections;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const [connection, setConnection] = useState(existing?.connection ?? preset ?? "");
  const [identifier, setIdentifier] = useState(existing?.identifier ?? "");
  const [secrets, setSecrets] = useState<Secrets>(NO_SECRETS);
  const [apiConfig, setApiConfig] = useState(prettyJson(existing?.api_config));
  const [getOrCreate, setGetOrCreate] = useState(false);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);

  const authType = existing ? existing.auth_type : options.find((c) => c.name === connection)?.auth_type;
  const kind = credentialKind(authType);
  const json = parseJson(apiConfig);
  const errors = failure ? fieldErrors(failure.fields) : {};
  const local: Partial<Record<string, string>> = {
    ...(tried && !existing && !connection ? { connection: "Pick a connection." } : {}),
    ...(tried && !existing && !identifier.trim() ? { identifier: "Enter an identifier." } : {}),
  };
  const errorOf = (f: string) => local[f] ?? errors[f];

  const save = useMutation({
    mutationFn: (): Promise<Account> => {
      const api_config = json.ok ? json.value : null;
      if (existing) return commands.updateAccount(envId, existing.id, { credentials: kind === "oauth" ? null : credentials(kind, secrets), api_config });
      const input = { connection, identifier: identifier.trim(), credentials: credentials(kind, secrets) ?? { kind: "oauth" as const }, api_config };
      return getOrCreate ? commands.getOrCreateAccount(envId, input) : commands.createAccount(envId, input);
    },
    onSuccess: (account) => {
      void queryClient.invalidateQueries({ queryKey: keys.accounts(envId) });
      queryClient.setQueryData(keys.account(envId, account.id), account);
      onSaved(account);
    },
    onError: (e) => setFailure(toIpcError(e)),
  });

  const submit = () => {
    setTried(true);
    setFailure(null);
    if (!json.ok) return;
    if (!existing && (!connection || !identifier.trim())) return;
    save.mutate();
  };

  const setSecret = (k: keyof Secrets, v: string) => setSecrets((s) => ({ ...s, [k]: v }));
  const keep = existing ? "Leave blank to keep the stored one." : undefined;

  return (
    <Modal title={existing ? `Update ${existing.identifier}` : "New connected account"} onClose={onClose} testId="account-form">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {!existing && (
          <>
            <Field label="Connection" field="connection" error={errorOf("connection")}>
              {(c) => (
                <select {...c} value={connection} onChange={(e) => setConnection(e.target.value)} data-testid="account-form-connection" autoFocus>
                  <option value="">{connections.isPending ? "Loading connections…" : "Pick a connection"}</option>
                  {connection && !options.some((o) => o.name === connection) && <option value={connection}>{connection}</option>}
                  {options.map((o) => (
                    <option key={o.id || o.name} value={o.name}>
                      {o.name} ({o.provider}, {o.auth_type})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {connections.isError && (
              <div className="callout callout-error" role="alert" data-testid="account-form-connections-error">
                <Icon name="alert" />
                <div>
                  <ErrorMessage error={toIpcError(connections.error)} />
                  {/* The first page refetches; a later one that failed is fetched again. */}
                  <button type="button" className="btn btn-small" onClick={() => void (connections.data ? fetchNextPage() : connections.refetch())} data-testid="account-form-connections-retry">
                    Try again
                  </button>
                </div>
              </div>
            )}
            <Field label="Identifier" field="identifier" error={errorOf("identifier")} help="Your id for the end user (an email, a user id …).">
              {(c) => <input {...c} value={identifier} onChange={(e) => setIdentifier(e.target.value)} data-testid="account-form-identifier" spellCheck={false} />}
            </Field>
          </>
        )}
        {kind === "oauth" && !existing && connection && (
          <p className="muted small" data-testid="account-form-oauth-note">
            No credentials: the account is created pending, then you authorize it in the browser.
          </p>
        )}
        {kind === "api_key" && (
          <Field label="API key" field="api_key" error={errorOf("api_key")} help={keep}>
            {(c) => <SecretInput {...c} value={secrets.api_key} onChange={(e) => setSecret("api_key", e.target.value)} data-testid="account-form-api-key" className="mono" />}
          </Field>
        )}
        {kind === "bearer" && (
          <Field label="Bearer token" field="token" error={errorOf("token")} help={keep}>
            {(c) => <SecretInput {...c} value={secrets.token} onChange={(e) => setSecret("token", e.target.value)} data-testid="account-form-token" className="mono" />}
          </Field>
        )}
        {kind === "basic" && (
          <div className="form-row">
            <Field label="Username" field="username" error={errorOf("username")} help={keep}>
              {(c) => <input {...c} value={secrets.username} onChange={(e) => setSecret("username", e.target.value)} data-testid="account-form-username" autoComplete="off" />}
            </Field>
            <Field label="Password" field="password" error={errorOf("password")}>
              {(c) => <SecretInput {...c} value={secrets.password} onChange={(e) => setSecret("password", e.target.value)} data-testid="account-form-password" />}
            </Field>
          </div>
        )}
        <Field label="API config (JSON, optional)" field="api_config" error={!json.ok ? "not valid JSON" : errorOf("api_config")}>
          {(c) => (
            <textarea {...c} value={apiConfig} onChange={(e) => setApiConfig(e.target.value)} className="mono" rows={4} spellCheck={false} placeholder='{ "region": "eu" }' data-testid="account-form-api-config" />
          )}
        </Field>
        {!existing && (
          <label className="check">
            <input type="checkbox" checked={getOrCreate} onChange={(e) => setGetOrCreate(e.target.checked)} data-testid="account-form-get-or-create" />
            Use the existing account if this identifier already has one (get or create)
          </label>
        )}
        {failure && (
          <div className="callout callout-error" role="alert" data-testid="account-form-error" data-kind={failure.kind}>
            <Icon name="alert" />
            <div>
              <ErrorMessage error={failure} />
              <button type="button" className="btn btn-small" onClick={submit} disabled={save.isPending} data-testid="account-form-retry">
                Try again
              </button>
            </div>
          </div>
        )}
        <footer className="modal-foot">
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="account-form-submit">
            {save.isPending ? "Saving…" : existing ? "Save" : getOrCreate ? "Get or create" : "Create account"}
          </button>
        </footer>
      </form>
    </Modal>
  );
}
