import { useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { IpcError } from "../bindings/IpcError";
import type { Label } from "../bindings/Label";
import { api, toIpcError } from "../lib/api";
import { LABELS, labelText } from "./LabelBadge";
import { Modal } from "./Modal";

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (env: Environment) => void }) {
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [label, setLabel] = useState<Label>("dev");
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    setError(null);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onImported(await api.importDotenv(text, name.trim() || null, label));
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Import from .env" onClose={onClose} testId="import-dialog">
      <form className="form" onSubmit={submit}>
        <p className="muted">
          Reads <code>SCALEKIT_ENV_URL</code> (or <code>SCALEKIT_ENVIRONMENT_URL</code>), <code>SCALEKIT_CLIENT_ID</code> and{" "}
          <code>SCALEKIT_CLIENT_SECRET</code>. The secret goes to the keychain.
        </p>
        <label className="field">
          <span className="field-label">.env file</span>
          <input type="file" onChange={(e) => void pick(e.target.files?.[0])} data-testid="import-file" />
          {fileName && <span className="field-hint">{fileName}</span>}
        </label>
        <label className="field">
          <span className="field-label">…or paste its contents</span>
          <textarea rows={5} className="mono" value={text} onChange={(e) => setText(e.target.value)} data-testid="import-text" spellCheck={false} />
        </label>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Name (optional)</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Defaults to the host name" data-testid="import-name" />
          </label>
          <label className="field">
            <span className="field-label">Label</span>
            <select value={label} onChange={(e) => setLabel(e.target.value as Label)}>
              {LABELS.map((l) => (
                <option key={l} value={l}>{labelText(l)}</option>
              ))}
            </select>
          </label>
        </div>
        {error && (
          <div className="callout callout-error" role="alert" data-testid="import-error">
            <div>
              {error.fields.length > 0 ? (
                <ul>{error.fields.map((f) => <li key={f.field}>{f.message}</li>)}</ul>
              ) : (
                error.message
              )}
            </div>
          </div>
        )}
        <footer className="modal-foot">
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()} data-testid="import-submit">
            Import
          </button>
        </footer>
      </form>
    </Modal>
  );
}
