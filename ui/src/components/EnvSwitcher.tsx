import { useEffect, useRef, useState } from "react";
import { useApp } from "../lib/AppContext";
import { toIpcError } from "../lib/api";
import { Icon } from "./Icon";
import { LabelBadge } from "./LabelBadge";

export function EnvSwitcher() {
  const { environments, activeEnv, switchEnv, notify } = useApp();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const choose = async (id: string) => {
    setOpen(false);
    try {
      await switchEnv(id);
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };

  return (
    <div className="switcher" ref={ref}>
      <button
        className="switcher-button"
        data-testid="env-switcher"
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="listbox"
        aria-expanded={open}
      >
        <span className="switcher-caption">Environment</span>
        <span className="switcher-current">
          {/* The ellipsis box wraps the text: WebDriver counts an overflow:hidden element as hidden. */}
          <span className="switcher-name">
            <span data-testid="active-env-name">{activeEnv?.name ?? "None"}</span>
          </span>
          {activeEnv && <LabelBadge label={activeEnv.label} compact />}
          <Icon name="chevron" size={14} />
        </span>
      </button>
      {open && (
        <ul className="switcher-menu" role="listbox" data-testid="env-switcher-menu">
          {environments.map((env) => (
            <li key={env.id}>
              <button
                role="option"
                aria-selected={env.id === activeEnv?.id}
                className={env.id === activeEnv?.id ? "switcher-option active" : "switcher-option"}
                data-testid="env-option"
                data-env-name={env.name}
                onClick={() => choose(env.id)}
              >
                <span className="switcher-option-name">{env.name}</span>
                <LabelBadge label={env.label} compact />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
