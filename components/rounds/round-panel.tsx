import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PagePanel } from "@/components/ui/page-panel";
import type { RoundPageState } from "@/lib/rounds/get-round-page-state";
import { RoundProgress } from "./round-progress";

const OUTCOMES: Record<string, string> = {
  started: "The blind round started.",
  submitted: "Your annotations are submitted; they are frozen now.",
  revealed: "The round is revealed to the team.",
  extended: "The due date changed.",
};

/**
 * Blind rounds on the article page (plain HTML forms: they work without JavaScript). An annotator
 * of the open round sees the blind banner and the Submit button; moderators start a round, follow
 * each annotator's progress, extend or reveal it, and reach the adjudication of a revealed one.
 */
export function RoundPanel({
  state,
  outcome,
  error,
  adjudicationHref,
  onStart,
  onSubmit,
  onReveal,
  onExtend,
}: {
  state: RoundPageState;
  outcome: string | null;
  error: string | null;
  adjudicationHref: string | null;
  onStart: (formData: FormData) => Promise<void>;
  onSubmit: (() => Promise<void>) | null;
  onReveal: (() => Promise<void>) | null;
  onExtend: ((formData: FormData) => Promise<void>) | null;
}) {
  const { open, mine, candidates, latest } = state;
  const message = outcome ? OUTCOMES[outcome] : null;
  if (!open && !candidates && !adjudicationHref && !message && !error) return null;
  return (
    <PagePanel id="round" title="Blind round" message={message} error={error}>
      {open && mine && (
        <div
          className="mt-2 rounded-md border border-indigo-300 bg-indigo-50 p-3 text-indigo-950"
          data-testid="blind-banner"
        >
          <p className="font-medium">Blind round: you see only your own highlights.</p>
          {mine.submittedAt ? (
            <p className="mt-1">
              You submitted {mine.annotations === 1 ? "1 highlight" : `${mine.annotations} highlights`} on{" "}
              <LocalTime value={mine.submittedAt} style="datetime" />; they are frozen until the round is
              revealed.
            </p>
          ) : (
            <>
              <p className="mt-1">
                Tag the article on your own judgement; the others' highlights appear when the round is
                revealed.
                {open.dueAt && (
                  <>
                    {" "}
                    Due <LocalTime value={open.dueAt} calendarDate />.
                  </>
                )}
              </p>
              {onSubmit && (
                <form action={onSubmit} className="mt-2">
                  <Button type="submit">Submit my highlights</Button>
                </form>
              )}
            </>
          )}
        </div>
      )}
      {open && !mine && !candidates && (
        <p className="mt-1 text-gray-800">
          A blind round is open on this article; its highlights appear here when it is revealed.
        </p>
      )}
      {open && candidates && (
        <div className="mt-2 space-y-2">
          <p className="text-gray-800">
            Open since <LocalTime value={open.createdAt} style="datetime" />
            {open.dueAt && (
              <>
                , due <LocalTime value={open.dueAt} calendarDate />
              </>
            )}
            . Each annotator sees only their own highlights; you see everyone's.
          </p>
          <RoundProgress roundId={open.id} initial={open} />
          <div className="flex flex-wrap items-end gap-2">
            {onExtend && (
              <form action={onExtend} className="flex flex-wrap items-end gap-2">
                <label className="block">
                  <span className="block text-gray-900">Due date</span>
                  <input
                    type="date"
                    name="dueAt"
                    className="rounded-md border border-gray-400 px-2 py-1.5 text-sm"
                  />
                </label>
                <Button type="submit" variant="secondary">
                  Change due date
                </Button>
              </form>
            )}
            {onReveal && (
              <form action={onReveal}>
                <Button type="submit" variant="secondary">
                  Close and reveal now
                </Button>
              </form>
            )}
          </div>
        </div>
      )}
      {!open && candidates && (
        <form action={onStart} className="mt-2 space-y-2">
          <fieldset>
            <legend className="text-gray-900">
              Start blind round: each chosen annotator tags on their own, without seeing the others.
            </legend>
            {candidates.length === 0 ? (
              <p className="mt-1 text-gray-700">This team has no annotators to choose.</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {candidates.map((candidate) => (
                  <li key={candidate.id}>
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" name="annotatorIds" value={candidate.id} />
                      {candidate.name}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <label className="block">
            <span className="block text-gray-900">Due date (optional)</span>
            <input
              type="date"
              name="dueAt"
              className="rounded-md border border-gray-400 px-2 py-1.5 text-sm"
            />
          </label>
          <Button type="submit" disabled={candidates.length === 0}>
            Start blind round
          </Button>
        </form>
      )}
      {adjudicationHref && latest && (
        <p className="mt-2">
          <a className="text-blue-800 underline" href={adjudicationHref}>
            Adjudicate the revealed round
          </a>{" "}
          ({latest.annotatorCount} annotators)
        </p>
      )}
    </PagePanel>
  );
}
