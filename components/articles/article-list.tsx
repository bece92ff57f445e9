import Link from "next/link";
import { LocalNumber } from "@/components/ui/local-number";
import { LocalTime } from "@/components/ui/local-time";
import type { ArticleAnnotationCounts } from "@/lib/articles/count-article-annotations";
import type { ArticleListItem } from "@/lib/articles/list-articles";

function Count({ count, one, many = `${one}s` }: { count: number; one: string; many?: string }) {
  return (
    <>
      <LocalNumber value={count} /> {count === 1 ? one : many}
    </>
  );
}

/** "3 passages tagged · 1 pending · 1 in disagreement" (the parts that are not zero, or "not tagged yet"). */
function CountsText({ counts }: { counts: ArticleAnnotationCounts }) {
  if (counts.tagged === 0) return "no passages tagged yet";
  return (
    <>
      <Count count={counts.tagged} one="passage" /> tagged
      {counts.pending > 0 && (
        <>
          {" · "}
          <LocalNumber value={counts.pending} /> pending review
        </>
      )}
      {counts.inDisagreement > 0 && (
        <>
          {" · "}
          <LocalNumber value={counts.inDisagreement} /> in disagreement
        </>
      )}
    </>
  );
}

/**
 * The team's articles, or search results with their marked snippets, each with its annotation
 * counts; an empty state that says what to do.
 */
export function ArticleSearchResults({
  team,
  query,
  filtered = false,
  items,
  counts = {},
}: {
  team: string;
  query: string;
  /** Filters other than the search are applied (the empty state says so). */
  filtered?: boolean;
  items: ArticleListItem[];
  counts?: Record<string, ArticleAnnotationCounts>;
}) {
  if (items.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center">
        {query || filtered ? (
          <p className="text-gray-800">
            {query ? `No articles match “${query}”` : "No articles match"}
            {filtered ? " with these filters" : ""}.
          </p>
        ) : (
          <>
            <p className="font-medium text-gray-900">No articles yet</p>
            <p className="mt-1 text-sm text-gray-700">
              Import one with{" "}
              <code className="rounded bg-gray-100 px-1">POST /api/v1/teams/{team}/articles</code> and it will
              appear here for the whole team.
            </p>
          </>
        )}
      </div>
    );
  }
  return (
    <ul className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" aria-label="Articles">
      {items.map((article) => (
        <li key={article.id} className="px-5 py-4">
          <Link
            href={`/t/${team}/articles/${article.id}`}
            title={article.title}
            className="line-clamp-2 font-serif text-lg font-semibold text-gray-900 [overflow-wrap:anywhere] hover:underline"
          >
            {article.title}
          </Link>
          {article.archivedAt && (
            <span className="ml-2 rounded bg-gray-200 px-1.5 py-0.5 align-middle text-xs font-semibold text-gray-800">
              archived
            </span>
          )}
          <p className="mt-1 text-sm text-gray-700 [overflow-wrap:anywhere]">
            {article.byline && <>{article.byline} · </>}
            {article.publishedAt && (
              <>
                <LocalTime value={article.publishedAt} calendarDate /> ·{" "}
              </>
            )}
            imported by {article.importedBy.name} on <LocalTime value={article.createdAt} />
          </p>
          {counts[article.id] && (
            <p className="mt-1 text-sm text-gray-700" data-testid="article-counts">
              <CountsText counts={counts[article.id]!} />
            </p>
          )}
          {article.snippet && (
            <p className="mt-2 text-sm text-gray-800">
              {article.snippet.map((segment, index) =>
                segment.match ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for this render
                  <mark key={index} className="rounded bg-yellow-200 px-0.5 text-gray-900">
                    {segment.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are static for this render
                  <span key={index}>{segment.text}</span>
                ),
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
