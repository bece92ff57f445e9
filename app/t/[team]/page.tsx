import type { Metadata } from "next";
import Link from "next/link";
import { ArticleSearchResults } from "@/components/articles/article-list";
import { ExportDialog } from "@/components/export/export-dialog";
import { listArticles } from "@/lib/articles/list-articles";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { canExportAllStatuses } from "@/lib/export/export-filters";
import { can } from "@/lib/policies/team";
import { getTeamAccessOrThrow } from "@/lib/teams/access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Articles" };

export default async function TeamArticlesPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team } = await params;
  const search = await searchParams;
  const q = typeof search.q === "string" ? search.q.slice(0, 200) : "";
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;
  const user = await requireCurrentUser();
  const access = await getTeamAccessOrThrow(user, { slug: team });
  const canImport = can(access, "article.import");
  let list: Awaited<ReturnType<typeof listArticles>>;
  let error: string | null = null;
  try {
    list = await listArticles({ actor: user, teamSlug: team, query: { q: q || undefined, cursor } });
  } catch (caught) {
    if (!(caught instanceof AppError) || caught.code !== "invalid_input") throw caught;
    error = caught.message;
    list = { items: [], nextCursor: null };
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="flex items-center gap-4">
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
        <search>
          <form action={`/t/${team}`} className="flex gap-2">
            <label htmlFor="article-search" className="sr-only">
              Search articles
            </label>
            <input
              id="article-search"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="Search title and text"
              className="w-72 rounded-md border border-gray-400 bg-white px-3 py-2 text-sm"
            />
            <button
              type="submit"
              className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
            >
              Search
            </button>
          </form>
        </search>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ArticleSearchResults team={team} query={q} items={list.items} />
      {list.nextCursor && (
        <Link
          className="inline-block text-sm font-medium text-blue-800 underline"
          href={`/t/${team}?${new URLSearchParams({ ...(q ? { q } : {}), cursor: list.nextCursor })}`}
        >
          Older articles →
        </Link>
      )}
    </div>
  );
}
