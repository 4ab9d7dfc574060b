import { useId, type ReactNode } from "react";

/** What a Field hands its control so label, help and error are tied to it. */
export interface FieldControl {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

interface Props {
  label: ReactNode;
  /** Shown under the control, replaced by the error when there is one. */
  help?: ReactNode;
  error?: string;
  /** The field's IPC name (`env_url`, …): names the error's `data-testid` (`field-error-env_url`). */
  field: string;
  children: (control: FieldControl) => ReactNode;
}

export function Field({ label, help, error, field, children }: Props) {
  const id = useId();
  const noteId = `${id}-note`;
  const hasNote = Boolean(error) || help !== undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": hasNote ? noteId : undefined })}
      {error ? (
        <span className="field-error" id={noteId} data-testid={`field-error-${field}`}>
          {error}
        </span>
      ) : help !== undefined ? (
        <span className="field-hint" id={noteId}>
          {help}
        </span>
      ) : null}
    </div>
  );
}
