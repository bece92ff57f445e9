"use client";

import { useMemo, useState } from "react";
import type { LabelName, StatusName } from "@/lib/validation/annotations";
import type { ResolvedAnnotation } from "./resolve-annotations";

/**
 * The sidebar's filters (label, status, author) over the article's annotations: the counts per
 * label and the authors to choose from (of all of them), and what the filters let through, split
 * into the anchored and the orphaned ones.
 */
export function useSidebarFilters(items: ResolvedAnnotation[]) {
  const [label, setLabel] = useState<LabelName | "">("");
  const [status, setStatus] = useState<StatusName | "">("");
  const [author, setAuthor] = useState("");
  const counts = useMemo(() => {
    const result: Record<LabelName, number> = { fact: 0, opinion: 0, advocacy: 0 };
    for (const item of items) result[item.annotation.label]++;
    return result;
  }, [items]);
  const authors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const item of items) byId.set(item.annotation.author.id, item.annotation.author.name);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [items]);
  const shown = items.filter(
    ({ annotation }) =>
      (!label || annotation.label === label) &&
      (!status || annotation.status === status) &&
      (!author || annotation.author.id === author),
  );
  const anchored = shown.filter((item) => item.span);
  const orphaned = shown.filter((item) => !item.span);
  return {
    label,
    setLabel,
    status,
    setStatus,
    author,
    setAuthor,
    counts,
    authors,
    shown,
    anchored,
    orphaned,
  };
}
