// A request or response body: the first 64 KiB at once (as text, never HTML), the rest on
// request, loaded in pieces and rendered in blocks so a 50 MB body keeps the window responsive.
import { useMemo, useState } from "react";
import type { BodyPart } from "../../bindings/BodyPart";
import type { BodyPreview } from "../../bindings/BodyPreview";
import { ErrorMessage } from "../../components/ErrorMessage";
import { blocks, ChunkedText } from "./ChunkedText";
import { bytes } from "./queries";
import { useBodyChunks } from "./useBodyChunks";

/** Pretty-printing re-parses the body: only for complete JSON up to this size. */
const PRETTY_MAX = 1024 * 1024;

function pretty(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

export function BodyView({ id, part, preview }: { id: number; part: BodyPart; preview: BodyPreview }) {
  const [raw, setRaw] = useState(false);
  const all = useBodyChunks(id, part);
  const previewParts = useMemo(() => blocks(preview.text), [preview.text]);
  // The first piece (1 MiB) covers the preview: from then on, what was loaded is shown.
  const loaded = all.done || all.loaded > 0;
  const complete = preview.complete || all.done;
  const small = complete && preview.stored <= PRETTY_MAX && !preview.binary;
  const allParts = all.parts;
  // Small enough that joining the blocks back into one string costs nothing.
  const formatted = useMemo(() => {
    if (raw || !small) return null;
    const text = loaded ? allParts.join("") : preview.text;
    const p = pretty(text);
    return p === null ? null : blocks(p);
  }, [raw, small, loaded, allParts, preview.text]);
  if (preview.size === 0) return <p className="muted" data-testid={`body-${part}-empty`}>No body.</p>;
  const shownBytes = loaded ? all.loaded : preview.text.length;
  return (
    <div className="body-view" data-testid={`body-${part}`}>
      <div className="row muted small">
        <span data-testid={`body-${part}-size`}>
          {bytes(preview.size)}
          {preview.content_type ? ` · ${preview.content_type}` : ""}
          {preview.binary ? " · binary (shown as text)" : ""}
          {preview.stored < preview.size ? ` · only the first ${bytes(preview.stored)} were kept` : ""}
        </span>
        <span className="spacer" />
        {formatted !== null && (
          <button className="btn btn-small btn-ghost" onClick={() => setRaw(true)}>Raw</button>
        )}
        {raw && <button className="btn btn-small btn-ghost" onClick={() => setRaw(false)}>Pretty</button>}
      </div>
      <ChunkedText parts={formatted ?? (loaded ? allParts : previewParts)} complete={complete} testId={`body-${part}-text`} />
      {!complete && (
        <div className="row small">
          <span className="muted" data-testid={`body-${part}-partial`}>
            {all.loading
              ? `Loading… ${bytes(all.loaded)} of ${bytes(preview.stored)}`
              : `Showing the first ${bytes(shownBytes)} of ${bytes(preview.stored)}.`}
          </span>
          {all.loading ? (
            <button className="btn btn-small" onClick={all.stop} data-testid={`body-${part}-stop`}>Stop</button>
          ) : (
            <button className="btn btn-small" onClick={all.start} data-testid={`body-${part}-all`}>
              {all.loaded > 0 ? "Show the rest" : "Show all"}
            </button>
          )}
        </div>
      )}
      {all.error && (
        <div data-testid={`body-${part}-error`}>
          <ErrorMessage error={all.error} />
        </div>
      )}
    </div>
  );
}
