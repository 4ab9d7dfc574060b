// The history on the real app and its built-in Sandbox: a tool run from the form and a proxied
// GET are both found by a history search; the tool's page lists its recent run; replaying the
// run shows no difference; the HAR export parses as HAR 1.2; and the copied cURL command, run in a
// shell against the Sandbox, answers the body the history stored.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { promisify } from "node:util";
import { useApp } from "../lib/fixture.mjs";
import { ipc, shot } from "../lib/harness.mjs";
import { choose, go, history, openTool, proxy, toasts, tools } from "../lib/screens.mjs";

const app = useApp("history");
const run = promisify(execFile);

/** Clicks `css`, finding it again if the list re-rendered under it (a debounced search). */
async function clickFresh(s, css) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await s.find(css)).click();
    } catch (e) {
      if (attempt >= 5 || !/stale element/.test(e.message)) throw e;
    }
  }
}

/** Types into the history's search box and waits for rows of `kind` to be the only ones. */
async function searchHistory(s, words, kind) {
  await go(s, "history");
  await (await s.find(history.search)).fill(words);
  await s.waitFor(
    async () => {
      // The search is applied once it is in the URL (typing is debounced); until then the
      // rows are the previous list's.
      const hash = await s.execute("return location.hash", []);
      if (new URLSearchParams(hash.split("?")[1] ?? "").get("q") !== words) return false;
      if ((await s.findAll('[aria-busy="true"]')).length > 0) return false;
      const rows = await s.findAll(history.anyRow);
      const kinds = await Promise.all(rows.map((r) => r.attr("data-kind")));
      return kinds.length > 0 && kinds.includes(kind);
    },
    { timeout: 15000, what: `a ${kind} entry found by "${words}"` },
  );
}

test("tool runs and proxied calls are found, replayed, exported and copied as cURL", async () => {
  const s = app.session;
  // A tool run from the generated form.
  await openTool(s, { provider: "gmail", name: "gmail_fetch_mails", words: "fetch_mails" });
  await (await s.find(tools.identifier)).fill("alice@example.com");
  await choose(s, tools.connection, "gmail");
  await (await s.find(tools.formField("max_results"))).fill("2");
  await (await s.find(tools.run)).click();
  await s.find(tools.outcome("ok"), { timeout: 20000 });
  // Answered once recorded: the tool's page lists the run at once.
  await s.find(history.toolRunEntry, { timeout: 10000 });

  // A proxied GET.
  await go(s, "proxy");
  await choose(s, proxy.connection, "gmail");
  await (await s.find(proxy.identifier)).fill("alice@example.com");
  await (await s.find(proxy.path)).fill("/gmail/v1/users/me/profile");
  await (await s.find(proxy.send)).click();
  await s.find(proxy.response, { timeout: 20000 });

  await searchHistory(s, "profile", "proxy");
  await searchHistory(s, "gmail_fetch_mails", "tool");
  await shot(s, "history");

  // Replay the tool run: the same answer (execution ids aside).
  await clickFresh(s, `${history.row("tool")} ${history.open}`);
  await s.find(history.detail);
  await (await s.find(history.replay)).click();
  await s.find(history.replaySame, { timeout: 20000 });
  assert.equal((await s.findAll(history.replayDiff)).length, 0, "no diff rows for an identical answer");
  await shot(s, "history-replay");

  // HAR export: the path is in the toast; the file parses as HAR 1.2 with our entries.
  await (await s.find(history.exportAs("har"))).click();
  const toast = await s.waitForText(toasts.ok, /Exported to /, { timeout: 15000 });
  const path = toast.replace(/^.*Exported to /, "").trim();
  const har = JSON.parse(readFileSync(path, "utf8"));
  assert.equal(har.log.version, "1.2");
  assert.ok(har.log.creator?.name, "creator");
  assert.ok(har.log.entries.length >= 2, `${har.log.entries.length} entries`);
  for (const e of har.log.entries) {
    assert.ok(e.startedDateTime && typeof e.time === "number", "startedDateTime, time");
    assert.ok(e.request.method && e.request.url && Array.isArray(e.request.headers), "request");
    assert.ok(typeof e.response.status === "number" && e.response.content, "response");
    assert.ok(e.timings && typeof e.timings.wait === "number", "timings");
  }

  // Copy as cURL, run in a shell with a token of our own: the body the history stored.
  await searchHistory(s, "profile", "proxy");
  await clickFresh(s, `${history.row("proxy")} ${history.open}`);
  await (await s.find(history.copy("curl"))).click();
  await s.waitFor(async () => {
    const texts = await Promise.all((await s.findAll(toasts.any)).map((t) => t.text()));
    if (texts.some((t) => /Could not|error|denied/i.test(t))) throw new Error(`copy failed: ${texts}`);
    return texts.some((t) => /Copied as/.test(t));
  }, { timeout: 10000, what: "the Copied toast" });
  const [row] = (await ipc(s, "history_list", { filter: { kind: "proxy" }, before: null, limit: 1 })).entries;
  const curl = await ipc(s, "history_copy_as", { id: row.id, style: "curl" });
  const piece = await ipc(s, "history_body_chunk", { id: row.id, part: "response", offset: 0 });
  assert.equal(piece.next, piece.stored, "a small body is one piece");
  const stored = piece.text;
  const { admin } = await app.sandbox();
  const token = await admin.token();
  const { stdout } = await run("sh", ["-c", `${curl.trim()} -sS`], { env: { ...process.env, SCALEKIT_ACCESS_TOKEN: token } });
  assert.deepEqual(JSON.parse(stdout), JSON.parse(stored));
});
