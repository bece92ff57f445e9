"use client";

import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useReaderLocale } from "@/components/ui/use-reader-locale";
import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { formatPercent } from "@/lib/format/numbers";
import { LABEL_HEX } from "./labels";

const STATUS_HEX: Record<string, string> = { pending: "#4b5563", approved: "#15803d", rejected: "#b91c1c" };

interface Datum {
  name: string;
  value: number;
  fill: string;
}

/**
 * Tags per label and per status as bar charts (recharts). The numbers are also in the panel's
 * tables, which is what screen readers read; the charts are for the eye: hidden from assistive
 * technology and out of the tab order (recharts' keyboard layer is off, its surface not focusable).
 */
export function CountCharts({ counts }: { counts: AgreementJson["counts"] }) {
  const byLabel: Datum[] = (["fact", "opinion", "advocacy"] as const).map((label) => ({
    name: label,
    value: counts.byLabel[label],
    fill: LABEL_HEX[label],
  }));
  const byStatus: Datum[] = (["pending", "approved", "rejected"] as const).map((status) => ({
    name: status,
    value: counts.byStatus[status],
    fill: STATUS_HEX[status] ?? "#4b5563",
  }));
  return (
    <div className="grid gap-4 md:grid-cols-2" aria-hidden="true">
      {[
        { title: "Tags per label", data: byLabel },
        { title: "Tags per status", data: byStatus },
      ].map((chart) => (
        <div key={chart.title} className="h-40">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={chart.data}
              layout="vertical"
              accessibilityLayer={false}
              margin={{ left: 8, right: 32, top: 4, bottom: 4 }}
            >
              <XAxis type="number" allowDecimals={false} hide />
              <YAxis type="category" dataKey="name" width={72} tick={{ fill: "#1f2937", fontSize: 13 }} />
              <Tooltip cursor={{ fill: "#f3f4f6" }} />
              <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]}>
                {chart.data.map((entry) => (
                  <Cell key={entry.name} fill={entry.fill} />
                ))}
                <LabelList dataKey="value" position="right" fill="#1f2937" fontSize={12} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      ))}
    </div>
  );
}

/** The composition bar: one stacked bar of the text's shares tagged fact, opinion, advocacy and untagged. */
export function CompositionChart({ composition }: { composition: AgreementJson["composition"] }) {
  const { locale } = useReaderLocale();
  const keys = ["fact", "opinion", "advocacy", "untagged"] as const;
  const row = { name: "text", ...Object.fromEntries(keys.map((key) => [key, composition[key]])) };
  return (
    <div className="h-10" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={[row]}
          layout="vertical"
          accessibilityLayer={false}
          stackOffset="expand"
          margin={{ left: 0, right: 0, top: 0, bottom: 0 }}
        >
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip formatter={(value) => formatPercent(Number(value), locale)} />
          {keys.map((key) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="composition"
              fill={LABEL_HEX[key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
