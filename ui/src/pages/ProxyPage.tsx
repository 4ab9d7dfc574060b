// /proxy: a provider API call through the proxy with a connected account's credentials.
import { useMemo, useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { FieldError } from "../bindings/FieldError";
import type { IpcError } from "../bindings/IpcError";
import type { KeyValue } from "../bindings/KeyValue";
import type { ProxyAnswer } from "../bindings/ProxyAnswer";
import type { ProxyBodyInput } from "../bindings/ProxyBodyInput";
import { commands } from "../bindings/ipc";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/form/Field";
import { NoEnvironment } from "../components/NoEnvironment";
import { toIpcError } from "../lib/errors";
import { useActiveEnv } from "../lib/session";
import { filled, KeyValueTable } from "./ProxyKeyValues";
import { ProxyResponseView } from "./ProxyResponse";
import { ProxyBodyEditor, type BodyKind, type BodyState } from "./ProxyBodyEditor";
import { Elapsed } from "./tools/Elapsed";
import { useConnections } from "./tools/useConnections";
import "./tools/playground.css";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

export function ProxyPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Proxy key={env.id} env={env} />;
}

/** The body as the command takes it. */
export function bodyInput(kind: BodyKind, b: BodyState): ProxyBodyInput {
  switch (kind) {
    case "json":
      return { kind: "json", text: b.json };
    case "form":
      return { kind: "form", fields: filled(b.form) };
    case "raw":
      return { kind: "raw", content_type: b.contentType, text: b.raw };
    default:
      return { kind: "none" };
  }
}

function Proxy({ env }: { env: Environment }) {
  const connections = useConnections(env.id);
  const names = useMemo(() => connections.map((c) => c.name), [connections]);
  const [connection, setConnection] = useState("");
  const [identifier, setIdentifier] = useState("");
  const [method, setMethod] = useState("GET");
  const [path, setPath] = useState("/");
  const [query, setQuery] = useState<KeyValue[]>([]);
  const [headers, setHeaders] = useState<KeyValue[]>([]);
  const [bodyKind, setBodyKind] = useState<BodyKind>("none");
  const [body, setBody] = useState<BodyState>({ json: "{}", form: [], contentType: "text/plain", raw: "" });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [running, setRunning] = useState<{ id: string; at: number } | null>(null);
  const [answer, setAnswer] = useState<ProxyAnswer | null>(null);
  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;

  const send = async () => {
    setErrors([]);
    setFailure(null);
    const id = crypto.randomUUID();
    setRunning({ id, at: performance.now() });
    try {
      setAnswer(
        await commands.proxyRequest(env.id, {
          run_id: id,
          connection,
          identifier,
          method,
          path,
          query: filled(query),
          headers: filled(headers),
          body: bodyInput(bodyKind, body),
        }),
      );
    } catch (e) {
      const err = toIpcError(e);
      if (err.kind === "validation" && err.fields.length > 0) setErrors(err.fields);
      else setFailure(err);
    } finally {
      setRunning(null);
    }
  };

  return (
    <section className="page page-wide" data-testid="proxy">
      <header className="page-head">
        <div>
          <h1>Proxy</h1>
          <p className="muted">
            Call a provider’s API as a user: the request goes through <strong>{env.name}</strong>, which adds the account’s credentials.
          </p>
        </div>
      </header>
      <div className="runner">
        <div className="form-row">
          <Field label="Connection" field="connection" error={errorOf("connection")}>
            {(c) => (
              <select {...c} value={connection} onChange={(e) => setConnection(e.target.value)} data-testid="proxy-connection">
                <option value="">Choose…</option>
                {names.map((n) => (
                  <option key={n} value={n}>{n}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Identifier" field="identifier" error={errorOf("identifier")}>
            {(c) => <input {...c} value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="alice@example.com" data-testid="proxy-identifier" />}
          </Field>
        </div>
        <div className="form-row">
          <Field label="Method" field="method" error={errorOf("method")}>
            {(c) => (
              <select {...c} value={method} onChange={(e) => setMethod(e.target.value)} data-testid="proxy-method">
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Path" field="path" error={errorOf("path")}>
            {(c) => <input {...c} className="mono" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/gmail/v1/users/me/profile" data-testid="proxy-path" />}
          </Field>
        </div>
        <div className="runner-input">
          <div className="runner-pane">
            <h3>Query parameters</h3>
            <KeyValueTable label="Query parameter" rows={query} onChange={setQuery} testId="proxy-query" />
          </div>
          <div className="runner-pane">
            <h3>Headers</h3>
            <KeyValueTable label="Header" rows={headers} onChange={setHeaders} testId="proxy-headers-in" />
            {errorOf("headers") && <p className="field-error" data-testid="field-error-headers">{errorOf("headers")}</p>}
          </div>
        </div>
        <ProxyBodyEditor kind={bodyKind} onKind={setBodyKind} body={body} onBody={setBody} error={errorOf("body")} />
        <div className="row runner-actions">
          {running ? (
            <>
              <button className="btn btn-danger" onClick={() => void commands.cancelRun(running.id)} data-testid="proxy-cancel">
                Cancel
              </button>
              <span className="muted">
                Sending… <Elapsed since={running.at} />
              </span>
            </>
          ) : (
            <button className="btn btn-primary" onClick={() => void send()} data-testid="proxy-send">
              Send
            </button>
          )}
        </div>
        {failure && (
          <div className="callout callout-error" data-testid="proxy-failure">
            <div>
              <ErrorMessage error={failure} />
            </div>
          </div>
        )}
        {answer && <ProxyResponseView answer={answer} />}
      </div>
    </section>
  );
}
