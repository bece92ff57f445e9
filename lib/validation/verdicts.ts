import { z } from "zod";
import { storableString } from "./text.ts";

/** The longest conclusion a verdict may carry (Markdown source). */
export const MAX_CONCLUSION_LENGTH = 5000;

/**
 * A verdict: `rating` is a rating scale item's id or its label (case-insensitive), `conclusion`
 * Markdown, `evidenceIds` one or more evidence items of the same annotation.
 */
export const ZVerdictInput = z
  .object({
    rating: storableString()
      .trim()
      .min(1, "is required")
      .max(100, "must be at most 100 characters")
      .meta({ description: "A rating's id or label (case-insensitive) from the team's scale" }),
    conclusion: storableString()
      .trim()
      .min(1, "write a conclusion")
      .max(MAX_CONCLUSION_LENGTH, `must be at most ${MAX_CONCLUSION_LENGTH} characters`)
      .meta({ description: "Markdown; raw HTML is shown as text" }),
    evidenceIds: z
      .array(z.uuid())
      .min(1, "a verdict rests on at least one evidence item")
      .max(100, "at most 100 evidence items")
      .refine((ids) => new Set(ids).size === ids.length, "lists an evidence item twice")
      .meta({ description: "Evidence items of this annotation the verdict rests on, each once" }),
  })
  .strict();
export type TVerdictInput = z.infer<typeof ZVerdictInput>;

/** One step of a rating scale as an admin writes it; `id` keeps an existing step (and its verdicts). */
export const ZRatingScaleItemInput = z
  .object({
    id: z.uuid().optional(),
    label: storableString().trim().min(1, "is required").max(40, "must be at most 40 characters"),
    value: z.number().int().min(-1000).max(1000).nullable(),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1a7f37"),
  })
  .strict();

/** A whole rating scale, in display order. */
export const ZRatingScaleInput = z
  .object({
    items: z
      .array(ZRatingScaleItemInput)
      .min(2, "a scale needs at least two ratings")
      .max(12, "a scale has at most 12 ratings")
      .superRefine((items, ctx) => {
        const labels = new Set<string>();
        const ids = new Set<string>();
        items.forEach((item, index) => {
          const key = item.label.toLowerCase();
          if (labels.has(key))
            ctx.addIssue({ code: "custom", path: [index, "label"], message: "is used twice" });
          labels.add(key);
          if (item.id && ids.has(item.id)) {
            ctx.addIssue({ code: "custom", path: [index, "id"], message: "is used twice" });
          }
          if (item.id) ids.add(item.id);
        });
        if (items.filter((item) => item.value !== null).length < 2) {
          ctx.addIssue({
            code: "custom",
            message: "at least two ratings need a numeric value (best and worst)",
          });
        }
      })
      .meta({
        description:
          "The whole scale in display order. An item with an id keeps that rating (and its verdicts); an item without one is new; a rating left out is deleted (409 while a verdict uses it). Labels unique; at least two numeric values",
      }),
  })
  .strict();
export type TRatingScaleInput = z.infer<typeof ZRatingScaleInput>;

/** How many blank rows the scale editor offers for new ratings. */
export const NEW_RATING_ROWS = 2;

/**
 * Reads the scale editor's plain HTML form (rows `row` = 0..n-1 with fields `id.<row>`,
 * `label.<row>`, `value.<row>`, `colour.<row>`, `order.<row>`, `remove.<row>`) into the scale
 * PUT body, in `order`: ticked rows and blank new rows are left out. Validation is the domain's.
 * @throws nothing (malformed values reach ZRatingScaleInput and are refused there)
 */
export function readRatingScaleForm(form: FormData): { items: unknown[] } {
  const rows: { order: number; row: number; item: Record<string, unknown> }[] = [];
  const count = Math.min(Number(form.get("rows") ?? 0) || 0, 50);
  for (let row = 0; row < count; row++) {
    const text = (name: string) => {
      const value = form.get(`${name}.${row}`);
      return typeof value === "string" ? value.trim() : "";
    };
    const id = text("id");
    if (form.get(`remove.${row}`) === "on") continue;
    if (!id && !text("label")) continue;
    const value = text("value");
    rows.push({
      order: Number(text("order")) || row + 1,
      row,
      item: {
        ...(id ? { id } : {}),
        label: text("label"),
        value: value === "" ? null : Number(value),
        colour: text("colour"),
      },
    });
  }
  rows.sort((a, b) => a.order - b.order || a.row - b.row);
  return { items: rows.map((row) => row.item) };
}

/** How the team appears on published pages and in ClaimReview; empty strings clear a field. */
export const ZPublicProfileInput = z
  .object({
    organizationName: storableString().trim().max(200, "must be at most 200 characters").nullish(),
    organizationUrl: storableString()
      .trim()
      .max(2048, "must be at most 2048 characters")
      .refine(
        (value) => value === "" || /^https?:\/\/[^\s/@]+(?:[/?#]\S*)?$/i.test(value),
        "must be an http(s) URL",
      )
      .nullish(),
    showCredits: z.boolean().optional(),
  })
  .strict();
export type TPublicProfileInput = z.infer<typeof ZPublicProfileInput>;
