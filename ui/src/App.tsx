import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { Suspense, use } from "react";
import type { Started } from "./lib/startup";

/** The splash until start-up is done (bootstrap, first screen's data), then the app. */
export function App({ starting, queryClient }: { starting: Promise<Started>; queryClient: QueryClient }) {
  return (
    <Suspense
      fallback={
        <div className="splash" data-testid="booting">
          <img src="./icon.png" width={64} height={64} alt="" />
          <p className="splash-text">Starting Kitbench…</p>
        </div>
      }
    >
      <Started starting={starting} queryClient={queryClient} />
    </Suspense>
  );
}

function Started({ starting, queryClient }: { starting: Promise<Started>; queryClient: QueryClient }) {
  const started = use(starting);
  if ("error" in started) {
    return (
      <div className="splash" data-testid="boot-error">
        <h1>Kitbench could not start</h1>
        <p>{started.error.message}</p>
      </div>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={started.router} />
    </QueryClientProvider>
  );
}
