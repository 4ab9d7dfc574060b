// Start-up time and memory of Kitbench next to a bare Tauri window (figures, not a test).
// Run through bench/app/measure.sh, which builds both and provides Xvfb + D-Bus + keyring.
//   node measure.mjs <kitbench binary> <bare binary> [runs]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memory } from "./memory.mjs";

const [kitbench, bare, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 3);
const IDLE_MS = 10_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runOnce(bin) {
  const home = mkdtempSync(join(tmpdir(), "kitbench-measure-"));
  const started = Date.now();
  const child = spawn(bin, [], {
    env: { ...process.env, KITBENCH_MEASURE: "1", KITBENCH_DATA_DIR: join(home, "data"), XDG_DATA_HOME: join(home, "share") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const marks = {};
  let buffer = "";
  child.stderr.on("data", (chunk) => {
    buffer += chunk;
    for (const m of buffer.matchAll(/KITBENCH_MARK (\w+) (\d+)/g)) marks[m[1]] ??= Number(m[2]) - started;
  });
  const until = Date.now() + 60_000;
  while (marks.overview_painted === undefined) {
    if (child.exitCode !== null) throw new Error(`${bin} exited with ${child.exitCode}`);
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`${bin}: no overview_painted mark in 60 s`);
    }
    await sleep(20);
  }
  await sleep(IDLE_MS);
  const mem = memory(child.pid);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(home, { recursive: true, force: true });
  if (process.env.MEASURE_VERBOSE) console.error(bin, JSON.stringify(marks));
  return { firstIpc: marks.first_ipc, painted: marks.overview_painted, ...mem };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function measure(bin) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(bin));
  return {
    firstIpc: median(runs.map((r) => r.firstIpc)),
    painted: median(runs.map((r) => r.painted)),
    rss: median(runs.map((r) => r.rss)),
    pss: median(runs.map((r) => r.pss)),
    processes: runs[0].processes,
  };
}

const k = await measure(kitbench);
if (process.env.MEASURE_ONLY_KITBENCH) process.exit(0);
const b = await measure(bare);
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const ratio = (x, y) => `${(x / y).toFixed(2)}×`;
const rows = [
  ["Start → first IPC call", `${k.firstIpc} ms`, `${b.firstIpc} ms`, ratio(k.firstIpc, b.firstIpc), "≤ 1.5×"],
  ["Start → first paint of the overview¹", `${k.painted} ms`, `${b.painted} ms`, ratio(k.painted, b.painted), "≤ 1.5×"],
  ["RSS after 10 s idle²", mb(k.rss), mb(b.rss), ratio(k.rss, b.rss), "≤ 1.3×"],
  ["PSS after 10 s idle²", mb(k.pss), mb(b.pss), ratio(k.pss, b.pss), "≤ 1.3×"],
];
console.log(`| Median of ${RUNS} runs | Kitbench | Bare Tauri window | Ratio | Aim |`);
console.log("|---|---:|---:|---:|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log("");
console.log("¹ Kitbench: the overview's counts rendered (bootstrap + 4 API calls to the built-in Sandbox); bare window: its page painted.");
console.log(`² Summed over the app and its WebKit processes (Kitbench: ${k.processes.join(", ")}; bare: ${b.processes.join(", ")}).`);
