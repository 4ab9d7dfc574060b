// /tools/$name: a tool's description, annotations, input and output schemas, and its runner.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import type { ToolInfo } from "../../bindings/ToolInfo";
import { ErrorMessage } from "../../components/ErrorMessage";
import { NoEnvironment } from "../../components/NoEnvironment";
import { JsonEditor } from "../../components/schema-form/JsonEditor";
import { toIpcError } from "../../lib/errors";
import { ToolRuns } from "../history/ToolRuns";
import { useActiveEnv } from "../../lib/session";
import { toolQuery } from "./queries";
import { ToolRunner } from "./ToolRunner";
import "./playground.css";

export function ToolPage() {
  const env = useActiveEnv();
  const { name } = useParams({ from: "/tools/$name" });
  const tool = useQuery({ ...toolQuery(env?.id ?? "", name), enabled: env !== null });
  if (!env) return <NoEnvironment />;
  return (
    <section className="page page-wide" data-testid="tool-page" data-name={name}>
      <p className="small">
        <Link to="/tools" data-testid="tool-back">← Tools</Link>
      </p>
      {tool.isError ? (
        <div className="callout callout-error" data-testid="tool-error">
          <div>
            <ErrorMessage error={toIpcError(tool.error)} />
          </div>
        </div>
      ) : !tool.data ? (
        <div className="skeleton-bar" />
      ) : (
        <ToolDetail key={`${env.id}:${name}`} envId={env.id} tool={tool.data} />
      )}
    </section>
  );
}

function annotationPills(a: unknown) {
  if (!a || typeof a !== "object") return [];
  return Object.entries(a as Record<string, unknown>)
    .filter(([k, v]) => k !== "title" && v !== false && v !== null)
    .map(([k, v]) => (v === true ? k.replace(/_hint$/, "").replace(/_/g, " ") : `${k}: ${String(v)}`));
}

function ToolDetail({ envId, tool }: { envId: string; tool: ToolInfo }) {
  const [tab, setTab] = useState<"run" | "input" | "output">("run");
  const title = tool.annotations && typeof tool.annotations === "object" ? (tool.annotations as Record<string, unknown>).title : undefined;
  return (
    <>
      <header className="page-head">
        <div>
          <h1 className="mono" data-testid="tool-name">{tool.name}</h1>
          <p className="muted">
            {typeof title === "string" && <strong>{title} · </strong>}
            {tool.provider}
          </p>
          <p data-testid="tool-description">{tool.description}</p>
          <div className="row" data-testid="tool-annotations">
            {annotationPills(tool.annotations).map((p) => (
              <span key={p} className="pill">{p}</span>
            ))}
            {tool.tags.map((t) => (
              <span key={t} className="pill pill-warn">{t}</span>
            ))}
          </div>
        </div>
      </header>
      <div className="segmented tabs" role="tablist" aria-label="Tool">
        {(
          [
            ["run", "Run"],
            ["input", "Input schema"],
            ["output", "Output schema"],
          ] as const
        ).map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? "active" : ""} onClick={() => setTab(id)} data-testid={`tool-tab-${id}`}>
            {label}
          </button>
        ))}
      </div>
      {/* The runner stays mounted (hidden) so its input and result survive a look at the schemas. */}
      <div hidden={tab !== "run"}>
        <ToolRunner envId={envId} tool={tool} />
        <ToolRuns envId={envId} toolName={tool.name} />
      </div>
      {tab === "input" && <JsonEditor value={JSON.stringify(tool.input_schema, null, 2)} readOnly label="Input schema" testId="tool-input-schema" />}
      {tab === "output" &&
        (tool.output_schema ? (
          <JsonEditor value={JSON.stringify(tool.output_schema, null, 2)} readOnly label="Output schema" testId="tool-output-schema" />
        ) : (
          <p className="muted">The catalog gives no output schema for this tool.</p>
        ))}
    </>
  );
}
