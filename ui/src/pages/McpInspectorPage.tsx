// /mcp/inspector: talks MCP to an instance (its URL fetched by Rust, never handed to the page)
// or any MCP server URL, over streamable HTTP or the older HTTP+SSE, with optional headers:
// server info, capabilities, tools (call one), prompts, resources, and the message log.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import type { Environment } from "../bindings/Environment";
import type { InspectorSession } from "../bindings/InspectorSession";
import type { KeyValue } from "../bindings/KeyValue";
import type { McpTransportKind } from "../bindings/McpTransportKind";
import { commands } from "../bindings/ipc";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { NoEnvironment } from "../components/NoEnvironment";
import { JsonViewer, TextViewer } from "../components/viewer/JsonViewer";
import { toIpcError } from "../lib/errors";
import { useActiveEnv } from "../lib/session";
import { annotationLabels, InspectorCall } from "./mcp/InspectorCall";
import { MessageLog } from "./mcp/MessageLog";
import { Prompt, Resource } from "./mcp/PromptsResources";
import { instancesQuery } from "./mcp/queries";
import { filled, KeyValueTable, withBlank } from "./ProxyKeyValues";
import "./mcp/mcp.css";
import "./tools/playground.css";

/** `?instance=<id>` (the router's validateSearch keeps only a non-empty string). */
interface InspectorSearch {
  instance?: string;
}

export function McpInspectorPage() {
  const env = useActiveEnv();
  if (!env) return <NoEnvironment />;
  return <Inspector key={env.id} env={env} />;
}

function Inspector({ env }: { env: Environment }) {
  const search = useSearch({ strict: false }) as InspectorSearch;
  const navigate = useNavigate();
  const [source, setSource] = useState<"instance" | "url">(search.instance ? "instance" : "url");
  const [instance, setInstance] = useState(search.instance ?? "");
  const [url, setUrl] = useState("");
  const [transport, setTransport] = useState<McpTransportKind>("streamable_http");
  const [headers, setHeaders] = useState<KeyValue[]>(withBlank([]));
  const [session, setSession] = useState<InspectorSession | null>(null);
  // What the main pane shows: a tool, a prompt or a resource, by kind and name.
  const [tool, setTool] = useState<string | null>(null);
  const [other, setOther] = useState<{ kind: "prompt" | "resource"; key: string } | null>(null);
  const instances = useInfiniteQuery(instancesQuery(env.id, { user_identifier: null, config_name: null, name: null, id: null, search: null }));
  const instanceRows = useMemo(() => instances.data?.pages.flatMap((p) => p.instances) ?? [], [instances.data]);
  // The picker offers every instance: pages of 30 are asked for one after another.
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = instances;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const connect = useMutation({
    mutationFn: async () => {
      if (session) await commands.inspectorDisconnect(session.session_id).catch(() => false);
      const byInstance = source === "instance";
      return commands.inspectorConnect({
        env_id: byInstance ? env.id : null,
        instance_id: byInstance ? instance : null,
        url: byInstance ? null : url,
        headers: filled(headers),
        transport,
      });
    },
    onMutate: () => {
      setSession(null);
      setTool(null);
      setOther(null);
    },
    onSuccess: (s) => {
      setSession(s);
      setTool(s.tools[0]?.name ?? null);
    },
  });
  const disconnect = () => {
    if (session) void commands.inspectorDisconnect(session.session_id);
    setSession(null);
    setTool(null);
  };
  const chosen = session?.tools.find((t) => t.name === tool) ?? null;
  const failure = connect.error ? toIpcError(connect.error) : null;

  return (
    <section className="page page-wide" data-testid="mcp-inspector">
      <header className="page-head">
        <div>
          <h1>MCP inspector</h1>
          <p className="muted">Talks MCP to an instance or any server, the way an agent does.</p>
        </div>
      </header>
      <form
        className="mcp-connect"
        data-testid="inspector-connect"
        onSubmit={(e) => {
          e.preventDefault();
          connect.mutate();
        }}
      >
        <div className="row">
          <div className="segmented" role="tablist" aria-label="Connect to">
            <button type="button" role="tab" aria-selected={source === "instance"} className={source === "instance" ? "active" : ""} onClick={() => setSource("instance")} data-testid="inspector-source-instance">
              An instance
            </button>
            <button type="button" role="tab" aria-selected={source === "url"} className={source === "url" ? "active" : ""} onClick={() => setSource("url")} data-testid="inspector-source-url">
              A URL
            </button>
          </div>
          {source === "instance" ? (
            <select
              value={instance}
              onChange={(e) => {
                setInstance(e.target.value);
                void navigate({ to: "/mcp/inspector", search: e.target.value ? { instance: e.target.value } : {} });
              }}
              aria-label="Instance"
              data-testid="inspector-instance"
            >
              <option value="">Choose an instance…</option>
              {instanceRows.map((i) => (
                <option key={i.id} value={i.id}>{`${i.name} · ${i.user_identifier}`}</option>
              ))}
            </select>
          ) : (
            <input className="grow" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/mcp" aria-label="MCP server URL" data-testid="inspector-url" />
          )}
          <select value={transport} onChange={(e) => setTransport(e.target.value as McpTransportKind)} aria-label="Transport" data-testid="inspector-transport">
            <option value="streamable_http">Streamable HTTP</option>
            <option value="sse">HTTP+SSE (older)</option>
          </select>
          <button type="submit" className="btn btn-primary" disabled={connect.isPending || (source === "instance" ? !instance : !url.trim())} data-testid="inspector-connect-submit">
            {connect.isPending ? "Connecting…" : "Connect"}
          </button>
          {session && (
            <button type="button" className="btn btn-ghost" onClick={disconnect} data-testid="inspector-disconnect">Disconnect</button>
          )}
        </div>
        <details>
          <summary>Headers ({filled(headers).length})</summary>
          <KeyValueTable label="Headers" rows={headers} onChange={(rows) => setHeaders(withBlank(rows))} testId="inspector-headers" />
        </details>
      </form>
      {failure && (
        <div className="callout callout-error" role="alert" data-testid="inspector-connect-error" data-kind={failure.kind}>
          <Icon name="alert" />
          <ErrorMessage error={failure} />
        </div>
      )}
      {session && (
        <div className="mcp-session" data-testid="inspector-session">
          <aside className="mcp-session-side">
            <dl className="facts" data-testid="inspector-server">
              <dt>Server</dt>
              <dd data-testid="inspector-server-name">{session.server_name} {session.server_version}</dd>
              <dt>Protocol</dt>
              <dd className="mono" data-testid="inspector-protocol">{session.protocol_version}</dd>
              <dt>Target</dt>
              <dd className="mono" data-testid="inspector-target">{session.target}</dd>
              <dt>Connected in</dt>
              <dd>{Math.round(session.connect_ms)} ms</dd>
            </dl>
            <details>
              <summary>Capabilities</summary>
              <JsonViewer value={session.capabilities} testId="inspector-capabilities" />
            </details>
            {session.instructions && (
              <details>
                <summary>Instructions</summary>
                <TextViewer text={session.instructions} testId="inspector-instructions" />
              </details>
            )}
            <h3>Tools ({session.tools.length})</h3>
            <ul className="mcp-tool-list" data-testid="inspector-tools">
              {session.tools.map((t) => (
                <li key={t.name}>
                  <button className={t.name === tool && !other ? "mcp-tool active" : "mcp-tool"} onClick={() => { setTool(t.name); setOther(null); }} data-testid="inspector-tool" data-name={t.name}>
                    <span className="mono">{t.name}</span>
                    <span className="muted small">{annotationLabels(t.annotations).join(" · ")}</span>
                  </button>
                </li>
              ))}
            </ul>
            {session.prompts.length > 0 && (
              <>
                <h3>Prompts ({session.prompts.length})</h3>
                <ul data-testid="inspector-prompts">
                  {session.prompts.map((p) => (
                    <li key={p.name}>
                      <button className={other?.key === p.name ? "mcp-tool active" : "mcp-tool"} onClick={() => setOther({ kind: "prompt", key: p.name })} data-testid="inspector-prompt-open">
                        <span className="mono">{p.name}</span> <span className="muted small">{p.description}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {session.resources.length > 0 && (
              <>
                <h3>Resources ({session.resources.length})</h3>
                <ul data-testid="inspector-resources">
                  {session.resources.map((r) => (
                    <li key={r.uri}>
                      <button className={other?.key === r.uri ? "mcp-tool active" : "mcp-tool"} onClick={() => setOther({ kind: "resource", key: r.uri })} data-testid="inspector-resource-open">
                        <span className="mono">{r.uri}</span> <span className="muted small">{r.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </aside>
          <div className="mcp-session-main">
            {other?.kind === "prompt" && session.prompts.some((p) => p.name === other.key) ? (
              <Prompt key={other.key} sessionId={session.session_id} prompt={session.prompts.find((p) => p.name === other.key)!} />
            ) : other?.kind === "resource" && session.resources.some((r) => r.uri === other.key) ? (
              <Resource key={other.key} sessionId={session.session_id} resource={session.resources.find((r) => r.uri === other.key)!} />
            ) : chosen ? <InspectorCall key={`${session.session_id}/${chosen.name}`} sessionId={session.session_id} tool={chosen} /> : <p className="muted">The server lists no tools.</p>}
            <MessageLog sessionId={session.session_id} />
          </div>
        </div>
      )}
    </section>
  );
}
