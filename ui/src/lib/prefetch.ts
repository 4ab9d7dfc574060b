// The overview of the active environment is requested as soon as bootstrap answers, and the
// shell's first render waits a moment for it: against the built-in Sandbox it answers in a few
// milliseconds, and one layout with the numbers in it is far cheaper for WebKit than a layout of
// skeletons followed by a second one with the numbers.
import type { Overview } from "../bindings/Overview";
import { api } from "./api";

type Entry = { request: Promise<Overview>; data?: Overview };

const pending = new Map<string, Entry>();

/** Starts fetching `envId`'s overview; resolves once it has settled (never rejects). */
export function prefetchOverview(envId: string | null): Promise<void> {
  if (!envId) return Promise.resolve();
  let entry = pending.get(envId);
  if (!entry) {
    const request = api.overview(envId);
    const created: Entry = { request };
    request.then((data) => (created.data = data)).catch(() => undefined);
    pending.set(envId, created);
    entry = created;
  }
  return entry.request.then(
    () => undefined,
    () => undefined,
  );
}

/** The prefetched overview of `envId` if it already arrived (taken once), else null. */
export function takeReadyOverview(envId: string): Overview | null {
  const data = pending.get(envId)?.data;
  if (data === undefined) return null;
  pending.delete(envId);
  return data;
}

/** The prefetched request for `envId` (taken once), or a new one. */
export function takeOverview(envId: string): Promise<Overview> {
  const entry = pending.get(envId);
  pending.delete(envId);
  return entry?.request ?? api.overview(envId);
}

/** Waits for `promise`, but no longer than `ms`. */
export function atMost(promise: Promise<void>, ms: number): Promise<void> {
  return Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
