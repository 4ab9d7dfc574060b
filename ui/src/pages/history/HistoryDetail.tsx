// One history entry beside the list: what was sent and what came back (headers and bodies as
// plain text), with replay (and the diff of the answers), copy as cURL / Python / Node, delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CopyStyle } from "../../bindings/CopyStyle";
import type { HistoryHeader } from "../../bindings/HistoryHeader";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Icon } from "../../components/Icon";
import { toIpcError } from "../../lib/errors";
import { copyWhenReady } from "../../lib/clipboard";
import { notify } from "../../lib/toasts";
import { BodyView } from "./BodyView";
import { ReplayDiff } from "./ReplayDiff";
import { bytes, duration, historyEntryQuery, historyKeys } from "./queries";

const COPY: { id: CopyStyle; label: string }[] = [
  { id: "curl", label: "cURL" },
  { id: "python", label: "Python SDK" },
  { id: "node", label: "Node SDK" },
];

function Headers({ headers, testId }: { headers: HistoryHeader[]; testId: string }) {
  if (headers.length === 0) return <p className="muted">None.</p>;
  return (
    <dl className="facts mono small" data-testid={testId}>
      {headers.map((h, i) => (
        <div key={`${h.name}-${i}`} style={{ display: "contents" }}>
          <dt>{h.name}</dt>
          <dd className="ellipsis" title={h.value}>{h.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function HistoryDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const entry = useQuery(historyEntryQuery(id));
  const replay = useMutation({
    mutationFn: () => commands.historyReplay(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: historyKeys.all }),
  });
  const copy = useMutation({
    mutationFn: async (style: CopyStyle) => {
      await copyWhenReady(commands.historyCopyAs(id, style));
      return style;
    },
    onSuccess: (style) => notify("ok", `Copied as ${COPY.find((c) => c.id === style)?.label ?? style}`),
    onError: (e) => notify("error", toIpcError(e).message),
  });
  const remove = useMutation({
    mutationFn: () => commands.historyDelete([id]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: historyKeys.all });
      onClose();
    },
  });
  const e = entry.data;
  const replayable = e && (e.row.kind === "proxy" || (e.row.kind === "tool" && e.row.tool_name !== null));
  return (
    <aside className="history-detail" aria-label="History entry" data-testid="history-detail" data-id={id}>
      <header className="row">
        <h2 className="ellipsis mono" title={e?.url}>{e ? `${e.row.method} ${e.row.tool_name ?? e.row.path}` : "Entry"}</h2>
        <span className="spacer" />
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close" data-testid="history-detail-close">
          <Icon name="close" />
        </button>
      </header>
      {entry.isPending && <div className="skeleton-bar" />}
      {entry.isError && <ErrorMessage error={toIpcError(entry.error)} />}
      {e && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd data-testid="history-detail-status">{e.row.status ?? "no answer"}{e.row.error ? ` · ${e.row.error}` : ""}</dd>
            <dt>When</dt>
            <dd>{new Date(e.row.at).toLocaleString()} · {duration(e.row.duration_ms)}{e.row.attempt > 1 ? ` · attempt ${e.row.attempt}` : ""}</dd>
            <dt>Kind</dt>
            <dd>{e.row.kind}</dd>
            <dt>URL</dt>
            <dd className="mono ellipsis" title={e.url} data-testid="history-detail-url">{e.url}</dd>
            {e.row.identifier && (<><dt>Account</dt><dd className="mono">{e.row.identifier}{e.row.connection ? ` · ${e.row.connection}` : ""}{e.row.account_id ? ` · ${e.row.account_id}` : ""}</dd></>)}
            <dt>Sizes</dt>
            <dd>sent {bytes(e.row.request_size)} · received {bytes(e.row.response_size)}</dd>
          </dl>
          <div className="row">
            {replayable && (
              <button className="btn btn-small btn-primary" onClick={() => replay.mutate()} disabled={replay.isPending} data-testid="history-replay">
                <Icon name="refresh" size={14} /> {replay.isPending ? "Replaying…" : "Replay"}
              </button>
            )}
            {COPY.filter((c) => c.id === "curl" || replayable).map((c) => (
              <button key={c.id} className="btn btn-small" onClick={() => copy.mutate(c.id)} disabled={copy.isPending} data-testid={`history-copy-${c.id}`}>
                <Icon name="copy" size={14} /> {c.label}
              </button>
            ))}
            <span className="spacer" />
            <button className="btn btn-small btn-danger" onClick={() => remove.mutate()} disabled={remove.isPending} data-testid="history-delete">
              <Icon name="trash" size={14} /> Delete
            </button>
          </div>
          {replay.isError && <ErrorMessage error={toIpcError(replay.error)} />}
          {replay.data && <ReplayDiff replay={replay.data} />}
          <section>
            <h3>Request headers</h3>
            <Headers headers={e.request_headers} testId="history-request-headers" />
            <h3>Request body</h3>
            <BodyView key={`${id}-req`} id={id} part="request" preview={e.request_body} />
          </section>
          <section>
            <h3>Response headers</h3>
            <Headers headers={e.response_headers} testId="history-response-headers" />
            <h3>Response body</h3>
            <BodyView key={`${id}-resp`} id={id} part="response" preview={e.response_body} />
          </section>
        </>
      )}
    </aside>
  );
}
