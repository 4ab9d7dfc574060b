// What the app does with authorization news from Rust: `link_outcome` (a kitbench:// link was
// processed) becomes a toast; `authorization_updated` goes into the query cache, and a verified
// authorization refreshes its account so it shows ACTIVE without a manual refresh.
import type { QueryClient } from "@tanstack/react-query";
import type { Authorization } from "../bindings/Authorization";
import type { LinkOutcome } from "../bindings/LinkOutcome";
import { commands, events } from "../bindings/ipc";
import { keys } from "./queries";
import { notify, type Toast } from "./toasts";

const TONES: Record<LinkOutcome["kind"], Toast["tone"]> = {
  verified: "ok",
  denied: "warn",
  rejected: "error",
  failed: "error",
};

/** The toast for a link's outcome (text only: the message comes from outside). */
export function showLinkOutcome(outcome: LinkOutcome): void {
  const who = outcome.authorization ? `${outcome.authorization.identifier} (${outcome.authorization.connection}): ` : "";
  notify(TONES[outcome.kind] ?? "error", `${who}${outcome.message}`);
}

/** Puts a changed authorization into the cache and refreshes what it changed. */
export function applyAuthorization(queryClient: QueryClient, next: Authorization): void {
  // The link lives only in memory: an update without one keeps the one already shown.
  const merge = (old: Authorization | undefined): Authorization =>
    next.link === null && old?.link && next.status === "pending" ? { ...next, link: old.link } : next;
  queryClient.setQueryData<Authorization>(keys.authorization(next.id), merge);
  queryClient.setQueryData<Authorization[]>(keys.authorizations(next.env_id), (list) => {
    if (!list) return list;
    const i = list.findIndex((a) => a.id === next.id);
    if (i < 0) return [next, ...list];
    const copy = list.slice();
    copy[i] = merge(list[i]);
    return copy;
  });
  if (next.status === "verified") {
    void queryClient.invalidateQueries({ queryKey: keys.accounts(next.env_id) });
    void queryClient.invalidateQueries({ queryKey: keys.account(next.env_id, next.account_id) });
  }
}

/**
 * Listens for link outcomes and authorization updates for as long as the returned function is
 * not called. Outcomes that happened before anyone listened are taken once listening has started,
 * so none is lost or shown twice.
 */
export function listenForLinks(queryClient: QueryClient): () => void {
  const onOutcome = (o: LinkOutcome) => {
    showLinkOutcome(o);
    if (o.authorization) applyAuthorization(queryClient, o.authorization);
  };
  const offOutcome = events.linkOutcome(onOutcome);
  const offUpdated = events.authorizationUpdated((a) => applyAuthorization(queryClient, a));
  offOutcome
    .then(() => commands.takeLinkOutcomes())
    .then((list) => list.forEach(onOutcome), () => undefined);
  return () => {
    for (const off of [offOutcome, offUpdated]) off.then((f) => f()).catch(() => undefined);
  };
}
