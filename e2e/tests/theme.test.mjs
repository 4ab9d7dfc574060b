// The theme follows the system's. The theme is read at launch, so this file's app starts with
// a dark GTK theme.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useApp } from "../lib/fixture.mjs";
import { shot } from "../lib/harness.mjs";
import { overview } from "../lib/screens.mjs";

const app = useApp("dark", { extraEnv: { GTK_THEME: "Adwaita:dark" } });

test("dark theme when the system prefers dark", async () => {
  const s = app.session;
  assert.equal(await s.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), true);
  const bg = await s.execute("return getComputedStyle(document.documentElement).backgroundColor");
  assert.equal(bg, "rgb(17, 17, 19)");
  await s.find(overview.ready, { timeout: 30000 });
  await shot(s, "overview-dark");
});
