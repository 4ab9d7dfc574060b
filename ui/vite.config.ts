/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is loaded from tauri://localhost; relative asset paths keep the build portable.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // codemirror-json-schema's ESM imports omit file extensions, which Node's loader refuses:
    // let Vite transform it instead of loading it as an external module.
    server: { deps: { inline: ["codemirror-json-schema"] } },
  },
});
