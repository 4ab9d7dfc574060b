import type { RJSFSchema } from "@rjsf/utils";
import { render } from "@testing-library/react";
import tools from "../../test/fixtures/sandbox-tools.json";
import { SchemaForm } from "./SchemaForm";
import { pointerErrors, propertyToPointer, validateInput } from "./validate";

interface FixtureTool {
  name: string;
  provider: string;
  input_schema: RJSFSchema;
  example: Record<string, unknown>;
}
const catalog = tools as unknown as FixtureTool[];

describe("the form handles every tool schema of the Sandbox catalog", () => {
  it("has the whole catalog", () => {
    expect(catalog.length).toBeGreaterThan(100);
  });

  it.each(catalog.map((t) => [t.name, t] as const))("%s renders and its example validates", (_name, tool) => {
    expect(validateInput(tool.input_schema, tool.example)).toEqual([]);
    const { container, unmount } = render(<SchemaForm schema={tool.input_schema} value={tool.example} onChange={() => undefined} />);
    const properties = Object.keys(tool.input_schema.properties ?? {});
    // Every top-level property gets a control (or a fieldset for objects and arrays).
    for (const p of properties) expect(container.querySelector(`[id="root_${p}"], [id^="root_${p}_"], fieldset[id="root_${p}"]`), p).not.toBeNull();
    unmount();
  });
});

describe("validation", () => {
  const schema: RJSFSchema = {
    type: "object",
    properties: { to: { type: "string", format: "email" }, n: { type: "integer", minimum: 1 }, "a-b": { type: "boolean" } },
    required: ["to"],
  };

  it("names each bad field by JSON pointer", () => {
    const problems = validateInput(schema, { to: "nope", n: 0, "a-b": "yes" });
    expect(problems.map((p) => p.pointer).sort()).toEqual(["/a-b", "/n", "/to"]);
    expect(validateInput(schema, {}).map((p) => p.pointer)).toEqual(["/to"]);
    expect(validateInput(schema, { to: "a@example.com", n: 2 })).toEqual([]);
  });

  it("maps property paths and Rust pointers", () => {
    expect(propertyToPointer(".a.b")).toBe("/a/b");
    expect(propertyToPointer("['a-b']")).toBe("/a-b");
    expect(propertyToPointer(".list.0")).toBe("/list/0");
    expect(pointerErrors([{ field: "/a/b", message: "bad" }])).toEqual({ a: { b: { __errors: ["bad"] } } });
  });
});
