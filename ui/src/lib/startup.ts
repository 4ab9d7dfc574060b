// App start-up, before the first render: bootstrap, then the first screen's data.
//
// The shell's first render waits a moment for the active environment's overview: against the
// built-in Sandbox it answers in a few milliseconds, and one layout with the numbers in it is far
// cheaper for WebKit than a layout of skeletons followed by a second one with the numbers.
import type { QueryClient } from "@tanstack/react-query";
import { createHashHistory, type RouterHistory } from "@tanstack/react-router";
import type { IpcError } from "../bindings/IpcError";
import { commands, events } from "../bindings/ipc";
import { createAppRouter, type AppRouter } from "../router";
import { toIpcError } from "./errors";
import { breakdownQuery, keys, overviewQuery, pickActive } from "./queries";
import { startPath } from "./sections";
import { startSession } from "./session";

/** How long the first render waits for the first screen's data. */
export const FIRST_RENDER_WAIT_MS = 250;

export type Started = { router: AppRouter } | { error: IpcError };

/** Waits for `promise` (never rejects), but no longer than `ms`. */
export function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]).finally(() => clearTimeout(timer));
}

export async function start(queryClient: QueryClient, history: RouterHistory = createHashHistory()): Promise<Started> {
  commands.perfMark("first_ipc").catch(() => undefined);
  // Breakdown progress goes straight into the query cache, for the app's whole life. Listening
  // starts before anything asks for a breakdown, so no event can fall between answer and listener.
  const listening = events
    // Events arrive in order, so the latest one wins (a new walk after Refresh starts over low).
    .overviewProgress((p) => queryClient.setQueryData(keys.breakdown(p.env_id), p.breakdown))
    .catch(() => undefined);
  let boot;
  try {
    boot = await commands.bootstrap();
  } catch (e) {
    return { error: toIpcError(e) };
  }
  performance.mark("kb:bootstrap");
  startSession(boot);
  queryClient.setQueryData(keys.environments, boot.environments);

  // Open the screen the user was on last, unless the URL already names one (a reload).
  const here = history.location.pathname;
  const wanted = startPath(boot.last_section);
  if ((here === "/" || here === "") && wanted !== "/") history.replace(wanted);

  const router = createAppRouter(queryClient, history);
  await listening;
  // Load the first screen's code, and for the overview its numbers. A slow environment must not
  // hold the window up: past the limit the page shows skeletons.
  const waits: Promise<unknown>[] = [router.load()];
  const envId = pickActive(boot.environments, boot.active_env_id)?.id;
  if (router.state.location.pathname === "/" && envId) {
    waits.push(queryClient.prefetchQuery(overviewQuery(envId)), queryClient.prefetchQuery(breakdownQuery(queryClient, envId)));
  }
  await atMost(Promise.all(waits), FIRST_RENDER_WAIT_MS);
  return { router };
}
