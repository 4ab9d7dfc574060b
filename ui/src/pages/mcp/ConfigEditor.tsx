// The MCP config form: name, description, and connection → tools mappings whose pickers are fed
// by each connection's tool catalog (the playground's list_tools). Field errors from Rust (our
// checks and the API's own violations) are shown next to the field they name.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { FieldError } from "../../bindings/FieldError";
import type { McpConfigInput } from "../../bindings/McpConfigInput";
import type { McpConfigView } from "../../bindings/McpConfigView";
import type { McpMappingInput } from "../../bindings/McpMappingInput";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Icon } from "../../components/Icon";
import { toIpcError } from "../../lib/errors";
import { notify } from "../../lib/toasts";
import { toolsQuery } from "../tools/queries";
import { useConnections } from "../tools/useConnections";
import { mcpKeys } from "./queries";

const MAX_MAPPINGS = 25;

/** Field errors by field name (`name`, `connection_tool_mappings[0].tools[1]`, …). */
function byField(fields: FieldError[]): Map<string, string> {
  return new Map(fields.map((f) => [f.field, f.message]));
}

/** Every error about mapping `i` (its connection, its tools), in order. */
function mappingErrors(fields: FieldError[], i: number): string[] {
  const prefix = `connection_tool_mappings[${i}]`;
  return fields.filter((f) => f.field.startsWith(prefix)).map((f) => f.message);
}

export function ConfigEditor({ envId, config, onDone }: { envId: string; config: McpConfigView | null; onDone: (saved: McpConfigView | null) => void }) {
  const queryClient = useQueryClient();
  const [input, setInput] = useState<McpConfigInput>(() => ({
    name: config?.name ?? "",
    description: config?.description ?? "",
    mappings: config?.mappings.map((m) => ({ connection_name: m.connection_name, tools: [...m.tools] })) ?? [],
  }));
  const [fields, setFields] = useState<FieldError[]>([]);
  const connections = useConnections(envId);
  const save = useMutation({
    mutationFn: () => (config ? commands.updateMcpConfig(envId, config.id, input) : commands.createMcpConfig(envId, input)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: mcpKeys.configs(envId) });
      void queryClient.invalidateQueries({ queryKey: mcpKeys.instances(envId) });
      notify("ok", config ? `Saved ${saved.name}` : `Created ${saved.name}`);
      onDone(saved);
    },
    onError: (e) => {
      const err = toIpcError(e);
      setFields(err.kind === "validation" ? err.fields : []);
    },
  });
  const errors = byField(fields);
  const failure = save.error ? toIpcError(save.error) : null;
  const setMapping = (i: number, next: McpMappingInput) => setInput((s) => ({ ...s, mappings: s.mappings.map((m, j) => (j === i ? next : m)) }));
  const used = new Set(input.mappings.map((m) => m.connection_name));

  return (
    <form
      className="mcp-editor"
      data-testid="mcp-config-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span>Name</span>
        <input value={input.name} disabled={config !== null} onChange={(e) => setInput({ ...input, name: e.target.value })} placeholder="inbox-tools" aria-invalid={errors.has("name")} data-testid="mcp-config-name" />
        {errors.has("name") ? <span className="field-error" data-testid="mcp-config-name-error">{errors.get("name")}</span> : <span className="field-hint">Lowercase letters, digits, _ and -; fixed once created.</span>}
      </label>
      <label className="field">
        <span>Description</span>
        <input value={input.description} onChange={(e) => setInput({ ...input, description: e.target.value })} data-testid="mcp-config-description" />
      </label>
      <h3>Connections and tools</h3>
      {errors.has("connection_tool_mappings") && <p className="field-error">{errors.get("connection_tool_mappings")}</p>}
      {input.mappings.map((m, i) => (
        <MappingRow
          key={i}
          envId={envId}
          index={i}
          mapping={m}
          choices={connections.map((c) => c.name).filter((n) => n === m.connection_name || !used.has(n))}
          errors={mappingErrors(fields, i)}
          onChange={(next) => setMapping(i, next)}
          onRemove={() => setInput((s) => ({ ...s, mappings: s.mappings.filter((_, j) => j !== i) }))}
        />
      ))}
      <button type="button" className="btn btn-small" disabled={input.mappings.length >= MAX_MAPPINGS} onClick={() => setInput((s) => ({ ...s, mappings: [...s.mappings, { connection_name: "", tools: [] }] }))} data-testid="mcp-add-mapping">
        <Icon name="plus" size={14} /> Add a connection
      </button>
      {failure && failure.kind !== "validation" && (
        <div className="callout callout-error" role="alert" data-testid="mcp-config-error">
          <Icon name="alert" />
          <ErrorMessage error={failure} />
        </div>
      )}
      <footer className="modal-foot">
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={() => onDone(null)} data-testid="mcp-config-cancel">Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="mcp-config-save">
          {save.isPending ? "Saving…" : config ? "Save" : "Create config"}
        </button>
      </footer>
    </form>
  );
}

function MappingRow(props: {
  envId: string;
  index: number;
  mapping: McpMappingInput;
  choices: string[];
  errors: string[];
  onChange: (m: McpMappingInput) => void;
  onRemove: () => void;
}) {
  const { envId, index, mapping, choices, errors, onChange, onRemove } = props;
  const connection = mapping.connection_name;
  const tools = useQuery({ ...toolsQueryFirstPage(envId, connection), enabled: connection !== "" });
  const names = useMemo(() => tools.data ?? [], [tools.data]);
  const toggle = (name: string) => {
    const on = mapping.tools.includes(name);
    onChange({ ...mapping, tools: on ? mapping.tools.filter((t) => t !== name) : [...mapping.tools, name] });
  };
  return (
    <fieldset className="mcp-mapping" data-testid="mcp-mapping" data-connection={connection}>
      <div className="row">
        <select value={connection} onChange={(e) => onChange({ connection_name: e.target.value, tools: [] })} aria-label={`Connection ${index + 1}`} data-testid="mcp-mapping-connection">
          <option value="">Choose a connection…</option>
          {choices.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
        <span className="muted small">{mapping.tools.length === 0 ? "every tool of the connection" : `${mapping.tools.length} tools`}</span>
        <span className="spacer" />
        <button type="button" className="icon-btn" onClick={onRemove} aria-label={`Remove connection ${index + 1}`} data-testid="mcp-mapping-remove">
          <Icon name="trash" size={14} />
        </button>
      </div>
      {connection !== "" && (
        <div className="mcp-tool-picks" data-testid="mcp-tool-picks">
          {tools.isPending && <span className="skeleton" />}
          {tools.isError && <ErrorMessage error={toIpcError(tools.error)} />}
          {names.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked={mapping.tools.includes(t)} onChange={() => toggle(t)} data-testid="mcp-tool-pick" data-tool={t} />
              <span className="mono">{t}</span>
            </label>
          ))}
          {/* Mapped tools the catalog no longer lists stay visible so they can be removed. */}
          {mapping.tools.filter((t) => tools.data && !names.includes(t)).map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked onChange={() => toggle(t)} data-testid="mcp-tool-pick" data-tool={t} />
              <span className="mono">{t}</span> <span className="muted small">(not in the catalog)</span>
            </label>
          ))}
        </div>
      )}
      {errors.map((e, i) => (
        <p key={i} className="field-error" data-testid="mcp-mapping-error">{e}</p>
      ))}
    </fieldset>
  );
}

/** The tool names of one connection (the first page of 100 covers a connector's tools). */
function toolsQueryFirstPage(envId: string, connection: string) {
  const base = toolsQuery(envId, { provider: null, connection, name: null });
  return {
    queryKey: [...base.queryKey, "names"] as const,
    queryFn: async () => (await commands.listTools(envId, { provider: null, connection, name: null }, null)).tools.map((t) => t.name),
  };
}
