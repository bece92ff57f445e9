// axe-core in a Playwright page: injects the engine (through the DevTools protocol, so the
// page's Content-Security-Policy does not block it), runs it on the page as it is now and
// fails on any serious or critical violation, printing each one with the elements it found.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

function source(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/** Runs axe on the page and returns every violation (all impacts). */
export async function axeViolations(page: Page, options: { include?: string } = {}): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => "axe" in window);
  if (!injected) await page.evaluate(source());
  return page.evaluate(async (include) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated source defines
    const axe = (window as any).axe;
    const result = await axe.run(include ? { include: [include] } : document, {
      resultTypes: ["violations"],
    });
    return (result.violations as AxeViolation[]).map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String),
        html: node.html.slice(0, 300),
        failureSummary: node.failureSummary,
      })),
    }));
  }, options.include ?? null);
}

/** A readable report of violations, one block per rule. */
export function formatViolations(state: string, violations: AxeViolation[]): string {
  return [
    `axe: ${violations.length} serious or critical violation(s) in "${state}":`,
    ...violations.map((violation) =>
      [
        `- [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map(
          (node) =>
            `    at ${node.target.join(" ")}\n      ${node.html}\n      ${node.failureSummary.replaceAll("\n", "\n      ")}`,
        ),
      ].join("\n"),
    ),
  ].join("\n");
}

/** Fails (throws, with every violation printed) when axe finds a serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, state: string): Promise<void> {
  const serious = (await axeViolations(page)).filter((violation) =>
    FAILING_IMPACTS.has(violation.impact ?? ""),
  );
  if (serious.length > 0) throw new Error(formatViolations(state, serious));
}
