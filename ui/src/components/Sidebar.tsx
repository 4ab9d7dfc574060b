import { useApp } from "../lib/AppContext";
import { SECTIONS } from "../lib/sections";
import { EnvSwitcher } from "./EnvSwitcher";
import { Icon } from "./Icon";

export function Sidebar({ onOpenPalette }: { onOpenPalette: () => void }) {
  const { section, setSection, boot } = useApp();
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
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            className={s.id === section ? "nav-item active" : "nav-item"}
            onClick={() => setSection(s.id)}
            data-testid={`nav-${s.id}`}
            aria-current={s.id === section ? "page" : undefined}
          >
            <Icon name={s.id} />
            <span>{s.title}</span>
          </button>
        ))}
      </nav>
      <div className="sidebar-foot">v{boot.version}</div>
    </aside>
  );
}
