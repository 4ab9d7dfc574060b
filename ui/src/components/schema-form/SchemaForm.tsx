// A form generated from a tool's input schema with RJSF (react-jsonschema-form): strings with
// formats, numbers, integers, booleans, enums, arrays, nested objects, required fields,
// defaults, and descriptions as help. Errors show beside each field once the user has tried to
// run (or at once for errors the backend returned).
import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { validator } from "./validate";

export interface SchemaFormHandle {
  /** Validates and shows every error beside its field; true when the input is valid. */
  check(): boolean;
}

interface Props {
  schema: RJSFSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** Errors from the backend, by field. */
  extraErrors?: ErrorSchema;
  disabled?: boolean;
}

// Run is the runner's button, not the form's.
const UI: UiSchema = { "ui:submitButtonOptions": { norender: true } };

export const SchemaForm = forwardRef<SchemaFormHandle, Props>(function SchemaForm({ schema, value, onChange, extraErrors, disabled }, ref) {
  const form = useRef<Form>(null);
  // After the first check, errors follow the input as it changes.
  const [live, setLive] = useState(false);
  useImperativeHandle(ref, () => ({
    check() {
      setLive(true);
      return form.current?.validateForm() ?? false;
    },
  }));
  return (
    <div className="schema-form" data-testid="schema-form">
      <Form
        ref={form}
        schema={schema}
        uiSchema={UI}
        formData={value}
        validator={validator}
        onChange={(e) => onChange((e.formData ?? {}) as Record<string, unknown>)}
        liveValidate={live ? "onChange" : undefined}
        showErrorList={false}
        noHtml5Validate
        extraErrors={extraErrors}
        disabled={disabled}
      />
    </div>
  );
});
