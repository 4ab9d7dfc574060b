import type { Environment } from "../bindings/Environment";
import { filterItems, paletteItems } from "./palette";

const env = (id: string, name: string, label: Environment["label"]): Environment => ({
  id,
  name,
  env_url: `https://${id}.example.com`,
  client_id: "skc",
  label,
  is_sandbox: label === "sandbox",
  created_at: "2025-01-01T00:00:00Z",
  last_used_at: null,
});

describe("palette", () => {
  const envs = [env("sbx", "Sandbox", "sandbox"), env("prod", "Acme production", "production")];

  it("lists sections and the environments that are not active", () => {
    const titles = paletteItems(envs, "sbx").map((i) => i.title);
    expect(titles).toEqual(["Go to Overview", "Go to Environments", "Go to Sandbox", "Switch to Acme production"]);
  });

  it("filters on every word, case-insensitively", () => {
    const items = paletteItems(envs, null);
    expect(filterItems(items, "switch ACME").map((i) => i.id)).toEqual(["prod"]);
    expect(filterItems(items, "go environments").map((i) => i.id)).toEqual(["environments"]);
    expect(filterItems(items, "   ")).toHaveLength(items.length);
    expect(filterItems(items, "nothing-like-this")).toEqual([]);
  });
});
