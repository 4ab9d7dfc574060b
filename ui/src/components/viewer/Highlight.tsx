// Text with the matches of a search marked. Plain React text nodes only: the text may come from
// outside (tool results, proxied bodies) and is never parsed as HTML.
import { Fragment } from "react";

/** Case-insensitive match positions of `query` in `text`. */
export function matches(text: string, query: string): number[] {
  const q = query.toLowerCase();
  if (!q) return [];
  const hay = text.toLowerCase();
  const out: number[] = [];
  for (let i = hay.indexOf(q); i !== -1; i = hay.indexOf(q, i + q.length)) out.push(i);
  return out;
}

export function Highlight({ text, query }: { text: string; query: string }) {
  const at = matches(text, query);
  if (at.length === 0) return <>{text}</>;
  const parts = [];
  let from = 0;
  for (const i of at) {
    parts.push(<Fragment key={`t${i}`}>{text.slice(from, i)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(i, i + query.length)}</mark>);
    from = i + query.length;
  }
  parts.push(<Fragment key="end">{text.slice(from)}</Fragment>);
  return <>{parts}</>;
}
