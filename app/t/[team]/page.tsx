import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { ArticleSearchResults } from "@/components/articles/article-list";
import { ArticleListFilters, type ArticleListFilterValues } from "@/components/articles/article-list-filters";
import { ExportDialog } from "@/components/export/export-dialog";
import { countArticleAnnotations } from "@/lib/articles/count-article-annotations";
import { describeArticleListError } from "@/lib/articles/describe-article-list-error";
import { listArticleImporters } from "@/lib/articles/list-article-importers";
import { listArticles } from "@/lib/articles/list-articles";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { canExportAllStatuses } from "@/lib/export/export-filters";
import type { TeamPageProps } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team";
import { getTeamAccessOrThrow } from "@/lib/teams/access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Articles" };

const FILTER_KEYS = ["q", "importedBy", "from", "to", "sort", "archived"] as const;

function readFilters(search: Record<string, string | string[] | undefined>): ArticleListFilterValues {
  const values: ArticleListFilterValues = {};
  for (const key of FILTER_KEYS) {
    const raw = search[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    // "exclude" is the default: not a filter the person chose.
    if (value && !(key === "archived" && value === "exclude")) values[key] = value.slice(0, 200);
  }
  return values;
}

export default async function TeamArticlesPage({ params, searchParams }: TeamPageProps) {
  const { team } = await params;
  const search = await searchParams;
  const filters = readFilters(search);
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;
  const user = await requireCurrentUser();
  const access = await getTeamAccessOrThrow(user, { slug: team });
  const canImport = can(access, "article.import");
  let list: Awaited<ReturnType<typeof listArticles>>;
  let error: string | null = null;
  try {
    // The same query rules as GET /api/v1/teams/{team}/articles (ZListArticlesQuery).
    list = await listArticles({ actor: user, teamSlug: team, query: { ...filters, cursor } });
  } catch (caught) {
    const invalid =
      (caught instanceof AppError && caught.code === "invalid_input") || caught instanceof ZodError;
    if (!invalid) throw caught;
    error = describeArticleListError(caught);
    list = { items: [], nextCursor: null };
  }
  const [counts, importers] = await Promise.all([
    countArticleAnnotations({ actor: user, teamSlug: team, articleIds: list.items.map((item) => item.id) }),
    listArticleImporters({ actor: user, teamSlug: team }),
  ]);
  const nextQuery = list.nextCursor ? new URLSearchParams({ ...filters, cursor: list.nextCursor }) : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold text-gray-900">Articles</h1>
        {canImport && (
          <Link
            href={`/t/${team}/articles/new`}
            className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Import article
          </Link>
        )}
        {can(access, "export") && (
          <ExportDialog scope={{ kind: "team", team }} canSeeAllStatuses={canExportAllStatuses(access)} />
        )}
      </div>
      <ArticleListFilters team={team} values={filters} importers={importers} />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ArticleSearchResults
        team={team}
        query={filters.q ?? ""}
        filtered={Object.keys(filters).some((key) => key !== "q")}
        items={list.items}
        counts={Object.fromEntries(counts)}
      />
      {nextQuery && (
        <Link
          className="inline-block text-sm font-medium text-blue-800 underline"
          href={`/t/${team}?${nextQuery}`}
        >
          More articles →
        </Link>
      )}
    </div>
  );
}
