import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Environment } from "../bindings/Environment";
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import type { FieldError } from "../bindings/FieldError";
import type { IpcError } from "../bindings/IpcError";
import type { Label } from "../bindings/Label";
import { commands } from "../bindings/ipc";
import { toIpcError } from "../lib/errors";
import { keys } from "../lib/queries";
import { useDebounced } from "../lib/useDebounced";
import { ErrorMessage } from "./ErrorMessage";
import { Field } from "./form/Field";
import { SecretInput } from "./form/SecretInput";
import { LABELS, labelText } from "./LabelBadge";
import { Modal } from "./Modal";
import { TestResult } from "./TestResult";

/** How long typing must pause before the form asks Rust to check it. */
export const VALIDATE_DEBOUNCE_MS = 300;

type FieldName = "name" | "env_url" | "client_id" | "client_secret" | "label";

interface Props {
  existing: Environment | null;
  onClose: () => void;
  onSaved: (env: Environment) => void;
}

function byField(errors: FieldError[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}

export function EnvironmentForm({ existing, onClose, onSaved }: Props) {
  const queryClient = useQueryClient();
  const existingId = existing?.id ?? null;
  const [initial] = useState<EnvironmentInput>(() => ({
    name: existing?.name ?? "",
    env_url: existing?.env_url ?? "",
    client_id: existing?.client_id ?? "",
    client_secret: "",
    label: existing?.label ?? "dev",
  }));
  const [input, setInput] = useState(initial);
  // Fields the user changed show their messages as they type; all show after Save or Test.
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [checkAll, setCheckAll] = useState(false);
  // What the last Save/Test attempt was told (checked, or rejected by the command itself).
  const [submitted, setSubmitted] = useState<{ input: EnvironmentInput; errors: FieldError[] } | null>(null);
  const [formError, setFormError] = useState<IpcError | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);

  // The rules live in Rust: ask it, debounced, as the user types. The secret's value never goes
  // into the query key (only whether one was typed).
  const settled = useDebounced(input, VALIDATE_DEBOUNCE_MS);
  const validation = useQuery({
    queryKey: ["validate-environment", existingId, { ...settled, client_secret: settled.client_secret?.trim() ? "set" : "" }],
    queryFn: () => commands.validateEnvironmentInput(settled, existingId),
    // Only once typing has paused on something the user changed.
    enabled: settled !== initial,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });

  const live = byField(validation.data ?? []);
  const fromSubmit = submitted && submitted.input === input ? byField(submitted.errors) : {};
  const errorOf = (field: FieldName): string | undefined => {
    if (fromSubmit[field]) return fromSubmit[field];
    return checkAll || touched.has(field) ? live[field] : undefined;
  };

  const set = (field: FieldName, value: string) => {
    setInput((i) => ({ ...i, [field]: value }));
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    setTest(null);
  };

  /** Checks the input now; true when it is valid. */
  const check = async (): Promise<boolean> => {
    setCheckAll(true);
    setFormError(null);
    const errors = await commands.validateEnvironmentInput(input, existingId);
    setSubmitted({ input, errors });
    return errors.length === 0;
  };

  const rejected = (e: unknown) => {
    const err = toIpcError(e);
    if (err.fields.length > 0) setSubmitted({ input, errors: err.fields });
    else setFormError(err);
  };

  const runTest = useMutation({
    mutationFn: async () => ((await check()) ? commands.testEnvironmentInput(input, existingId) : null),
    onSuccess: (result) => setTest(result),
    onError: rejected,
  });

  const save = useMutation({
    mutationFn: async () => {
      if (!(await check())) return null;
      return existing ? commands.updateEnvironment(existing.id, input) : commands.createEnvironment(input);
    },
    onSuccess: async (env) => {
      if (!env) return;
      await queryClient.invalidateQueries({ queryKey: keys.environments });
      onSaved(env);
    },
    onError: rejected,
  });

  const busy = runTest.isPending ? "test" : save.isPending ? "save" : null;

  return (
    <Modal title={existing ? `Edit ${existing.name}` : "Add environment"} onClose={onClose} testId="env-form">
      <form
        className="form"
        // Busy while the rules are being asked for what was typed: its messages may still move
        // the buttons (screenshots and tests wait for it).
        aria-busy={input !== settled || validation.isFetching ? true : undefined}
        data-testid="env-form-fields"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Field label="Name" error={errorOf("name")} field="name">
          {(c) => <input {...c} value={input.name} onChange={(e) => set("name", e.target.value)} placeholder="Acme production" data-testid="env-name" autoFocus />}
        </Field>
        <Field label="Environment URL" error={errorOf("env_url")} field="env_url">
          {(c) => (
            <input {...c} value={input.env_url} onChange={(e) => set("env_url", e.target.value)} placeholder="https://acme.scalekit.com" data-testid="env-url" className="mono" spellCheck={false} />
          )}
        </Field>
        <div className="form-row">
          <Field label="Client ID" error={errorOf("client_id")} field="client_id">
            {(c) => (
              <input {...c} value={input.client_id} onChange={(e) => set("client_id", e.target.value)} placeholder="skc_…" data-testid="env-client-id" className="mono" spellCheck={false} />
            )}
          </Field>
          <Field label="Label" error={errorOf("label")} field="label">
            {(c) => (
              <select {...c} value={input.label} onChange={(e) => set("label", e.target.value as Label)} data-testid="env-label">
                {LABELS.map((l) => (
                  <option key={l} value={l}>{labelText(l)}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="Client secret"
          error={errorOf("client_secret")}
          field="client_secret"
          help={existing ? "Leave blank to keep the stored secret." : "Stored in the system keychain, never on disk."}
        >
          {(c) => (
            <SecretInput
              {...c}
              value={input.client_secret ?? ""}
              onChange={(e) => set("client_secret", e.target.value)}
              placeholder={existing ? "••••••••" : ""}
              data-testid="env-client-secret"
              className="mono"
            />
          )}
        </Field>
        {test && <TestResult result={test} />}
        {formError && (
          <div className="callout callout-error" role="alert" data-testid="env-form-error">
            <div>
              <ErrorMessage error={formError} />
            </div>
          </div>
        )}
        <footer className="modal-foot">
          <button type="button" className="btn" onClick={() => runTest.mutate()} disabled={busy !== null} data-testid="env-test">
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
