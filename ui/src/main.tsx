import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createQueryClient } from "./lib/queryClient";
import { toIpcError } from "./lib/errors";
import { start, type Started } from "./lib/startup";
import "./styles.css";

performance.mark("kb:script");
const queryClient = createQueryClient();
const root = document.getElementById("root");
// React renders once, when start-up is done: index.html's static splash shows until then. A
// Suspense fallback here would cost a second layout, and React 19 holds a boundary's content back
// for up to 300 ms after its fallback appeared, which start-up would pay every time.
void start(queryClient)
  .catch((e): Started => ({ error: toIpcError(e) }))
  .then((started) => {
    if (!root) return;
    createRoot(root).render(
      <StrictMode>
        <App started={started} queryClient={queryClient} />
      </StrictMode>,
    );
  });
