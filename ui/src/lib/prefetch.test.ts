import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Overview } from "../bindings/Overview";
import { atMost, prefetchOverview, takeOverview, takeReadyOverview } from "./prefetch";

const overview = (envId: string): Overview => ({
  env_id: envId,
  connections: 84,
  connected_accounts: 6,
  accounts_by_status: [{ status: "ACTIVE", count: 6 }],
  mcp_configs: 1,
  mcp_instances: 1,
  fetched_at: "2026-11-22T09:00:00Z",
  elapsed_ms: 3,
});

afterEach(() => clearMocks());

describe("overview prefetch", () => {
  it("hands a settled overview to the first render once, and asks the app only once", async () => {
    const asked: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "overview") return null;
      const envId = (args as { env_id: string }).env_id;
      asked.push(envId);
      return overview(envId);
    });
    await prefetchOverview("env_a");
    await prefetchOverview("env_a");
    expect(takeReadyOverview("env_a")?.connections).toBe(84);
    expect(takeReadyOverview("env_a")).toBeNull();
    expect(asked).toEqual(["env_a"]);
  });

  it("keeps a failed prefetch for the page to report, never as ready data", async () => {
    mockIPC(() => {
      throw { kind: "network", message: "connection refused" };
    });
    await prefetchOverview("env_b");
    expect(takeReadyOverview("env_b")).toBeNull();
    await expect(takeOverview("env_b")).rejects.toMatchObject({ kind: "network" });
  });

  it("stops waiting for a slow environment after the limit", async () => {
    const never = new Promise<void>(() => undefined);
    const started = Date.now();
    await atMost(never, 30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
