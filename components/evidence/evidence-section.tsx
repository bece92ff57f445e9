"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/run-action";
import type { EvidenceJson } from "@/lib/evidence/evidence-json";
import type { EvidenceListJson } from "@/lib/evidence/list-evidence";
import { AddEvidenceForm, fetchCitable } from "./add-evidence-form";
import { annotationHref, EvidencePanel } from "./evidence-panel";
import { snapshotPageHref } from "./snapshot-status";

/** The server actions the evidence section calls (app/t/[team]/articles/[id]/evidence-actions.ts). */
export interface EvidenceActions {
  list: (annotationId: string) => Promise<ActionResult<EvidenceListJson>>;
  add: (annotationId: string, input: unknown) => Promise<ActionResult<EvidenceJson>>;
  remove: (evidenceId: string) => Promise<ActionResult<null>>;
  /** Asks for a link check of an external item now. */
  check?: (evidenceId: string) => Promise<ActionResult<unknown>>;
}

/**
 * The evidence of one annotation, ready to mount in the annotation sidebar: loads the panel's
 * data through the server actions, reloads whenever `refreshKey` changes (pass the live
 * counts, e.g. `${a.evidence.corroborates}/${a.evidence.contradicts}/${a.citedBy ?? 0}`, so
 * another user's change shows at once), and offers the add form to those who may add.
 */
export function EvidenceSection({
  team,
  annotationId,
  refreshKey,
  onNavigate,
  actions,
}: {
  team: string;
  annotationId: string;
  actions: EvidenceActions;
  refreshKey?: string | number;
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
}) {
  const [evidence, setEvidence] = useState<EvidenceListJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const reload = useCallback(async () => {
    const result = await actions.list(annotationId);
    if (result.ok) {
      setEvidence(result.data);
      setError(null);
    } else setError(result.error);
  }, [annotationId, actions.list]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the live signal to reload
  useEffect(() => {
    void reload();
  }, [reload, refreshKey]);

  // An archive or a check runs in the background: look again while one is pending.
  const pending = [...(evidence?.corroborates ?? []), ...(evidence?.contradicts ?? [])].some(
    (item) => item.snapshot?.state === "archiving" || item.snapshot?.checkPending,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: each reload (a new `evidence`) schedules the next look
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void reload(), 3_000);
    return () => clearTimeout(timer);
  }, [pending, reload, evidence]);

  const search = useMemo(() => fetchCitable(team, annotationId), [team, annotationId]);
  const href = useMemo(() => annotationHref(team), [team]);
  const snapshotHref = useMemo(() => (evidenceId: string) => snapshotPageHref(team, evidenceId), [team]);
  const check = actions.check;

  if (error && !evidence) {
    return (
      <p role="alert" className="text-xs text-red-700">
        {error}
      </p>
    );
  }
  if (!evidence) return <p className="text-xs text-gray-600">Loading evidence…</p>;
  return (
    <div className="space-y-3">
      <EvidencePanel
        evidence={evidence}
        href={href}
        snapshotHref={snapshotHref}
        onCheck={
          check
            ? async (item) => {
                const result = await check(item.id);
                return result.ok ? null : result.error;
              }
            : undefined
        }
        onNavigate={onNavigate}
        onRemove={async (item) => {
          const result = await actions.remove(item.id);
          if (!result.ok) return result.error;
          await reload();
          return null;
        }}
      />
      {evidence.canAdd &&
        (adding ? (
          <div className="rounded-md border border-gray-200 p-3">
            <AddEvidenceForm
              search={search}
              onAdd={async (input) => {
                const result = await actions.add(annotationId, input);
                if (!result.ok) return result.error;
                await reload();
                return null;
              }}
              onDone={() => setAdding(false)}
            />
            <Button variant="ghost" className="mt-2" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            Add evidence
          </Button>
        ))}
    </div>
  );
}
