import { LocalTime } from "@/components/ui/local-time";
import type { TeamSourceJson } from "@/lib/evidence/list-team-sources";
import { ExternalLink } from "./external-link";
import { snapshotPageHref } from "./snapshot-status";

/** "gone" and "changed" badges of a source or page (counts of citations the last checks flagged). */
function HealthBadges({ gone, changed }: { gone: number; changed: number }) {
  return (
    <>
      {gone > 0 && (
        <span className="ml-1 rounded bg-red-100 px-1 text-xs font-semibold text-red-900">
          gone{gone > 1 ? ` ×${gone}` : ""}
        </span>
      )}
      {changed > 0 && (
        <span className="ml-1 rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">
          changed{changed > 1 ? ` ×${changed}` : ""}
        </span>
      )}
    </>
  );
}

/**
 * The sources a team cites, by site, each with its pages and how many annotations they corroborate
 * or contradict, flagged where the last link checks found them gone or changed (with a link to
 * Proofmark's archived copy when `team` is given).
 */
export function TeamSources({ sources, team }: { sources: TeamSourceJson[]; team?: string }) {
  if (sources.length === 0) {
    return (
      <p className="text-sm text-gray-700">
        No external sources have been cited in this team's articles yet.
      </p>
    );
  }
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Sources cited as evidence, most cited first</caption>
      <thead>
        <tr className="border-b border-gray-300 text-left text-xs tracking-wide text-gray-700 uppercase">
          <th scope="col" className="py-2 pr-4">
            Source
          </th>
          <th scope="col" className="py-2 pr-4 text-right">
            Corroborates
          </th>
          <th scope="col" className="py-2 pr-4 text-right">
            Contradicts
          </th>
          <th scope="col" className="py-2 pr-4 text-right">
            Citations
          </th>
          <th scope="col" className="py-2 pr-4 text-right">
            Articles
          </th>
          <th scope="col" className="py-2">
            Last cited
          </th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <tr key={source.host} className="border-b border-gray-200 align-top" data-source-host={source.host}>
            <th scope="row" className="py-3 pr-4 text-left font-normal">
              <span className="font-semibold text-gray-900">{source.publisher ?? source.host}</span>
              {source.publisher && <span className="ml-2 text-xs text-gray-600">{source.host}</span>}
              <HealthBadges gone={source.gone} changed={source.changed} />
              <ul className="mt-1 space-y-0.5 text-xs">
                {source.pages.map((page) => (
                  <li key={`${page.url}-${page.lastCitedAt}`}>
                    <ExternalLink href={page.url}>{page.title ?? page.url ?? "(link hidden)"}</ExternalLink>
                    <HealthBadges gone={page.gone} changed={page.changed} />
                    {team && page.snapshotEvidenceId && (
                      <>
                        {" · "}
                        <a
                          href={snapshotPageHref(team, page.snapshotEvidenceId)}
                          className="text-blue-800 underline"
                        >
                          archived copy
                        </a>
                      </>
                    )}{" "}
                    <span className="text-gray-600">
                      <span aria-hidden="true">
                        ✓{page.corroborates} ✗{page.contradicts}
                      </span>
                      <span className="sr-only">
                        corroborates {page.corroborates}, contradicts {page.contradicts}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </th>
            <td className="py-3 pr-4 text-right text-green-800 tabular-nums">{source.corroborates}</td>
            <td className="py-3 pr-4 text-right text-red-800 tabular-nums">{source.contradicts}</td>
            <td className="py-3 pr-4 text-right tabular-nums">{source.citations}</td>
            <td className="py-3 pr-4 text-right tabular-nums">{source.articles}</td>
            <td className="py-3 whitespace-nowrap">
              <LocalTime value={source.lastCitedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
