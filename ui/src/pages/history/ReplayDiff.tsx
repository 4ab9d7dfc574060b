// The outcome of a replay: the new entry's status and how its answer differs from the
// original's, path by path (values shown as JSON text).
import type { HistoryReplay } from "../../bindings/HistoryReplay";

const show = (v: unknown) => (v === undefined || v === null ? "null" : JSON.stringify(v));

export function ReplayDiff({ replay }: { replay: HistoryReplay }) {
  const { changes, ignored, replayed } = replay;
  return (
    <div className="callout" data-testid="history-replay-result" data-changes={changes.length}>
      <div>
        <strong>Replayed</strong> as entry {replayed.row.id}: status {replayed.row.status ?? "no answer"}.{" "}
        {changes.length === 0 ? (
          <span data-testid="history-replay-same">The answer is the same{ignored.length > 0 ? ` (not compared: ${ignored.join(", ")})` : ""}.</span>
        ) : (
          <span>{changes.length} {changes.length === 1 ? "difference" : "differences"}:</span>
        )}
        {changes.length > 0 && (
          <ul className="diff mono small" data-testid="history-replay-diff">
            {changes.slice(0, 200).map((c) => (
              <li key={`${c.op}${c.path}`} data-op={c.op}>
                <span className="strong">{c.op}</span> {c.path || "(whole body)"}
                {c.op !== "added" && <span> − {show(c.before)}</span>}
                {c.op !== "removed" && <span> + {show(c.after)}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
