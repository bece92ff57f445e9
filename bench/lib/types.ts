// The contract between bench/run.ts and each benchmark module.
import type { BenchServer } from "./server.ts";

/** One budget from issue 8: what it allows, what was measured, whether it was met. */
export interface Budget {
  name: string;
  limit: string;
  measured: string;
  /** null when the figure could not be measured in this run. */
  met: boolean | null;
}

export interface ResultTable {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface BenchOutcome {
  tables: ResultTable[];
  budgets: Budget[];
  /** Everything else worth keeping (raw summaries, plans, parameters). */
  data: Record<string, unknown>;
  notes: string[];
}

export interface BenchContext {
  smoke: boolean;
  log(line: string): void;
  /** Connection string of the benchmark database (the parent process uses it through lib/db.ts too). */
  databaseUrl: string;
  /** The production server (started on first use by a benchmark that needs it). */
  server(): Promise<BenchServer>;
}

export interface Benchmark {
  name: string;
  title: string;
  /** Needs the database and the production server (false: pure, in-process). */
  needsServer: boolean;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

/** Thrown by a benchmark whose feature (endpoint, page, package) is not there yet. */
export class NotAvailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NotAvailable";
  }
}

/** An outcome with the fields a benchmark did not fill. */
export function outcome(partial: Partial<BenchOutcome>): BenchOutcome {
  return { tables: [], budgets: [], data: {}, notes: [], ...partial };
}
