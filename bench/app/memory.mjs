// Memory of a process tree, from /proc (the app and its WebKit web/network processes).
import { readFileSync, readdirSync } from "node:fs";

function children(pid) {
  const out = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function tree(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
  return all;
}

/** RSS and PSS (kB) summed over the process and its descendants (WebKit web/network). */
export function memory(pid) {
  return memoryOf([pid]);
}

/** RSS and PSS (kB) summed over several processes and their descendants; RSS by process name. */
export function memoryOf(pids) {
  let rss = 0;
  let pss = 0;
  const names = [];
  const byProcess = {};
  for (const p of new Set(pids.flatMap(tree))) {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      names.push(readFileSync(`/proc/${p}/comm`, "utf8").trim());
      byProcess[names.at(-1)] = (byProcess[names.at(-1)] ?? 0) + Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      if (process.env.MEASURE_VERBOSE) {
        const r = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0);
        console.error(`  ${names.at(-1)}: rss ${r("Rss")} kB, pss ${r("Pss")} kB, anon ${r("Anonymous")} kB`);
      }
    } catch {
      // exited meanwhile
    }
  }
  return { rss, pss, processes: names, byProcess };
}

