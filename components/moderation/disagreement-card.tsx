"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { DisagreementJson } from "@/lib/moderation/list-disagreements";
import { LABEL_NAMES, LABEL_STYLE, type LabelName } from "./labels";

/** One disagreement: every side with its evidence, settled in one step by choosing the label. */
export function DisagreementCard({
  team,
  group,
  currentUserId,
  onSettle,
}: {
  team: string;
  group: DisagreementJson;
  currentUserId: string;
  onSettle: (group: DisagreementJson, label: LabelName, reason: string) => Promise<boolean>;
}) {
  const [label, setLabel] = useState<LabelName>(group.annotations[0]!.label);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const involved = group.annotations.some((annotation) => annotation.author.id === currentUserId);
  const headingId = `disagreement-${group.key.slice(0, 36)}`;
  return (
    <article aria-labelledby={headingId} className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <h3 id={headingId} className="text-sm font-semibold text-gray-900">
        “{group.text.length > 160 ? `${group.text.slice(0, 160)}…` : group.text}”{" "}
        <span className="font-normal text-gray-700">
          in{" "}
          <a className="underline" href={`/t/${team}/articles/${group.article.id}`}>
            {group.article.title}
          </a>
        </span>
      </h3>
      <ul className="mt-2 grid gap-2 md:grid-cols-2">
        {group.annotations.map((annotation) => (
          <li key={annotation.id} className="rounded border border-amber-200 bg-white p-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-semibold ${LABEL_STYLE[annotation.label]}`}
              >
                {annotation.label}
              </span>
              <span className="text-gray-800">{annotation.author.name}</span>
              <span className="text-xs text-gray-700">({annotation.status})</span>
            </div>
            <p className="mt-1 text-gray-900">“{annotation.quote}”</p>
            {annotation.note && <p className="text-gray-700">Note: {annotation.note}</p>}
            <p className="text-xs text-gray-700">
              Evidence: {annotation.evidence.corroborates} corroborating, {annotation.evidence.contradicts}{" "}
              contradicting
            </p>
          </li>
        ))}
      </ul>
      {involved ? (
        <p className="mt-2 text-sm text-gray-800">
          You tagged part of this passage; another moderator settles it.
        </p>
      ) : (
        <form
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            try {
              if (await onSettle(group, label, reason)) setReason("");
            } finally {
              setBusy(false);
            }
          }}
        >
          <fieldset className="text-sm">
            <legend className="font-medium text-gray-900">Settle as</legend>
            <div className="mt-1 flex gap-3">
              {LABEL_NAMES.map((name) => (
                <label key={name} className="flex items-center gap-1">
                  <input
                    type="radio"
                    name={`settle-${group.key}`}
                    checked={label === name}
                    onChange={() => setLabel(name)}
                  />
                  {name}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="block flex-1 text-sm">
            <span className="block font-medium text-gray-900">Reason</span>
            <input
              required
              value={reason}
              maxLength={2000}
              onChange={(event) => setReason(event.target.value)}
              className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1.5"
            />
          </label>
          <Button type="submit" disabled={busy || !reason.trim()}>
            Settle
          </Button>
        </form>
      )}
    </article>
  );
}
