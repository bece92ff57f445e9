"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import type { EvidenceListJson } from "@/lib/evidence/list-evidence";
import type { RatingScaleJson } from "@/lib/verdicts/rating-scale";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";

/** The server actions the verdict form calls; the article page passes them down. */
export interface VerdictActions {
  listEvidence: (annotationId: string) => Promise<ActionResult<EvidenceListJson>>;
  getRatingScale: (team: string) => Promise<ActionResult<RatingScaleJson>>;
  set: (annotationId: string, input: unknown) => Promise<ActionResult<VerdictJson>>;
  remove: (annotationId: string) => Promise<ActionResult<null>>;
}

const UNAVAILABLE = async () => ({ ok: false as const, error: "Verdicts are not available here." });

interface VerdictContextValue {
  /** Live verdicts by annotation id (the server-written verdict map). */
  verdicts: ReadonlyMap<string, VerdictJson>;
  /** Whether the user may give, change and remove verdicts (moderators, admins). */
  canWrite: boolean;
  /** The team's slug. */
  team: string;
  actions: VerdictActions;
}

const VerdictContext = createContext<VerdictContextValue>({
  verdicts: new Map(),
  canWrite: false,
  team: "",
  actions: { listEvidence: UNAVAILABLE, getRatingScale: UNAVAILABLE, set: UNAVAILABLE, remove: UNAVAILABLE },
});

/** Hands the live verdicts down to the sidebar's rows without threading them through every prop. */
export function VerdictProvider({ children, ...value }: VerdictContextValue & { children: ReactNode }) {
  return <VerdictContext.Provider value={value}>{children}</VerdictContext.Provider>;
}

/** The live verdicts and whether the user may write them. */
export function useVerdicts(): VerdictContextValue {
  return useContext(VerdictContext);
}
