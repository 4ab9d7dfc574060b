// A tool call's result as the inspector shows it: each content block by kind (text through the
// TextViewer, JSON through the JsonViewer, images through a data URL of a raster type, never
// SVG), structured content, and isError. Nothing from the server is rendered as HTML.
import { useEffect, useRef } from "react";
import type { InspectorCallResult } from "../../bindings/InspectorCallResult";
import type { InspectorContent } from "../../bindings/InspectorContent";
import { ErrorMessage } from "../../components/ErrorMessage";
import { JsonViewer, TextViewer } from "../../components/viewer/JsonViewer";
import { formatSize } from "../tools/RunResult";

/** Raster types a data URL may show; SVG could carry script and links, so it never is. */
const SAFE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"]);

export function imageSrc(mime: string, data: string): string | null {
  const type = mime.toLowerCase().trim();
  if (!SAFE_IMAGES.has(type) || !/^[A-Za-z0-9+/=\s]*$/.test(data)) return null;
  return `data:${type};base64,${data.replace(/\s/g, "")}`;
}

/** One content block by its kind. */
export function ContentBlock({ c, i }: { c: InspectorContent; i: number }) {
  const id = `inspector-content-${i}`;
  switch (c.kind) {
    case "text":
      return <TextViewer text={c.text} testId={id} />;
    case "json":
      return <JsonViewer value={c.value} testId={id} />;
    case "image": {
      const src = imageSrc(c.mime_type, c.data);
      return src ? (
        <img className="mcp-image" src={src} alt={`Image result ${i + 1} (${c.mime_type})`} data-testid={id} />
      ) : (
        <p className="muted" data-testid={id}>An image of type {c.mime_type || "unknown"} (not shown: only raster images are).</p>
      );
    }
    case "audio":
      return <p className="muted" data-testid={id}>Audio ({c.mime_type}, {formatSize(Math.floor((c.data.length * 3) / 4))}).</p>;
    case "resource":
      return (
        <div data-testid={id}>
          <p className="mono small">
            {c.link ? "Link to " : "Resource "}
            {c.uri} {c.mime_type && <span className="muted">({c.mime_type})</span>}
            {c.blob_bytes !== null && <span className="muted"> · {formatSize(c.blob_bytes)} of binary data</span>}
          </p>
          {c.text !== null && <TextViewer text={c.text} testId={`${id}-text`} />}
        </div>
      );
    case "other":
      return <JsonViewer value={c.raw} testId={id} />;
  }
}

export function InspectorResult({ result }: { result: InspectorCallResult }) {
  const box = useRef<HTMLDivElement>(null);
  // A new answer lands below the form: bring it into view (jsdom has no scrollIntoView).
  useEffect(() => box.current?.scrollIntoView?.({ block: "start", behavior: "smooth" }), [result.run_id]);
  const outcome = result.error ? (result.error.kind === "cancelled" ? "cancelled" : "error") : result.is_error ? "tool_error" : "ok";
  return (
    <div ref={box} className="run-result" data-testid="inspector-result" data-outcome={outcome}>
      <div className="run-stats">
        <span className={`pill ${outcome === "ok" ? "pill-ok" : outcome === "cancelled" ? "pill-warn" : "pill-bad"}`} data-testid="inspector-outcome">
          {outcome === "ok" ? "result" : outcome === "tool_error" ? "isError" : outcome}
        </span>
        <span>{Math.round(result.duration_ms)} ms</span>
        <span className="mono muted">{result.tool_name}</span>
      </div>
      {result.error && (
        <div className={outcome === "cancelled" ? "callout" : "callout callout-error"} data-testid="inspector-call-error">
          <ErrorMessage error={result.error} />
        </div>
      )}
      {result.is_error && <p className="field-error">The tool reported a failure (isError); its content says why.</p>}
      {result.content.map((c, i) => (
        <ContentBlock key={i} c={c} i={i} />
      ))}
      {result.structured_content !== null && result.structured_content !== undefined && (
        <section>
          <h4>Structured content</h4>
          <JsonViewer value={result.structured_content} testId="inspector-structured" />
        </section>
      )}
    </div>
  );
}
