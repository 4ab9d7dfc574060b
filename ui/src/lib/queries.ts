// Server state: one query key per thing per environment, one place that says how to fetch it.
import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type { AccountFilter } from "../bindings/AccountFilter";
import type { Breakdown } from "../bindings/Breakdown";
import type { Environment } from "../bindings/Environment";
import { commands } from "../bindings/ipc";

export const keys = {
  environments: ["environments"] as const,
  overview: (envId: string) => ["overview", envId] as const,
  breakdown: (envId: string) => ["breakdown", envId] as const,
  sandboxStatus: ["sandbox-status"] as const,
  // Connections and connected accounts: every key starts with the environment, so one
  // invalidation of `accounts(envId)` refreshes every filtered list of it.
  connections: (envId: string) => ["connections", envId] as const,
  connection: (envId: string, name: string) => ["connection", envId, name] as const,
  accounts: (envId: string) => ["accounts", envId] as const,
  account: (envId: string, accountId: string) => ["account", envId, accountId] as const,
  authorizations: (envId: string) => ["authorizations", envId] as const,
  authorization: (id: string) => ["authorization", id] as const,
};

export const environmentsQuery = () =>
  queryOptions({ queryKey: keys.environments, queryFn: () => commands.listEnvironments() });

export const overviewQuery = (envId: string) =>
  queryOptions({ queryKey: keys.overview(envId), queryFn: () => commands.overview(envId) });

/** Whichever of two breakdowns of one environment is further along. */
export function furtherAlong(a: Breakdown | null | undefined, b: Breakdown | null | undefined): Breakdown | null {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.done !== b.done) return a.done ? a : b;
  return b.scanned >= a.scanned ? b : a;
}

/**
 * The status breakdown: the cached one from Rust (starting the background walk if there is none).
 * `overview_progress` events update the same cache entry as pages are scanned, so an answer that
 * arrives after a newer event must not replace it.
 */
export const breakdownQuery = (queryClient: QueryClient, envId: string) =>
  queryOptions({
    queryKey: keys.breakdown(envId),
    queryFn: async () => {
      const answer = await commands.overviewBreakdown(envId, false);
      return furtherAlong(queryClient.getQueryData<Breakdown | null>(keys.breakdown(envId)), answer);
    },
    // Kept fresh by events, and refreshed on request.
    staleTime: Infinity,
  });

export const sandboxStatusQuery = () =>
  queryOptions({ queryKey: keys.sandboxStatus, queryFn: () => commands.sandboxStatus() });

/** The environment to treat as active: the chosen one, else the Sandbox, else the first. */
export function pickActive(list: Environment[] | undefined, chosenId: string | null): Environment | null {
  if (!list) return null;
  return list.find((e) => e.id === chosenId) ?? list.find((e) => e.is_sandbox) ?? list[0] ?? null;
}

/** The next page's token, or undefined at the end (an empty token ends the list too). */
const nextToken = (page: { next_page_token: string | null }): string | undefined => page.next_page_token || undefined;

/** Connections page by page; `query` (3 characters or more) is matched by the server. */
export const connectionsQuery = (envId: string, query: string | null) =>
  infiniteQueryOptions({
    queryKey: [...keys.connections(envId), query] as const,
    queryFn: ({ pageParam }) => commands.listConnections(envId, query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: nextToken,
  });

export const connectionQuery = (envId: string, name: string) =>
  queryOptions({ queryKey: keys.connection(envId, name), queryFn: () => commands.getConnection(envId, name) });

/** Connected accounts page by page (99 a page); the next page is asked for only as the user scrolls. */
export const accountsQuery = (envId: string, filter: AccountFilter) =>
  infiniteQueryOptions({
    queryKey: [...keys.accounts(envId), filter] as const,
    queryFn: ({ pageParam }) => commands.listAccounts(envId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: nextToken,
  });

export const accountQuery = (envId: string, accountId: string) =>
  queryOptions({ queryKey: keys.account(envId, accountId), queryFn: () => commands.getAccount(envId, accountId) });

/** Pending authorizations first, then recent ones; kept current by `authorization_updated`. */
export const authorizationsQuery = (envId: string) =>
  queryOptions({ queryKey: keys.authorizations(envId), queryFn: () => commands.listAuthorizations(envId) });

/** The search params of /accounts: the list's server-side filters. */
export interface AccountsSearch {
  connection?: string;
  identifier?: string;
  provider?: string;
  q?: string;
}

/** The shortest free-text query the server is asked to match. */
export const MIN_QUERY = 3;

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export function parseAccountsSearch(s: Record<string, unknown>): AccountsSearch {
  const out: AccountsSearch = {};
  for (const k of ["connection", "identifier", "provider", "q"] as const) {
    const v = text(s[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The filter `listAccounts` gets for the URL's search params. */
export function accountFilter(s: AccountsSearch): AccountFilter {
  return {
    connection: s.connection ?? null,
    identifier: s.identifier ?? null,
    provider: s.provider ?? null,
    query: s.q && s.q.length >= MIN_QUERY ? s.q : null,
  };
}
