// A virtualized table for long lists (100,000 rows and more): only the rows in view (plus a few)
// are in the DOM. Sortable columns, keyboard navigation (arrows, Page Up/Down, Home/End, Enter to
// open), and loading, empty and error states. ARIA grid semantics with one active row.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => string | number | null;
  /** A CSS grid track: `minmax(0, 1fr)`, `120px`, … */
  width?: string;
  align?: "start" | "end";
}

export type SortDir = "asc" | "desc";
export interface Sort {
  id: string;
  dir: SortDir;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  status?: "loading" | "error" | "ready";
  error?: ReactNode;
  /** Shown in the error state as "Try again" (a failed load is never a dead end). */
  onRetry?: () => void;
  empty?: ReactNode;
  onOpen?: (row: T) => void;
  /** Extra attributes for a row (`data-testid`, `data-*`). */
  rowProps?: (row: T) => Record<string, string | undefined>;
  rowClassName?: (row: T) => string | undefined;
  rowHeight?: number;
  /** The body's height at most; shorter lists take only the room they need. */
  maxHeight?: number;
  initialSort?: Sort | null;
  testId?: string;
  /**
   * Told the index of the last row in the DOM (visible or overscan) whenever it changes: a
   * list loaded page by page asks for the next page when this nears the end.
   */
  onLastRendered?: (index: number) => void;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows in `sort` order (stable; the input is not changed). */
export function sortRows<T>(rows: T[], columns: Column<T>[], sort: Sort | null): T[] {
  const column = sort && columns.find((c) => c.id === sort.id);
  if (!sort || !column?.sortValue) return rows;
  const value = column.sortValue;
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  const sign = sort.dir === "asc" ? 1 : -1;
  keyed.sort((x, y) => sign * compare(x.v, y.v) || x.i - y.i);
  return keyed.map((k) => k.row);
}

/** Ascending, then descending, then unsorted. */
function nextSort(current: Sort | null, id: string): Sort | null {
  if (current?.id !== id) return { id, dir: "asc" };
  return current.dir === "asc" ? { id, dir: "desc" } : null;
}

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  status = "ready",
  error,
  onRetry,
  empty,
  onOpen,
  rowProps,
  rowClassName,
  rowHeight = 40,
  maxHeight = 560,
  initialSort = null,
  testId,
  onLastRendered,
}: Props<T>) {
  const [sort, setSort] = useState<Sort | null>(initialSort);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const sorted = useMemo(() => sortRows(rows ?? [], columns, sort), [rows, columns, sort]);
  const count = sorted.length;
  const bodyHeight = Math.min(count * rowHeight, maxHeight);
  const template = columns.map((c) => c.width ?? "minmax(0, 1fr)").join(" ");

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 0, height: bodyHeight },
    getItemKey: (i) => {
      const row = sorted[i];
      return row === undefined ? i : rowKey(row);
    },
  });

  const items = virtualizer.getVirtualItems();
  const lastRendered = items.length > 0 ? (items[items.length - 1]?.index ?? -1) : -1;
  useEffect(() => {
    if (lastRendered >= 0) onLastRendered?.(lastRendered);
  }, [lastRendered, onLastRendered]);

  // The active row is remembered by key, so it stays the same row when sorting changes.
  const activeIndex = activeKey === null ? -1 : sorted.findIndex((r) => rowKey(r) === activeKey);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    const row = sorted[i];
    if (row === undefined) return;
    setActiveKey(rowKey(row));
    virtualizer.scrollToIndex(i, { align: "auto" });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed into a control inside a row belong to that control.
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    const moves: Record<string, () => number> = {
      ArrowDown: () => from + 1,
      ArrowUp: () => (from < 0 ? 0 : from - 1),
      PageDown: () => from + page,
      PageUp: () => from - page,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(move());
    } else if (e.key === "Enter" && onOpen && activeIndex >= 0) {
      const row = sorted[activeIndex];
      if (row !== undefined) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  const rowDomId = (key: string) => `${id}-row-${key}`;
  const state = status !== "ready" ? status : count === 0 ? "empty" : "ready";

  return (
    <div
      className="table"
      data-testid={testId}
      data-state={state}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-busy={status === "loading"}
      aria-activedescendant={activeIndex >= 0 && activeKey !== null ? rowDomId(activeKey) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        // Keyboard focus starts on the first row (a click has already picked its row).
        if (e.target === e.currentTarget && activeIndex < 0 && count > 0) moveTo(0);
      }}
    >
      <div className="table-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
          const dir = sort?.id === c.id ? sort.dir : null;
          return (
            <div
              key={c.id}
              role="columnheader"
              className={c.align === "end" ? "table-cell table-end" : "table-cell"}
              aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : c.sortValue ? "none" : undefined}
            >
              {c.sortValue ? (
                <button type="button" className="table-sort" tabIndex={-1} onClick={() => setSort((s) => nextSort(s, c.id))} data-testid={`sort-${c.id}`}>
                  {c.header}
                  <span className="table-sort-mark" aria-hidden="true">
                    {dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}
                  </span>
                </button>
              ) : (
                c.header
              )}
            </div>
          );
        })}
      </div>
      {state === "ready" ? (
        <div ref={scroller} className="table-scroll" role="presentation" style={{ maxHeight }}>
          <div className="table-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = sorted[item.index];
              if (row === undefined) return null;
              const key = rowKey(row);
              const active = item.index === activeIndex;
              const extra = rowClassName?.(row);
              return (
                <div
                  key={item.key}
                  id={rowDomId(key)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={active}
                  className={`table-row${active ? " table-row-active" : ""}${extra ? ` ${extra}` : ""}`}
                  style={{ gridTemplateColumns: template, height: item.size, transform: `translateY(${item.start}px)` }}
                  onMouseDown={() => setActiveKey(key)}
                  onDoubleClick={(e) => {
                    if (onOpen && !(e.target as HTMLElement).closest("button, a, input, select, textarea")) onOpen(row);
                  }}
                  {...rowProps?.(row)}
                >
                  {columns.map((c) => (
                    <div key={c.id} role="gridcell" className={c.align === "end" ? "table-cell table-end" : "table-cell"}>
                      {c.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      ) : (
        <div className="table-state" role="row">
          <div role="gridcell" aria-colspan={columns.length}>
            {state === "loading" && <div className="skeleton-bar" data-testid="table-loading" />}
            {state === "error" && (
              <div className="table-error" role="alert" data-testid="table-error">
                {error ?? "Could not load this list."}
                {onRetry && (
                  <button type="button" className="btn btn-small" onClick={onRetry} data-testid="table-retry">
                    Try again
                  </button>
                )}
              </div>
            )}
            {state === "empty" && <div className="muted" data-testid="table-empty">{empty ?? "Nothing here yet."}</div>}
          </div>
        </div>
      )}
    </div>
  );
}
