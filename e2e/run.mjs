#!/usr/bin/env node
// Runs the E2E test files one after another (the app is single-instance: one at a time), each
// in its own `node --test` process, and prints how long each file and the whole run took.
//   node e2e/run.mjs                 every e2e/tests/*.test.mjs
//   node e2e/run.mjs e2e/tests/window.test.mjs
// Exits non-zero if any file failed. E2E_TEST_TIMEOUT_MS sets the per-test timeout (default
// 60 s; tests that launch the app themselves ask for more, see e2e/lib/fixture.mjs).
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { TEST_TIMEOUT_MS } from "./lib/fixture.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(join(here, "tests")).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join(here, "tests", f));
const timeout = process.env.E2E_TEST_TIMEOUT_MS ?? String(TEST_TIMEOUT_MS);

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const results = [];
const start = Date.now();
for (const file of files) {
  const name = relative(process.cwd(), file);
  console.log(`\n== e2e: ${name}`);
  const t0 = Date.now();
  const code = await new Promise((res) => {
    const child = spawn(process.execPath, ["--test", "--test-reporter=spec", `--test-timeout=${timeout}`, file], { stdio: "inherit" });
    child.once("exit", (c, signal) => res(c ?? (signal ? 128 : 1)));
  });
  const ms = Date.now() - t0;
  results.push({ name, code, ms });
  console.log(`== e2e: ${name} ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${secs(ms)}`);
}
const total = Date.now() - start;
console.log("\n== e2e: time per file");
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) console.log(`  ${r.name.padEnd(width)}  ${secs(r.ms).padStart(8)}  ${r.code === 0 ? "ok" : "FAILED"}`);
console.log(`  ${"all files".padEnd(width)}  ${secs(total).padStart(8)}`);
const failed = results.filter((r) => r.code !== 0);
if (failed.length) {
  console.log(`== e2e: ${failed.length} of ${results.length} files failed: ${failed.map((r) => r.name).join(", ")}`);
  process.exit(1);
}
