// A run's outcome: status, duration, size and execution id, then the data in the viewer or the
// failure (tool error code, kind in plain words, technical detail).
import { useEffect, useRef } from "react";
import type { ToolRunResult } from "../../bindings/ToolRunResult";
import { ErrorMessage } from "../../components/ErrorMessage";
import { JsonViewer } from "../../components/viewer/JsonViewer";
import { RunSaved } from "../history/RunSaved";

/** Bytes as a person reads them. */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function RunStats({ status, durationMs, size, extra }: { status: number | null; durationMs: number; size?: number; extra?: React.ReactNode }) {
  const tone = status === null ? "pill-warn" : status < 400 ? "pill-ok" : "pill-bad";
  return (
    <div className="run-stats" data-testid="run-stats">
      <span className={`pill ${tone}`} data-testid="run-status">{status ?? "no answer"}</span>
      <span data-testid="run-duration">{Math.round(durationMs)} ms</span>
      {size !== undefined && <span data-testid="run-size">{formatSize(size)}</span>}
      {extra}
    </div>
  );
}

export function RunResult({ result }: { result: ToolRunResult }) {
  const box = useRef<HTMLDivElement>(null);
  // A new answer lands below the form: bring it into view (jsdom has no scrollIntoView).
  useEffect(() => box.current?.scrollIntoView?.({ block: "start", behavior: "smooth" }), [result.run_id]);
  return (
    <div ref={box} className="run-result" data-testid="run-result" data-outcome={result.outcome}>
      <RunStats
        status={result.status}
        durationMs={result.duration_ms}
        size={result.outcome === "ok" ? result.size : undefined}
        extra={
          <>
            {result.execution_id && <span className="mono" data-testid="run-execution-id">{result.execution_id}</span>}
            <RunSaved runId={result.run_id} />
          </>
        }
      />
      {result.outcome === "ok" ? (
        <JsonViewer value={result.data} testId="run-data" />
      ) : (
        <div className={result.outcome === "cancelled" ? "callout" : "callout callout-error"} data-testid="run-error">
          <div>
            <strong data-testid="run-error-summary">{result.error_summary}</strong>
            {result.error && <ErrorMessage error={result.error} />}
          </div>
        </div>
      )}
    </div>
  );
}
