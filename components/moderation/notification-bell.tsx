"use client";

import { useCallback, useState } from "react";
import { usePolling } from "@/components/ui/use-polling";
import { fetchNotifications, markAllNotificationsRead } from "@/lib/client/api-client";
import type { NotificationJson } from "@/lib/notifications/list-notifications";

const POLL_MS = 15_000;

function shorten(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** One sentence saying who did what to which passage of which article. */
function describe(notification: NotificationJson): string {
  const payload = notification.payload as {
    decision?: string;
    reason?: string | null;
    toLabel?: string;
    by?: { name?: string };
    excerpt?: string;
    url?: string;
    disabledReason?: string;
  };
  if (notification.kind === "webhook.disabled") {
    return `Webhook ${payload.url ?? ""} was disabled: ${payload.disabledReason ?? "its deliveries failed"}`;
  }
  const subject = notification.subject;
  const who = subject?.by?.name ?? payload.by?.name ?? "Someone";
  const tag = subject ? `your tag “${shorten(subject.quote)}” in “${subject.articleTitle}”` : "your tag";
  const because = payload.reason ? `: “${payload.reason}”` : "";
  if (notification.kind === "annotation.reviewed") {
    const what =
      payload.decision === "reject"
        ? "rejected"
        : payload.decision === "relabel"
          ? `relabelled as ${payload.toLabel}`
          : "approved";
    return `${who} ${what} ${tag}${because}`;
  }
  if (notification.kind === "annotation.reopened") return `${who} reopened ${tag} for review${because}`;
  return `${who} replied to ${tag}: “${payload.excerpt ?? ""}”`;
}

/** The in-app notifications: an unread count and a list, marked read when opened. */
export function NotificationBell() {
  const [items, setItems] = useState<NotificationJson[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const body = await fetchNotifications(20);
      setItems(body.notifications);
      setUnread(body.unread);
    } catch {
      // Keep what is shown; the next poll tries again.
    }
  }, []);

  usePolling(refresh, POLL_MS);

  async function toggle() {
    const next = !open;
    setOpen(next);
    if (next && unread > 0) {
      try {
        await markAllNotificationsRead();
        setUnread(0);
      } catch {
        // Still unread: the count stays, and opening again retries.
      }
    }
  }

  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => void toggle()}
        className="rounded-md px-2 py-1 text-sm text-gray-800 hover:bg-gray-100"
      >
        Notifications
        {unread > 0 && (
          <span className="ml-1 rounded-full bg-red-700 px-1.5 text-xs text-white">{unread}</span>
        )}
        <span className="sr-only">{unread > 0 ? `, ${unread} unread` : ""}</span>
      </button>
      {open && (
        <ul className="absolute right-0 z-20 mt-1 w-80 space-y-1 rounded-md border border-gray-200 bg-white p-2 text-sm shadow-lg">
          {items.length === 0 && <li className="text-gray-700">Nothing yet.</li>}
          {items.map((item) => (
            <li key={item.id} className={item.read ? "text-gray-700" : "font-medium text-gray-900"}>
              {item.subject ? (
                <a className="underline" href={item.subject.href}>
                  {describe(item)}
                </a>
              ) : (
                describe(item)
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
