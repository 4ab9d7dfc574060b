// Whom a tool runs for: an identifier on one of the provider's connections, or a connected
// account picked from the accounts list (the same server-side list the Accounts screen shows).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { FieldError } from "../../bindings/FieldError";
import type { RunTarget } from "../../bindings/RunTarget";
import { Field } from "../../components/form/Field";
import { accountsQuery } from "../../lib/queries";
import { useConnections } from "./useConnections";

export type PickMode = "identifier" | "account";

interface Props {
  envId: string;
  provider: string;
  mode: PickMode;
  onMode: (mode: PickMode) => void;
  target: RunTarget;
  onChange: (target: RunTarget) => void;
  errors: FieldError[];
}

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

export function AccountPicker({ envId, provider, mode, onMode, target, onChange, errors }: Props) {
  const connections = useConnections(envId);
  const mine = useMemo(() => connections.filter((c) => c.provider.toLowerCase() === provider.toLowerCase()), [connections, provider]);
  const accounts = useInfiniteQuery({
    ...accountsQuery(envId, { provider, connection: null, identifier: null, query: null }),
    enabled: mode === "account",
  });
  const accountRows = useMemo(() => accounts.data?.pages.flatMap((p) => p.accounts) ?? [], [accounts.data]);

  return (
    <div className="picker" data-testid="account-picker">
      <div className="segmented" role="radiogroup" aria-label="Run as">
        <label>
          <input type="radio" name="pick-mode" checked={mode === "identifier"} onChange={() => onMode("identifier")} data-testid="pick-identifier" /> Identifier + connection
        </label>
        <label>
          <input type="radio" name="pick-mode" checked={mode === "account"} onChange={() => onMode("account")} data-testid="pick-account" /> Connected account
        </label>
      </div>
      {mode === "identifier" ? (
        <div className="form-row">
          <Field label="Identifier" field="target.identifier" error={errorOf(errors, "target.identifier")}>
            {(c) => (
              <input {...c} value={target.identifier ?? ""} onChange={(e) => onChange({ ...target, identifier: e.target.value })} placeholder="alice@example.com" data-testid="run-identifier" />
            )}
          </Field>
          <Field label="Connection" field="target.connection" error={errorOf(errors, "target.connection")}>
            {(c) => (
              <select {...c} value={target.connection ?? ""} onChange={(e) => onChange({ ...target, connection: e.target.value || null })} data-testid="run-connection">
                <option value="">Choose…</option>
                {mine.map((conn) => (
                  <option key={conn.name} value={conn.name}>{conn.name}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : (
        <Field label="Connected account" field="target.account_id" error={errorOf(errors, "target.account_id")} help={`Accounts on ${provider}.`}>
          {(c) => (
            <select {...c} value={target.account_id ?? ""} onChange={(e) => onChange({ ...target, account_id: e.target.value || null })} data-testid="run-account">
              <option value="">{accounts.isLoading ? "Loading…" : "Choose…"}</option>
              {accountRows.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.identifier} · {a.connection} · {a.status}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </div>
  );
}
