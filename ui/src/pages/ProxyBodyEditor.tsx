// The proxied request's body: none, JSON (CodeMirror), form fields, or raw text with a content type.
import type { KeyValue } from "../bindings/KeyValue";
import { JsonEditor } from "../components/schema-form/JsonEditor";
import { KeyValueTable } from "./ProxyKeyValues";

export type BodyKind = "none" | "json" | "form" | "raw";

export interface BodyState {
  json: string;
  form: KeyValue[];
  contentType: string;
  raw: string;
}

interface Props {
  kind: BodyKind;
  onKind: (k: BodyKind) => void;
  body: BodyState;
  onBody: (b: BodyState) => void;
  error?: string;
}

const KINDS: [BodyKind, string][] = [
  ["none", "No body"],
  ["json", "JSON"],
  ["form", "Form"],
  ["raw", "Raw"],
];

export function ProxyBodyEditor({ kind, onKind, body, onBody, error }: Props) {
  return (
    <div className="runner-pane" data-testid="proxy-body-editor">
      <h3>Body</h3>
      <div className="segmented" role="radiogroup" aria-label="Body">
        {KINDS.map(([k, label]) => (
          <label key={k}>
            <input type="radio" name="body-kind" checked={kind === k} onChange={() => onKind(k)} data-testid={`proxy-body-${k}`} /> {label}
          </label>
        ))}
      </div>
      <div style={{ marginTop: 10 }}>
        {kind === "json" && <JsonEditor value={body.json} onChange={(json) => onBody({ ...body, json })} label="JSON body" testId="proxy-json" />}
        {kind === "form" && <KeyValueTable label="Form field" rows={body.form} onChange={(form) => onBody({ ...body, form })} testId="proxy-form" />}
        {kind === "raw" && (
          <div className="stack">
            <input className="mono" value={body.contentType} onChange={(e) => onBody({ ...body, contentType: e.target.value })} aria-label="Content type" data-testid="proxy-raw-type" />
            <textarea className="mono" value={body.raw} onChange={(e) => onBody({ ...body, raw: e.target.value })} rows={6} aria-label="Raw body" data-testid="proxy-raw" />
          </div>
        )}
      </div>
      {error && (
        <p className="field-error" data-testid="field-error-body">
          {error}
        </p>
      )}
    </div>
  );
}
