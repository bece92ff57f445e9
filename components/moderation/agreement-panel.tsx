import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { CompositionChart, CountCharts } from "./agreement-charts";
import { AgreementFigures } from "./agreement-figures";

/** The agreement figures with their charts drawn at once (the dashboard). */
export function AgreementPanel({ title, agreement }: { title: string; agreement: AgreementJson }) {
  return (
    <AgreementFigures
      title={title}
      agreement={agreement}
      countCharts={<CountCharts counts={agreement.counts} />}
      compositionChart={<CompositionChart composition={agreement.composition} />}
    />
  );
}
