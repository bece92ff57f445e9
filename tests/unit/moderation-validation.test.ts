import { describe, expect, it } from "vitest";
import { ZBulkReviewInput, ZReviewInput, ZSettleDisagreementInput } from "../../lib/validation/reviews.ts";

const ok = (input: unknown) => ZReviewInput.safeParse(input).success;

describe("review input rules", () => {
  it("approve needs nothing else; reject and relabel need a non-blank reason", () => {
    expect(ok({ decision: "approve" })).toBe(true);
    expect(ok({ decision: "approve", reason: "Checked against the release" })).toBe(true);
    expect(ok({ decision: "reject" })).toBe(false);
    expect(ok({ decision: "reject", reason: "  \n " })).toBe(false);
    expect(ok({ decision: "reject", reason: "Out of context" })).toBe(true);
    expect(ok({ decision: "relabel", label: "opinion" })).toBe(false);
    expect(ok({ decision: "relabel", label: "opinion", reason: "A value judgement" })).toBe(true);
  });

  it("relabel needs a label, and only relabel takes one; unknown fields and decisions are refused", () => {
    expect(ok({ decision: "relabel", reason: "x" })).toBe(false);
    expect(ok({ decision: "approve", label: "fact" })).toBe(false);
    expect(ok({ decision: "relabel", label: "rumour", reason: "x" })).toBe(false);
    expect(ok({ decision: "escalate" })).toBe(false);
    expect(ok({ decision: "approve", status: "approved" })).toBe(false);
    expect(ok({ decision: "approve", version: 0 })).toBe(false);
  });

  it("bulk and settle inputs are bounded and need ids", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect(ZBulkReviewInput.safeParse({ annotationIds: [], decision: "approve" }).success).toBe(false);
    expect(ZBulkReviewInput.safeParse({ annotationIds: [id], decision: "approve" }).success).toBe(true);
    expect(ZBulkReviewInput.safeParse({ annotationIds: ["nope"], decision: "approve" }).success).toBe(false);
    expect(
      ZBulkReviewInput.safeParse({ annotationIds: Array(201).fill(id), decision: "approve" }).success,
    ).toBe(false);
    expect(
      ZSettleDisagreementInput.safeParse({ annotationIds: [id], label: "fact", reason: "x" }).success,
    ).toBe(false);
    expect(
      ZSettleDisagreementInput.safeParse({
        annotationIds: [id, id.replace(/1$/, "2")],
        label: "fact",
        reason: "",
      }).success,
    ).toBe(false);
  });
});
