// History settings in a dialog: the retention limits (blank = no limit), applied at once by the
// backend, and clearing the whole history (asked twice).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { HistoryRetention } from "../../bindings/HistoryRetention";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Modal } from "../../components/Modal";
import { toIpcError } from "../../lib/errors";
import { notify } from "../../lib/toasts";
import { historyKeys } from "./queries";

const FIELDS: { key: keyof HistoryRetention; label: string; unit: string }[] = [
  { key: "max_entries", label: "Keep at most", unit: "entries" },
  { key: "max_age_days", label: "Delete entries older than", unit: "days" },
  { key: "max_total_mb", label: "Keep the history under", unit: "MB" },
];

function toNumber(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(n) ? null : Math.floor(n);
}

function Form({ initial, onClose }: { initial: HistoryRetention; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, initial[f.key]?.toString() ?? ""])) as Record<keyof HistoryRetention, string>);
  const [confirmClear, setConfirmClear] = useState(false);
  const save = useMutation({
    mutationFn: () => commands.historySetRetention({ max_entries: toNumber(text.max_entries), max_age_days: toNumber(text.max_age_days), max_total_mb: toNumber(text.max_total_mb) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(["history-retention"], saved);
      void queryClient.invalidateQueries({ queryKey: historyKeys.all });
      notify("ok", "History limits saved");
      onClose();
    },
  });
  const clear = useMutation({
    mutationFn: () => commands.historyClear(null),
    onSuccess: (n) => {
      void queryClient.invalidateQueries({ queryKey: historyKeys.all });
      notify("ok", `Deleted ${n} ${n === 1 ? "entry" : "entries"}`);
      onClose();
    },
  });
  const error = save.error ? toIpcError(save.error) : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>{f.label}</span>
          <span className="row">
            <input inputMode="numeric" value={text[f.key]} onChange={(e) => setText((t) => ({ ...t, [f.key]: e.target.value }))} placeholder="no limit" aria-label={`${f.label} (${f.unit})`} data-testid={`retention-${f.key}`} />
            {f.unit}
          </span>
          {error?.fields.find((x) => x.field === f.key) && <span className="field-error">{error.fields.find((x) => x.field === f.key)?.message}</span>}
        </label>
      ))}
      {error && error.fields.length === 0 && <ErrorMessage error={error} />}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="retention-save">Save</button>
        <span className="spacer" />
        {confirmClear ? (
          <button type="button" className="btn btn-danger" onClick={() => clear.mutate()} disabled={clear.isPending} data-testid="history-clear-confirm">
            Delete every entry
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirmClear(true)} data-testid="history-clear">
            Clear history…
          </button>
        )}
      </div>
      {clear.isError && <ErrorMessage error={toIpcError(clear.error)} />}
    </form>
  );
}

export function HistorySettings({ onClose }: { onClose: () => void }) {
  const current = useQuery({ queryKey: ["history-retention"], queryFn: () => commands.historyRetention() });
  return (
    <Modal title="History settings" onClose={onClose} testId="history-settings">
      {current.isPending && <div className="skeleton-bar" />}
      {current.isError && <ErrorMessage error={toIpcError(current.error)} />}
      {current.data && <Form initial={current.data} onClose={onClose} />}
    </Modal>
  );
}
