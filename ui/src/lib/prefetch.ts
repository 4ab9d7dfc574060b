// The overview of the active environment is requested as soon as bootstrap answers, while the
// shell renders, instead of after the overview page's first paint.
import type { Overview } from "../bindings/Overview";
import { api } from "./api";

const pending = new Map<string, Promise<Overview>>();

export function prefetchOverview(envId: string | null): void {
  if (!envId || pending.has(envId)) return;
  const request = api.overview(envId);
  // A failure surfaces when the page takes the promise; this only avoids an unhandled rejection.
  request.catch(() => undefined);
  pending.set(envId, request);
}

/** The prefetched request for `envId` (once), or a new one. */
export function takeOverview(envId: string): Promise<Overview> {
  const request = pending.get(envId);
  pending.delete(envId);
  return request ?? api.overview(envId);
}
