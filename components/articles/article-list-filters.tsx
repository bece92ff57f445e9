import Link from "next/link";

/** The article list's filters as they appear in the URL (a plain GET form: works without JavaScript). */
export interface ArticleListFilterValues {
  q?: string;
  importedBy?: string;
  from?: string;
  to?: string;
  sort?: string;
  archived?: string;
}

const CONTROL =
  "mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-1.5 text-sm text-gray-900";

/** Search, importer, import dates, archive state and order of the team's article list. */
export function ArticleListFilters({
  team,
  values,
  importers,
}: {
  team: string;
  values: ArticleListFilterValues;
  importers: { id: string; name: string }[];
}) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <search aria-label="Search and filter articles">
      <form method="get" action={`/t/${team}`} className="space-y-3">
        <div className="flex flex-wrap gap-2">
          <label htmlFor="article-search" className="sr-only">
            Search articles
          </label>
          <input
            id="article-search"
            name="q"
            type="search"
            defaultValue={values.q ?? ""}
            maxLength={200}
            placeholder="Search title and text"
            className="w-full max-w-md rounded-md border border-gray-400 bg-white px-3 py-2 text-sm sm:w-72"
          />
          <button
            type="submit"
            className="rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800"
          >
            Search
          </button>
          {filtered && (
            <Link href={`/t/${team}`} className="self-center text-sm font-medium text-blue-800 underline">
              Clear filters
            </Link>
          )}
        </div>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
          <label className="block text-sm font-medium text-gray-900">
            Imported by
            <select name="importedBy" defaultValue={values.importedBy ?? ""} className={CONTROL}>
              <option value="">Anyone</option>
              {importers.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium text-gray-900">
            Imported from
            <input name="from" type="date" defaultValue={values.from ?? ""} className={CONTROL} />
          </label>
          <label className="block text-sm font-medium text-gray-900">
            Imported until
            <input name="to" type="date" defaultValue={values.to ?? ""} className={CONTROL} />
          </label>
          <label className="block text-sm font-medium text-gray-900">
            Archived
            <select name="archived" defaultValue={values.archived ?? "exclude"} className={CONTROL}>
              <option value="exclude">Leave out archived</option>
              <option value="include">Include archived</option>
              <option value="only">Archived only</option>
            </select>
          </label>
          <label className="block text-sm font-medium text-gray-900">
            Sort
            <select name="sort" defaultValue={values.sort ?? ""} className={CONTROL}>
              <option value="">Best match when searching, else newest</option>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="title">Title A–Z</option>
            </select>
          </label>
        </div>
      </form>
    </search>
  );
}
