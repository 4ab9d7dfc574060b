// A JSONPath filter over a value, with jsonpath-plus: maintained, and its "safe" evaluator runs
// filter expressions without eval/new Function (the app's CSP forbids those, and the path is
// typed by the user).
import { JSONPath } from "jsonpath-plus";

export type PathResult = { ok: true; value: unknown; count: number } | { ok: false; error: string };

/** The values `path` selects in `value`, as an array; the whole value for a blank path. */
export function applyJsonPath(value: unknown, path: string): PathResult {
  const p = path.trim();
  if (!p) return { ok: true, value, count: 1 };
  if (!p.startsWith("$")) return { ok: false, error: "A JSONPath starts with $ (for example $.messages[*].id)." };
  if (value === null || typeof value !== "object") return { ok: false, error: "Only JSON objects and arrays can be filtered." };
  try {
    const found = JSONPath({ path: p, json: value as object, wrap: true, eval: "safe" }) as unknown[];
    return { ok: true, value: found, count: found.length };
  } catch (e) {
    return { ok: false, error: `Not a valid JSONPath: ${e instanceof Error ? e.message : String(e)}` };
  }
}
