"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";

/** What the verdict section reads of an annotation. */
type VerdictSubject = Pick<AnnotationJson, "id" | "label" | "status" | "evidence">;

import type { EvidenceItemJson } from "@/lib/evidence/list-evidence";
import type { RatingScaleJson } from "@/lib/verdicts/rating-scale";
import type { VerdictJson } from "@/lib/verdicts/verdict-json";
import { RatingBadge } from "./verdict-badge";
import { useVerdicts } from "./verdict-context";

function evidenceTitle(item: EvidenceItemJson): string {
  if (item.kind === "internal") return item.target?.quote ? `“${item.target.quote}”` : "Another annotation";
  return item.title || item.publisher || item.url || "A source";
}

/** The live verdict of one annotation as a row shows it (nothing when it has none). */
export function VerdictSummary({ annotationId }: { annotationId: string }) {
  const { verdicts } = useVerdicts();
  const verdict = verdicts.get(annotationId);
  if (!verdict) return null;
  return (
    <span className="mt-1.5 block">
      <RatingBadge rating={verdict.rating} />
    </span>
  );
}

function VerdictForm({
  annotation,
  verdict,
  onDone,
}: {
  annotation: VerdictSubject;
  verdict: VerdictJson | undefined;
  onDone: () => void;
}) {
  const { team, actions } = useVerdicts();
  const ids = useId();
  const [scale, setScale] = useState<RatingScaleJson | null>(null);
  const [evidence, setEvidence] = useState<EvidenceItemJson[] | null>(null);
  const [rating, setRating] = useState(verdict?.rating.id ?? "");
  const [conclusion, setConclusion] = useState(verdict?.conclusion ?? "");
  const [chosen, setChosen] = useState<Set<string>>(new Set(verdict?.evidenceIds ?? []));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [scaleResult, evidenceResult] = await Promise.all([
        actions.getRatingScale(team),
        actions.listEvidence(annotation.id),
      ]);
      if (cancelled) return;
      if (!scaleResult.ok) return setError(scaleResult.error);
      if (!evidenceResult.ok) return setError(evidenceResult.error);
      setScale(scaleResult.data);
      setEvidence([...evidenceResult.data.corroborates, ...evidenceResult.data.contradicts]);
      setRating((current) => current || scaleResult.data.items[0]?.id || "");
    })();
    return () => {
      cancelled = true;
    };
  }, [team, annotation.id, actions]);

  if (!scale || !evidence) {
    return error ? (
      <p role="alert" className="text-xs text-red-700">
        {error}
      </p>
    ) : (
      <p className="text-xs text-gray-600">Loading the rating scale…</p>
    );
  }
  return (
    <form
      className="space-y-2 text-xs"
      aria-labelledby={`${ids}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const result = await actions.set(annotation.id, {
            rating,
            conclusion,
            evidenceIds: [...chosen],
          });
          if (result.ok) onDone();
          else setError(result.error);
        } catch {
          setError("Could not reach the server. Check your connection and try again.");
        } finally {
          setBusy(false);
        }
      }}
    >
      <h4 id={`${ids}-title`} className="font-semibold text-gray-900">
        {verdict ? "Change the verdict" : "Give a verdict"}
      </h4>
      <div>
        <label htmlFor={`${ids}-rating`} className="block font-medium text-gray-900">
          Rating
        </label>
        <select
          id={`${ids}-rating`}
          value={rating}
          onChange={(event) => setRating(event.target.value)}
          className="mt-0.5 block w-full rounded border border-gray-400 bg-white px-1.5 py-1 text-sm"
        >
          {scale.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.label}
              {item.value === null ? "" : ` (${item.value})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${ids}-conclusion`} className="block font-medium text-gray-900">
          Conclusion
        </label>
        <textarea
          id={`${ids}-conclusion`}
          required
          maxLength={5000}
          rows={4}
          value={conclusion}
          onChange={(event) => setConclusion(event.target.value)}
          aria-describedby={`${ids}-conclusion-hint`}
          className="mt-0.5 block w-full rounded border border-gray-400 bg-white px-1.5 py-1 text-sm"
        />
        <p id={`${ids}-conclusion-hint`} className="text-gray-700">
          Markdown: **bold**, _italic_, [links](https://…). HTML is shown as text.
        </p>
      </div>
      <fieldset>
        <legend className="font-medium text-gray-900">Evidence it rests on (at least one)</legend>
        {evidence.length === 0 ? (
          <p className="text-gray-700">Add evidence to this passage first.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {evidence.map((item) => (
              <li key={item.id}>
                <label className="flex items-start gap-1.5">
                  <input
                    type="checkbox"
                    checked={chosen.has(item.id)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(item.id);
                      else next.delete(item.id);
                      setChosen(next);
                    }}
                  />
                  <span>
                    {item.relation === "corroborates" ? "Corroborates: " : "Contradicts: "}
                    {evidenceTitle(item)}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy || chosen.size === 0 || !conclusion.trim()}>
          {busy ? "Saving…" : "Save verdict"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The verdict part of a selected annotation in the sidebar: the passage's evidence balance, its
 * live verdict (badge, conclusion) and, for moderators and admins on an approved fact, the form.
 */
export function VerdictSection({ annotation }: { annotation: VerdictSubject }) {
  const { verdicts, canWrite, actions } = useVerdicts();
  const verdict = verdicts.get(annotation.id);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const eligible = annotation.label === "fact" && annotation.status === "approved";
  if (!verdict && !(canWrite && eligible)) return null;
  return (
    <section aria-labelledby={`${ids}-title`} className="space-y-2" data-verdict-section>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${ids}-title`} className="text-xs font-semibold uppercase tracking-wide text-gray-800">
          Verdict
        </h3>
        <p className="text-xs text-gray-800" data-evidence-balance>
          Evidence: {annotation.evidence.corroborates} corroborating · {annotation.evidence.contradicts}{" "}
          contradicting
        </p>
      </div>
      {verdict ? (
        <div className="space-y-1 text-sm">
          <RatingBadge rating={verdict.rating} />
          <div
            className="verdict-conclusion text-gray-900"
            // Rendered by markdown-it on the server with raw HTML off and safe link schemes only.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized server-side (lib/verdicts/render-conclusion.ts)
            dangerouslySetInnerHTML={{ __html: verdict.conclusionHtml }}
          />
          <p className="text-xs text-gray-700">
            Rests on {verdict.evidenceIds.length} evidence item{verdict.evidenceIds.length === 1 ? "" : "s"} ·
            by {verdict.author.name}
          </p>
        </div>
      ) : (
        !editing && <p className="text-xs text-gray-700">No verdict yet.</p>
      )}
      {canWrite && eligible && !editing && (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {verdict ? "Change verdict" : "Give a verdict"}
          </Button>
          {verdict && (
            <Button
              variant="ghost"
              onClick={async () => {
                try {
                  const result = await actions.remove(annotation.id);
                  setError(result.ok ? null : result.error);
                } catch {
                  setError("Could not reach the server. Check your connection and try again.");
                }
              }}
            >
              Remove verdict
            </Button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      {editing && <VerdictForm annotation={annotation} verdict={verdict} onDone={() => setEditing(false)} />}
    </section>
  );
}
