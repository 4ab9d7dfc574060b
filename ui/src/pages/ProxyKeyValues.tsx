// An editable table of name/value rows (query parameters, headers, form fields). A blank last
// row is always there to type into; blank-named rows are not sent.
import type { KeyValue } from "../bindings/KeyValue";
import { Icon } from "../components/Icon";

interface Props {
  label: string;
  rows: KeyValue[];
  onChange: (rows: KeyValue[]) => void;
  testId: string;
}

/** The rows with one blank row at the end. */
export function withBlank(rows: KeyValue[]): KeyValue[] {
  const last = rows[rows.length - 1];
  return last && !last.name && !last.value ? rows : [...rows, { name: "", value: "" }];
}

/** The rows worth sending. */
export function filled(rows: KeyValue[]): KeyValue[] {
  return rows.filter((r) => r.name.trim() !== "");
}

export function KeyValueTable({ label, rows, onChange, testId }: Props) {
  const shown = withBlank(rows);
  const set = (i: number, patch: Partial<KeyValue>) => onChange(shown.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="kv-table" role="group" aria-label={label} data-testid={testId}>
      {shown.map((r, i) => (
        <div className="kv-row" key={i} data-testid={`${testId}-row`}>
          <input value={r.name} onChange={(e) => set(i, { name: e.target.value })} placeholder="Name" aria-label={`${label} name ${i + 1}`} data-testid={`${testId}-name`} />
          <input value={r.value} onChange={(e) => set(i, { value: e.target.value })} placeholder="Value" aria-label={`${label} value ${i + 1}`} data-testid={`${testId}-value`} />
          <button
            type="button"
            className="icon-btn"
            onClick={() => onChange(shown.filter((_, j) => j !== i))}
            disabled={i === shown.length - 1}
            aria-label={`Remove ${label} row ${i + 1}`}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
