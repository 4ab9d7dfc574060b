// One tool of an inspector session: its annotations, a form from its input schema (the
// playground's SchemaForm), Call / Cancel, and the result.
import type { RJSFSchema } from "@rjsf/utils";
import { useRef, useState } from "react";
import type { InspectorCallResult } from "../../bindings/InspectorCallResult";
import type { InspectorTool } from "../../bindings/InspectorTool";
import type { IpcError } from "../../bindings/IpcError";
import type { JsonValue } from "../../bindings/serde_json/JsonValue";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SchemaForm, type SchemaFormHandle } from "../../components/schema-form/SchemaForm";
import { validateInput } from "../../components/schema-form/validate";
import { toIpcError } from "../../lib/errors";
import { Elapsed } from "../tools/Elapsed";
import { InspectorResult } from "./InspectorResult";

const HINTS: [string, string][] = [
  ["readOnlyHint", "read-only"],
  ["destructiveHint", "destructive"],
  ["idempotentHint", "idempotent"],
  ["openWorldHint", "open world"],
];

/** The annotations a tool declares, as short labels. */
export function annotationLabels(annotations: unknown): string[] {
  if (!annotations || typeof annotations !== "object") return [];
  const a = annotations as Record<string, unknown>;
  return HINTS.filter(([k]) => a[k] === true).map(([, label]) => label);
}

/** A schema the form can render: a tool with no schema takes an empty object. */
function schemaOf(tool: InspectorTool): RJSFSchema {
  const s = tool.input_schema;
  return s && typeof s === "object" ? (s as RJSFSchema) : { type: "object" };
}

export function InspectorCall({ sessionId, tool }: { sessionId: string; tool: InspectorTool }) {
  const schema = schemaOf(tool);
  const form = useRef<SchemaFormHandle>(null);
  const [args, setArgs] = useState<Record<string, unknown>>({});
  const [running, setRunning] = useState<{ id: string; at: number } | null>(null);
  const [result, setResult] = useState<InspectorCallResult | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);

  const call = async () => {
    setFailure(null);
    if (validateInput(schema, args).length > 0) {
      form.current?.check();
      return;
    }
    const id = crypto.randomUUID();
    setRunning({ id, at: performance.now() });
    setResult(null);
    try {
      setResult(await commands.inspectorCallTool({ session_id: sessionId, run_id: id, tool_name: tool.name, arguments: args as Record<string, JsonValue> }));
    } catch (e) {
      setFailure(toIpcError(e));
    } finally {
      setRunning(null);
    }
  };

  return (
    <div className="runner" data-testid="inspector-call" data-tool={tool.name}>
      <h3 className="mono">{tool.title ?? tool.name}</h3>
      <p className="muted">{tool.description}</p>
      <p className="row">
        {annotationLabels(tool.annotations).map((l) => (
          <span key={l} className="pill" data-testid="inspector-annotation">{l}</span>
        ))}
      </p>
      <SchemaForm ref={form} schema={schema} value={args} onChange={setArgs} disabled={running !== null} />
      <div className="row runner-actions">
        {running ? (
          <>
            <button className="btn btn-danger" onClick={() => void commands.cancelRun(running.id)} data-testid="inspector-cancel">Cancel</button>
            <span className="muted">Calling… <Elapsed since={running.at} /></span>
          </>
        ) : (
          <button className="btn btn-primary" onClick={() => void call()} data-testid="inspector-run">Call tool</button>
        )}
      </div>
      {failure && (
        <div className="callout callout-error" role="alert" data-testid="inspector-call-failure">
          <ErrorMessage error={failure} />
        </div>
      )}
      {result && <InspectorResult result={result} />}
    </div>
  );
}
