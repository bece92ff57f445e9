"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { articleExtensions } from "@/lib/articles/editor-schema";
import { userColour } from "./user-colour";

type Status = "connecting" | "live" | "offline" | "refused";

const STATUS_TEXT: Record<Status, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline: reconnecting…",
  refused: "Live updates unavailable",
};

function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

function renderCaret(user: Record<string, string>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  caret.style.borderColor = user.color ?? "#1d4ed8";
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.style.backgroundColor = user.color ?? "#1d4ed8";
  label.textContent = user.name ?? "Someone";
  caret.appendChild(label);
  return caret;
}

/**
 * The article body, live: a Tiptap editor bound to the article's Yjs document through /collab.
 * Moderators and admins correct it together (with named carets); everyone else reads it, and the
 * server enforces that too. Until the first sync the stored snapshot is shown.
 */
export function ArticleEditor({
  articleId,
  canCorrect,
  user,
  fallback,
}: {
  articleId: string;
  canCorrect: boolean;
  user: { id: string; name: string };
  fallback: ReactNode;
}) {
  const ydoc = useMemo(() => new Y.Doc(), []);
  const [status, setStatus] = useState<Status>("connecting");
  const [synced, setSynced] = useState(false);
  const provider = useMemo(
    () =>
      typeof window === "undefined"
        ? null
        : new HocuspocusProvider({
            url: collabUrl(),
            name: `article.${articleId}`,
            document: ydoc,
            // The session cookie authenticates the websocket; the token field is not used.
            token: "session-cookie",
            onStatus: ({ status: next }) =>
              setStatus(next === "connected" ? "live" : next === "connecting" ? "connecting" : "offline"),
            onSynced: () => setSynced(true),
            onAuthenticationFailed: () => setStatus("refused"),
          }),
    [articleId, ydoc],
  );
  useEffect(
    () => () => {
      provider?.destroy();
      ydoc.destroy();
    },
    [provider, ydoc],
  );
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canCorrect,
      extensions: [
        ...articleExtensions(),
        Collaboration.configure({ document: ydoc }),
        ...(provider
          ? [
              CollaborationCaret.configure({
                provider,
                user: { name: user.name, color: userColour(user.id) },
                render: renderCaret,
              }),
            ]
          : []),
      ],
      editorProps: {
        attributes: {
          class: "article-body font-serif text-[1.075rem] leading-relaxed text-gray-900 focus:outline-none",
          "aria-label": canCorrect ? "Article text (you can correct it)" : "Article text",
          ...(canCorrect ? {} : { "aria-readonly": "true" }),
        },
      },
    },
    [provider],
  );

  return (
    <div>
      <p className="mb-4 flex items-center gap-2 text-xs text-gray-700" aria-live="polite">
        <span
          aria-hidden="true"
          className={`inline-block h-2 w-2 rounded-full ${status === "live" ? "bg-green-600" : status === "refused" ? "bg-red-600" : "bg-amber-500"}`}
        />
        {STATUS_TEXT[status]}
        {canCorrect && status === "live" && (
          <span className="text-gray-600">· Corrections are saved automatically and shared live</span>
        )}
      </p>
      {synced && editor ? <EditorContent editor={editor} /> : fallback}
    </div>
  );
}
