// The accounts screen at scale (figures, not a test): with 100 and with 100,000 connected
// accounts in the built-in Sandbox, in one run of the real app driven over WebDriver:
//   - open: from leaving the overview for the accounts screen to its first rows painted;
//   - filter: from setting a connection filter to its first page painted (server-side filter);
//   - memory of the app's processes (RSS, WebKit included) after scrolling to the last row,
//     i.e. row 100 or row 100,000 (every page of 99 fetched on the way).
// Times are taken in the page (performance.now() to the animation frame that shows the rows),
// so WebDriver round trips are not in them. Run through bench/app/accounts.sh.
import { App } from "../../e2e/lib/fixture.mjs";
import { appPids, ipc } from "../../e2e/lib/harness.mjs";
import { memoryOf } from "./memory.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = [100, 100_000];
const ROW = '[data-testid="account-row"]';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * In the page: sets the URL hash, then resolves with the ms until an animation frame showing
 * rows (and, when `notTotal` is given, a count other than it: the filtered list, not the old).
 * (The app's CSP forbids eval, so the condition is fixed here rather than passed as source.)
 */
async function timeTo(s, hash, notTotal = null) {
  const reply = await s.executeAsync(
    `const [hash, notTotal, rowCss] = arguments; const done = arguments[arguments.length - 1];
     const ready = () => {
       if (document.querySelectorAll(rowCss).length === 0) return false;
       if (notTotal === null) return true;
       const c = document.querySelector('[data-testid="accounts-count"]');
       return c !== null && Number(c.dataset.count) !== notTotal;
     };
     const t0 = performance.now();
     const deadline = t0 + 60000;
     window.location.hash = hash;
     const tick = () => {
       if (ready()) return done({ ms: performance.now() - t0 });
       if (performance.now() > deadline) return done({ error: "not ready in 60 s" });
       requestAnimationFrame(tick);
     };
     requestAnimationFrame(tick);`,
    [hash, notTotal, ROW],
  );
  if (reply.error) throw new Error(`${hash}: ${reply.error}`);
  return reply.ms;
}

/** A fresh page on the overview (no cached query), ready. */
async function fromOverview(s) {
  await s.execute("window.location.hash = '#/';", []);
  await s.refresh();
  await s.find('[data-testid="overview"][data-state="ready"]', { timeout: 30000 });
}

/** Scrolls the table to its end, page after page, until row `total` is rendered. */
async function scrollToEnd(s, total) {
  const t0 = Date.now();
  for (;;) {
    const last = await s.execute(
      `const el = document.querySelector('[data-testid="accounts-table"] .table-scroll');
       el.scrollTop = el.scrollHeight;
       const rows = [...document.querySelectorAll('${ROW}')];
       return Math.max(0, ...rows.map((r) => Number(r.getAttribute('aria-rowindex')) - 1));`,
      [],
    );
    if (last >= total) return Date.now() - t0;
    if (Date.now() - t0 > 20 * 60_000) throw new Error(`scrolled to row ${last} of ${total} in 20 min`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function measure(app, size) {
  const s = app.session;
  const base = (await ipc(s, "sandbox_reset")).accounts;
  const t0 = Date.now();
  const total = (await ipc(s, "sandbox_seed_accounts", { count: size - base })).accounts;
  const seedMs = Date.now() - t0;
  if (total !== size) throw new Error(`seeded ${total} accounts, wanted ${size}`);

  const open = [];
  const filter = [];
  for (let i = 0; i < RUNS; i++) {
    await fromOverview(s);
    open.push(await timeTo(s, "#/accounts"));
    filter.push(await timeTo(s, "#/accounts?connection=slack", total));
  }
  await fromOverview(s);
  await timeTo(s, "#/accounts");
  const scrollMs = await scrollToEnd(s, total);
  const mem = memoryOf(appPids(app.dataDir));
  const mb = (kb) => Math.round(kb / 1024);
  const web = Object.entries(mem.byProcess).filter(([name]) => /^WebKitWeb/.test(name)).reduce((n, [, kb]) => n + kb, 0);
  return {
    size,
    seedMs,
    open: median(open),
    filter: median(filter),
    scrollMs,
    rssMb: mb(mem.rss),
    pssMb: mb(mem.pss),
    webMb: mb(web),
    byProcessMb: Object.fromEntries(Object.entries(mem.byProcess).map(([k, v]) => [k, mb(v)])),
  };
}

const app = new App("bench-accounts");
try {
  await app.start();
  const results = [];
  for (const size of SIZES) {
    const r = await measure(app, size);
    console.error(`${size} accounts: ${JSON.stringify(r)}`);
    results.push(r);
  }
  const fmt = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
  console.log(`\nAccounts screen, median of ${RUNS} runs (memory after scrolling to the last row)\n`);
  console.log("| accounts | first rows | first filtered page | scroll to last row | RSS after (all) | of which web view | PSS after (all) |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const row = [fmt(r.size), `${fmt(r.open)} ms`, `${fmt(r.filter)} ms`, `${(r.scrollMs / 1000).toFixed(1)} s`, `${fmt(r.rssMb)} MB`, `${fmt(r.webMb)} MB`, `${fmt(r.pssMb)} MB`];
    console.log(`| ${row.join(" | ")} |`);
  }
  const [small, big] = results;
  console.log(
    `\naccounts: first rows ${fmt(big.open)} ms at ${fmt(big.size)} (${fmt(small.open)} ms at ${fmt(small.size)}), ` +
      `filtered ${fmt(big.filter)} ms, RSS after scrolling ${fmt(big.rssMb)} MB vs ${fmt(small.rssMb)} MB`,
  );
} finally {
  await app.dispose();
}
