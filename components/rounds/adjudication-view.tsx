import { LABEL_NAMES, LABEL_STYLE } from "@/components/moderation/labels";
import { Button } from "@/components/ui/button";
import type { RoundAgreementJson } from "@/lib/agreement/get-round-agreement";
import type { AdjudicatedAnnotation, Adjudication } from "@/lib/rounds/get-adjudication";
import { RoundStatisticsList } from "./round-statistics-list";

const DONE: Record<string, string> = {
  accepted: "Every agreed passage is accepted.",
  reviewed: "The decision is recorded.",
  closed: "The round is closed.",
};

/**
 * The moderators' adjudication of a revealed blind round (plain forms, no JavaScript needed):
 * passage by passage with the annotators side by side, conflicts first; agreed passages are
 * accepted in one step, conflicts settled with the usual review decisions.
 */
export function AdjudicationView({
  team,
  adjudication,
  agreement,
  done,
  error,
  onAcceptAgreed,
  onClose,
  reviewAction,
}: {
  team: string;
  adjudication: Adjudication;
  agreement: RoundAgreementJson;
  done: string | null;
  error: string | null;
  onAcceptAgreed: () => Promise<void>;
  onClose: (() => Promise<void>) | null;
  reviewAction: (annotationId: string) => (formData: FormData) => Promise<void>;
}) {
  const { round, annotators, passages } = adjudication;
  const nameOf = new Map(annotators.map((annotator) => [annotator.id, annotator.name]));
  const conflicts = passages.filter((passage) => !passage.agreed);
  const articleHref = `/t/${encodeURIComponent(team)}/articles/${adjudication.articleId}`;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <a className="text-blue-800 underline" href={articleHref}>
            Back to the article
          </a>
        </p>
        <h1 className="mt-2 text-2xl font-semibold text-gray-900">Adjudicate the blind round</h1>
        <p className="mt-1 text-sm text-gray-800">
          {annotators.map((annotator) => annotator.name).join(", ")} · {round.status} · {passages.length}{" "}
          passages, {conflicts.length} in conflict
        </p>
      </div>
      {DONE[done ?? ""] && (
        <p role="status" className="text-sm text-green-900">
          {DONE[done ?? ""]}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      {round.status === "open" ? (
        <p className="text-sm text-gray-800">
          This round is still open; adjudication starts when it is revealed.
        </p>
      ) : (
        <>
          <RoundStatisticsList rounds={[agreement]} caption="Agreement in this round" />
          <div className="flex flex-wrap gap-2">
            <form action={onAcceptAgreed}>
              <Button type="submit" disabled={adjudication.agreedPending === 0}>
                Accept all agreed passages ({adjudication.agreedPending})
              </Button>
            </form>
            {onClose && (
              <form action={onClose}>
                <Button type="submit" variant="secondary">
                  Mark adjudication done
                </Button>
              </form>
            )}
          </div>
          <ol id="passages" className="space-y-4" aria-label="Passages, conflicts first">
            {passages.map((passage) => (
              <li
                key={`${passage.start}-${passage.end}`}
                className="rounded-md border border-gray-200 bg-white p-3"
                data-testid={passage.agreed ? "agreed-passage" : "conflict-passage"}
              >
                <h2 className="text-sm font-medium text-gray-900">
                  {passage.agreed ? `Agreed: ${passage.label}` : "Conflict"}
                  {passage.settled ? " · settled" : ""}
                </h2>
                <blockquote
                  className="mt-1 border-l-4 border-gray-300 pl-2 font-serif text-gray-900"
                  dir="auto"
                >
                  {passage.text.length > 400 ? `${passage.text.slice(0, 400)}…` : passage.text}
                </blockquote>
                <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                  {passage.columns.map((column) => (
                    <div key={column.annotatorId} className="rounded border border-gray-100 p-2">
                      <h2 className="text-sm font-semibold text-gray-900">
                        {nameOf.get(column.annotatorId)}
                      </h2>
                      {column.annotations.length === 0 ? (
                        <p className="text-sm text-gray-700">Left untagged</p>
                      ) : (
                        column.annotations.map((annotation) => (
                          <AnnotationCell
                            key={annotation.id}
                            annotation={annotation}
                            showReview={!passage.agreed}
                            action={reviewAction(annotation.id)}
                          />
                        ))
                      )}
                    </div>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function AnnotationCell({
  annotation,
  showReview,
  action,
}: {
  annotation: AdjudicatedAnnotation;
  showReview: boolean;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <div className="mt-1 space-y-1 text-sm">
      <p>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${LABEL_STYLE[annotation.label]}`}>
          {annotation.label}
        </span>{" "}
        <span className="text-gray-800">{annotation.status}</span>
        {annotation.originalLabel !== annotation.label && (
          <span className="text-gray-700"> (tagged {annotation.originalLabel})</span>
        )}
      </p>
      <p className="text-gray-800" dir="auto">
        “{annotation.quote.length > 160 ? `${annotation.quote.slice(0, 160)}…` : annotation.quote}”
      </p>
      {annotation.note && <p className="text-gray-700">{annotation.note}</p>}
      {showReview && annotation.status === "pending" && (
        <form action={action} className="space-y-1">
          <input type="hidden" name="version" value={annotation.version} />
          <label className="block">
            <span className="sr-only">Reason (needed to reject or relabel)</span>
            <input
              name="reason"
              placeholder="Reason (to reject or relabel)"
              className="w-full rounded-md border border-gray-400 px-2 py-1 text-sm"
            />
          </label>
          <label className="block">
            <span className="sr-only">New label (to relabel)</span>
            <select
              name="label"
              defaultValue={annotation.label}
              className="rounded-md border border-gray-400 px-2 py-1 text-sm"
            >
              {LABEL_NAMES.map((label) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-wrap gap-1">
            <Button type="submit" name="decision" value="approve">
              Approve
            </Button>
            <Button type="submit" name="decision" value="reject" variant="danger">
              Reject
            </Button>
            <Button type="submit" name="decision" value="relabel" variant="secondary">
              Relabel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
