// A request or response body: the first 64 KiB at once (as text, never HTML), the rest on
// request, rendered in blocks so a 50 MB body keeps the window responsive.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { BodyPart } from "../../bindings/BodyPart";
import type { BodyPreview } from "../../bindings/BodyPreview";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";
import { ChunkedText } from "./ChunkedText";
import { bytes, historyKeys } from "./queries";

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
  const [all, setAll] = useState(false);
  const [raw, setRaw] = useState(false);
  const full = useQuery({
    queryKey: historyKeys.body(id, part),
    queryFn: () => commands.historyBody(id, part),
    enabled: all,
    // A body never changes; a 50 MB string is not worth keeping once the pane closes.
    staleTime: Infinity,
    gcTime: 0,
  });
  const text = all && full.data !== undefined ? full.data : preview.text;
  const complete = preview.complete || (all && full.data !== undefined);
  const formatted = useMemo(
    () => (!raw && complete && text.length <= PRETTY_MAX && !preview.binary ? pretty(text) : null),
    [raw, complete, text, preview.binary],
  );
  if (preview.size === 0) return <p className="muted" data-testid={`body-${part}-empty`}>No body.</p>;
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
      <ChunkedText text={formatted ?? text} testId={`body-${part}-text`} />
      {!complete && (
        <div className="row small">
          <span className="muted" data-testid={`body-${part}-partial`}>
            Showing the first {bytes(preview.text.length)} of {bytes(preview.stored)}.
          </span>
          <button className="btn btn-small" onClick={() => setAll(true)} disabled={all && full.isFetching} data-testid={`body-${part}-all`}>
            {all && full.isFetching ? "Loading…" : "Show all"}
          </button>
        </div>
      )}
      {full.isError && <ErrorMessage error={toIpcError(full.error)} />}
    </div>
  );
}
