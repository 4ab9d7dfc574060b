// Text of any size (a 50 MB body) as plain text without freezing the window: cut into blocks of
// about 8,000 characters (at a line end when one is near), and only the blocks in view are in
// the DOM. Slicing is cheap (no copy per line), so even the cut takes a few milliseconds; a body
// loaded in pieces is cut piece by piece and its blocks appended.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";

const BLOCK = 8000;
const HEIGHT = 360;

/** `text` cut into blocks of at most BLOCK characters, preferring to end at a newline. */
export function blocks(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + BLOCK, text.length);
    if (end < text.length) {
      // Look for a line end in the block's second half only: an unbounded lastIndexOf scans
      // back to the start of the text when it has no newline (a one-line 50 MB JSON body),
      // which made cutting quadratic (40 s of frozen window for 50 MB).
      const half = at + BLOCK / 2;
      const nl = text.slice(half, end).lastIndexOf("\n");
      if (nl >= 0) end = half + nl + 1;
    }
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** `parts` (from `blocks()`) in a virtualized list; `complete` says they are the whole text. */
export function ChunkedText({ parts, complete, testId }: { parts: string[]; complete: boolean; testId?: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: parts.length,
    getScrollElement: () => scroller.current,
    // A block of 8,000 characters wraps to roughly 60 lines of 14 px in the pane.
    estimateSize: () => 840,
    overscan: 1,
    initialRect: { width: 600, height: HEIGHT },
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="chunked-text mono" style={{ maxHeight: HEIGHT, overflow: "auto" }} data-testid={testId} data-blocks={parts.length} data-complete={complete}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((item) => (
          <pre
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="chunk"
            style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-all" }}
          >
            {parts[item.index]}
          </pre>
        ))}
      </div>
    </div>
  );
}
