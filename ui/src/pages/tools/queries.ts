// Server state of the playground screens: the tool catalog, one tool, presets.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ToolListFilter } from "../../bindings/ToolListFilter";
import { commands } from "../../bindings/ipc";

export const toolKeys = {
  tools: (envId: string) => ["tools", envId] as const,
  tool: (envId: string, name: string) => ["tool", envId, name] as const,
  presets: (envId: string, tool: string) => ["presets", envId, tool] as const,
};

/** The shortest name filter the server takes. */
export const MIN_NAME = 3;

export const toolsQuery = (envId: string, filter: ToolListFilter) =>
  infiniteQueryOptions({
    queryKey: [...toolKeys.tools(envId), "list", filter] as const,
    queryFn: ({ pageParam }) => commands.listTools(envId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.next_page_token || undefined,
  });

export const toolSearchQuery = (envId: string, query: string, identifier: string | null) =>
  queryOptions({
    queryKey: [...toolKeys.tools(envId), "search", query, identifier] as const,
    queryFn: () => commands.searchTools(envId, query, identifier),
  });

export const scopedToolsQuery = (envId: string, identifier: string, connection: string | null) =>
  infiniteQueryOptions({
    queryKey: [...toolKeys.tools(envId), "scoped", identifier, connection] as const,
    queryFn: ({ pageParam }) => commands.listScopedTools(envId, identifier, connection, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.next_page_token || undefined,
  });

export const toolQuery = (envId: string, name: string) =>
  queryOptions({ queryKey: toolKeys.tool(envId, name), queryFn: () => commands.getTool(envId, name), staleTime: 60_000 });

export const presetsQuery = (envId: string, tool: string) =>
  queryOptions({ queryKey: toolKeys.presets(envId, tool), queryFn: () => commands.listPresets(envId, tool) });
