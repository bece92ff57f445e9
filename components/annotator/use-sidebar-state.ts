"use client";

import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { mountedDom } from "./editor-dom";
import type { ResolvedAnnotation } from "./resolve-annotations";
import { useNarrowScreen } from "./use-narrow-screen";

/** The two tabs of a narrow screen. */
export type NarrowTab = "article" | "annotations";

/**
 * The annotation open in the sidebar and how the article and the sidebar follow each other: a
 * highlight chosen in the document opens (and focuses) its row in the list; a row chosen in the
 * list scrolls the article to its highlight and flashes it. On a narrow screen the article and
 * the list are two tabs (`panelProps` gives each panel its tab roles).
 */
export function useSidebarState(editor: Editor | null) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const sidebarRef = useRef<HTMLElement>(null);
  const narrow = useNarrowScreen();
  const [narrowTab, setNarrowTab] = useState<NarrowTab>("article");
  const tabIds = useId();

  const focusSidebarItem = useCallback((id: string) => {
    // The sidebar renders a selected row that was not rendered yet on its next commit: wait for it.
    let frames = 0;
    const attempt = () => {
      const item = sidebarRef.current?.querySelector<HTMLElement>(
        `[data-sidebar-annotation="${CSS.escape(id)}"]`,
      );
      if (!item) {
        if (++frames < 30) requestAnimationFrame(attempt);
        return;
      }
      item.scrollIntoView({ block: "nearest", behavior: "smooth" });
      item.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
    };
    requestAnimationFrame(attempt);
  }, []);

  const selectFromDocument = useCallback(
    (id: string) => {
      setActiveId(id);
      if (narrow) setNarrowTab("annotations");
      focusSidebarItem(id);
    },
    [focusSidebarItem, narrow],
  );

  const selectFromSidebar = useCallback(
    (id: string) => {
      setActiveId(id);
      // On a narrow screen the list stays (the annotation opens there, with its evidence and
      // discussion); the Article tab then shows the article at its highlight.
      if (narrow) return;
      const element = editor?.isDestroyed
        ? null
        : editor?.view.dom.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);
      if (!element) return;
      element.scrollIntoView({ block: "center", behavior: "smooth" });
      // Flash every piece of the highlight once.
      for (const piece of editor?.view.dom.querySelectorAll<HTMLElement>(
        `[data-badge-for="${CSS.escape(id)}"]`,
      ) ?? [])
        piece.animate?.([{ transform: "scale(1.6)" }, { transform: "scale(1)" }], { duration: 700 });
    },
    [editor, narrow],
  );

  const showNarrowTab = (key: NarrowTab) => {
    setNarrowTab(key);
    if (key !== "article" || !activeId) return;
    // Once the article is shown again: at the highlight chosen in the list.
    requestAnimationFrame(() =>
      mountedDom(editor)
        ?.querySelector(`[data-annotation-id="${CSS.escape(activeId)}"]`)
        ?.scrollIntoView({ block: "center" }),
    );
  };

  const panelProps = (key: NarrowTab) =>
    narrow
      ? {
          id: `${tabIds}-${key}-panel`,
          role: "tabpanel",
          "aria-labelledby": `${tabIds}-${key}-tab`,
          hidden: narrowTab !== key,
        }
      : {};

  return {
    activeId,
    sidebarRef,
    narrow,
    narrowTab,
    tabIds,
    showNarrowTab,
    panelProps,
    selectFromDocument,
    selectFromSidebar,
  };
}

/**
 * A link to `?annotation=<id>` (evidence back-links, the review queue) opens with that
 * annotation selected and scrolled to (`select`), once it and the highlights are there.
 */
export function useLinkedAnnotation({
  resolved,
  synced,
  select,
}: {
  resolved: ResolvedAnnotation[];
  synced: boolean;
  select: (id: string) => void;
}): void {
  const linkedHandled = useRef(false);
  useEffect(() => {
    if (linkedHandled.current || !synced) return;
    const linked = new URLSearchParams(window.location.search).get("annotation");
    if (!linked) {
      linkedHandled.current = true;
      return;
    }
    if (!resolved.some((item) => item.annotation.id === linked)) return;
    // Let the highlight decorations paint first.
    const timer = setTimeout(() => {
      linkedHandled.current = true;
      select(linked);
    }, 150);
    return () => clearTimeout(timer);
  }, [resolved, synced, select]);
}
