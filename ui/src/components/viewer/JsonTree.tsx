// A collapsible tree of a JSON value. Containers below the second level start folded, and long
// arrays and objects show their first entries with "show more", so a large result opens fast.
import { useState } from "react";
import { Highlight } from "./Highlight";

/** Entries a container shows before "show more". */
export const TREE_PAGE = 200;

function preview(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).length}}`;
  return JSON.stringify(v) ?? String(v);
}

/** Whether a value (key or scalar, at any depth) contains the search text. */
export function containsText(v: unknown, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  if (v && typeof v === "object") {
    return Object.entries(v).some(([k, x]) => k.toLowerCase().includes(needle) || containsText(x, q));
  }
  return String(v).toLowerCase().includes(needle);
}

interface NodeProps {
  name: string | null;
  value: unknown;
  depth: number;
  search: string;
}

function Node({ name, value, depth, search }: NodeProps) {
  const container = value !== null && typeof value === "object";
  const [open, setOpen] = useState(depth < 2);
  const [shown, setShown] = useState(TREE_PAGE);
  // A search opens the branches that hold a match.
  const expanded = open || (search !== "" && container && containsText(value, search));
  const label = name !== null && (
    <span className="tree-key">
      <Highlight text={name} query={search} />:{" "}
    </span>
  );
  if (!container) {
    const kind = value === null ? "null" : typeof value;
    return (
      <div className="tree-row" style={{ paddingLeft: depth * 14 }}>
        {label}
        <span className={`tree-${kind}`}>
          <Highlight text={JSON.stringify(value) ?? String(value)} query={search} />
        </span>
      </div>
    );
  }
  const entries = Object.entries(value as object);
  const visible = search ? entries.filter(([k, v]) => k.toLowerCase().includes(search.toLowerCase()) || containsText(v, search)) : entries;
  return (
    <div>
      <div className="tree-row" style={{ paddingLeft: depth * 14 }}>
        <button type="button" className="tree-toggle" onClick={() => setOpen(!expanded)} aria-expanded={expanded} data-testid="tree-toggle">
          {expanded ? "▾" : "▸"}
        </button>
        {label}
        <span className="muted">{preview(value)}</span>
      </div>
      {expanded &&
        visible.slice(0, shown).map(([k, v]) => <Node key={k} name={Array.isArray(value) ? `[${k}]` : k} value={v} depth={depth + 1} search={search} />)}
      {expanded && visible.length > shown && (
        <button type="button" className="btn btn-small btn-ghost" style={{ marginLeft: (depth + 1) * 14 }} onClick={() => setShown(shown + TREE_PAGE)}>
          Show {Math.min(TREE_PAGE, visible.length - shown)} more of {visible.length - shown}
        </button>
      )}
    </div>
  );
}

export function JsonTree({ value, search }: { value: unknown; search: string }) {
  return (
    <div className="tree mono" data-testid="viewer-tree">
      <Node name={null} value={value} depth={0} search={search} />
    </div>
  );
}
