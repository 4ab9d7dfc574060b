// RJSF's validator interface over @cfworker/json-schema, an interpreting JSON-Schema validator.
// Why not RJSF's own AJV validator: AJV compiles each schema to JavaScript with `new Function`,
// which the app's Content Security Policy forbids (no 'unsafe-eval': the webview can reach every
// IPC command, so it must not evaluate strings). Under that CSP every AJV check fails, and the form
// reported errors it could not place on any field. @cfworker/json-schema walks the schema instead
// (drafts 4 to 2020-12, formats included) and needs no eval.
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import {
  createErrorHandler,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from "@rjsf/utils";

/** Keywords that only say "something below failed": the error below is the one to show. */
const WRAPPERS = new Set(["properties", "items", "prefixItems", "$ref", "allOf", "dependentSchemas", "unevaluatedItems"]);

/** The value of the keyword at `#/a/b/minimum` in `schema`. */
function keywordValue(schema: unknown, location: string): unknown {
  let node: unknown = schema;
  for (const raw of location.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

/** A message in the words RJSF users know (AJV's), from the keyword and its value. */
function message(unit: OutputUnit, value: unknown): string {
  switch (unit.keyword) {
    case "minimum":
      return `must be >= ${String(value)}`;
    case "maximum":
      return `must be <= ${String(value)}`;
    case "exclusiveMinimum":
      return `must be > ${String(value)}`;
    case "exclusiveMaximum":
      return `must be < ${String(value)}`;
    case "minLength":
      return `must NOT have fewer than ${String(value)} characters`;
    case "maxLength":
      return `must NOT have more than ${String(value)} characters`;
    case "minItems":
      return `must NOT have fewer than ${String(value)} items`;
    case "maxItems":
      return `must NOT have more than ${String(value)} items`;
    case "pattern":
      return `must match pattern "${String(value)}"`;
    case "format":
      return `must match format "${String(value)}"`;
    case "type":
      return `must be ${Array.isArray(value) ? value.join(",") : String(value)}`;
    case "enum":
      return "must be equal to one of the allowed values";
    case "const":
      return "must be equal to constant";
    case "uniqueItems":
      return "must NOT have duplicate items";
    default:
      return unit.error;
  }
}

/** cfworker's output units as RJSF's errors, each on the property it concerns. */
function toRjsfErrors(units: OutputUnit[], schema: unknown): RJSFValidationError[] {
  return units
    .filter((u) => !WRAPPERS.has(u.keyword))
    .map((u) => {
      const segments = u.instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean);
      let property = segments.map((s) => `.${decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~")}`).join("");
      let params: Record<string, unknown> = {};
      let text = message(u, keywordValue(schema, u.keywordLocation));
      if (u.keyword === "required") {
        // Shown beside the missing field itself, as AJV errors are.
        const missing = /required property "(.*)"/.exec(u.error)?.[1] ?? "";
        property += `.${missing}`;
        params = { missingProperty: missing };
        text = `must have required property '${missing}'`;
      }
      return { name: u.keyword, property, message: text, params, stack: `${property} ${text}`.trim(), schemaPath: u.keywordLocation };
    });
}

export class CfworkerValidator implements ValidatorType {
  rawValidation<Result = OutputUnit>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = new Validator(schema as Schema, "2020-12", false).validate(formData);
      return { errors: result.errors as Result[] };
    } catch (e) {
      return { validationError: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    const raw = this.rawValidation(schema, formData);
    let errors = raw.validationError
      ? [{ name: "schema", property: "", message: `the schema cannot be checked: ${raw.validationError.message}`, stack: raw.validationError.message }]
      : toRjsfErrors(raw.errors ?? [], schema);
    if (typeof transformErrors === "function") errors = transformErrors(errors, uiSchema);
    let data: ValidationData<unknown> = { errors, errorSchema: toErrorSchema(errors) };
    if (typeof customValidate === "function") {
      const custom = unwrapErrorHandler(customValidate(formData, createErrorHandler(formData), uiSchema));
      data = validationDataMerge(data, custom);
    }
    return data;
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    // `schema` may be a piece of `rootSchema` whose `$ref`s point into the root's definitions.
    const withDefinitions = { ...schema, definitions: rootSchema.definitions, $defs: rootSchema.$defs } as Schema;
    try {
      return new Validator(withDefinitions, "2020-12", true).validate(formData).valid;
    } catch {
      return false;
    }
  }
}
