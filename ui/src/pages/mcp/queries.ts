// Server state of the MCP screens. Every key starts with the environment, so one invalidation
// of `mcpKeys.configs(envId)` or `mcpKeys.instances(envId)` refreshes every list of it.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { McpInstanceFilter } from "../../bindings/McpInstanceFilter";
import { commands } from "../../bindings/ipc";

export const mcpKeys = {
  configs: (envId: string) => ["mcp-configs", envId] as const,
  instances: (envId: string) => ["mcp-instances", envId] as const,
  authState: (envId: string, instanceId: string) => ["mcp-auth-state", envId, instanceId] as const,
};

export const configsQuery = (envId: string, search: string) =>
  infiniteQueryOptions({
    queryKey: [...mcpKeys.configs(envId), "list", search] as const,
    queryFn: ({ pageParam }) => commands.listMcpConfigs(envId, search || null, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.next_page_token || undefined,
  });

export const instancesQuery = (envId: string, filter: McpInstanceFilter) =>
  infiniteQueryOptions({
    queryKey: [...mcpKeys.instances(envId), "list", filter] as const,
    queryFn: ({ pageParam }) => commands.listMcpInstances(envId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.next_page_token || undefined,
  });

export const instanceQuery = (envId: string, id: string) =>
  queryOptions({ queryKey: [...mcpKeys.instances(envId), "one", id] as const, queryFn: () => commands.getMcpInstance(envId, id) });

export const authStateQuery = (envId: string, id: string) =>
  queryOptions({ queryKey: mcpKeys.authState(envId, id), queryFn: () => commands.mcpInstanceAuthState(envId, id, false) });

/** A copy to the clipboard with a toast either way. */
export async function copyText(text: string, what: string, notify: (tone: "ok" | "error", m: string) => void): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify("ok", `${what} copied`);
  } catch {
    notify("error", `Could not copy the ${what.toLowerCase()}.`);
  }
}
