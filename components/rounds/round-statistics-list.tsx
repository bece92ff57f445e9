import type { RoundAgreementJson } from "@/lib/agreement/get-round-agreement";

function figure(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(2);
}

/**
 * Per-round agreement from blind rounds: Krippendorff's α on the labels of passages two or more
 * annotators tagged, positional α (span-level: untagged counts) and Cohen's κ for two annotators.
 */
export function RoundStatisticsList({
  rounds,
  caption,
  teamSlug,
}: {
  rounds: RoundAgreementJson[];
  caption: string;
  teamSlug?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="round-statistics">
        <caption className="text-left font-semibold text-gray-900">{caption}</caption>
        <thead>
          <tr>
            {teamSlug && (
              <th scope="col" className="py-1 pr-2 font-medium">
                Article
              </th>
            )}
            <th scope="col" className="py-1 pr-2 font-medium">
              Annotators
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Label α (passages)
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Positional α (spans)
            </th>
            <th scope="col" className="py-1 font-medium">
              Cohen's κ
            </th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((round) => (
            <tr key={round.roundId} className="border-t border-gray-100">
              {teamSlug && (
                <td className="py-1 pr-2">
                  <a
                    className="text-blue-800 underline"
                    href={`/t/${encodeURIComponent(teamSlug)}/articles/${round.articleId}`}
                  >
                    {round.articleTitle}
                  </a>{" "}
                  ({round.status})
                </td>
              )}
              <td className="py-1 pr-2">{round.annotators}</td>
              <td className="py-1 pr-2">
                {figure(round.alpha)} ({round.pairable} of {round.passages})
              </td>
              <td className="py-1 pr-2">{figure(round.positionalAlpha)}</td>
              <td className="py-1">{round.annotators === 2 ? figure(round.kappa) : "two annotators only"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
