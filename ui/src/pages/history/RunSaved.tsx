// Whether a run's exchanges are in the history yet. A run answers as soon as its call does; the
// history writer commits a moment later, and `historyForRun` answers once it has. Only then is
// the run "saved" (on disk, surviving a crash of the app) and the history's lists refreshed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { commands } from "../../bindings/ipc";
import { toIpcError } from "../../lib/errors";
import { historyKeys } from "./queries";

/** Outside ["history"] so refreshing the history's lists does not ask again. */
const savedKey = (runId: string) => ["run-saved", runId] as const;

export function RunSaved({ runId }: { runId: string }) {
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: savedKey(runId), queryFn: () => commands.historyForRun(runId), staleTime: Infinity, retry: false });
  useEffect(() => {
    if (saved.data) void queryClient.invalidateQueries({ queryKey: historyKeys.all });
  }, [saved.data, queryClient]);
  if (saved.isPending) {
    return (
      <span className="muted" data-testid="run-saved" data-state="saving">
        Saving to history…
      </span>
    );
  }
  if (saved.isError) {
    return (
      <span className="field-error" data-testid="run-saved" data-state="failed">
        Not saved in the history: {toIpcError(saved.error).message}
      </span>
    );
  }
  const first = saved.data[0];
  if (!first) return null;
  return (
    // A plain link into the hash route: the result views also render outside a router (tests).
    <a href={`#/history?id=${first.id}`} className="muted" data-testid="run-saved" data-state="saved" title="Committed to the history database">
      Saved in history
    </a>
  );
}
