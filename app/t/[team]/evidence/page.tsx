import type { Metadata } from "next";
import { TeamSources } from "@/components/evidence/team-sources";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { listTeamSources } from "@/lib/evidence/list-team-sources";
import type { TeamPageProps } from "@/lib/pages/team-page";
import { checkAllSourcesAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evidence sources" };

export default async function TeamEvidencePage({ params, searchParams }: TeamPageProps) {
  const { team } = await params;
  const query = await searchParams;
  const flaggedOnly = query.show === "flagged";
  const user = await requireCurrentUser();
  // The team layout already answered 404 for a team the user is not in.
  const { sources, canCheck } = await listTeamSources({ actor: user, teamSlug: team, flaggedOnly });
  const base = `/t/${encodeURIComponent(team)}/evidence`;
  return (
    <div className="space-y-6">
      <PageHeading title="Evidence sources">
        The external sources cited as evidence across this team's articles, most cited first, with how many
        annotations each corroborates or contradicts. Proofmark keeps a copy of each cited page and checks the
        links again on a schedule: <strong>gone</strong> pages answer 404 or 410, <strong>changed</strong>{" "}
        pages no longer read as they did when cited.
      </PageHeading>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <nav aria-label="Show" className="flex gap-3">
          {flaggedOnly ? (
            <a href={base} className="text-blue-800 underline">
              All sources
            </a>
          ) : (
            <span aria-current="page" className="font-semibold">
              All sources
            </span>
          )}
          {flaggedOnly ? (
            <span aria-current="page" className="font-semibold">
              Gone or changed
            </span>
          ) : (
            <a href={`${base}?show=flagged`} className="text-blue-800 underline">
              Gone or changed
            </a>
          )}
        </nav>
        {canCheck && (
          <form action={checkAllSourcesAction.bind(null, team)} method="post">
            <Button type="submit" variant="secondary">
              Check all sources now
            </Button>
          </form>
        )}
        {typeof query.error === "string" && (
          <p role="alert" className="text-red-800">
            {query.error.slice(0, 300)}
          </p>
        )}
        {typeof query.checked === "string" && /^\d+$/.test(query.checked) && (
          <p role="status" className="text-green-900">
            {query.checked} checks asked for; results appear as they finish.
          </p>
        )}
      </div>
      {flaggedOnly && sources.length === 0 ? (
        <p className="text-sm text-gray-700">No cited source was found gone or changed by its last check.</p>
      ) : (
        <TeamSources sources={sources} team={team} />
      )}
    </div>
  );
}
