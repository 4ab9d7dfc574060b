// Launches the real Kitbench binary through tauri-driver, each test with a fresh HOME, XDG dirs
// and KITBENCH_DATA_DIR. Expects to run under Xvfb (DISPLAY) inside a D-Bus session with an
// unlocked gnome-keyring: scripts/test-app.sh sets that up.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, createWriteStream, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
export const APP = process.env.KITBENCH_APP ?? join(TARGET, "debug", "kitbench");
export const SANDBOX_BIN = process.env.KITBENCH_SANDBOX_BIN ?? join(TARGET, "debug", "kitbench-sandbox");
export const SHOTS = process.env.KITBENCH_SHOTS ?? join(ROOT, "artifacts", "screenshots");
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";

/** A fresh HOME with XDG dirs and a data dir, like a new user's machine. */
export function freshHome(name) {
  const home = mkdtempSync(join(tmpdir(), `kitbench-e2e-${name}-`));
  const env = {
    HOME: home,
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    KITBENCH_DATA_DIR: join(home, "kitbench-data"),
  };
  for (const dir of [env.XDG_DATA_HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) mkdirSync(dir, { recursive: true });
  return { home, env };
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of running app processes; with `dataDir`, only the one started with that data dir. */
function appPids(dataDir) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) !== APP) continue;
      if (dataDir && !readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`KITBENCH_DATA_DIR=${dataDir}`)) continue;
      pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

async function waitUntilGone(dataDir, timeout = 15000) {
  const until = Date.now() + timeout;
  while (appPids(dataDir).length > 0) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Ends the app this harness launched for `dataDir`. Deleting the WebDriver session closes the
 * web view, but the app process can outlive it (WebKitWebDriver does not always get to end
 * it), so after a grace period it gets SIGTERM, then SIGKILL, by pid.
 */
async function endApp(dataDir) {
  if (await waitUntilGone(dataDir, 3000)) return;
  for (const signal of ["SIGTERM", "SIGKILL"]) {
    for (const pid of appPids(dataDir)) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    if (await waitUntilGone(dataDir, 5000)) return;
  }
  throw new Error(`the app for ${dataDir} is still running: pids ${appPids(dataDir).join(", ")}`);
}

/**
 * Starts tauri-driver with `home`'s environment and opens a session on the app.
 * Returns { session, close }.
 */
export async function launch(home, { extraEnv = {} } = {}) {
  // The app is single-instance: a leftover from an earlier test would swallow this launch.
  if (!(await waitUntilGone(undefined, 15000))) {
    throw new Error(`an earlier app is still running: pids ${appPids().join(", ")}`);
  }
  const port = await freePort();
  const nativePort = await freePort();
  const log = createWriteStream(join(home.home, `tauri-driver-${Date.now()}.log`));
  const driver = spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...home.env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10000;
  for (;;) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      driver.kill();
      throw new Error("tauri-driver did not start");
    }
    await sleep(50);
  }
  let session;
  try {
    session = await Session.start(base, { browserName: "wry", "tauri:options": { application: APP } });
  } catch (e) {
    driver.kill();
    throw e;
  }
  const close = async () => {
    await session.quit().catch(() => undefined);
    // Reported, not thrown: a failing test's own error must not be masked by this one (the
    // next launch fails loudly if the app really stays up).
    await endApp(home.env.KITBENCH_DATA_DIR).catch((e) => console.error(`warning: ${e.message}`));
    driver.kill();
    await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
  };
  return { session, close };
}

/** Starts a separate `kitbench-sandbox --port 0` and reads its credentials line. */
export async function startSandbox() {
  const child = spawn(SANDBOX_BIN, ["--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error("kitbench-sandbox printed nothing in 10 s")), 10000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      res(line);
    });
    child.once("exit", (code) => rej(new Error(`kitbench-sandbox exited with ${code}`)));
  });
  const creds = JSON.parse(first);
  return {
    ...creds,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", r);
        child.kill("SIGTERM");
      }),
  };
}

/** Saves a PNG of the window into artifacts/screenshots/<name>.png. */
export async function shot(session, name) {
  mkdirSync(SHOTS, { recursive: true });
  // WebKit hands WebDriver its last painted frame: let two frames render first.
  await session.cmd("POST", "/execute/async", {
    script: "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
    args: [],
  });
  await new Promise((r) => setTimeout(r, 150));
  const file = join(SHOTS, `${name}.png`);
  writeFileSync(file, await session.screenshot());
  return file;
}

/** Environment ids that have a Kitbench secret in the keychain (via libsecret's secret-tool). */
export function keychainAccounts() {
  // secret-tool prints the attributes on stderr and exits 1 when nothing matches.
  const run = spawnSync("secret-tool", ["search", "--all", "service", "kitbench"], { encoding: "utf8" });
  const out = `${run.stdout ?? ""}\n${run.stderr ?? ""}`;
  return [...out.matchAll(/^attribute\.username = (.+)$/gm)].map((m) => m[1].trim());
}
