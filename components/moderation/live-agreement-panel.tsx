"use client";

import { useEffect, useRef, useState } from "react";
import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { AgreementFigures } from "./agreement-figures";
import { CompositionChartWhenVisible, CountChartsWhenVisible } from "./lazy-agreement-charts";

// Several changes in a burst (a bulk review, a colleague tagging fast) cause one request.
const REFRESH_DELAY_MS = 250;

/**
 * The article page's agreement panel, kept live: whenever the live annotation state changes
 * (its `signature`: ids, labels, statuses, spans), the figures are fetched again from
 * /api/v1/articles/{id}/agreement, so the panel never disagrees with the sidebar beside it.
 */
export function LiveAgreementPanel({
  articleId,
  title,
  initial,
  signature,
}: {
  articleId: string;
  title: string;
  initial: AgreementJson;
  /** Changes whenever the annotations change; null until the live state is there. */
  signature: string | null;
}) {
  const [agreement, setAgreement] = useState(initial);
  // The first live state is what the server computed `initial` from.
  const baseline = useRef<string | null>(null);
  useEffect(() => {
    if (signature === null) return;
    if (baseline.current === null) {
      baseline.current = signature;
      return;
    }
    if (signature === baseline.current) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/articles/${encodeURIComponent(articleId)}/agreement`, {
          cache: "no-store",
          signal: controller.signal,
        });
        if (!response.ok) return;
        setAgreement((await response.json()) as AgreementJson);
        baseline.current = signature;
      } catch {
        // Aborted by a newer change, or offline: the next change tries again.
      }
    }, REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [articleId, signature]);
  // Under the article, far below the screen on a long one: the charts are drawn (and recharts
  // loaded) when they come near it.
  return (
    <AgreementFigures
      title={title}
      agreement={agreement}
      countCharts={<CountChartsWhenVisible counts={agreement.counts} />}
      compositionChart={<CompositionChartWhenVisible composition={agreement.composition} />}
    />
  );
}
