// Over 400 lines: the review queue with its state and fetches; issue 22 item 4 (hooks) splits it, not done yet.
"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { DisagreementJson } from "@/lib/moderation/list-disagreements";
import type { ReviewQueueItem, ReviewQueuePage } from "@/lib/moderation/list-review-queue";
import { DisagreementCard } from "./disagreement-card";
import { LABEL_NAMES, LABEL_STYLE, type LabelName } from "./labels";
import { type QueueFilterState, QueueFilters } from "./queue-filters";
import { ShortcutLegend } from "./shortcut-legend";

/** How often the queue asks the server for changes (see docs/MODERATION.md, "Live queue"). */
const POLL_MS = 3000;

type Pending = { kind: "reject" } | { kind: "relabel"; label: LabelName } | null;

function queryString(filters: QueueFilterState, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Request failed (${response.status})`;
  } catch {
    return `Request failed (${response.status})`;
  }
}

/** The review queue: filters, live list, keyboard decisions, bulk decisions, disagreements. */
export function ReviewQueue({
  team,
  currentUserId,
  articles,
  authors,
  initial,
  initialDisagreements,
}: {
  team: string;
  currentUserId: string;
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
  initial: ReviewQueuePage;
  initialDisagreements: DisagreementJson[];
}) {
  const [filters, setFilters] = useState<QueueFilterState>({ sort: "oldest" });
  const [items, setItems] = useState<ReviewQueueItem[]>(initial.items);
  const [more, setMore] = useState<ReviewQueueItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(initial.nextCursor);
  const [total, setTotal] = useState(initial.total);
  const [totalIsCapped, setTotalIsCapped] = useState(initial.totalIsCapped);
  const [disagreements, setDisagreements] = useState<DisagreementJson[]>(initialDisagreements);
  const [focusedId, setFocusedId] = useState<string | null>(initial.items[0]?.id ?? null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const all = useMemo(() => {
    const seen = new Set(items.map((item) => item.id));
    return [...items, ...more.filter((item) => !seen.has(item.id))];
  }, [items, more]);
  const focusedIndex = Math.max(
    0,
    all.findIndex((item) => item.id === focusedId),
  );
  const focused = all[focusedIndex] ?? null;

  const refresh = useCallback(async () => {
    // The disagreements come from their own endpoint, asked at the same time: the queue's list
    // does not wait for their clustering (docs/MODERATION.md).
    const scope = filters.article ? `?article=${encodeURIComponent(filters.article)}` : "";
    const [response, groups] = await Promise.all([
      fetch(`/api/v1/teams/${team}/review-queue?${queryString(filters)}`, { cache: "no-store" }),
      fetch(`/api/v1/teams/${team}/review-queue/disagreements${scope}`, { cache: "no-store" }),
    ]);
    if (groups.ok)
      setDisagreements(((await groups.json()) as { disagreements: DisagreementJson[] }).disagreements);
    if (!response.ok) {
      setError(await readError(response));
      return;
    }
    if (!groups.ok) setError(await readError(groups));
    const page = (await response.json()) as ReviewQueuePage;
    setItems(page.items);
    setTotal(page.total);
    setTotalIsCapped(page.totalIsCapped);
    setNextCursor((current) => (more.length > 0 ? current : page.nextCursor));
    // Reviewed ones leave the later pages too.
    setMore((current) => current.filter((item) => !page.items.some((fresh) => fresh.id === item.id)));
  }, [team, filters, more.length]);

  // Live: poll while the page is visible; new annotations appear, reviewed ones leave.
  useEffect(() => {
    let stopped = false;
    const tick = () => {
      if (!stopped && document.visibilityState === "visible") void refresh().catch(() => {});
    };
    tick();
    const timer = window.setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [refresh]);

  // Keep the focus on an item that still exists.
  useEffect(() => {
    if (all.length === 0) setFocusedId(null);
    else if (!focusedId || !all.some((item) => item.id === focusedId)) {
      setFocusedId(all[Math.min(focusedIndex, all.length - 1)]!.id);
    }
  }, [all, focusedId, focusedIndex]);

  useEffect(() => {
    if (!focusedId) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${focusedId}"]`);
    element?.scrollIntoView({ block: "nearest" });
  }, [focusedId]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const response = await fetch(`/api/v1/teams/${team}/review-queue?${queryString(filters, nextCursor)}`, {
      cache: "no-store",
    });
    if (!response.ok) return setError(await readError(response));
    const page = (await response.json()) as ReviewQueuePage;
    setMore((current) => [...current, ...page.items]);
    setNextCursor(page.nextCursor);
  }, [team, filters, nextCursor]);

  const removeFromView = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setItems((current) => current.filter((item) => !gone.has(item.id)));
    setMore((current) => current.filter((item) => !gone.has(item.id)));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
    setTotal((current) => Math.max(0, current - ids.length));
  }, []);

  const decide = useCallback(
    async (item: ReviewQueueItem, decision: "approve" | "reject" | "relabel", label?: LabelName) => {
      setBusy(true);
      setError(null);
      try {
        const response = await fetch(`/api/v1/annotations/${item.id}/reviews`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            decision,
            ...(label ? { label } : {}),
            ...(decision !== "approve" ? { reason } : {}),
            version: item.version,
          }),
        });
        if (!response.ok) {
          setError(await readError(response));
          return;
        }
        const verb =
          decision === "approve" ? "Approved" : decision === "reject" ? "Rejected" : `Relabelled ${label}`;
        setMessage(`${verb}: “${item.quote.slice(0, 60)}”`);
        setPending(null);
        setReason("");
        removeFromView([item.id]);
        listRef.current?.focus();
      } finally {
        setBusy(false);
      }
    },
    [reason, removeFromView],
  );

  const decideBulk = useCallback(
    async (decision: "approve" | "reject") => {
      if (selected.size === 0) return;
      setBusy(true);
      setError(null);
      try {
        const response = await fetch(`/api/v1/teams/${team}/reviews/bulk`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            annotationIds: [...selected],
            decision,
            ...(decision === "reject" ? { reason } : {}),
          }),
        });
        if (!response.ok) {
          setError(`Nothing was changed: ${await readError(response)}`);
          return;
        }
        setMessage(`${decision === "approve" ? "Approved" : "Rejected"} ${selected.size} annotations`);
        setReason("");
        setPending(null);
        removeFromView([...selected]);
      } finally {
        setBusy(false);
      }
    },
    [selected, team, reason, removeFromView],
  );

  const settle = useCallback(
    async (group: DisagreementJson, label: LabelName, settleReason: string) => {
      setError(null);
      const response = await fetch(`/api/v1/teams/${team}/review-queue/settle`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          annotationIds: group.annotations.map((annotation) => annotation.id),
          label,
          reason: settleReason,
        }),
      });
      if (!response.ok) {
        setError(await readError(response));
        return false;
      }
      setMessage(`Disagreement settled as ${label}`);
      setDisagreements((current) => current.filter((other) => other.key !== group.key));
      removeFromView(group.annotations.map((annotation) => annotation.id));
      return true;
    },
    [team, removeFromView],
  );

  const startReason = useCallback((next: Pending) => {
    setPending(next);
    // Focus after the reason box renders.
    window.setTimeout(() => reasonRef.current?.focus(), 0);
  }, []);

  // Keyboard review: j/k move, a approve, r reject, 1/2/3 relabel, o open, x select.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing =
        target &&
        (target.isContentEditable ||
          /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
          (target instanceof HTMLInputElement && !["checkbox", "radio"].includes(target.type)));
      if (typing) return;
      if (busy) return;
      const move = (delta: number) => {
        if (all.length === 0) return;
        const index = Math.min(all.length - 1, Math.max(0, focusedIndex + delta));
        setFocusedId(all[index]!.id);
        setPending(null);
      };
      const key = event.key;
      if (key === "j") move(1);
      else if (key === "k") move(-1);
      else if (key === "a" && focused) void decide(focused, "approve");
      else if (key === "r" && focused) startReason({ kind: "reject" });
      else if ((key === "1" || key === "2" || key === "3") && focused) {
        const label = LABEL_NAMES[Number(key) - 1]!;
        if (label === focused.label) {
          setError(`It is already ${label}`);
          return;
        }
        startReason({ kind: "relabel", label });
      } else if (key === "o" && focused) {
        window.location.assign(`/t/${team}/articles/${focused.articleId}#annotation-${focused.id}`);
      } else if (key === "x" && focused) {
        setSelected((current) => {
          const next = new Set(current);
          if (next.has(focused.id)) next.delete(focused.id);
          else next.add(focused.id);
          return next;
        });
      } else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [all, focusedIndex, focused, busy, decide, startReason, team]);

  function submitReason() {
    if (!focused || !pending) return;
    if (!reason.trim()) {
      setError("Write a reason first");
      return;
    }
    if (pending.kind === "reject") void decide(focused, "reject");
    else void decide(focused, "relabel", pending.label);
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold text-gray-900">Review queue</h1>
        <p className="text-sm text-gray-700" aria-live="polite">
          {total.toLocaleString("en-US")}
          {totalIsCapped ? "+" : ""} {total === 1 && !totalIsCapped ? "annotation" : "annotations"}{" "}
          {filters.status ?? "pending"} · updates live
        </p>
      </div>
      <ShortcutLegend />
      <QueueFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setMore([]);
          setSelected(new Set());
        }}
        articles={articles}
        authors={authors}
      />
      {error && <Alert>{error}</Alert>}
      {message && !error && <Alert kind="success">{message}</Alert>}

      {disagreements.length > 0 && (
        <section aria-labelledby="disagreements-heading" className="space-y-3">
          <h2 id="disagreements-heading" className="text-lg font-semibold text-gray-900">
            Disagreements ({disagreements.length})
          </h2>
          {disagreements.map((group) => (
            <DisagreementCard
              key={group.key}
              team={team}
              group={group}
              currentUserId={currentUserId}
              onSettle={settle}
            />
          ))}
        </section>
      )}

      {selected.size > 0 && (
        <section
          aria-label="Bulk decision"
          className="flex flex-wrap items-end gap-3 rounded-md border border-blue-300 bg-blue-50 p-3"
        >
          <p className="text-sm font-medium text-blue-950">{selected.size} selected</p>
          <Button disabled={busy} onClick={() => void decideBulk("approve")}>
            Approve all
          </Button>
          <label className="text-sm text-gray-900">
            <span className="mr-2">Reason to reject</span>
            <input
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className="rounded-md border border-gray-400 px-2 py-1.5 text-sm"
            />
          </label>
          <Button
            variant="danger"
            disabled={busy || !reason.trim()}
            onClick={() => void decideBulk("reject")}
          >
            Reject all
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </section>
      )}

      <section aria-labelledby="queue-heading" className="space-y-3">
        <h2 id="queue-heading" className="sr-only">
          Annotations awaiting review
        </h2>
        {all.length === 0 ? (
          <p className="rounded-md border border-dashed border-gray-300 p-6 text-center text-gray-700">
            Nothing to review. New annotations appear here as they are made.
          </p>
        ) : (
          <ol ref={listRef} tabIndex={-1} aria-label="Review queue" className="space-y-3 outline-none">
            {all.map((item) => {
              const isFocused = item.id === focused?.id;
              const own = item.author.id === currentUserId;
              return (
                <li
                  key={item.id}
                  id={`queue-item-${item.id}`}
                  data-annotation-id={item.id}
                  aria-current={isFocused ? "true" : undefined}
                  className={`rounded-md border bg-white p-4 ${isFocused ? "border-blue-700 ring-2 ring-blue-700" : "border-gray-200"}`}
                  onFocusCapture={() => setFocusedId(item.id)}
                >
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      aria-label={`Select “${item.quote.slice(0, 40)}”`}
                      checked={selected.has(item.id)}
                      onChange={(event) =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (event.target.checked) next.add(item.id);
                          else next.delete(item.id);
                          return next;
                        })
                      }
                    />
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs font-semibold ${LABEL_STYLE[item.label]}`}
                    >
                      {item.label}
                    </span>
                    {item.inDisagreement && (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
                        in disagreement
                      </span>
                    )}
                    <span className="text-gray-700">
                      by {item.author.name}
                      {own ? " (you)" : ""} · {new Date(item.createdAt).toLocaleString()} · in{" "}
                      <a
                        className="underline"
                        href={`/t/${team}/articles/${item.articleId}#annotation-${item.id}`}
                      >
                        {item.article.title}
                      </a>
                    </span>
                    {!isFocused && (
                      <Button variant="ghost" className="px-2 py-0.5" onClick={() => setFocusedId(item.id)}>
                        Review
                      </Button>
                    )}
                    <span className="ml-auto text-xs text-gray-700">
                      evidence: {item.evidence.corroborates} corroborating, {item.evidence.contradicts}{" "}
                      contradicting
                    </span>
                  </div>
                  <blockquote className="mt-2 text-gray-900">
                    <span className="text-gray-600">…{item.prefix}</span>
                    <mark className="bg-yellow-100 px-0.5 font-medium text-gray-950">{item.quote}</mark>
                    <span className="text-gray-600">{item.suffix}…</span>
                  </blockquote>
                  {item.note && <p className="mt-2 text-sm text-gray-800">Note: {item.note}</p>}
                  {isFocused && (
                    <div className="mt-3 space-y-2">
                      {own && (
                        <p className="text-sm text-gray-700">
                          This is your annotation; another moderator reviews it.
                        </p>
                      )}
                      <div className="flex flex-wrap gap-2">
                        <Button disabled={busy || own} onClick={() => void decide(item, "approve")}>
                          Approve (a)
                        </Button>
                        <Button
                          variant="danger"
                          disabled={busy || own}
                          onClick={() => startReason({ kind: "reject" })}
                        >
                          Reject (r)
                        </Button>
                        {LABEL_NAMES.map((label, index) =>
                          label === item.label ? null : (
                            <Button
                              key={label}
                              variant="secondary"
                              disabled={busy || own}
                              onClick={() => startReason({ kind: "relabel", label })}
                            >
                              Relabel {label} ({index + 1})
                            </Button>
                          ),
                        )}
                      </div>
                      {pending && (
                        <form
                          className="space-y-2"
                          onSubmit={(event) => {
                            event.preventDefault();
                            submitReason();
                          }}
                        >
                          <label htmlFor="review-reason" className="block text-sm font-medium text-gray-900">
                            {pending.kind === "reject"
                              ? "Reason for rejecting"
                              : `Reason for relabelling as ${pending.label}`}{" "}
                            <span className="font-normal text-gray-700">
                              (Enter to confirm, Esc to cancel)
                            </span>
                          </label>
                          <textarea
                            id="review-reason"
                            ref={reasonRef}
                            rows={2}
                            value={reason}
                            required
                            maxLength={2000}
                            onChange={(event) => setReason(event.target.value)}
                            onKeyDown={(event) => {
                              if (event.key === "Enter" && !event.shiftKey) {
                                event.preventDefault();
                                submitReason();
                              } else if (event.key === "Escape") {
                                event.preventDefault();
                                setPending(null);
                                listRef.current?.focus();
                              }
                            }}
                            className="block w-full rounded-md border border-gray-400 px-3 py-2 text-sm"
                          />
                          <div className="flex gap-2">
                            <Button
                              type="submit"
                              variant={pending.kind === "reject" ? "danger" : "primary"}
                              disabled={busy}
                            >
                              {pending.kind === "reject" ? "Reject" : `Relabel as ${pending.label}`}
                            </Button>
                            <Button variant="ghost" onClick={() => setPending(null)}>
                              Cancel
                            </Button>
                          </div>
                        </form>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {nextCursor && (
          <Button variant="secondary" onClick={() => void loadMore()}>
            Load more
          </Button>
        )}
      </section>
    </div>
  );
}
