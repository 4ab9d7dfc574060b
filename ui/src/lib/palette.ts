import type { Environment } from "../bindings/Environment";
import { SECTIONS, type SectionId, type SectionPath } from "./sections";

export type PaletteItem =
  | { kind: "section"; id: SectionId; path: SectionPath; title: string; hint: string }
  | { kind: "env"; id: string; title: string; hint: string; env: Environment };

/** Every palette entry: screens, then "Switch to <env>". */
export function paletteItems(environments: Environment[], activeId: string | null): PaletteItem[] {
  const sections: PaletteItem[] = SECTIONS.map((s) => ({
    kind: "section",
    id: s.id,
    path: s.path,
    title: `Go to ${s.title}`,
    hint: s.hint,
  }));
  const envs: PaletteItem[] = environments
    .filter((e) => e.id !== activeId)
    .map((e) => ({ kind: "env", id: e.id, title: `Switch to ${e.name}`, hint: e.env_url, env: e }));
  return [...sections, ...envs];
}

/** Items whose title or hint contains every word of the query (case-insensitive). */
export function filterItems(items: PaletteItem[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const text = `${item.title} ${item.hint}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
