"use client";

import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { usePolling } from "@/components/ui/use-polling";
import type { AnnotationHistoryEntry } from "@/lib/annotations/list-annotation-history";
import type { ReplyJson } from "@/lib/replies/reply-json";

/** How often an open thread asks for new replies (see docs/MODERATION.md). */
const POLL_MS = 4000;

const ACTION_TEXT: Record<string, string> = {
  "annotation.create": "tagged it",
  "annotation.update": "edited it",
  "annotation.delete": "deleted it",
  "annotation.approve": "approved it",
  "annotation.reject": "rejected it",
  "annotation.relabel": "relabelled it",
  "evidence.add": "added evidence",
  "evidence.remove": "removed evidence",
  "reply.create": "replied",
  "reply.update": "edited a reply",
  "verdict.create": "gave a verdict",
  "verdict.update": "changed the verdict",
  "verdict.delete": "removed the verdict",
  "verdict.withdraw": "withdrew the verdict (the passage changed)",
};

async function getJson<T>(url: string): Promise<T | null> {
  const response = await fetch(url, { cache: "no-store" });
  return response.ok ? ((await response.json()) as T) : null;
}

/**
 * An annotation's discussion thread (reply, edit one's own) and its history, for the article's
 * sidebar. The thread refreshes every few seconds while open, so replies appear for everyone.
 */
export function AnnotationDiscussion({
  annotationId,
  selfId,
  canReply,
}: {
  annotationId: string;
  selfId: string;
  canReply: boolean;
}) {
  const [replies, setReplies] = useState<ReplyJson[]>([]);
  const [history, setHistory] = useState<AnnotationHistoryEntry[] | null>(null);
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const body = await getJson<{ replies: ReplyJson[] }>(`/api/v1/annotations/${annotationId}/replies`);
    if (body) setReplies(body.replies);
  }, [annotationId]);

  usePolling(refresh, POLL_MS);

  async function send(url: string, method: "POST" | "PATCH", body: string): Promise<boolean> {
    setError(null);
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ body }),
    });
    if (!response.ok) {
      const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(payload?.error?.message ?? "Could not save the reply");
      return false;
    }
    await refresh();
    return true;
  }

  return (
    <section aria-label="Discussion" className="mt-2 space-y-2 text-sm">
      <h3 className="font-medium text-gray-900">Discussion ({replies.length})</h3>
      <ol className="space-y-1.5">
        {replies.map((reply) => (
          <li key={reply.id} className="rounded border border-gray-200 bg-gray-50 p-2">
            <p className="text-xs text-gray-700">
              {reply.author.name} · <LocalTime value={reply.createdAt} style="relative" />
              {reply.editedAt && " · edited"}
            </p>
            {editing?.id === reply.id ? (
              <form
                onSubmit={async (event) => {
                  event.preventDefault();
                  if (
                    await send(
                      `/api/v1/annotations/${annotationId}/replies/${reply.id}`,
                      "PATCH",
                      editing.body,
                    )
                  )
                    setEditing(null);
                }}
                className="space-y-1"
              >
                <label className="sr-only" htmlFor={`edit-${reply.id}`}>
                  Edit your reply
                </label>
                <textarea
                  id={`edit-${reply.id}`}
                  value={editing.body}
                  onChange={(event) => setEditing({ id: reply.id, body: event.target.value })}
                  className="block w-full rounded border border-gray-400 px-2 py-1"
                />
                <Button type="submit" className="px-2 py-1">
                  Save
                </Button>
              </form>
            ) : (
              <p className="whitespace-pre-wrap text-gray-900">{reply.body}</p>
            )}
            {reply.author.id === selfId && editing?.id !== reply.id && (
              <button
                type="button"
                className="text-xs text-blue-800 underline"
                onClick={() => setEditing({ id: reply.id, body: reply.body })}
              >
                Edit
              </button>
            )}
          </li>
        ))}
      </ol>
      {canReply && (
        <form
          className="space-y-1"
          onSubmit={async (event) => {
            event.preventDefault();
            if (draft.trim() && (await send(`/api/v1/annotations/${annotationId}/replies`, "POST", draft)))
              setDraft("");
          }}
        >
          <label htmlFor={`reply-${annotationId}`} className="block text-xs font-medium text-gray-900">
            Reply
          </label>
          <textarea
            id={`reply-${annotationId}`}
            value={draft}
            maxLength={4000}
            onChange={(event) => setDraft(event.target.value)}
            className="block w-full rounded border border-gray-400 px-2 py-1"
          />
          <Button type="submit" className="px-2 py-1" disabled={!draft.trim()}>
            Send
          </Button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-800">
          {error}
        </p>
      )}
      <details
        onToggle={async (event) => {
          if ((event.target as HTMLDetailsElement).open) {
            const body = await getJson<{ history: AnnotationHistoryEntry[] }>(
              `/api/v1/annotations/${annotationId}/history`,
            );
            setHistory(body?.history ?? []);
          }
        }}
      >
        <summary className="cursor-pointer text-xs font-medium text-gray-900">History</summary>
        <ol className="mt-1 space-y-1 text-xs text-gray-800">
          {(history ?? []).map((entry) => (
            <li key={entry.id}>
              <LocalTime value={entry.at} style="relative" /> · {entry.actor?.name ?? "someone"}
              {entry.viaToken ? " (API token)" : ""} {ACTION_TEXT[entry.action] ?? entry.action}
              {entry.reason ? `: “${entry.reason}”` : ""}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
