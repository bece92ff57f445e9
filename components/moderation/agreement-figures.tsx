import type { ReactNode } from "react";
import { LocalNumber } from "@/components/ui/local-number";
import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { LABEL_BAR } from "./labels";

// The figures as tables (what screen readers read) beside recharts charts (for the eye). The
// charts come as slots, so that this module does not import recharts: agreement-panel.tsx draws
// them at once, the article page's live panel when they come near the screen.

function AlphaText({ alpha }: { alpha: number | null }) {
  return alpha === null ? "not defined yet" : <LocalNumber value={alpha} style="decimal" digits={3} />;
}

function Bar({ share, colour, label }: { share: number; colour: string; label: string }) {
  return (
    <div className="h-3 w-full rounded bg-gray-100" aria-hidden="true" title={label}>
      <div className={`h-3 rounded ${colour}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
    </div>
  );
}

/** A count per key as a table row with its bar (the largest count fills the bar). */
function CountTable<K extends string>({
  caption,
  keys,
  counts,
  colour,
}: {
  caption: string;
  keys: readonly K[];
  counts: Record<K, number>;
  colour: (key: K) => string;
}) {
  const total = Math.max(1, ...Object.values<number>(counts));
  return (
    <table className="w-full text-sm">
      <caption className="text-left font-medium text-gray-900">{caption}</caption>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row" className="w-24 py-1 text-left font-normal text-gray-800">
              {key}
            </th>
            <td className="w-12 py-1 text-right tabular-nums">{counts[key]}</td>
            <td className="py-1 pl-3">
              <Bar share={counts[key] / total} colour={colour(key)} label={key} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The composition bar: the share of the text tagged fact, opinion, advocacy, and untagged. */
export function CompositionBar({
  composition,
  chart,
}: {
  composition: AgreementJson["composition"];
  /** The composition chart (agreement-charts.tsx), drawn above the legend. */
  chart: ReactNode;
}) {
  const parts = (["fact", "opinion", "advocacy", "untagged"] as const).map((key) => ({
    key,
    share: composition[key],
  }));
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-gray-900">Composition of the text</figcaption>
      {chart}
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-800">
        {parts.map((part) => (
          <li key={part.key} className="flex items-center gap-1.5">
            <span className={`inline-block h-3 w-3 rounded-sm ${LABEL_BAR[part.key]}`} aria-hidden="true" />
            {part.key}: <LocalNumber value={part.share} style="percent" />
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * Agreement (Krippendorff's alpha), counts per label and status, and the composition bar, with
 * the charts given (`countCharts`, `compositionChart`: the figures of `agreement` drawn).
 */
export function AgreementFigures({
  title,
  agreement,
  countCharts,
  compositionChart,
}: {
  title: string;
  agreement: AgreementJson;
  countCharts: ReactNode;
  compositionChart: ReactNode;
}) {
  return (
    <section aria-label={title} className="space-y-4 rounded-md border border-gray-200 bg-white p-4">
      <h2 className="text-lg font-semibold text-gray-900">{title}</h2>
      <p className="text-sm text-gray-900">
        Label agreement (Krippendorff's α, nominal):{" "}
        <strong>
          <AlphaText alpha={agreement.alpha} />
        </strong>{" "}
        <span className="text-gray-700">
          over {agreement.pairable} {agreement.pairable === 1 ? "passage" : "passages"} tagged by two or more
          annotators ({agreement.units} tagged {agreement.units === 1 ? "passage" : "passages"} in all,{" "}
          {agreement.disagreements} in disagreement)
        </span>
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <CountTable
          caption="Tags per label"
          keys={["fact", "opinion", "advocacy"] as const}
          counts={agreement.counts.byLabel}
          colour={(label) => LABEL_BAR[label]}
        />
        <CountTable
          caption="Tags per status"
          keys={["pending", "approved", "rejected"] as const}
          counts={agreement.counts.byStatus}
          colour={(status) =>
            status === "approved" ? "bg-green-600" : status === "rejected" ? "bg-red-600" : "bg-gray-500"
          }
        />
      </div>
      {countCharts}
      <CompositionBar composition={agreement.composition} chart={compositionChart} />
    </section>
  );
}
