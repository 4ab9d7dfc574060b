import { useEffect, useMemo, useRef, useState } from "react";
import { useApp } from "../lib/AppContext";
import { toIpcError } from "../lib/api";
import { filterItems, paletteItems, type PaletteItem } from "../lib/palette";
import { Icon } from "./Icon";
import { LabelBadge } from "./LabelBadge";

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { environments, activeEnv, setSection, switchEnv, notify } = useApp();
  const [query, setQuery] = useState("");
  const [cursor, setCursor] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const items = useMemo(
    () => filterItems(paletteItems(environments, activeEnv?.id ?? null), query),
    [environments, activeEnv, query],
  );

  useEffect(() => input.current?.focus(), []);

  const run = async (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === "section") {
      setSection(item.id);
      return;
    }
    try {
      await switchEnv(item.id);
      notify("info", `Switched to ${item.env.name}`);
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setCursor((c) => Math.min(c + 1, items.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setCursor((c) => Math.max(c - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      void run(items[cursor]);
    } else if (e.key === "Escape") {
      onClose();
    }
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-label="Command palette"
        data-testid="palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <div className="palette-search">
          <Icon name="search" />
          <input
            ref={input}
            value={query}
            placeholder="Switch environment or go to a section…"
            onChange={(e) => {
              setQuery(e.target.value);
              setCursor(0);
            }}
            onKeyDown={onKey}
            data-testid="palette-input"
            aria-label="Search commands"
          />
          <kbd>Esc</kbd>
        </div>
        <ul className="palette-list" role="listbox">
          {items.length === 0 && <li className="palette-empty">Nothing matches “{query}”.</li>}
          {items.map((item, i) => (
            <li key={`${item.kind}-${item.id}`}>
              <button
                className={i === cursor ? "palette-item active" : "palette-item"}
                role="option"
                aria-selected={i === cursor}
                onMouseEnter={() => setCursor(i)}
                onClick={() => void run(item)}
                data-testid="palette-item"
              >
                <span className="palette-item-title">{item.title}</span>
                {item.kind === "env" && <LabelBadge label={item.env.label} compact />}
                <span className="palette-item-hint">{item.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
