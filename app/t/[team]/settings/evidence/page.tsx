import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { getEvidenceSettings } from "@/lib/evidence/snapshots/evidence-settings";
import { orNotFound } from "@/lib/pages/team-page";
import { saveEvidenceSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Evidence settings" };
export const dynamic = "force-dynamic";

const CHOICES = [
  { value: "1", label: "Every day" },
  { value: "7", label: "Every week (default)" },
  { value: "14", label: "Every two weeks" },
  { value: "30", label: "Every 30 days" },
  { value: "off", label: "Off (only when someone asks)" },
];

export default async function EvidenceSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team } = await params;
  const query = await searchParams;
  const user = await requireCurrentUser(`/t/${team}/settings/evidence`);
  const settings = await orNotFound(getEvidenceSettings({ actor: user, teamSlug: team }));
  const current = settings.linkCheckIntervalDays === null ? "off" : String(settings.linkCheckIntervalDays);
  const choices = CHOICES.some((choice) => choice.value === current)
    ? CHOICES
    : [...CHOICES, { value: current, label: `Every ${current} days` }];
  const error = typeof query.error === "string" ? query.error.slice(0, 500) : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">Evidence</h1>
        <p className="mt-1 text-sm text-gray-700">
          Proofmark keeps a copy of every page cited as evidence and checks the links again on a schedule, to
          flag sources that are gone or whose text changed.
        </p>
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      {query.saved === "1" && (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900"
        >
          The schedule was saved.
        </p>
      )}
      <Card title="Link checks">
        {settings.canEdit ? (
          <form
            action={saveEvidenceSettingsAction.bind(null, team)}
            method="post"
            className="space-y-3 text-sm"
          >
            <label className="block font-medium text-gray-900">
              Check the team&apos;s cited sources
              <select
                name="linkCheckIntervalDays"
                defaultValue={current}
                className="mt-1 block w-full max-w-xs rounded-md border border-gray-400 px-2 py-1.5 font-normal"
              >
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit">Save the schedule</Button>
          </form>
        ) : (
          <p className="text-sm text-gray-700">
            {settings.linkCheckIntervalDays === null
              ? "Scheduled link checks are off."
              : `Cited sources are checked every ${settings.linkCheckIntervalDays} days.`}{" "}
            Only team admins can change this.
          </p>
        )}
      </Card>
    </div>
  );
}
