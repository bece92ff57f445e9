import { describe, expect, it } from "vitest";
import { findExcerpt } from "../../lib/evidence/snapshots/find-excerpt.ts";

describe("findExcerpt", () => {
  const text = "The council said:\n\n“We approved the flood\nbarrier — by 31 votes to 4.” Then it adjourned.";

  it("finds an exact excerpt", () => {
    const range = findExcerpt(text, "Then it adjourned")!;
    expect(text.slice(range.start, range.end)).toBe("Then it adjourned");
  });

  it("ignores case, white space runs, curly quotes and dash variants", () => {
    const range = findExcerpt(text, '"we approved the flood barrier - by 31 votes')!;
    expect(text.slice(range.start, range.end)).toBe("“We approved the flood\nbarrier — by 31 votes");
  });

  it("answers null for an excerpt that is not there, or none", () => {
    expect(findExcerpt(text, "by 30 votes")).toBeNull();
    expect(findExcerpt(text, null)).toBeNull();
    expect(findExcerpt(text, "   ")).toBeNull();
  });
});
