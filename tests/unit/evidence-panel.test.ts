import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { annotationHref, EvidencePanel } from "../../components/evidence/evidence-panel.tsx";
import { SnapshotStatus, snapshotPageHref } from "../../components/evidence/snapshot-status.tsx";
import { TeamSources } from "../../components/evidence/team-sources.tsx";
import type { EvidenceItemJson, EvidenceListJson } from "../../lib/evidence/list-evidence.ts";

const base: EvidenceItemJson = {
  id: "e1",
  annotationId: "a1",
  relation: "corroborates",
  kind: "external",
  url: "https://example.org/report",
  title: "Report",
  publisher: "Example",
  quote: "at least 1,335 civilians",
  accessedAt: "2026-11-20T00:00:00.000Z",
  archivedUrl: "https://web.archive.org/web/2026/https://example.org/report",
  target: null,
  note: "<script>alert(1)</script>",
  addedBy: { id: "u1", name: "Ann" },
  createdAt: "2026-11-21T00:00:00.000Z",
  snapshot: null,
  canRemove: true,
};

function render(evidence: EvidenceListJson): string {
  return renderToStaticMarkup(createElement(EvidencePanel, { evidence, href: annotationHref("desk") }));
}

describe("EvidencePanel", () => {
  const html = render({
    annotationId: "a1",
    articleId: "r1",
    canAdd: true,
    corroborates: [
      base,
      // A row that somehow holds a hostile URL is shown as text, never as a link.
      { ...base, id: "e2", url: "javascript:alert(1)", title: "Hostile", archivedUrl: "data:text/html,x" },
      {
        ...base,
        id: "e3",
        kind: "internal",
        url: null,
        title: null,
        archivedUrl: null,
        target: {
          annotationId: "t1",
          articleId: "r2",
          articleTitle: "Mosul",
          quote: "tens of thousands",
          label: "fact",
          removed: false,
        },
      },
    ],
    contradicts: [
      {
        ...base,
        id: "e4",
        relation: "contradicts",
        kind: "internal",
        url: null,
        archivedUrl: null,
        target: {
          annotationId: "t2",
          articleId: "r2",
          articleTitle: null,
          quote: null,
          label: null,
          removed: true,
        },
      },
    ],
    citedBy: [
      {
        evidenceId: "e9",
        relation: "contradicts",
        annotationId: "c1",
        articleId: "r3",
        articleTitle: "Other piece",
        quote: "a citing quote",
        label: "opinion",
        addedBy: { id: "u2", name: "Bo" },
        createdAt: "2026-11-22T00:00:00.000Z",
      },
    ],
  });

  it("renders external links with rel noopener noreferrer nofollow in a new tab, and no other scheme", () => {
    const anchors = [...html.matchAll(/<a [^>]*>/g)].map((match) => match[0]);
    const external = anchors.filter((tag) => tag.includes('target="_blank"'));
    expect(external).toHaveLength(2);
    for (const tag of external) expect(tag).toContain('rel="noopener noreferrer nofollow"');
    expect(html).not.toMatch(/href="(?:javascript|data):/i);
    expect(html).toContain("Hostile");
    expect(html).not.toContain("<script>");
  });

  it("shows both groups with counts, the removed target, and the back-link", () => {
    expect(html).toContain("Corroborates (3)");
    expect(html).toContain("Contradicts (1)");
    expect(html).toContain("✓3");
    expect(html).toContain("✗1");
    expect(html).toContain("Cited annotation was removed");
    expect(html).toContain('href="/t/desk/articles/r2?annotation=t1#annotation-t1"');
    expect(html).toContain("Cited as evidence by");
    expect(html).toContain('href="/t/desk/articles/r3?annotation=c1#annotation-c1"');
  });
});

describe("TeamSources", () => {
  it("links pages safely and hides unsafe ones", () => {
    const html = renderToStaticMarkup(
      createElement(TeamSources, {
        sources: [
          {
            host: "example.org",
            publisher: "Example",
            corroborates: 2,
            contradicts: 1,
            citations: 3,
            articles: 2,
            lastCitedAt: "2026-11-22T00:00:00.000Z",
            gone: 1,
            changed: 0,
            pages: [
              {
                url: "https://example.org/a",
                title: "A",
                corroborates: 2,
                contradicts: 0,
                citations: 2,
                lastCitedAt: "2026-11-22T00:00:00.000Z",
                gone: 1,
                changed: 0,
                snapshotEvidenceId: null,
              },
              {
                url: null,
                title: "B",
                corroborates: 0,
                contradicts: 1,
                citations: 1,
                lastCitedAt: "2026-11-21T00:00:00.000Z",
                gone: 0,
                changed: 0,
                snapshotEvidenceId: null,
              },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect([...html.matchAll(/<a /g)]).toHaveLength(1);
    expect(html).toContain("Example");
    expect(html).toContain("gone");
  });

  it("flags changed pages and links their archived copy", () => {
    const html = renderToStaticMarkup(
      createElement(TeamSources, {
        team: "desk",
        sources: [
          {
            host: "example.org",
            publisher: null,
            corroborates: 1,
            contradicts: 0,
            citations: 1,
            articles: 1,
            lastCitedAt: "2026-11-22T00:00:00.000Z",
            gone: 0,
            changed: 1,
            pages: [
              {
                url: "https://example.org/a",
                title: "A",
                corroborates: 1,
                contradicts: 0,
                citations: 1,
                lastCitedAt: "2026-11-22T00:00:00.000Z",
                gone: 0,
                changed: 1,
                snapshotEvidenceId: "e9",
              },
            ],
          },
        ],
      }),
    );
    expect(html).toContain("changed");
    expect(html).not.toContain(">gone");
    expect(html).toContain('href="/t/desk/evidence/e9/snapshot"');
  });
});

describe("SnapshotStatus", () => {
  const summary = {
    state: "archived" as const,
    failureReason: null,
    fetchedAt: "2026-11-21T10:00:00.000Z",
    sha256: "a".repeat(64),
    finalUrl: "https://example.org/report",
    contentType: "text/html",
    httpStatus: 200,
    publicArchiveUrl: null,
    checkPending: false,
    lastCheck: null,
  };
  const render = (
    snapshot: Parameters<typeof SnapshotStatus>[0]["snapshot"],
    onCheck?: () => Promise<null>,
  ) =>
    renderToStaticMarkup(
      createElement(SnapshotStatus, { snapshot, href: snapshotPageHref("desk", "e1"), onCheck }),
    );

  it("links the archived copy, and offers Check now only with a callback", () => {
    const html = render(summary, async () => null);
    expect(html).toContain('href="/t/desk/evidence/e1/snapshot"');
    expect(html).toContain("Check now");
    expect(render(summary)).not.toContain("Check now");
  });

  it("shows archiving, a failure with its reason, and the gone and changed flags", () => {
    expect(render({ ...summary, state: "archiving", fetchedAt: null })).toContain("Archiving a copy");
    expect(
      render({ ...summary, state: "failed", failureReason: "<b>The remote server answered 500</b>" }),
    ).toContain("Archiving failed: &lt;b&gt;The remote server answered 500&lt;/b&gt;");
    const checkedAt = "2026-11-28T10:00:00.000Z";
    const gone = render({
      ...summary,
      lastCheck: { status: "gone", checkedAt, httpStatus: 404, finalUrl: null, reason: null, changed: false },
    });
    expect(gone).toContain("gone (404)");
    expect(gone).not.toContain("changed");
    const changed = render({
      ...summary,
      lastCheck: { status: "ok", checkedAt, httpStatus: 200, finalUrl: null, reason: null, changed: true },
    });
    expect(changed).toContain("changed");
    expect(changed).not.toContain("gone");
  });

  it("offers to archive an item cited before archiving existed, to those who may", () => {
    expect(render(null, async () => null)).toContain("Archive a copy");
    expect(render(null)).toBe("");
  });
});
