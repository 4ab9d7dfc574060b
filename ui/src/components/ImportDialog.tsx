import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { Label } from "../bindings/Label";
import { commands } from "../bindings/ipc";
import { toIpcError } from "../lib/errors";
import { keys } from "../lib/queries";
import { ErrorMessage } from "./ErrorMessage";
import { Field } from "./form/Field";
import { LABELS, labelText } from "./LabelBadge";
import { Modal } from "./Modal";

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (env: Environment) => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [label, setLabel] = useState<Label>("dev");

  const importing = useMutation({
    mutationFn: () => commands.importDotenv(text, name.trim() || null, label),
    onSuccess: async (env) => {
      await queryClient.invalidateQueries({ queryKey: keys.environments });
      onImported(env);
    },
  });
  const error = importing.error ? toIpcError(importing.error) : null;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    importing.reset();
  };

  return (
    <Modal title="Import from .env" onClose={onClose} testId="import-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          importing.mutate();
        }}
      >
        <p className="muted">
          Reads <code>SCALEKIT_ENV_URL</code> (or <code>SCALEKIT_ENVIRONMENT_URL</code>), <code>SCALEKIT_CLIENT_ID</code> and{" "}
          <code>SCALEKIT_CLIENT_SECRET</code>. The secret goes to the keychain.
        </p>
        <Field label=".env file" field="file" help={fileName ?? undefined}>
          {(c) => <input {...c} type="file" onChange={(e) => void pick(e.target.files?.[0])} data-testid="import-file" />}
        </Field>
        <Field label="…or paste its contents" field="text">
          {(c) => <textarea {...c} rows={5} className="mono" value={text} onChange={(e) => setText(e.target.value)} data-testid="import-text" spellCheck={false} />}
        </Field>
        <div className="form-row">
          <Field label="Name (optional)" field="name" error={error?.fields.find((f) => f.field === "name")?.message}>
            {(c) => <input {...c} value={name} onChange={(e) => setName(e.target.value)} placeholder="Defaults to the host name" data-testid="import-name" />}
          </Field>
          <Field label="Label" field="label">
            {(c) => (
              <select {...c} value={label} onChange={(e) => setLabel(e.target.value as Label)}>
                {LABELS.map((l) => (
                  <option key={l} value={l}>{labelText(l)}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {error && (
          <div className="callout callout-error" role="alert" data-testid="import-error">
            <div>
              {error.fields.length > 0 ? (
                <ul>{error.fields.map((f) => <li key={f.field}>{f.message}</li>)}</ul>
              ) : (
                <ErrorMessage error={error} />
              )}
            </div>
          </div>
        )}
        <footer className="modal-foot">
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={importing.isPending || !text.trim()} data-testid="import-submit">
            Import
          </button>
        </footer>
      </form>
    </Modal>
  );
}
