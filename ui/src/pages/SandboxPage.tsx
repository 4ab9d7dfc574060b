import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { SandboxKnobs } from "../bindings/SandboxKnobs";
import type { SandboxStatus } from "../bindings/SandboxStatus";
import { commands } from "../bindings/ipc";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { toIpcError } from "../lib/errors";
import { keys, sandboxStatusQuery } from "../lib/queries";
import { useActiveEnv, useEnvironments, useSwitchEnv } from "../lib/session";
import { notify } from "../lib/toasts";
import { SdkEnvPanel } from "./SdkEnv";

/** Percent text field <-> 0..1 share. */
function pct(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

const FAULTS_OFF: SandboxKnobs = { latency_ms: 0, error_rate: 0, error_status: 500, rate_limit_rate: 0, rate_limit_next: 0, retry_after_secs: 1 };

function formOf(k: SandboxKnobs) {
  return {
    latency: String(k.latency_ms),
    errorRate: pct(k.error_rate),
    errorStatus: k.error_status === 503 ? 503 : 500,
    rlRate: pct(k.rate_limit_rate),
    rlNext: String(k.rate_limit_next),
    retryAfter: String(k.retry_after_secs),
  };
}

export function SandboxPage() {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const activeEnv = useActiveEnv();
  const switchEnv = useSwitchEnv();
  const statusQuery = useQuery(sandboxStatusQuery());
  const status = statusQuery.data ?? null;
  const [confirmReset, setConfirmReset] = useState(false);

  const act = useMutation({
    mutationFn: ({ work }: { work: () => Promise<SandboxStatus>; done: string }) => work(),
    onSuccess: (s, { done }) => {
      queryClient.setQueryData(keys.sandboxStatus, s);
      // The Sandbox's data changed under every cached number of the Sandbox environment.
      const sandboxId = environments.find((e) => e.is_sandbox)?.id;
      if (sandboxId) {
        void queryClient.invalidateQueries({ queryKey: keys.overview(sandboxId) });
        void queryClient.invalidateQueries({ queryKey: keys.breakdown(sandboxId) });
      }
      notify("ok", done);
    },
    onError: (e) => notify("error", toIpcError(e).message),
  });
  const busy = act.isPending;

  const sandboxEnv = environments.find((e) => e.is_sandbox);
  const info = status?.info;

  return (
    <section className="page" data-testid="sandbox-panel">
      <header className="page-head">
        <div>
          <h1>Sandbox</h1>
          <p className="muted">A local AgentKit environment inside Kitbench: same REST API, seeded data, no account or network needed.</p>
        </div>
        {sandboxEnv && sandboxEnv.id !== activeEnv?.id && (
          <button className="btn" onClick={() => switchEnv.mutate(sandboxEnv.id)}>Use the Sandbox</button>
        )}
      </header>

      {(statusQuery.isError || status?.error) && (
        <div className="callout callout-error" role="alert" data-testid="sandbox-error">
          <Icon name="alert" />
          <div>{statusQuery.isError ? <ErrorMessage error={toIpcError(statusQuery.error)} /> : status?.error}</div>
        </div>
      )}

      {info && (
        <div className="panel">
          <h2>Running</h2>
          <dl className="facts">
            <dt>URL</dt>
            <dd className="mono" data-testid="sandbox-url">{info.url}</dd>
            <dt>Client ID</dt>
            <dd className="mono">{sandboxEnv?.client_id}</dd>
            <dt>Data file</dt>
            <dd className="mono">{info.data_file}</dd>
          </dl>
        </div>
      )}

      {info && sandboxEnv && (
        <SdkEnvPanel input={{ url: info.url, caFile: info.ca_file, clientId: sandboxEnv.client_id }} />
      )}

      {info && status && (
        <FaultsForm key={statusQuery.dataUpdatedAt} status={status} busy={busy} onApply={(knobs, done) => act.mutate({ work: () => commands.sandboxSetKnobs(knobs), done })} />
      )}

      {info && (
        <div className="panel panel-danger">
          <h2>Reset data</h2>
          <p className="muted">Puts connected accounts, MCP configs and instances back to the seeded state and turns faults off.</p>
          <button className="btn btn-danger" onClick={() => setConfirmReset(true)} disabled={busy} data-testid="sandbox-reset">Reset Sandbox data</button>
        </div>
      )}

      {confirmReset && (
        <Modal title="Reset the Sandbox?" onClose={() => setConfirmReset(false)} testId="sandbox-reset-dialog">
          <p>Everything you created in the Sandbox is removed. Its credentials stay the same.</p>
          <footer className="modal-foot">
            <span className="spacer" />
            <button className="btn btn-ghost" onClick={() => setConfirmReset(false)}>Cancel</button>
            <button
              className="btn btn-danger"
              data-testid="sandbox-reset-confirm"
              onClick={() => {
                setConfirmReset(false);
                act.mutate({ work: () => commands.sandboxReset(), done: "Sandbox data reset" });
              }}
            >
              Reset
            </button>
          </footer>
        </Modal>
      )}
    </section>
  );
}

function FaultsForm({ status, busy, onApply }: { status: SandboxStatus; busy: boolean; onApply: (knobs: SandboxKnobs, done: string) => void }) {
  const [form, setForm] = useState(() => formOf(status.knobs));
  const faultsOn = status.knobs.latency_ms > 0 || status.knobs.error_rate > 0 || status.knobs.rate_limit_rate > 0 || status.knobs.rate_limit_next > 0;

  const knobs = (): SandboxKnobs => ({
    latency_ms: Math.max(0, Math.round(Number(form.latency) || 0)),
    error_rate: Math.min(100, Math.max(0, Number(form.errorRate) || 0)) / 100,
    error_status: form.errorStatus,
    rate_limit_rate: Math.min(100, Math.max(0, Number(form.rlRate) || 0)) / 100,
    rate_limit_next: Math.max(0, Math.round(Number(form.rlNext) || 0)),
    retry_after_secs: Math.max(0, Math.round(Number(form.retryAfter) || 0)),
  });

  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(knobs(), "Fault knobs applied");
      }}
    >
      <h2>
        Faults {faultsOn && <span className="pill pill-warn" data-testid="sandbox-faults-on">On</span>}
      </h2>
      <p className="muted">Apply to every request the Sandbox serves, so you can see how clients behave under latency, errors and rate limits.</p>
      <div className="form-row">
        <label className="field">
          <span className="field-label">Latency (ms)</span>
          <input type="number" min={0} max={60000} step={50} value={form.latency} onChange={(e) => setForm({ ...form, latency: e.target.value })} data-testid="sandbox-latency" />
        </label>
        <label className="field">
          <span className="field-label">Error rate (%)</span>
          <input type="number" min={0} max={100} step={1} value={form.errorRate} onChange={(e) => setForm({ ...form, errorRate: e.target.value })} data-testid="sandbox-error-rate" />
        </label>
        <label className="field">
          <span className="field-label">Error status</span>
          <select value={form.errorStatus} onChange={(e) => setForm({ ...form, errorStatus: Number(e.target.value) })} data-testid="sandbox-error-status">
            <option value={500}>500 Internal</option>
            <option value={503}>503 Unavailable</option>
          </select>
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">429 rate (%)</span>
          <input type="number" min={0} max={100} step={1} value={form.rlRate} onChange={(e) => setForm({ ...form, rlRate: e.target.value })} data-testid="sandbox-429-rate" />
        </label>
        <label className="field">
          <span className="field-label">429 for the next N calls</span>
          <input type="number" min={0} step={1} value={form.rlNext} onChange={(e) => setForm({ ...form, rlNext: e.target.value })} data-testid="sandbox-429-next" />
        </label>
        <label className="field">
          <span className="field-label">Retry-After (s)</span>
          <input type="number" min={0} max={3600} step={1} value={form.retryAfter} onChange={(e) => setForm({ ...form, retryAfter: e.target.value })} data-testid="sandbox-retry-after" />
        </label>
      </div>
      <footer className="row">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sandbox-apply">Apply</button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() =>
            onApply(FAULTS_OFF, "Faults off")
          }
          data-testid="sandbox-faults-off"
        >
          Turn faults off
        </button>
      </footer>
    </form>
  );
}
