import type { Label } from "../bindings/Label";

const TEXT: Record<Label, string> = {
  production: "Production",
  staging: "Staging",
  dev: "Dev",
  sandbox: "Sandbox",
};

export const LABELS: Label[] = ["production", "staging", "dev", "sandbox"];

export function labelText(label: Label): string {
  return TEXT[label];
}

export function LabelBadge({ label, compact = false }: { label: Label; compact?: boolean }) {
  return (
    <span className={`badge badge-${label}${compact ? " badge-compact" : ""}`} data-testid="label-badge" data-label={label}>
      {TEXT[label]}
    </span>
  );
}
