import { useState } from "react";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Environment } from "../bindings/Environment";
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import type { Label } from "../bindings/Label";
import { api, toIpcError } from "../lib/api";
import { checkInput, type FieldErrors } from "../lib/validate";
import { LABELS, labelText } from "./LabelBadge";
import { Modal } from "./Modal";
import { TestResult } from "./TestResult";

interface Props {
  existing: Environment | null;
  onClose: () => void;
  onSaved: (env: Environment) => void;
}

export function EnvironmentForm({ existing, onClose, onSaved }: Props) {
  const [input, setInput] = useState<EnvironmentInput>({
    name: existing?.name ?? "",
    env_url: existing?.env_url ?? "",
    client_id: existing?.client_id ?? "",
    client_secret: "",
    label: existing?.label ?? "dev",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [busy, setBusy] = useState<"save" | "test" | null>(null);

  const set = (field: keyof EnvironmentInput, value: string) => {
    setInput((i) => ({ ...i, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setTest(null);
  };

  const applyServerError = (e: unknown) => {
    const err = toIpcError(e);
    if (err.fields.length > 0) {
      setErrors(Object.fromEntries(err.fields.map((f) => [f.field, f.message])));
    } else {
      setFormError(err.message);
    }
  };

  const runTest = async () => {
    const found = checkInput(input, !existing);
    if (Object.keys(found).length) return setErrors(found);
    setBusy("test");
    setFormError(null);
    try {
      setTest(await api.testEnvironmentInput(input, existing?.id ?? null));
    } catch (e) {
      applyServerError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const found = checkInput(input, !existing);
    if (Object.keys(found).length) return setErrors(found);
    setBusy("save");
    setFormError(null);
    try {
      const env = existing
        ? await api.updateEnvironment(existing.id, input)
        : await api.createEnvironment(input);
      onSaved(env);
    } catch (e) {
      applyServerError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal title={existing ? `Edit ${existing.name}` : "Add environment"} onClose={onClose} testId="env-form">
      <form className="form" onSubmit={save} noValidate>
        <Field label="Name" error={errors.name} field="name">
          <input value={input.name} onChange={(e) => set("name", e.target.value)} placeholder="Acme production" data-testid="env-name" autoFocus />
        </Field>
        <Field label="Environment URL" error={errors.env_url} field="env_url">
          <input value={input.env_url} onChange={(e) => set("env_url", e.target.value)} placeholder="https://acme.scalekit.com" data-testid="env-url" className="mono" spellCheck={false} />
        </Field>
        <div className="form-row">
          <Field label="Client ID" error={errors.client_id} field="client_id">
            <input value={input.client_id} onChange={(e) => set("client_id", e.target.value)} placeholder="skc_…" data-testid="env-client-id" className="mono" spellCheck={false} />
          </Field>
          <Field label="Label" field="label">
            <select value={input.label} onChange={(e) => set("label", e.target.value as Label)} data-testid="env-label">
              {LABELS.map((l) => (
                <option key={l} value={l}>{labelText(l)}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          label="Client secret"
          error={errors.client_secret}
          field="client_secret"
          hint={existing ? "Leave blank to keep the stored secret." : "Stored in the system keychain, never on disk."}
        >
          <input type="password" value={input.client_secret ?? ""} onChange={(e) => set("client_secret", e.target.value)} placeholder={existing ? "••••••••" : ""} data-testid="env-client-secret" className="mono" autoComplete="off" />
        </Field>
        {test && <TestResult result={test} />}
        {formError && <div className="callout callout-error" role="alert" data-testid="env-form-error">{formError}</div>}
        <footer className="modal-foot">
          <button type="button" className="btn" onClick={runTest} disabled={busy !== null} data-testid="env-test">
            {busy === "test" ? "Testing…" : "Test connection"}
          </button>
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="env-save">
            {busy === "save" ? "Saving…" : existing ? "Save changes" : "Add environment"}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

function Field({ label, error, hint, field, children }: { label: string; error?: string; hint?: string; field: string; children: React.ReactNode }) {
  return (
    <label className={error ? "field field-invalid" : "field"}>
      <span className="field-label">{label}</span>
      {children}
      {error ? <span className="field-error" data-testid={`field-error-${field}`}>{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}
