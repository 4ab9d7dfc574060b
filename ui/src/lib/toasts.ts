// Toasts live outside React's tree: notify() can be called from anywhere (mutations, event
// handlers) and only <Toasts /> re-renders.
import { createStore, useStore } from "./store";

export interface Toast {
  id: number;
  tone: "ok" | "warn" | "error" | "info";
  text: string;
}

const store = createStore<Toast[]>([]);
let seq = 0;

/** At most this many toasts show at once; older ones go first. */
export const MAX_TOASTS = 4;

export function notify(tone: Toast["tone"], text: string): number {
  const id = ++seq;
  store.set((list) => [...list.slice(-(MAX_TOASTS - 1)), { id, tone, text }]);
  setTimeout(() => dismiss(id), tone === "error" ? 8000 : 4000);
  return id;
}

export function dismiss(id: number): void {
  store.set((list) => (list.some((t) => t.id === id) ? list.filter((t) => t.id !== id) : list));
}

export function useToasts(): Toast[] {
  return useStore(store, (list) => list);
}

/** For tests. */
export function clearToasts(): void {
  store.set([]);
}
