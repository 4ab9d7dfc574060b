import type { Breakdown } from "../bindings/Breakdown";
import { env } from "../test/render";
import { furtherAlong, pickActive } from "./queries";

const breakdown = (scanned: number, done: boolean): Breakdown => ({
  env_id: "e",
  by_status: [{ status: "ACTIVE", count: scanned }],
  scanned,
  total: 100,
  done,
  computed_at: done ? "2026-11-22T09:00:00Z" : null,
  error: null,
});

describe("furtherAlong", () => {
  it("keeps a finished or further breakdown over an older answer", () => {
    expect(furtherAlong(breakdown(100, true), breakdown(40, false))?.done).toBe(true);
    expect(furtherAlong(breakdown(60, false), breakdown(40, false))?.scanned).toBe(60);
    expect(furtherAlong(breakdown(40, false), breakdown(60, false))?.scanned).toBe(60);
    expect(furtherAlong(undefined, null)).toBeNull();
    expect(furtherAlong(breakdown(10, false), null)?.scanned).toBe(10);
  });
});

describe("pickActive", () => {
  const list = [env("a", "A", "dev"), env("sbx", "Sandbox", "sandbox")];
  it("falls back to the Sandbox when the chosen environment is gone", () => {
    expect(pickActive(list, "a")?.id).toBe("a");
    expect(pickActive(list, "deleted")?.id).toBe("sbx");
    expect(pickActive([env("a", "A", "dev")], null)?.id).toBe("a");
    expect(pickActive([], "a")).toBeNull();
    expect(pickActive(undefined, "a")).toBeNull();
  });
});
