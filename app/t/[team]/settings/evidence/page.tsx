import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PageHeading } from "@/components/ui/page-heading";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { getEvidenceSettings } from "@/lib/evidence/snapshots/evidence-settings";
import { orNotFound, type TeamPageProps } from "@/lib/pages/team-page";
import { saveEvidenceSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Evidence settings" };
export const dynamic = "force-dynamic";

const LINK_CHOICES = [
  { value: "1", label: "Every day" },
  { value: "7", label: "Every week (default)" },
  { value: "14", label: "Every two weeks" },
  { value: "30", label: "Every 30 days" },
  { value: "off", label: "Off (only when someone asks)" },
];

const ARTICLE_CHOICES = [
  { value: "off", label: "Off (default: only when someone asks)" },
  { value: "1", label: "Every hour" },
  { value: "6", label: "Every 6 hours" },
  { value: "24", label: "Every day" },
];

const WINDOW_CHOICES = [
  { value: "1", label: "For 1 day after import" },
  { value: "3", label: "For 3 days after import" },
  { value: "7", label: "For 7 days after import (default)" },
  { value: "30", label: "For 30 days after import" },
];

/** The choices of a schedule, plus the current value when it is not one of them (set through the API). */
function choicesWith(choices: { value: string; label: string }[], value: number | null, unit = "days") {
  const current = value === null ? "off" : String(value);
  const list = choices.some((choice) => choice.value === current)
    ? choices
    : [...choices, { value: current, label: `Every ${current} ${unit}` }];
  return { current, list };
}

function ScheduleSelect({
  name,
  label,
  choices,
}: {
  name: string;
  label: string;
  choices: ReturnType<typeof choicesWith>;
}) {
  return (
    <label className="block font-medium text-gray-900">
      {label}
      <select
        name={name}
        defaultValue={choices.current}
        className="mt-1 block w-full max-w-xs rounded-md border border-gray-400 px-2 py-1.5 font-normal"
      >
        {choices.list.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function EvidenceSettingsPage({ params, searchParams }: TeamPageProps) {
  const { team } = await params;
  const query = await searchParams;
  const user = await requireCurrentUser(`/t/${team}/settings/evidence`);
  const settings = await orNotFound(getEvidenceSettings({ actor: user, teamSlug: team }));
  const links = choicesWith(LINK_CHOICES, settings.linkCheckIntervalDays);
  const articles = choicesWith(ARTICLE_CHOICES, settings.articleRecheckIntervalHours, "hours");
  const recheckWindow = choicesWith(WINDOW_CHOICES, settings.articleRecheckWindowDays);
  recheckWindow.list = recheckWindow.list.map((choice) =>
    choice.label.startsWith("Every ")
      ? { ...choice, label: `For ${choice.value} days after import` }
      : choice,
  );
  const error = typeof query.error === "string" ? query.error.slice(0, 500) : null;
  return (
    <div className="space-y-6">
      <PageHeading title="Evidence">
        Proofmark keeps a copy of every page cited as evidence and checks the links again on a schedule, to
        flag sources that are gone or whose text changed.
      </PageHeading>
      <FormOutcome error={error} saved={query.saved === "1" && "The settings were saved."} />
      <Card title="Archiving and schedules">
        {settings.canEdit ? (
          <form
            action={saveEvidenceSettingsAction.bind(null, team)}
            method="post"
            className="space-y-3 text-sm"
          >
            <ScheduleSelect
              name="linkCheckIntervalDays"
              label="Check the team's cited sources"
              choices={links}
            />
            <ScheduleSelect
              name="articleRecheckIntervalHours"
              label="Re-check articles imported from a URL against their source"
              choices={articles}
            />
            <ScheduleSelect
              name="articleRecheckWindowDays"
              label="How long after import an article is re-checked"
              choices={recheckWindow}
            />
            <p className="text-gray-700">
              A re-checked article whose source changed is corrected like a moderator&apos;s correction:
              highlights whose text changed are orphaned and their authors told.
            </p>
            <label className="flex items-center gap-2 text-gray-900">
              <input type="checkbox" name="waybackSave" defaultChecked={settings.waybackSave} />
              Also ask the Wayback Machine (web.archive.org) to save each cited page (off by default: the
              cited addresses are then sent to the Internet Archive)
            </label>
            <Button type="submit">Save the settings</Button>
          </form>
        ) : (
          <p className="text-sm text-gray-700">
            {settings.linkCheckIntervalDays === null
              ? "Scheduled link checks are off."
              : `Cited sources are checked every ${settings.linkCheckIntervalDays} days.`}{" "}
            {settings.articleRecheckIntervalHours === null
              ? "Imported articles are re-checked only on demand."
              : `Imported articles are re-checked every ${settings.articleRecheckIntervalHours} hours for ${settings.articleRecheckWindowDays} days after import.`}{" "}
            {settings.waybackSave ? "Cited pages are also saved to the Wayback Machine." : ""} Only team
            admins can change this.
          </p>
        )}
      </Card>
    </div>
  );
}
