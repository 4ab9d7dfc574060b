export const SECTIONS = [
  { id: "overview", title: "Overview", hint: "Counts for the active environment" },
  { id: "environments", title: "Environments", hint: "Add, edit and test environments" },
  { id: "sandbox", title: "Sandbox", hint: "The built-in local environment" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

export function isSection(value: string | null | undefined): value is SectionId {
  return SECTIONS.some((s) => s.id === value);
}
