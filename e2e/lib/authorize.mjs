// The browser's and the desktop's parts of an authorization, for tests that drive the app:
// the app writes each URL it would open in a browser to KITBENCH_OPEN_URL_LOG; the test posts
// the Sandbox consent page's decision like a browser, and hands the kitbench:// redirect back
// to the app as the desktop does.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP } from "./harness.mjs";

/** A fresh file for KITBENCH_OPEN_URL_LOG. */
export function openedUrlLog() {
  return join(mkdtempSync(join(tmpdir(), "kitbench-e2e-opened-")), "opened-urls.log");
}

/** The URLs the app has opened so far. */
export const openedUrls = (log) => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : []);

/** Waits for the app to open one more URL than `before` and returns it. */
export async function nextOpenedUrl(s, log, before) {
  let url = null;
  await s.waitFor(async () => (url = openedUrls(log)[before] ?? null) !== null, {
    timeout: 15000,
    what: "the magic link in KITBENCH_OPEN_URL_LOG",
  });
  return url;
}

/** The browser's part: posts the consent decision and returns the redirect (not followed). */
export async function consent(link, decision) {
  const res = await fetch(link, {
    method: "POST",
    body: new URLSearchParams({ decision }),
    redirect: "manual",
    signal: AbortSignal.timeout(10000),
  });
  const location = res.headers.get("location");
  assert.ok(location?.startsWith("kitbench://"), `consent ${decision}: ${res.status} → ${location}`);
  return location;
}

/** Hands a link to the running `app` as the desktop does: a second launch that forwards it. */
export function deliver(app, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(APP, [url], { env: { ...process.env, ...app.home.env }, stdio: "ignore" });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the second instance did not hand the link over and exit within 15 s"));
    }, 15000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Requests the app's Sandbox received, as `METHOD path` strings, oldest first. */
export async function sandboxRequests(app) {
  return (await sandboxJournal(app)).map((e) => `${e.method} ${e.path}`);
}

/** The app's Sandbox journal entries ({ method, path, status, … }), oldest first. */
export async function sandboxJournal(app) {
  const { admin } = await app.sandbox();
  // The journal is served newest first, a page at a time.
  const entries = [];
  let before = null;
  do {
    const page = await admin.call("GET", `/journal?limit=500${before === null ? "" : `&before=${before}`}`);
    entries.push(...page.entries);
    before = page.next_before ?? null;
  } while (before !== null);
  return entries.sort((a, b) => a.seq - b.seq);
}

/** How many verify calls the app's Sandbox received. */
export async function verifyCalls(app) {
  return (await sandboxRequests(app)).filter((r) => r.startsWith("POST /api/v1/connected_accounts/user/verify")).length;
}
