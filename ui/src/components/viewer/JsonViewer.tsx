// The result viewer: a JSON value (or text) in pretty, tree or raw form, with search, a JSONPath
// filter and copy. Reused by the playground and the history. Everything is rendered as text.
import { useDeferredValue, useMemo, useState } from "react";
import { Icon } from "../Icon";
import { Highlight, matches } from "./Highlight";
import { applyJsonPath } from "./jsonpath";
import { JsonTree } from "./JsonTree";
import "./viewer.css";

export type ViewerMode = "pretty" | "tree" | "raw";

interface Props {
  /** A parsed JSON value. */
  value: unknown;
  /** The original text, shown in raw mode (compact JSON when absent). */
  raw?: string;
  initialMode?: ViewerMode;
  testId?: string;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function JsonViewer({ value, raw, initialMode = "pretty", testId = "viewer" }: Props) {
  const [mode, setMode] = useState<ViewerMode>(initialMode);
  const [searchText, setSearch] = useState("");
  const [pathText, setPath] = useState("");
  const [copied, setCopied] = useState<"" | "ok" | "failed">("");
  // Typing stays responsive on large values: filtering and highlighting follow a frame behind.
  const search = useDeferredValue(searchText);
  const path = useDeferredValue(pathText);
  const filtered = useMemo(() => applyJsonPath(value, path), [value, path]);
  const shown = filtered.ok ? filtered.value : value;
  const pathActive = filtered.ok && path.trim() !== "";
  const text = useMemo(() => {
    if (mode === "raw") return !pathActive && raw !== undefined ? raw : JSON.stringify(shown);
    return JSON.stringify(shown, null, 2) ?? String(shown);
  }, [mode, shown, raw, pathActive]);
  const hits = search && mode !== "tree" ? matches(text, search).length : null;

  return (
    <div className="viewer" data-testid={testId}>
      <div className="viewer-bar">
        <div className="segmented" role="tablist" aria-label="View">
          {(["pretty", "tree", "raw"] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? "active" : ""} onClick={() => setMode(m)} data-testid={`viewer-mode-${m}`}>
              {m.charAt(0).toUpperCase() + m.slice(1)}
            </button>
          ))}
        </div>
        <label className="search-box">
          <Icon name="search" size={14} />
          <input value={searchText} onChange={(e) => setSearch(e.target.value)} placeholder="Search" aria-label="Search the result" data-testid="viewer-search" />
        </label>
        <input className="mono viewer-path" value={pathText} onChange={(e) => setPath(e.target.value)} placeholder="$.path[*].filter" aria-label="JSONPath filter" data-testid="viewer-jsonpath" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void copyText(text).then((ok) => setCopied(ok ? "ok" : "failed"))}
          data-testid="viewer-copy"
        >
          <Icon name="copy" size={14} /> {copied === "ok" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy"}
        </button>
      </div>
      {!filtered.ok && (
        <p className="field-error" data-testid="viewer-path-error">
          {filtered.error}
        </p>
      )}
      {pathActive && filtered.ok && (
        <p className="field-hint" data-testid="viewer-path-count">
          {filtered.count} {filtered.count === 1 ? "match" : "matches"}
        </p>
      )}
      {hits !== null && (
        <p className="field-hint" data-testid="viewer-search-count">
          {hits} {hits === 1 ? "hit" : "hits"}
        </p>
      )}
      {mode === "tree" ? (
        <JsonTree value={shown} search={search} />
      ) : (
        <pre className={`viewer-text mono${mode === "raw" ? " viewer-raw" : ""}`} data-testid="viewer-text">
          <Highlight text={text} query={search} />
        </pre>
      )}
    </div>
  );
}

/** Text that may be JSON: the viewer when it parses, else the text as is (with search). */
export function TextViewer({ text, testId = "viewer" }: { text: string; testId?: string }) {
  const parsed = useMemo(() => {
    try {
      return { ok: true as const, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false as const };
    }
  }, [text]);
  const [search, setSearch] = useState("");
  if (parsed.ok) return <JsonViewer value={parsed.value} raw={text} testId={testId} />;
  return (
    <div className="viewer" data-testid={testId}>
      <div className="viewer-bar">
        <label className="search-box">
          <Icon name="search" size={14} />
          <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search" aria-label="Search the text" data-testid="viewer-search" />
        </label>
      </div>
      <pre className="viewer-text viewer-raw mono" data-testid="viewer-text">
        <Highlight text={text} query={search} />
      </pre>
    </div>
  );
}
