// A session's prompts (get one with its arguments) and resources (read one). What comes back
// goes through the same viewers as tool results: text, JSON, never HTML.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { InspectorPrompt } from "../../bindings/InspectorPrompt";
import type { InspectorResource } from "../../bindings/InspectorResource";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";
import { ContentBlock } from "./InspectorResult";

interface PromptArgument {
  name: string;
  description?: string;
  required?: boolean;
}

function argumentsOf(p: InspectorPrompt): PromptArgument[] {
  return Array.isArray(p.arguments) ? (p.arguments as PromptArgument[]).filter((a) => typeof a?.name === "string") : [];
}

export function Prompt({ sessionId, prompt }: { sessionId: string; prompt: InspectorPrompt }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const get = useMutation({ mutationFn: () => commands.inspectorGetPrompt(sessionId, prompt.name, values) });
  return (
    <div className="runner" data-testid="inspector-prompt" data-name={prompt.name}>
      <h3 className="mono">{prompt.name}</h3>
      <p className="muted">{prompt.description}</p>
      {argumentsOf(prompt).map((a) => (
        <label key={a.name} className="field">
          <span>
            {a.name}
            {a.required ? " *" : ""}
          </span>
          <input value={values[a.name] ?? ""} onChange={(e) => setValues({ ...values, [a.name]: e.target.value })} data-testid="inspector-prompt-arg" />
          {a.description && <span className="field-hint">{a.description}</span>}
        </label>
      ))}
      <button className="btn btn-primary" onClick={() => get.mutate()} disabled={get.isPending} data-testid="inspector-prompt-get">Get prompt</button>
      {get.error && <ErrorMessage error={toIpcError(get.error)} />}
      {get.data?.messages.map((m, i) => (
        <div key={i} data-testid="inspector-prompt-message">
          <p className="muted small">{m.role}</p>
          <ContentBlock c={m.content} i={i} />
        </div>
      ))}
    </div>
  );
}

export function Resource({ sessionId, resource }: { sessionId: string; resource: InspectorResource }) {
  const read = useMutation({ mutationFn: () => commands.inspectorReadResource(sessionId, resource.uri) });
  return (
    <div className="runner" data-testid="inspector-resource" data-uri={resource.uri}>
      <h3 className="mono">{resource.name || resource.uri}</h3>
      <p className="muted mono small">{resource.uri}</p>
      <button className="btn btn-primary" onClick={() => read.mutate()} disabled={read.isPending} data-testid="inspector-resource-read">Read</button>
      {read.error && <ErrorMessage error={toIpcError(read.error)} />}
      {read.data?.map((c, i) => <ContentBlock key={i} c={c} i={i} />)}
    </div>
  );
}
