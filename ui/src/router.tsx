// Every screen has a URL. Route tree (code-based, no codegen):
//
//   __root__                 Shell: sidebar, banners, <Outlet />, palette, toasts
//   ├── /                    Overview (in the main bundle: it is the first paint)
//   ├── /environments        Environments list (lazy chunk)
//   │   └── $id              edit form over the list
//   ├── /connections         Connections list (lazy chunk)
//   │   └── $name            a connection's detail over the list
//   ├── /accounts            Connected accounts (lazy chunk); filters in the search params
//   │   └── $id              the account's drawer over the list (filters kept)
//   ├── /tools               Tool catalog, search, tools for a user (lazy chunk)
//   ├── /tools/$name         A tool and its runner (lazy chunk: RJSF, CodeMirror, the viewer)
//   ├── /proxy               The proxy runner (lazy chunk)
//   ├── /mcp                 MCP configs and their editor (lazy chunk)
//   ├── /mcp/instances       MCP instances and an instance's drawer (lazy chunk)
//   ├── /mcp/inspector       The MCP inspector; ?instance=<id> picks an instance (lazy chunk)
//   ├── /authorizations      Pending and recent authorizations (lazy chunk)
//   ├── /history             Request history (lazy chunk); filters and the open entry in the search params
//   └── /sandbox             Sandbox panel (lazy chunk)
//
// Next screens slot in as siblings under the root, each with its own lazy chunk:
//   /tools/$name, /mcp/instances/$id.
//
// History: hash (`#/environments`). The app is served from Tauri's custom protocol
// (tauri://localhost, or http://tauri.localhost on Windows) with relative asset URLs
// (vite `base: "./"`): with browser history a path like /environments/env_1 would resolve
// `./assets/…` against /environments/ and a reload would ask the protocol for a file that does
// not exist. The hash never leaves the page, so any URL reloads to the same screen, and unlike
// memory history the URL is real: back/forward, WebDriver and devtools can read and set it.
import type { QueryClient } from "@tanstack/react-query";
import {
  createHashHistory,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  type RouterHistory,
} from "@tanstack/react-router";
import { commands } from "./bindings/ipc";
import { OverviewPage } from "./pages/OverviewPage";
import { Shell } from "./Shell";
import {
  accountFilter,
  accountQuery,
  accountsQuery,
  authorizationsQuery,
  breakdownQuery,
  connectionQuery,
  connectionsQuery,
  environmentsQuery,
  overviewQuery,
  parseAccountsSearch,
  pickActive,
  sandboxStatusQuery,
} from "./lib/queries";
import { pathToStore } from "./lib/sections";
import { parseHistorySearch } from "./pages/history/queries";
import { session } from "./lib/session";

export interface RouterContext {
  queryClient: QueryClient;
}

/** The active environment, read outside React (route loaders). */
function activeEnvId(queryClient: QueryClient): string | null {
  const list = queryClient.getQueryData(environmentsQuery().queryKey);
  return pickActive(list, session.get().activeEnvId)?.id ?? null;
}

// Loaders start the screen's queries and return at once: a hover over a link (preload "intent")
// or a palette entry warms the cache, and a screen never waits on a loader to show its skeletons.
const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  notFoundComponent: NotFound,
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  component: OverviewPage,
  loader: ({ context: { queryClient } }) => {
    const envId = activeEnvId(queryClient);
    if (envId) {
      void queryClient.prefetchQuery(overviewQuery(envId));
      void queryClient.prefetchQuery(breakdownQuery(queryClient, envId));
    }
  },
});

const environmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "environments",
  component: lazyRouteComponent(() => import("./pages/EnvironmentsPage"), "EnvironmentsPage"),
  loader: ({ context: { queryClient } }) => {
    void queryClient.prefetchQuery(environmentsQuery());
  },
});

const environmentEditRoute = createRoute({
  getParentRoute: () => environmentsRoute,
  path: "$id",
  component: lazyRouteComponent(() => import("./pages/EnvironmentsPage"), "EnvironmentEdit"),
});

const sandboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "sandbox",
  component: lazyRouteComponent(() => import("./pages/SandboxPage"), "SandboxPage"),
  loader: ({ context: { queryClient } }) => {
    void queryClient.prefetchQuery(sandboxStatusQuery());
  },
});

const connectionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "connections",
  component: lazyRouteComponent(() => import("./pages/ConnectionsPage"), "ConnectionsPage"),
  loader: ({ context: { queryClient } }) => {
    const envId = activeEnvId(queryClient);
    if (envId) void queryClient.prefetchInfiniteQuery(connectionsQuery(envId, null));
  },
});

const connectionRoute = createRoute({
  getParentRoute: () => connectionsRoute,
  path: "$name",
  component: lazyRouteComponent(() => import("./pages/ConnectionsPage"), "ConnectionDetail"),
  loader: ({ context: { queryClient }, params }) => {
    const envId = activeEnvId(queryClient);
    if (envId) void queryClient.prefetchQuery(connectionQuery(envId, params.name));
  },
});

const accountsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "accounts",
  validateSearch: parseAccountsSearch,
  loaderDeps: ({ search }) => search,
  component: lazyRouteComponent(() => import("./pages/AccountsPage"), "AccountsPage"),
  loader: ({ context: { queryClient }, deps }) => {
    const envId = activeEnvId(queryClient);
    // The first page only: the rest load as the user scrolls.
    if (envId) void queryClient.prefetchInfiniteQuery(accountsQuery(envId, accountFilter(deps)));
  },
});

const accountRoute = createRoute({
  getParentRoute: () => accountsRoute,
  path: "$id",
  component: lazyRouteComponent(() => import("./pages/AccountDrawer"), "AccountDrawer"),
  loader: ({ context: { queryClient }, params }) => {
    const envId = activeEnvId(queryClient);
    if (envId) void queryClient.prefetchQuery(accountQuery(envId, params.id));
  },
});

const historyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "history",
  validateSearch: parseHistorySearch,
  component: lazyRouteComponent(() => import("./pages/HistoryPage"), "HistoryPage"),
});

const authorizationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "authorizations",
  component: lazyRouteComponent(() => import("./pages/AuthorizationsPage"), "AuthorizationsPage"),
  loader: ({ context: { queryClient } }) => {
    const envId = activeEnvId(queryClient);
    if (envId) void queryClient.prefetchQuery(authorizationsQuery(envId));
  },
});

const toolsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "tools",
  component: lazyRouteComponent(() => import("./pages/ToolsPage"), "ToolsPage"),
});

// A sibling of /tools, not a child: the tool page replaces the list rather than sitting over it.
const toolRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "tools/$name",
  component: lazyRouteComponent(() => import("./pages/tools/ToolPage"), "ToolPage"),
});

const proxyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "proxy",
  component: lazyRouteComponent(() => import("./pages/ProxyPage"), "ProxyPage"),
});

// Siblings, not children: each MCP screen replaces the other.
const mcpConfigsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "mcp",
  component: lazyRouteComponent(() => import("./pages/McpConfigsPage"), "McpConfigsPage"),
});

const mcpInstancesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "mcp/instances",
  component: lazyRouteComponent(() => import("./pages/McpInstancesPage"), "McpInstancesPage"),
});

const mcpInspectorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "mcp/inspector",
  validateSearch: (search: Record<string, unknown>): { instance?: string } =>
    typeof search.instance === "string" && search.instance ? { instance: search.instance } : {},
  component: lazyRouteComponent(() => import("./pages/McpInspectorPage"), "McpInspectorPage"),
});

export const routeTree = rootRoute.addChildren([
  overviewRoute,
  connectionsRoute.addChildren([connectionRoute]),
  accountsRoute.addChildren([accountRoute]),
  authorizationsRoute,
  toolsRoute,
  toolRoute,
  proxyRoute,
  historyRoute,
  mcpConfigsRoute,
  mcpInstancesRoute,
  mcpInspectorRoute,
  environmentsRoute.addChildren([environmentEditRoute]),
  sandboxRoute,
]);

export function createAppRouter(queryClient: QueryClient, history: RouterHistory = createHashHistory()) {
  const router = createRouter({
    routeTree,
    history,
    context: { queryClient },
    defaultPreload: "intent",
    // Query freshness is TanStack Query's job; the router always runs the (non-blocking) loaders.
    defaultPreloadStaleTime: 0,
  });
  // The screen is remembered across restarts (bootstrap.last_section).
  let stored = router.state.location.pathname;
  router.subscribe("onResolved", ({ toLocation }) => {
    const path = pathToStore(toLocation.pathname);
    if (path === stored) return;
    stored = path;
    commands.setLastSection(path).catch(() => undefined);
  });
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: AppRouter;
  }
}

function NotFound() {
  return (
    <section className="page">
      <div className="empty" data-testid="not-found">
        <h2>Nothing here</h2>
        <p>This screen does not exist (any more).</p>
        <Link to="/" className="btn btn-primary">
          Go to the overview
        </Link>
      </div>
    </section>
  );
}
