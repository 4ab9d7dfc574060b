// Named inputs of a tool: save the current input, pick one into the form, or run it in one click.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Preset } from "../../bindings/Preset";
import type { JsonValue } from "../../bindings/serde_json/JsonValue";
import { commands } from "../../bindings/ipc";
import { Icon } from "../../components/Icon";
import { toIpcError } from "../../lib/errors";
import { notify } from "../../lib/toasts";
import { presetsQuery, toolKeys } from "./queries";

interface Props {
  envId: string;
  tool: string;
  params: Record<string, unknown>;
  onPick: (p: Preset) => void;
  onRun: (p: Preset) => void;
  busy: boolean;
}

export function Presets({ envId, tool, params, onPick, onRun, busy }: Props) {
  const qc = useQueryClient();
  const list = useQuery(presetsQuery(envId, tool));
  const [name, setName] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: toolKeys.presets(envId, tool) });
  const save = useMutation({
    mutationFn: () => commands.savePreset(envId, { tool_name: tool, name, params: params as JsonValue }),
    onSuccess: (p) => {
      setName("");
      notify("ok", `Saved preset “${p.name}”.`);
      return refresh();
    },
    onError: (e) => notify("error", toIpcError(e).message),
  });
  const remove = useMutation({
    mutationFn: (p: Preset) => commands.deletePreset(envId, tool, p.name),
    onSuccess: refresh,
    onError: (e) => notify("error", toIpcError(e).message),
  });
  return (
    <div className="presets" data-testid="presets">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Preset name" aria-label="Preset name" data-testid="preset-name" />
        <button className="btn btn-small" type="submit" disabled={!name.trim() || save.isPending} data-testid="preset-save">
          Save input
        </button>
      </form>
      {list.data && list.data.length > 0 && (
        <ul className="preset-list">
          {list.data.map((p) => (
            <li key={p.name} data-testid="preset" data-name={p.name}>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onPick(p)} title="Load into the form" data-testid="preset-pick">
                {p.name}
              </button>
              <button type="button" className="btn btn-small btn-primary" onClick={() => onRun(p)} disabled={busy} data-testid="preset-run">
                Run
              </button>
              <button type="button" className="icon-btn" onClick={() => remove.mutate(p)} aria-label={`Delete preset ${p.name}`} data-testid="preset-delete">
                <Icon name="trash" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
