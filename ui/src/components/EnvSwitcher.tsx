import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { overviewQuery } from "../lib/queries";
import { useActiveEnv, useEnvironments, useSwitchEnv } from "../lib/session";
import { Icon } from "./Icon";
import { LabelBadge } from "./LabelBadge";

export function EnvSwitcher() {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const activeEnv = useActiveEnv();
  const switchEnv = useSwitchEnv();
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

  const choose = (id: string) => {
    setOpen(false);
    switchEnv.mutate(id);
  };
  // Pointing at an environment starts loading its overview, so switching shows numbers at once.
  const prefetch = (id: string) => void queryClient.prefetchQuery(overviewQuery(id));

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
                onMouseEnter={() => prefetch(env.id)}
                onFocus={() => prefetch(env.id)}
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
