import { env } from "../test/render";
import { filterItems, paletteItems } from "./palette";

describe("palette", () => {
  const envs = [env("sbx", "Sandbox", "sandbox"), env("prod", "Acme production", "production")];

  it("lists screens (with their paths) and the environments that are not active", () => {
    const items = paletteItems(envs, "sbx");
    expect(items.map((i) => i.title)).toEqual(["Go to Overview", "Go to Connections", "Go to Accounts", "Go to Tools", "Go to Proxy", "Go to MCP configs", "Go to MCP instances", "Go to MCP inspector", "Go to Authorizations", "Go to History", "Go to Environments", "Go to Sandbox", "Switch to Acme production"]);
    expect(items.flatMap((i) => (i.kind === "section" ? [i.path] : []))).toEqual(["/", "/connections", "/accounts", "/tools", "/proxy", "/mcp", "/mcp/instances", "/mcp/inspector", "/authorizations", "/history", "/environments", "/sandbox"]);
  });

  it("filters on every word, case-insensitively", () => {
    const items = paletteItems(envs, null);
    expect(filterItems(items, "switch ACME").map((i) => i.id)).toEqual(["prod"]);
    expect(filterItems(items, "go environments").map((i) => i.id)).toEqual(["environments"]);
    expect(filterItems(items, "   ")).toHaveLength(items.length);
    expect(filterItems(items, "nothing-like-this")).toEqual([]);
  });
});
