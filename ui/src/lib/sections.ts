// The screens the sidebar and the command palette offer, with their URL paths.
export const SECTIONS = [
  { id: "overview", path: "/", title: "Overview", hint: "Counts for the active environment" },
  { id: "connections", path: "/connections", title: "Connections", hint: "Providers configured in the environment" },
  { id: "accounts", path: "/accounts", title: "Accounts", hint: "Connected accounts: create, authorize, delete" },
  { id: "tools", path: "/tools", title: "Tools", hint: "Tool catalog; run a tool for a user" },
  { id: "proxy", path: "/proxy", title: "Proxy", hint: "Call a provider API through the proxy" },
  { id: "mcp", path: "/mcp", title: "MCP configs", hint: "Tool sets across connections, served over MCP" },
  { id: "instances", path: "/mcp/instances", title: "MCP instances", hint: "Users' MCP servers: URLs, auth state, client snippets" },
  { id: "inspector", path: "/mcp/inspector", title: "MCP inspector", hint: "Talk MCP to an instance or any server" },
  { id: "authorizations", path: "/authorizations", title: "Authorizations", hint: "Pending and recent magic-link authorizations" },
  { id: "history", path: "/history", title: "History", hint: "Every call made: search, replay, export" },
  { id: "environments", path: "/environments", title: "Environments", hint: "Add, edit and test environments" },
  { id: "sandbox", path: "/sandbox", title: "Sandbox", hint: "The built-in local environment" },
] as const;

export type Section = (typeof SECTIONS)[number];
export type SectionId = Section["id"];
export type SectionPath = Section["path"];

/** The longest path the app remembers (the Rust side stores at most 64 characters). */
const MAX_STORED_PATH = 64;

/**
 * The path to open on start, from what `setLastSection` stored: a path ("/environments"), or a
 * section id from before screens had URLs ("environments").
 */
export function startPath(stored: string | null | undefined): string {
  if (!stored) return "/";
  if (stored.startsWith("/")) return stored;
  return SECTIONS.find((s) => s.id === stored)?.path ?? "/";
}

/** What to store for a path: the path itself, or its first segment if it is too long. */
export function pathToStore(pathname: string): string {
  if (pathname.length <= MAX_STORED_PATH) return pathname;
  const first = pathname.split("/")[1] ?? "";
  return `/${first}`.slice(0, MAX_STORED_PATH);
}
