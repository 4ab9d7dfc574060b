// The history screen's data: keyset pages (newest first) and single entries, keyed so that one
// invalidation of ["history"] refreshes every list, the detail and the account activity.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { HistoryFilter } from "../../bindings/HistoryFilter";
import type { HistoryKind } from "../../bindings/HistoryKind";
import type { StatusClass } from "../../bindings/StatusClass";
import { commands } from "../../bindings/ipc";

export const historyKeys = {
  all: ["history"] as const,
  list: (filter: HistoryFilter) => ["history", "list", filter] as const,
  entry: (id: number) => ["history", "entry", id] as const,
};

export const PAGE_SIZE = 100;

export const historyListQuery = (filter: HistoryFilter) =>
  infiniteQueryOptions({
    queryKey: historyKeys.list(filter),
    queryFn: ({ pageParam }) => commands.historyList(filter, pageParam, PAGE_SIZE),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.next_before,
  });

export const historyEntryQuery = (id: number) =>
  queryOptions({ queryKey: historyKeys.entry(id), queryFn: () => commands.historyGet(id) });

export const KINDS: { id: HistoryKind; label: string }[] = [
  { id: "tool", label: "Tool runs" },
  { id: "proxy", label: "Proxy calls" },
  { id: "mcp", label: "MCP" },
  { id: "management", label: "Management" },
  { id: "token", label: "Token" },
];

export const STATUSES: { id: StatusClass; label: string }[] = [
  { id: "2xx", label: "2xx" },
  { id: "3xx", label: "3xx" },
  { id: "4xx", label: "4xx" },
  { id: "5xx", label: "5xx" },
  { id: "error", label: "No answer" },
];

export const RANGES = [
  { id: "1h", label: "Last hour", ms: 3_600_000 },
  { id: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { id: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
] as const;

/** The search params of /history: filters and the open entry. */
export interface HistorySearch {
  q?: string;
  kind?: HistoryKind;
  status?: StatusClass;
  env?: string;
  identifier?: string;
  range?: (typeof RANGES)[number]["id"];
  id?: number;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export function parseHistorySearch(raw: Record<string, unknown>): HistorySearch {
  const out: HistorySearch = {};
  const q = str(raw.q);
  if (q) out.q = q;
  const kind = KINDS.find((k) => k.id === raw.kind);
  if (kind) out.kind = kind.id;
  const status = STATUSES.find((s) => s.id === raw.status);
  if (status) out.status = status.id;
  const env = str(raw.env);
  if (env) out.env = env;
  const identifier = str(raw.identifier);
  if (identifier) out.identifier = identifier;
  const range = RANGES.find((r) => r.id === raw.range);
  if (range) out.range = range.id;
  const id = Number(raw.id);
  if (Number.isInteger(id) && id > 0) out.id = id;
  return out;
}

/** The server filter for `search`; a time range counts back from `now`. */
export function historyFilter(search: HistorySearch, now: number): HistoryFilter {
  const f: HistoryFilter = {};
  if (search.q) f.q = search.q;
  if (search.kind) f.kind = search.kind;
  if (search.status) f.status = search.status;
  if (search.env) f.env_id = search.env;
  if (search.identifier) f.identifier = search.identifier;
  const range = RANGES.find((r) => r.id === search.range);
  if (range) f.since = new Date(now - range.ms).toISOString();
  return f;
}

/** 1234567 → "1.2 MB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
