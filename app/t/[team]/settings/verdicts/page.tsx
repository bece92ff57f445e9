import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PageHeading } from "@/components/ui/page-heading";
import { RatingScaleEditor } from "@/components/verdicts/rating-scale-editor";
import { requireCurrentUser } from "@/lib/auth/current-user.ts";
import { orNotFound, type TeamPageProps } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team.ts";
import { getPublicProfile } from "@/lib/publications/update-public-profile.ts";
import { getTeamAccessOrThrow } from "@/lib/teams/access.ts";
import { getRatingScale } from "@/lib/verdicts/get-rating-scale.ts";
import { savePublicProfileAction, saveRatingScaleAction } from "./actions.ts";

export const metadata: Metadata = { title: "Verdicts and publishing" };
export const dynamic = "force-dynamic";

export default async function VerdictSettingsPage({ params, searchParams }: TeamPageProps) {
  const { team: slug } = await params;
  const query = await searchParams;
  const user = await requireCurrentUser(`/t/${slug}/settings/verdicts`);
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  const scale = await orNotFound(getRatingScale({ actor: user, teamSlug: slug }));
  const profile = await orNotFound(getPublicProfile({ actor: user, teamSlug: slug }));
  const isAdmin = can(access, "team.settings");
  const error = typeof query.error === "string" ? query.error.slice(0, 500) : null;
  const saved =
    query.saved === "scale"
      ? "The rating scale was saved."
      : query.saved === "profile"
        ? "The public profile was saved."
        : null;
  return (
    <div className="space-y-8">
      <PageHeading title="Verdicts and publishing">
        {isAdmin
          ? "The ratings your moderators choose from when they rule on an approved fact."
          : "Only team admins can change the rating scale."}
      </PageHeading>
      <FormOutcome error={error} saved={saved} />
      <RatingScaleEditor
        items={scale.items}
        editable={isAdmin}
        action={isAdmin ? saveRatingScaleAction.bind(null, access.team.slug) : undefined}
      />
      <Card title="Public pages and ClaimReview">
        {isAdmin ? (
          <form action={savePublicProfileAction.bind(null, access.team.slug)} className="space-y-3 text-sm">
            <p className="text-gray-700">
              How your desk is named on published pages and as the author of its ClaimReview markup. Changes
              show at the next publishing.
            </p>
            <label className="block font-medium text-gray-900">
              Organisation name (defaults to the team&apos;s name)
              <input
                name="organizationName"
                defaultValue={profile.organizationName ?? ""}
                maxLength={200}
                className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1.5 font-normal"
              />
            </label>
            <label className="block font-medium text-gray-900">
              Organisation URL
              <input
                name="organizationUrl"
                type="url"
                defaultValue={profile.organizationUrl ?? ""}
                placeholder="https://"
                className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1.5 font-normal"
              />
            </label>
            <label className="flex items-center gap-2 text-gray-900">
              <input type="checkbox" name="showCredits" defaultChecked={profile.showCredits} />
              Credit the moderators who gave each verdict by name (off by default)
            </label>
            <Button type="submit">Save the public profile</Button>
          </form>
        ) : (
          <p className="text-sm text-gray-700">
            Published as {profile.organizationName ?? access.team.name}
            {profile.showCredits ? ", with credits" : ", without credits"}.
          </p>
        )}
      </Card>
    </div>
  );
}
