import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createQueryClient } from "./lib/queryClient";
import { start } from "./lib/startup";
import "./styles.css";

performance.mark("kb:script");
const queryClient = createQueryClient();
// Started once, outside React (StrictMode runs effects twice): bootstrap, then the first screen.
const starting = start(queryClient);
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App starting={starting} queryClient={queryClient} />
    </StrictMode>,
  );
}
