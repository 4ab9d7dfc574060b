// Opening a 50 MB history entry in the real app (figures, not a test): the longest stalls
// (1) while the entry opens with its preview and (2) from clicking "Show all" until the whole
// body is shown: it arrives in pieces of about 1 MiB, and the text is marked
// data-complete="true" after the last one. Two stalls are timed in the page, so WebDriver round
// trips are not in them:
// - the main thread's: the longest time a 10 ms timer fired late (script, style, layout);
// - the screen's: the longest gap between animation frames, which also holds painting. WebKitGTK
//   paints on other threads (in software under Xvfb), so a frame can be late while the main
//   thread is free.
// A 10 KB entry is opened first, from the start screen: the history screen's first paint, which
// any entry pays, is then in its row rather than in the 50 MB entry's.
// Run through bench/app/history_entry.sh.
import { execFileSync } from "node:child_process";
import { App } from "../../e2e/lib/fixture.mjs";

const [seeder, mbArg] = process.argv.slice(2);
const MB = Number(mbArg ?? 50);

/**
 * In the page: runs `action`, then records the longest frame gap until `doneCss` matches. Started
 * by one script and read by later ones, so a frozen page cannot hold a WebDriver command past
 * its deadline; the reads wait in line behind whatever blocks the main thread.
 */
async function stall(s, action, doneCss) {
  await s.execute(
    `const [action, doneCss] = arguments;
     const st = (window.__stall = { worst: 0, worstAt: 0, total: null, gaps: [], main: 0 });
     let last = performance.now(); const t0 = last;
     let ticked = last;
     const tick = () => {
       const now = performance.now();
       st.main = Math.max(st.main, now - ticked - 10);
       ticked = now;
       if (st.total === null) setTimeout(tick, 10);
     };
     setTimeout(tick, 10);
     const isDone = () => document.querySelector(doneCss) !== null;
     const frame = (now) => {
       const gap = now - last;
       st.gaps.push(gap);
       if (gap > st.worst) { st.worst = gap; st.worstAt = last - t0; }
       last = now;
       if (isDone()) { st.total = now - t0; return; }
       requestAnimationFrame(frame);
     };
     requestAnimationFrame(frame);
     if (action.hash) window.location.hash = action.hash;
     if (action.click) document.querySelector(action.click).click();`,
    [action, doneCss],
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    let st = null;
    try {
      st = await s.execute("return window.__stall", []);
    } catch (e) {
      if (!/no answer/.test(e.message)) throw e; // the page was busy past a command's deadline
    }
    if (st?.total !== null && st?.total !== undefined) return st;
    if (Date.now() > deadline) throw new Error(`not shown in 300 s (longest frame gap so far: ${st?.worst} ms)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * What one frame costs on this screen when anything changes (a text outside the app, 12 frames
 * in a row): the floor under any stall measured here (software compositing under Xvfb).
 */
async function repaint(s) {
  await s.execute(
    `const st = (window.__repaint = { gaps: [], done: false });
     const m = document.body.appendChild(document.createElement("span"));
     let last = performance.now();
     const frame = (now) => {
       st.gaps.push(now - last); last = now;
       if (st.gaps.length > 12) { m.remove(); st.done = true; return; }
       m.textContent = String(now);
       requestAnimationFrame(frame);
     };
     requestAnimationFrame(frame);`,
    [],
  );
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const st = await s.execute("return window.__repaint", []);
    if (st.done) return median(st.gaps.slice(1));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const app = new App("bench-history-entry");
try {
  const seed = (mb) => execFileSync(seeder, [app.dataDir, String(mb)], { encoding: "utf8" }).trim().split("\n").pop();
  const small = seed(0.01);
  const id = seed(MB);
  await app.start();
  // The start screen loads first (the overview's calls and its render): measured apart by
  // `make measure`, and not part of opening an entry.
  await app.waitForStartScreen();
  const s = app.session;
  const shownCss = (entry) => `[data-testid="history-detail"][data-id="${entry}"] [data-testid="body-response-text"]`;
  const first = await stall(s, { hash: `#/history?id=${small}` }, shownCss(small));
  await s.execute("window.location.hash = '#/';", []);
  await app.waitForStartScreen();
  const open = await stall(s, { hash: `#/history?id=${id}` }, '[data-testid="body-response-all"]');
  const floor = await repaint(s);
  const text = '[data-testid="body-response-text"]';
  const all = await stall(s, { click: '[data-testid="body-response-all"]' }, `${text}[data-complete="true"]`);
  // Complete means every piece arrived: the notice is gone and the blocks cover the body.
  const shown = await s.execute(
    `const t = document.querySelector(arguments[0]);
     return { blocks: Number(t.dataset.blocks), partial: document.querySelector('[data-testid="body-response-partial"]') !== null };`,
    [text],
  );
  if (shown.partial || shown.blocks < (MB * 1_048_576) / 8000) throw new Error(`not all shown: ${JSON.stringify(shown)}`);
  const ms = (x) => `${Math.max(0, x).toFixed(0)} ms`;
  console.log(`| ${MB} MB history entry | longest main-thread stall | longest frame gap | until shown |`);
  console.log("|---|---:|---:|---:|");
  console.log(`| open a 10 KB entry first (the history screen's first paint) | ${ms(first.main)} | ${ms(first.worst)} | ${ms(first.total)} |`);
  console.log(`| open the ${MB} MB entry (preview of the first 64 KiB) | ${ms(open.main)} | ${ms(open.worst)} | ${ms(open.total)} |`);
  console.log(`| "Show all" (the whole body, in pieces of 1 MiB) | ${ms(all.main)} | ${ms(all.worst)} | ${ms(all.total)} |`);
  const slow = all.gaps.filter((g) => g > 100).length;
  console.log(
    `\n"Show all": ${all.gaps.length} frames, median gap ${ms(median(all.gaps))}, ${slow} over 100 ms, ` +
      `longest at ${ms(all.worstAt)} after the click; one frame of this screen with any change: ${ms(floor)}`,
  );
  console.log(
    `\nhistory entry: ${MB} MB, longest main-thread stall opening ${ms(open.main)}, showing all ${ms(all.main)}; ` +
      `longest frame gap opening ${ms(open.worst)}, showing all ${ms(all.worst)} (aim: under 100 ms; ${shown.blocks} blocks shown)`,
  );
} finally {
  await app.dispose();
}
