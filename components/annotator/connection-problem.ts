// Why a live connection is not live, in words people can act on. Pure: the hook in
// components/articles/article-editor.tsx feeds it the provider's events and the browser's
// online state; tests/unit/connection-problem.test.ts covers the table.

/** How long "Connecting…" may show before the page says what is wrong (the issue asks for 10 s). */
export const CONNECT_TIMEOUT_MS = 8000;

/** Why the connection failed. */
export type ConnectionProblem = "offline" | "signed-out" | "no-access" | "unavailable" | "unreachable";

/** What the page says for each problem, and whether Retry can help (else the action is to sign in). */
export const PROBLEM_TEXT: Record<
  ConnectionProblem,
  { message: string; action: "retry" | "sign-in" | "reload" }
> = {
  offline: { message: "You are offline. Live updates resume when the connection is back.", action: "retry" },
  "signed-out": {
    message: "You are signed out, so live updates stopped. Sign in again to continue.",
    action: "sign-in",
  },
  "no-access": { message: "Live updates are not available to you for this article.", action: "reload" },
  unavailable: {
    message: "The server cannot reach its database right now. Live updates will retry.",
    action: "retry",
  },
  unreachable: { message: "The live connection to the server was refused or timed out.", action: "retry" },
};

/**
 * The problem for a connection that is not live: the browser offline, the server's refusal
 * reason (lib/collab/refusal.ts: unauthenticated, not-found, unavailable), or, when neither
 * says more, the server could not be reached.
 */
export function connectionProblem({
  online,
  refusal,
}: {
  online: boolean;
  refusal: string | null;
}): ConnectionProblem {
  if (!online) return "offline";
  if (refusal === "unauthenticated") return "signed-out";
  if (refusal === "not-found" || refusal === "invalid-document") return "no-access";
  if (refusal === "unavailable") return "unavailable";
  return "unreachable";
}
