// A CodeMirror 6 JSON editor. With a schema, codemirror-json-schema adds completion of property
// names and enum values, hover docs and lint against the schema; read-only, it is the schema
// viewer. The editor keeps its own document: a new `value` from outside replaces it only when it
// differs from what is typed, so the cursor does not jump while the form and the text sync.
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter } from "@codemirror/lint";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { jsonSchema } from "codemirror-json-schema";
import type { JSONSchema7 } from "json-schema";
import { useEffect, useRef } from "react";

interface Props {
  value: string;
  onChange?: (text: string) => void;
  schema?: object;
  readOnly?: boolean;
  label: string;
  testId?: string;
}

export function JsonEditor({ value, onChange, schema, readOnly = false, label, testId = "json-editor" }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      basicSetup,
      EditorView.lineWrapping,
      EditorState.readOnly.of(readOnly),
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) changed.current?.(u.state.doc.toString());
      }),
    ];
    if (schema && !readOnly) extensions.push(jsonSchema(schema as JSONSchema7), lintGutter());
    else extensions.push(json(), linter(jsonParseLinter()));
    const v = new EditorView({ parent: host.current, state: EditorState.create({ doc: value, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is rebuilt only when its schema or mode changes; value updates go below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema, readOnly, label]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="json-editor" ref={host} data-testid={testId} />;
}
