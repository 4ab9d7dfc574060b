import { QueryClient } from "@tanstack/react-query";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // IPC to the Rust side: a failure is an answer (the message says what went wrong), and the
        // Rust client already retries what is safe to retry (429 Retry-After, 503 backoff).
        retry: false,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      // Non-idempotent calls (create, delete, execute) are never retried automatically.
      mutations: { retry: false },
    },
  });
}
