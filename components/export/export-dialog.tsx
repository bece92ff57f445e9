"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useReaderLocale } from "@/components/ui/use-reader-locale";
import { formatBytes } from "@/lib/format/numbers";

type Scope = { kind: "team"; team: string } | { kind: "article"; team: string; articleId: string };

interface Progress {
  bytes: number;
  articles: number;
  total: number | null;
}

const ARTICLE_MARKER = '"schemaVersion":';

function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition && /filename="([^"]+)"/.exec(disposition);
  return match?.[1] ?? fallback;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The export failed (${response.status})`;
  } catch {
    return `The export failed (${response.status})`;
  }
}

/**
 * The Export button and its dialog: format and (for a team) status, label and since filters;
 * downloads through a streamed fetch so large team exports show progress, then saves the file.
 */
export function ExportDialog({ scope, canSeeAllStatuses }: { scope: Scope; canSeeAllStatuses: boolean }) {
  const { locale } = useReaderLocale();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const titleId = useId();
  const [format, setFormat] = useState("json");
  const [status, setStatus] = useState("");
  const [label, setLabel] = useState("");
  const [since, setSince] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const busy = progress !== null;

  const formats =
    scope.kind === "team" ? ["json", "ndjson", "w3c", "claimreview"] : ["json", "w3c", "claimreview"];
  const statuses = canSeeAllStatuses ? ["pending", "approved", "rejected"] : ["approved"];

  function url(): string {
    const query = new URLSearchParams({ format });
    if (status) query.set("status", status);
    if (label) query.set("label", label);
    if (since) query.set("since", since);
    const path =
      scope.kind === "team"
        ? `/api/v1/teams/${encodeURIComponent(scope.team)}/export`
        : `/api/v1/articles/${scope.articleId}/export`;
    return `${path}?${query}`;
  }

  async function download() {
    setError(null);
    setDone(null);
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ bytes: 0, articles: 0, total: null });
    try {
      const response = await fetch(url(), { credentials: "same-origin", signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(await errorMessage(response));
      const total = Number(response.headers.get("x-export-articles") ?? "") || null;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let articles = 0;
      let tail = "";
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.byteLength;
        // Each article export starts with its schemaVersion: count them as they arrive.
        const text = tail + decoder.decode(value, { stream: true });
        articles += text.split(ARTICLE_MARKER).length - 1;
        tail = text.slice(-(ARTICLE_MARKER.length - 1));
        setProgress({ bytes, articles, total });
      }
      const filename = filenameFrom(
        response.headers.get("content-disposition"),
        `proofmark-export.${format}`,
      );
      const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "application/json" });
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setDone(`Saved ${filename} (${formatBytes(bytes, locale)})`);
    } catch (caught) {
      if (controller.signal.aborted) setError("Export cancelled");
      else setError(caught instanceof Error ? caught.message : "The export failed");
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => dialogRef.current?.showModal()} data-testid="export-open">
        Export
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-gray-300 p-0 shadow-xl backdrop:bg-black/30"
        onClose={() => abortRef.current?.abort()}
      >
        <form
          method="dialog"
          className="space-y-4 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            void download();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold text-gray-900">
            {scope.kind === "team" ? "Export the team's annotations" : "Export this article"}
          </h2>
          <SelectField label="Format" value={format} onChange={(event) => setFormat(event.target.value)}>
            {formats.map((value) => (
              <option key={value} value={value}>
                {value === "json"
                  ? "JSON (Proofmark schema)"
                  : value === "ndjson"
                    ? "NDJSON (one article per line)"
                    : value === "w3c"
                      ? "W3C Web Annotation (JSON-LD)"
                      : "ClaimReview (schema.org, fact-check verdicts)"}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{canSeeAllStatuses ? "All statuses" : "Approved (all you may export)"}</option>
            {statuses.length > 1 &&
              statuses.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
          </SelectField>
          <SelectField label="Label" value={label} onChange={(event) => setLabel(event.target.value)}>
            <option value="">All labels</option>
            <option value="fact">fact</option>
            <option value="opinion">opinion</option>
            <option value="advocacy">advocacy</option>
          </SelectField>
          {scope.kind === "team" && (
            <TextField
              label="Changed since"
              type="date"
              value={since}
              onChange={(event) => setSince(event.target.value)}
            />
          )}
          {progress && (
            <p role="status" className="text-sm text-gray-800" data-testid="export-progress">
              {progress.total !== null && format !== "w3c"
                ? `${progress.articles} of ${progress.total} articles`
                : "Downloading"}{" "}
              · {formatBytes(progress.bytes, locale)}
            </p>
          )}
          {progress && progress.total !== null && format !== "w3c" && (
            <progress className="w-full" max={progress.total} value={progress.articles} />
          )}
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
          {done && (
            <p role="status" className="text-sm text-green-800">
              {done}
            </p>
          )}
          <div className="flex justify-end gap-2">
            {busy ? (
              <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
                Cancel
              </Button>
            ) : (
              <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
                Close
              </Button>
            )}
            <Button type="submit" disabled={busy} data-testid="export-download">
              {busy ? "Exporting…" : "Download"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
