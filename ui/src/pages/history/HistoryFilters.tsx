// The history list's filters: full-text search (sent once typing pauses), environment, kind,
// status, time range and identifier. Everything is applied by the server.
import { useEffect, useRef, useState } from "react";
import type { Environment } from "../../bindings/Environment";
import { Icon } from "../../components/Icon";
import { useDebounced } from "../../lib/useDebounced";
import { KINDS, RANGES, STATUSES, type HistorySearch } from "./queries";

export const SEARCH_DEBOUNCE_MS = 250;

/** Text typed locally, committed once typing pauses; follows the URL when it changes elsewhere. */
function useCommitted(value: string | undefined, commit: (v: string | undefined) => void): [string, (v: string) => void] {
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if ((value ?? "") !== text.trim()) setText(value ?? "");
  }
  const settled = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const latest = useRef({ value, commit });
  useEffect(() => {
    latest.current = { value, commit };
  });
  useEffect(() => {
    const v = settled.trim() || undefined;
    if (v !== latest.current.value) latest.current.commit(v);
  }, [settled]);
  return [text, setText];
}

interface Props {
  search: HistorySearch;
  environments: Environment[];
  onChange: (patch: Partial<HistorySearch>) => void;
}

export function HistoryFilters({ search, environments, onChange }: Props) {
  const [q, setQ] = useCommitted(search.q, (v) => onChange({ q: v, id: undefined }));
  const [identifier, setIdentifier] = useCommitted(search.identifier, (v) => onChange({ identifier: v, id: undefined }));
  const any = Boolean(search.q || search.kind || search.status || search.env || search.identifier || search.range);
  return (
    <div className="toolbar" data-testid="history-filters">
      <label className="search-box">
        <Icon name="search" size={14} />
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search tools, paths, identifiers, bodies" aria-label="Search history" data-testid="history-search" />
      </label>
      <select value={search.env ?? ""} onChange={(e) => onChange({ env: e.target.value || undefined })} aria-label="Environment" data-testid="history-filter-env">
        <option value="">All environments</option>
        {environments.map((e) => (
          <option key={e.id} value={e.id}>{e.name}</option>
        ))}
      </select>
      <select value={search.kind ?? ""} onChange={(e) => onChange({ kind: (e.target.value || undefined) as HistorySearch["kind"] })} aria-label="Kind" data-testid="history-filter-kind">
        <option value="">All kinds</option>
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>{k.label}</option>
        ))}
      </select>
      <select value={search.status ?? ""} onChange={(e) => onChange({ status: (e.target.value || undefined) as HistorySearch["status"] })} aria-label="Status" data-testid="history-filter-status">
        <option value="">Any status</option>
        {STATUSES.map((s) => (
          <option key={s.id} value={s.id}>{s.label}</option>
        ))}
      </select>
      <select value={search.range ?? ""} onChange={(e) => onChange({ range: (e.target.value || undefined) as HistorySearch["range"] })} aria-label="Time range" data-testid="history-filter-range">
        <option value="">Any time</option>
        {RANGES.map((r) => (
          <option key={r.id} value={r.id}>{r.label}</option>
        ))}
      </select>
      <input value={identifier} onChange={(e) => setIdentifier(e.target.value)} placeholder="Identifier" aria-label="Identifier" data-testid="history-filter-identifier" />
      {any && (
        <button className="btn btn-small btn-ghost" onClick={() => onChange({ q: undefined, kind: undefined, status: undefined, env: undefined, identifier: undefined, range: undefined, id: undefined })} data-testid="history-filter-clear">
          Clear filters
        </button>
      )}
    </div>
  );
}
