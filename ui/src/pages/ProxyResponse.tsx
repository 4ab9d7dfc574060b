// A proxied answer: status, duration, size, headers, and the body by content type — JSON in
// the viewer, HTML and other text as source text, images through a data URL in <img>. Nothing
// is rendered as live HTML.
import type { ProxyAnswer } from "../bindings/ProxyAnswer";
import { ErrorMessage } from "../components/ErrorMessage";
import { TextViewer } from "../components/viewer/JsonViewer";
import { RunSaved } from "./history/RunSaved";
import { formatSize, RunStats } from "./tools/RunResult";

/** The essence of a content type (`image/png`), lower-case. */
export function essence(contentType: string | null): string {
  return (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
}

// SVG can carry script: shown as source text, never as an image.
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/x-icon", "image/avif"]);

export function ProxyBody({ answer }: { answer: ProxyAnswer }) {
  const type = essence(answer.content_type);
  if (answer.body_base64 !== null) {
    if (IMAGE_TYPES.has(type)) {
      return <img className="proxy-image" src={`data:${type};base64,${answer.body_base64}`} alt="Image returned by the provider" data-testid="proxy-image" />;
    }
    return (
      <p className="muted" data-testid="proxy-binary">
        Binary body ({type || "no content type"}, {formatSize(answer.size)}).
      </p>
    );
  }
  const text = answer.body_text ?? "";
  if (text === "") return <p className="muted" data-testid="proxy-empty">Empty body.</p>;
  if (type === "application/json" || type.endsWith("+json")) return <TextViewer text={text} testId="proxy-body" />;
  return (
    <div data-testid="proxy-text">
      {type === "text/html" && <p className="field-hint">HTML is shown as its source text.</p>}
      <TextViewer text={text} testId="proxy-body" />
    </div>
  );
}

export function ProxyResponseView({ answer }: { answer: ProxyAnswer }) {
  if (answer.outcome !== "ok") {
    return (
      <div className={answer.outcome === "cancelled" ? "callout" : "callout callout-error"} data-testid="proxy-error">
        <div>{answer.error && <ErrorMessage error={answer.error} />}</div>
      </div>
    );
  }
  return (
    <div className="run-result" data-testid="proxy-response">
      <RunStats status={answer.status} durationMs={answer.duration_ms} size={answer.size} extra={
          <>
            {answer.content_type && <span className="mono">{answer.content_type}</span>}
            <RunSaved runId={answer.run_id} />
          </>
        }
      />
      {answer.truncated && (
        <p className="field-hint" data-testid="proxy-truncated">
          Showing the first {formatSize(answer.body_text?.length ?? 0)} of {formatSize(answer.size)}.
        </p>
      )}
      <details data-testid="proxy-headers">
        <summary>{answer.headers.length} headers</summary>
        <dl className="facts">
          {answer.headers.map((h, i) => (
            <div className="facts-row" key={`${h.name}-${i}`}>
              <dt className="mono">{h.name}</dt>
              <dd className="mono">{h.value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <ProxyBody answer={answer} />
    </div>
  );
}
