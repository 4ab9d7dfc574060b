import { Link } from "@tanstack/react-router";
import { SECTIONS } from "../lib/sections";
import { useBoot } from "../lib/session";
import { EnvSwitcher } from "./EnvSwitcher";
import { Icon } from "./Icon";

export function Sidebar({ onOpenPalette }: { onOpenPalette: () => void }) {
  const boot = useBoot();
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">K</span>
        <span className="brand-name">Kitbench</span>
      </div>
      <EnvSwitcher />
      <button className="palette-hint" onClick={onOpenPalette} data-testid="open-palette">
        <Icon name="search" size={14} />
        <span>Jump to…</span>
        <kbd>Ctrl K</kbd>
      </button>
      <nav className="nav">
        {/* Hovering or focusing an entry loads its screen's code and data (router preload "intent"). */}
        {SECTIONS.map((s) => (
          <Link
            key={s.id}
            to={s.path}
            className="nav-item"
            activeProps={{ className: "nav-item active", "aria-current": "page" }}
            // A section whose path another extends (/, /mcp) is active on its own path only.
            activeOptions={{ exact: SECTIONS.some((o) => o.path !== s.path && o.path.startsWith(s.path === "/" ? "/" : `${s.path}/`)) }}
            preload="intent"
            data-testid={`nav-${s.id}`}
          >
            <Icon name={s.id} />
            <span>{s.title}</span>
          </Link>
        ))}
      </nav>
      <div className="sidebar-foot">v{boot.version}</div>
    </aside>
  );
}
