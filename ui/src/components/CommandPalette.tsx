import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useRouter } from "@tanstack/react-router";
import { useMemo, useRef, useState } from "react";
import { filterItems, paletteItems, type PaletteItem } from "../lib/palette";
import { overviewQuery } from "../lib/queries";
import { useActiveEnv, useEnvironments, useSwitchEnv } from "../lib/session";
import { notify } from "../lib/toasts";
import { useDialog } from "./dialog";
import { Icon } from "./Icon";
import { LabelBadge } from "./LabelBadge";

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const environments = useEnvironments();
  const activeEnv = useActiveEnv();
  const switchEnv = useSwitchEnv();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState("");
  const [cursor, setCursor] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  useDialog(dialog, onClose);
  const items = useMemo(
    () => filterItems(paletteItems(environments, activeEnv?.id ?? null), query),
    [environments, activeEnv, query],
  );

  /** The highlighted entry's screen (code and data) starts loading before it is chosen. */
  const point = (i: number) => {
    setCursor(i);
    const item = items[i];
    if (item?.kind === "section") void router.preloadRoute({ to: item.path }).catch(() => undefined);
    else if (item?.kind === "env") void queryClient.prefetchQuery(overviewQuery(item.id));
  };

  const run = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === "section") {
      void navigate({ to: item.path });
      return;
    }
    switchEnv.mutate(item.id, { onSuccess: () => notify("info", `Switched to ${item.env.name}`) });
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      point(Math.min(cursor + 1, items.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      point(Math.max(cursor - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      run(items[cursor]);
    }
  };

  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        ref={dialog}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <div className="palette-search">
          <Icon name="search" />
          <input
            value={query}
            placeholder="Switch environment or go to a section…"
            onChange={(e) => {
              setQuery(e.target.value);
              setCursor(0);
            }}
            onKeyDown={onKey}
            data-testid="palette-input"
            aria-label="Search commands"
            autoFocus
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
                onMouseEnter={() => point(i)}
                onClick={() => run(item)}
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
