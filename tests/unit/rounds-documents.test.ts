import { describe, expect, it } from "vitest";
import { FULL_VIEWER, isAnnotationVisible, TEAM_VIEWER } from "../../lib/rounds/annotation-visibility.ts";
import {
  annotationsViewFor,
  articleAnnotationViews,
  mayOpenAnnotationsView,
  viewerOfView,
} from "../../lib/rounds/round-documents.ts";

const ROUND = "11111111-1111-4111-8111-111111111111";
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const open = { id: ROUND, annotatorIds: [A, B] };
const facts = { openRound: open, latestRound: open };
const revealed = { openRound: null, latestRound: open };

describe("which live annotations document a member opens", () => {
  it("gives an annotator of the open round their own view, moderators the full one, others the team's", () => {
    expect(annotationsViewFor({ userId: A, seesAll: false }, open)).toEqual({
      kind: "round",
      roundId: ROUND,
      userId: A,
    });
    expect(annotationsViewFor({ userId: C, seesAll: false }, open)).toEqual({ kind: "team" });
    expect(annotationsViewFor({ userId: C, seesAll: true }, open)).toEqual({ kind: "all" });
    expect(annotationsViewFor({ userId: A, seesAll: false }, null)).toEqual({ kind: "team" });
    expect(annotationsViewFor({ userId: C, seesAll: true }, null)).toEqual({ kind: "team" });
  });

  it("never lets anyone open a view that shows more than theirs", () => {
    const a = { userId: A, seesAll: false };
    const c = { userId: C, seesAll: false };
    const moderator = { userId: C, seesAll: true };
    const roundOfA = { kind: "round", roundId: ROUND, userId: A } as const;
    expect(mayOpenAnnotationsView(a, roundOfA, facts)).toBe(true);
    expect(mayOpenAnnotationsView(a, { kind: "team" }, facts)).toBe(false);
    expect(mayOpenAnnotationsView(a, { kind: "all" }, facts)).toBe(false);
    expect(mayOpenAnnotationsView(a, { kind: "round", roundId: ROUND, userId: B }, facts)).toBe(false);
    expect(mayOpenAnnotationsView(c, roundOfA, facts)).toBe(false);
    expect(mayOpenAnnotationsView(c, { kind: "round", roundId: ROUND, userId: C }, facts)).toBe(false);
    expect(mayOpenAnnotationsView(c, { kind: "team" }, facts)).toBe(true);
    expect(mayOpenAnnotationsView(moderator, { kind: "all" }, facts)).toBe(true);
    // During the round a moderator is moved to the full view (so they see the round live).
    expect(mayOpenAnnotationsView(moderator, { kind: "team" }, facts)).toBe(false);
    expect(mayOpenAnnotationsView(moderator, { kind: "team" }, revealed)).toBe(true);
    expect(mayOpenAnnotationsView(moderator, { kind: "all" }, revealed)).toBe(true);
    expect(mayOpenAnnotationsView(moderator, roundOfA, facts)).toBe(false);
    // After the reveal the annotator may still hold their round document (it shows the team view).
    expect(mayOpenAnnotationsView(a, roundOfA, revealed)).toBe(true);
    expect(mayOpenAnnotationsView(a, { kind: "team" }, revealed)).toBe(true);
    expect(mayOpenAnnotationsView(a, { kind: "round", roundId: C, userId: A }, revealed)).toBe(false);
  });

  it("publishes to the team's view alone until the article has a round", () => {
    expect(articleAnnotationViews({ openRound: null, latestRound: null })).toEqual([{ kind: "team" }]);
    expect(articleAnnotationViews(facts)).toEqual([
      { kind: "team" },
      { kind: "all" },
      { kind: "round", roundId: ROUND, userId: A },
      { kind: "round", roundId: ROUND, userId: B },
    ]);
  });

  it("fills each view by the visibility rule", () => {
    const fromA = { authorId: A, roundId: ROUND };
    const fromB = { authorId: B, roundId: ROUND };
    const earlierFromC = { authorId: C, roundId: null };
    const round = (userId: string) => viewerOfView({ kind: "round", roundId: ROUND, userId });
    expect(isAnnotationVisible(round(A), fromA, open)).toBe(true);
    expect(isAnnotationVisible(round(A), fromB, open)).toBe(false);
    expect(isAnnotationVisible(round(A), earlierFromC, open)).toBe(false);
    expect(isAnnotationVisible(TEAM_VIEWER, fromA, open)).toBe(false);
    expect(isAnnotationVisible(TEAM_VIEWER, earlierFromC, open)).toBe(true);
    expect(isAnnotationVisible(FULL_VIEWER, fromB, open)).toBe(true);
    // Revealed: everyone sees the round.
    expect(isAnnotationVisible(round(A), fromB, null)).toBe(true);
    expect(isAnnotationVisible(TEAM_VIEWER, fromA, null)).toBe(true);
  });
});
