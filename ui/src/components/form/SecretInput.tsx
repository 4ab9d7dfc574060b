import { useState, type InputHTMLAttributes } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { "data-testid"?: string };

/** A password input with a button that shows what was typed (only what the user typed here). */
export function SecretInput(props: Props) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-input">
      <input {...props} type={shown ? "text" : "password"} autoComplete="off" spellCheck={false} />
      <button
        type="button"
        className="btn btn-small btn-ghost secret-reveal"
        onClick={() => setShown((s) => !s)}
        aria-pressed={shown}
        aria-label={shown ? "Hide secret" : "Show secret"}
        data-testid={props["data-testid"] ? `${props["data-testid"]}-reveal` : undefined}
      >
        {shown ? "Hide" : "Show"}
      </button>
    </span>
  );
}
