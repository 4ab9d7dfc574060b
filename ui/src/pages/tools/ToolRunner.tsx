// The runner: whom to run as, the input (a form generated from the schema and the raw JSON,
// kept in sync both ways), Run / Cancel, presets, and the result. The input is checked against
// the schema before anything is sent (and again in Rust, whose field errors show the same way).
import type { RJSFSchema } from "@rjsf/utils";
import { useMemo, useRef, useState } from "react";
import type { FieldError } from "../../bindings/FieldError";
import type { IpcError } from "../../bindings/IpcError";
import type { Preset } from "../../bindings/Preset";
import type { RunTarget } from "../../bindings/RunTarget";
import type { ToolInfo } from "../../bindings/ToolInfo";
import type { ToolRunResult } from "../../bindings/ToolRunResult";
import type { JsonValue } from "../../bindings/serde_json/JsonValue";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { JsonEditor } from "../../components/schema-form/JsonEditor";
import { SchemaForm, type SchemaFormHandle } from "../../components/schema-form/SchemaForm";
import { pointerErrors, validateInput } from "../../components/schema-form/validate";
import { toIpcError } from "../../lib/errors";
import { AccountPicker, type PickMode } from "./AccountPicker";
import { Presets } from "./Presets";
import { RunResult } from "./RunResult";
import { Elapsed } from "./Elapsed";

type Params = Record<string, unknown>;

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** The target to send for the chosen mode (the other mode's fields are left out). */
function targetFor(mode: PickMode, t: RunTarget): RunTarget {
  return mode === "account" ? { account_id: t.account_id, identifier: null, connection: null } : { account_id: null, identifier: t.identifier, connection: t.connection };
}

export function ToolRunner({ envId, tool }: { envId: string; tool: ToolInfo }) {
  const schema = tool.input_schema as RJSFSchema;
  const form = useRef<SchemaFormHandle>(null);
  const [mode, setMode] = useState<PickMode>("identifier");
  const [target, setTarget] = useState<RunTarget>({ account_id: null, identifier: "", connection: null });
  const [params, setParams] = useState<Params>({});
  const [jsonText, setJsonText] = useState("{}");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(0);
  const [rustErrors, setRustErrors] = useState<FieldError[]>([]);
  const [running, setRunning] = useState<{ id: string; at: number } | null>(null);
  const [result, setResult] = useState<ToolRunResult | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const extraErrors = useMemo(() => pointerErrors(rustErrors.filter((e) => e.field.startsWith("/") || e.field === "")), [rustErrors]);

  const fromForm = (next: Params) => {
    setParams(next);
    setJsonText(pretty(next));
    setJsonError(null);
  };
  const fromJson = (text: string) => {
    if (text === jsonText) return;
    setJsonText(text);
    try {
      const v: unknown = JSON.parse(text);
      if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("The input is a JSON object ({ … }).");
      setParams(v as Params);
      setJsonError(null);
    } catch (e) {
      setJsonError(e instanceof Error ? e.message : String(e));
    }
  };

  const run = async (input: Params) => {
    setRustErrors([]);
    setFailure(null);
    if (jsonError && input === params) return;
    const problems = validateInput(schema, input);
    setBlocked(problems.length);
    if (problems.length > 0) {
      form.current?.check();
      return;
    }
    const id = crypto.randomUUID();
    setRunning({ id, at: performance.now() });
    setResult(null);
    try {
      setResult(await commands.runTool(envId, { run_id: id, tool_name: tool.name, target: targetFor(mode, target), params: input as JsonValue }));
    } catch (e) {
      const err = toIpcError(e);
      if (err.kind === "validation" && err.fields.length > 0) setRustErrors(err.fields);
      else setFailure(err);
    } finally {
      setRunning(null);
    }
  };
  const pick = (p: Preset) => fromForm(p.params as Params);
  const runPreset = (p: Preset) => {
    pick(p);
    void run(p.params as Params);
  };

  return (
    <div className="runner" data-testid="runner">
      <AccountPicker envId={envId} provider={tool.provider} mode={mode} onMode={setMode} target={target} onChange={setTarget} errors={rustErrors} />
      <div className="runner-input">
        <div className="runner-pane">
          <h3>Input</h3>
          <SchemaForm ref={form} schema={schema} value={params} onChange={fromForm} extraErrors={extraErrors} disabled={running !== null} />
        </div>
        <div className="runner-pane">
          <h3>JSON</h3>
          <JsonEditor value={jsonText} onChange={fromJson} schema={tool.input_schema as object} label="Tool input as JSON" testId="run-json" />
          {jsonError && (
            <p className="field-error" data-testid="run-json-error">
              {jsonError}
            </p>
          )}
        </div>
      </div>
      <div className="row runner-actions">
        {running ? (
          <>
            <button className="btn btn-danger" onClick={() => void commands.cancelRun(running.id)} data-testid="run-cancel">
              Cancel
            </button>
            <span className="muted" data-testid="run-running">
              Running… <Elapsed since={running.at} />
            </span>
          </>
        ) : (
          <button className="btn btn-primary" onClick={() => void run(params)} disabled={jsonError !== null} data-testid="run-tool">
            Run
          </button>
        )}
        {blocked > 0 && (
          <span className="field-error" data-testid="run-blocked">
            {blocked === 1 ? "1 field needs attention" : `${blocked} fields need attention`}; nothing was sent.
          </span>
        )}
      </div>
      <Presets envId={envId} tool={tool.name} params={params} onPick={pick} onRun={runPreset} busy={running !== null} />
      {failure && (
        <div className="callout callout-error" data-testid="run-failure">
          <div>
            <ErrorMessage error={failure} />
          </div>
        </div>
      )}
      {result && <RunResult result={result} />}
    </div>
  );
}
