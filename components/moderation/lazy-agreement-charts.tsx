"use client";

import dynamic from "next/dynamic";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { AgreementJson } from "@/lib/agreement/get-agreement";

// How far below (or above) the screen the charts start loading, so they are drawn before they
// scroll into view.
const NEAR_VIEWPORT = "800px 0px";

// recharts (its own ~390 KB chunk) is loaded only when a chart is about to be seen.
const CountChartsNow = dynamic(() => import("./agreement-charts").then((module) => module.CountCharts), {
  ssr: false,
  loading: () => <CountChartsPlaceholder />,
});
const CompositionChartNow = dynamic(
  () => import("./agreement-charts").then((module) => module.CompositionChart),
  { ssr: false, loading: () => <div className="h-10" aria-hidden="true" /> },
);

function CountChartsPlaceholder() {
  return (
    <div className="grid gap-4 md:grid-cols-2" aria-hidden="true">
      <div className="h-40" />
      <div className="h-40" />
    </div>
  );
}

/**
 * Renders `children` once `placeholder`'s place comes within NEAR_VIEWPORT of the screen; until
 * then the placeholder holds the same room (nothing moves when the chart arrives).
 */
function WhenNearViewport({ placeholder, children }: { placeholder: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return <div ref={ref}>{near ? children : placeholder}</div>;
}

/**
 * The agreement panel's count charts, drawn (and recharts loaded) only when they come near the
 * screen: under a long article they are far below it, and drawing them cost the page's load
 * about as much as building its editor (docs/BENCHMARKS.md section 13).
 */
export function CountChartsWhenVisible({ counts }: { counts: AgreementJson["counts"] }) {
  return (
    <WhenNearViewport placeholder={<CountChartsPlaceholder />}>
      <CountChartsNow counts={counts} />
    </WhenNearViewport>
  );
}

/** The composition chart, drawn only when it comes near the screen (as CountChartsWhenVisible). */
export function CompositionChartWhenVisible({ composition }: { composition: AgreementJson["composition"] }) {
  return (
    <WhenNearViewport placeholder={<div className="h-10" aria-hidden="true" />}>
      <CompositionChartNow composition={composition} />
    </WhenNearViewport>
  );
}
