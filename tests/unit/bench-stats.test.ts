import { describe, expect, it } from "vitest";
import { formatBytes, percentile, renderTable, round, summarize } from "../../bench/lib/stats.ts";

describe("bench percentile (nearest rank)", () => {
  it("picks the smallest value with at least p% of the sample at or below it", () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
  });

  it("does not depend on input order and does not mutate it", () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    const copy = [...values];
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 95)).toBe(10);
    expect(values).toEqual(copy);
  });

  it("p99 of 1..1000 is 990 and p50 is 500", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(values, 99)).toBe(990);
    expect(percentile(values, 50)).toBe(500);
  });

  it("is NaN for an empty sample and rejects p outside 0..100", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("bench summarize", () => {
  it("agrees with percentile and reports min, mean, max", () => {
    const values = [4, 1, 3, 2];
    expect(summarize(values)).toEqual({ n: 4, min: 1, mean: 2.5, p50: 2, p95: 4, p99: 4, max: 4 });
  });

  it("has NaN fields for an empty sample", () => {
    const summary = summarize([]);
    expect(summary.n).toBe(0);
    expect(summary.p99).toBeNaN();
  });
});

describe("bench formatting", () => {
  it("rounds by magnitude and formats bytes", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });

  it("renders aligned tables", () => {
    const table = renderTable(
      ["a", "bb"],
      [
        { a: 1, bb: "x" },
        { a: 22.5, bb: "yy" },
      ],
    );
    expect(table.split("\n")).toEqual(["a     bb", "----  --", "1     x", "22.5  yy"]);
  });
});
