"use client";

/** The queue's filter values, as sent to GET /api/v1/teams/{team}/review-queue. */
export interface QueueFilterState {
  article?: string;
  label?: string;
  author?: string;
  hasEvidence?: string;
  disagreement?: string;
  minAgeHours?: string;
  maxAgeHours?: string;
  status?: string;
  sort?: string;
}

const AGES: { value: string; label: string; patch: Partial<QueueFilterState> }[] = [
  { value: "", label: "Any age", patch: { minAgeHours: undefined, maxAgeHours: undefined } },
  { value: "day", label: "Last 24 hours", patch: { minAgeHours: undefined, maxAgeHours: "24" } },
  { value: "week", label: "Last 7 days", patch: { minAgeHours: undefined, maxAgeHours: "168" } },
  { value: "old", label: "Older than 7 days", patch: { minAgeHours: "168", maxAgeHours: undefined } },
];

function ageValue(state: QueueFilterState): string {
  if (state.minAgeHours === "168") return "old";
  if (state.maxAgeHours === "24") return "day";
  if (state.maxAgeHours === "168") return "week";
  return "";
}

function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block text-sm">
      <span className="block font-medium text-gray-900">{label}</span>
      <select
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-1.5 text-sm text-gray-900"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Filters and sort of the review queue. */
export function QueueFilters({
  value,
  onChange,
  articles,
  authors,
}: {
  value: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
}) {
  const set = (patch: Partial<QueueFilterState>) => onChange({ ...value, ...patch });
  return (
    <search aria-label="Filter the queue">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-8">
        <Select
          label="Article"
          value={value.article ?? ""}
          onChange={(article) => set({ article: article || undefined })}
          options={[
            { value: "", label: "All articles" },
            ...articles.map((a) => ({ value: a.id, label: a.title })),
          ]}
        />
        <Select
          label="Label"
          value={value.label ?? ""}
          onChange={(label) => set({ label: label || undefined })}
          options={[
            { value: "", label: "All labels" },
            { value: "fact", label: "Fact" },
            { value: "opinion", label: "Opinion" },
            { value: "advocacy", label: "Advocacy" },
          ]}
        />
        <Select
          label="Author"
          value={value.author ?? ""}
          onChange={(author) => set({ author: author || undefined })}
          options={[
            { value: "", label: "Everyone" },
            ...authors.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <Select
          label="Evidence"
          value={value.hasEvidence ?? ""}
          onChange={(hasEvidence) => set({ hasEvidence: hasEvidence || undefined })}
          options={[
            { value: "", label: "Any" },
            { value: "true", label: "Has evidence" },
            { value: "false", label: "No evidence" },
          ]}
        />
        <Select
          label="Disagreement"
          value={value.disagreement ?? ""}
          onChange={(disagreement) => set({ disagreement: disagreement || undefined })}
          options={[
            { value: "", label: "Any" },
            { value: "true", label: "In disagreement" },
            { value: "false", label: "Not disputed" },
          ]}
        />
        <Select
          label="Age"
          value={ageValue(value)}
          onChange={(age) => set(AGES.find((option) => option.value === age)?.patch ?? {})}
          options={AGES.map(({ value: v, label }) => ({ value: v, label }))}
        />
        <Select
          label="Status"
          value={value.status ?? "pending"}
          onChange={(status) => set({ status: status === "pending" ? undefined : status })}
          options={[
            { value: "pending", label: "Pending" },
            { value: "approved", label: "Approved" },
            { value: "rejected", label: "Rejected" },
          ]}
        />
        <Select
          label="Sort"
          value={value.sort ?? "oldest"}
          onChange={(sort) => set({ sort })}
          options={[
            { value: "oldest", label: "Oldest first" },
            { value: "newest", label: "Newest first" },
          ]}
        />
      </div>
    </search>
  );
}
