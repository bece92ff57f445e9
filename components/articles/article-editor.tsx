"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { AnyExtension, Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { useEditor } from "@tiptap/react";
import { useCallback, useEffect, useState } from "react";
import * as Y from "yjs";
import { CaretBrowsing } from "@/components/annotator/caret-browsing";
import {
  CONNECT_TIMEOUT_MS,
  type ConnectionProblem,
  connectionProblem,
  PROBLEM_TEXT,
} from "@/components/annotator/connection-problem";
import { earlyDocument, takeConnection } from "@/components/annotator/live-connection";
import { articleExtensions } from "@/lib/articles/editor-schema";
import { bodyDocumentName } from "@/lib/collab/document-name";
import { userColour } from "./user-colour";

/** The id of the caret-browsing instructions the body is described by (annotated-article.tsx). */
export const CARET_HINT_ID = "caret-browsing-hint";

export type LiveStatus = "connecting" | "live" | "offline" | "refused";

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline: reconnecting…",
  refused: "Live updates unavailable",
};

function renderCaret(user: Record<string, string>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  caret.style.borderColor = user.color ?? "#1d4ed8";
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.style.backgroundColor = user.color ?? "#1d4ed8";
  // The name is drawn by CSS (::after), so it never becomes part of the article's text content
  // (copying, find-in-page and text matching see only the article).
  label.dataset.name = user.name ?? "Someone";
  caret.setAttribute("aria-hidden", "true");
  caret.appendChild(label);
  return caret;
}

/** The live article body: its Yjs document, the provider on /collab and the Tiptap editor. */
export interface ArticleBody {
  ydoc: Y.Doc;
  provider: HocuspocusProvider | null;
  editor: Editor | null;
  status: LiveStatus;
  synced: boolean;
  /** Why the connection is not live, once that is known (within CONNECT_TIMEOUT_MS), else null. */
  problem: ConnectionProblem | null;
  /** Tries to connect again now. */
  retry: () => void;
}

/**
 * Binds a Tiptap editor to the article's Yjs body through /collab. Moderators and admins get
 * an editable editor (with named carets); everyone else reads it, and the server enforces that
 * too. Everyone's presence ({ user: { id, name, color } }) rides on the provider's awareness.
 */
export function useArticleBody({
  articleId,
  canCorrect,
  user,
  caretBrowsing = false,
  extensions = [],
}: {
  articleId: string;
  canCorrect: boolean;
  /** Read-only caret browsing (annotators): focusable, a caret, Shift+arrows select; no edits. */
  caretBrowsing?: boolean;
  user: { id: string; name: string };
  extensions?: AnyExtension[];
}): ArticleBody {
  const name = bodyDocumentName(articleId);
  // The document of the connection the page opened before hydrating, if any (see live-connection.ts).
  const [ydoc] = useState(() => earlyDocument(name) ?? new Y.Doc());
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [synced, setSynced] = useState(false);
  // The connection is claimed or opened in an effect, never during render: React may render a
  // component and throw that render away (hydration restarts), and every discarded render would
  // leave an open websocket behind that downloads and decodes the whole body again.
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [problem, setProblem] = useState<ConnectionProblem | null>(null);
  // Bumped by retry(): restarts the timer that turns "Connecting…" into a stated problem.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const connection = takeConnection(name, ydoc, false);
    const next = connection.provider;
    const onStatus = ({ status: now }: { status: string }) =>
      setStatus(now === "connected" ? "live" : now === "connecting" ? "connecting" : "offline");
    const onSynced = () => setSynced(true);
    const onRefused = ({ reason }: { reason?: string } = {}) => {
      setStatus("refused");
      setRefusal(reason ?? "refused");
    };
    next.on("status", onStatus);
    next.on("synced", onSynced);
    next.on("authenticationFailed", onRefused);
    // What happened before this effect ran (an early connection may be live and synced already).
    if (connection.state.refused) onRefused({ reason: connection.state.refusal ?? undefined });
    else if (connection.state.connected) onStatus({ status: "connected" });
    if (connection.state.synced) onSynced();
    setProvider(next);
    return () => {
      next.off("status", onStatus);
      next.off("synced", onSynced);
      next.off("authenticationFailed", onRefused);
      next.destroy();
      setProvider(null);
    };
  }, [name, ydoc]);
  // Not live: say why at once when the server refused or the browser is offline, otherwise
  // after CONNECT_TIMEOUT_MS of trying (the provider keeps retrying meanwhile). The timer counts
  // from the moment the page stopped being live: the provider's own flips between "connecting"
  // and "disconnected" while it backs off do not restart it (they did, and the problem could
  // then take the provider's whole growing backoff to appear).
  const live = status === "live";
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` restarts the timer after Retry
  useEffect(() => {
    if (live) {
      setProblem(null);
      setRefusal(null);
      return;
    }
    const decide = () => setProblem(connectionProblem({ online: navigator.onLine, refusal }));
    if (refusal || !navigator.onLine) {
      decide();
      return;
    }
    const timer = setTimeout(decide, CONNECT_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [live, refusal, attempt]);
  const retry = useCallback(() => {
    setProblem(null);
    setRefusal(null);
    setAttempt((n) => n + 1);
    // Back online with the socket still open (a short outage): it is live, nothing to reconnect.
    if (provider?.configuration.websocketProvider.status === "connected" && provider.isAuthenticated) {
      setStatus("live");
      return;
    }
    setStatus("connecting");
    void provider?.connect();
  }, [provider]);
  useEffect(() => {
    const onOffline = () => setProblem("offline");
    const onOnline = () => retry();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    };
  }, [retry]);
  useEffect(() => () => ydoc.destroy(), [ydoc]);
  const colour = userColour(user.id);
  useEffect(() => {
    provider?.awareness?.setLocalStateField("user", { id: user.id, name: user.name, color: colour });
  }, [provider, user.id, user.name, colour]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canCorrect || caretBrowsing,
      extensions: [
        ...articleExtensions(),
        Collaboration.configure({ document: ydoc }),
        ...(provider
          ? [
              CollaborationCaret.configure({
                provider,
                user: { id: user.id, name: user.name, color: colour },
                render: renderCaret,
              }),
            ]
          : []),
        ...(caretBrowsing && !canCorrect ? [CaretBrowsing] : []),
        ...extensions,
      ],
      editorProps: {
        attributes: canCorrect
          ? {
              class:
                "article-body font-serif text-[1.075rem] leading-relaxed text-gray-900 focus:outline-none",
              role: "textbox",
              "aria-multiline": "true",
              "aria-label": "Article text (you can correct it)",
            }
          : caretBrowsing
            ? {
                class: "article-body caret-browsing font-serif text-[1.075rem] leading-relaxed text-gray-900",
                role: "textbox",
                "aria-multiline": "true",
                "aria-readonly": "true",
                "aria-label": "Article text",
                "aria-describedby": CARET_HINT_ID,
                // No on-screen keyboard on phones: nothing is typed here.
                inputmode: "none",
                spellcheck: "false",
                autocorrect: "off",
              }
            : {
                class: "article-body font-serif text-[1.075rem] leading-relaxed text-gray-900",
                role: "document",
                "aria-label": "Article text",
              },
      },
    },
    [provider],
  );
  return { ydoc, provider, editor, status, synced, problem, retry };
}

function signInPath(): string {
  return `/signin?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
}

/** The live connection's state, announced politely; when it failed, why, and what to do. */
export function LiveStatusLine({
  status,
  canCorrect,
  problem = null,
  onRetry,
}: {
  status: LiveStatus;
  canCorrect: boolean;
  problem?: ConnectionProblem | null;
  onRetry?: () => void;
}) {
  // Offline is said at once, even before the socket notices; other problems while not live.
  const failed = problem !== null && (status !== "live" || problem === "offline");
  const text = failed ? PROBLEM_TEXT[problem] : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-gray-700" role="status" aria-live="polite">
      <span
        aria-hidden="true"
        className={`inline-block h-2 w-2 rounded-full ${status === "live" ? "bg-green-600" : failed || status === "refused" ? "bg-red-600" : "bg-amber-500"}`}
      />
      <span data-testid="live-status">{text ? text.message : STATUS_TEXT[status]}</span>
      {text?.action === "retry" && onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="rounded border border-gray-400 px-2 py-0.5 font-medium text-gray-900 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          Retry
        </button>
      )}
      {text?.action === "sign-in" && (
        <a href={signInPath()} className="font-medium text-blue-800 underline">
          Sign in again
        </a>
      )}
      {text?.action === "reload" && (
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="rounded border border-gray-400 px-2 py-0.5 font-medium text-gray-900 hover:bg-gray-100"
        >
          Reload the page
        </button>
      )}
      {canCorrect && status === "live" && (
        <span className="text-gray-600">· Corrections are saved automatically and shared live</span>
      )}
    </div>
  );
}
