"use client";

import { type RefObject, useCallback, useEffect, useMemo, useState } from "react";
import { fetchDisagreements, fetchReviewQueue } from "@/lib/client/api-client";
import type { DisagreementJson } from "@/lib/moderation/list-disagreements";
import type { ReviewQueueItem, ReviewQueuePage } from "@/lib/moderation/list-review-queue";
import type { QueueFilterState } from "./queue-filters";

/** How often the queue asks the server for changes (see docs/MODERATION.md, "Live queue"). */
export const QUEUE_POLL_MS = 3000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Request failed";
}

/**
 * The queue's data: filters, the first page (polled while the tab is visible, so new annotations
 * appear and reviewed ones leave), later pages loaded on demand, the capped total and the open
 * disagreements (asked for at the same time as the page: the list does not wait for their
 * clustering).
 */
export function useReviewQueue({
  team,
  initial,
  initialDisagreements,
  onError,
}: {
  team: string;
  initial: ReviewQueuePage;
  initialDisagreements: DisagreementJson[];
  onError: (message: string) => void;
}) {
  const [filters, setFilters] = useState<QueueFilterState>({ sort: "oldest" });
  const [items, setItems] = useState<ReviewQueueItem[]>(initial.items);
  const [more, setMore] = useState<ReviewQueueItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(initial.nextCursor);
  const [total, setTotal] = useState(initial.total);
  const [totalIsCapped, setTotalIsCapped] = useState(initial.totalIsCapped);
  const [disagreements, setDisagreements] = useState<DisagreementJson[]>(initialDisagreements);

  const all = useMemo(() => {
    const seen = new Set(items.map((item) => item.id));
    return [...items, ...more.filter((item) => !seen.has(item.id))];
  }, [items, more]);

  const refresh = useCallback(async () => {
    const [page, groups] = await Promise.allSettled([
      fetchReviewQueue(team, { ...filters }),
      fetchDisagreements(team, filters.article),
    ]);
    if (groups.status === "fulfilled") setDisagreements(groups.value.disagreements);
    if (page.status === "rejected") {
      onError(messageOf(page.reason));
      return;
    }
    if (groups.status === "rejected") onError(messageOf(groups.reason));
    const fresh = page.value;
    setItems(fresh.items);
    setTotal(fresh.total);
    setTotalIsCapped(fresh.totalIsCapped);
    setNextCursor((current) => (more.length > 0 ? current : fresh.nextCursor));
    // Reviewed ones leave the later pages too.
    setMore((current) => current.filter((item) => !fresh.items.some((one) => one.id === item.id)));
  }, [team, filters, more.length, onError]);

  // Live: poll while the page is visible.
  useEffect(() => {
    let stopped = false;
    const tick = () => {
      if (!stopped && document.visibilityState === "visible") void refresh().catch(() => {});
    };
    tick();
    const timer = window.setInterval(tick, QUEUE_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [refresh]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    try {
      const page = await fetchReviewQueue(team, { ...filters, cursor: nextCursor });
      setMore((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      onError(messageOf(error));
    }
  }, [team, filters, nextCursor, onError]);

  const changeFilters = useCallback((next: QueueFilterState) => {
    setFilters(next);
    setMore([]);
  }, []);

  /** Takes decided annotations out of the lists and the count. */
  const removeFromView = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setItems((current) => current.filter((item) => !gone.has(item.id)));
    setMore((current) => current.filter((item) => !gone.has(item.id)));
    setTotal((current) => Math.max(0, current - ids.length));
  }, []);

  const dropDisagreement = useCallback((key: string) => {
    setDisagreements((current) => current.filter((other) => other.key !== key));
  }, []);

  return {
    filters,
    changeFilters,
    /** The status this view lists: pending (default), approved or rejected. */
    view: filters.status ?? "pending",
    all,
    nextCursor,
    total,
    totalIsCapped,
    disagreements,
    loadMore,
    removeFromView,
    dropDisagreement,
  };
}

/** The ticked annotations, for a bulk decision. */
export function useQueueSelection() {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const setChecked = useCallback((id: string, checked: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const drop = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, setChecked, toggle, drop, clear };
}

/**
 * The annotation under review (the keyboard's cursor): kept on an item that still exists, and
 * scrolled into view when it moves.
 */
export function useQueueFocus(
  all: ReviewQueueItem[],
  initialId: string | null,
  listRef: RefObject<HTMLElement | null>,
) {
  const [focusedId, setFocusedId] = useState<string | null>(initialId);
  const focusedIndex = Math.max(
    0,
    all.findIndex((item) => item.id === focusedId),
  );
  const focused = all[focusedIndex] ?? null;

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
  }, [focusedId, listRef]);

  const move = useCallback(
    (delta: number) => {
      if (all.length === 0) return;
      const index = Math.min(all.length - 1, Math.max(0, focusedIndex + delta));
      setFocusedId(all[index]!.id);
    },
    [all, focusedIndex],
  );

  return { focused, focusedId, setFocusedId, move };
}
