import { z } from "zod";
import { ZId, ZTimestamp, ZUserRef } from "./common.ts";

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** lib/verdicts/rating-scale.ts RatingJson */
export const ZRating = z
  .object({
    id: ZId,
    label: z.string(),
    value: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Numeric value (ClaimReview ratingValue); null: off the scale" }),
    colour,
    position: z.number().int(),
  })
  .meta({ id: "Rating" });

/** lib/verdicts/rating-scale.ts RatingScaleJson */
export const ZRatingScale = z
  .object({
    items: z.array(ZRating),
    bestRating: z.number().int().nullable(),
    worstRating: z.number().int().nullable(),
  })
  .meta({ id: "RatingScale" });

/** lib/publications/publish-article.ts PublicationJson */
export const ZPublication = z
  .object({
    url: z
      .string()
      .meta({ description: "The public page's path, /p/{publicId} (append it to the server's origin)" }),
    publicId: z.string().meta({ description: "128 random bits, base64url" }),
    version: z.number().int().min(1).meta({ description: "Raised by every republish" }),
    publishedAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: "Publication" });

/** `GET /api/v1/articles/{id}/publication`: the publication, or null when the article is not published. */
export const ZPublicationState = z.object({ publication: ZPublication.nullable() });

/** lib/verdicts/verdict-json.ts VerdictJson */
export const ZVerdict = z
  .object({
    id: ZId,
    annotationId: ZId,
    articleId: ZId,
    rating: ZRating,
    conclusion: z.string().meta({ description: "Markdown" }),
    conclusionHtml: z.string().meta({ description: "The conclusion rendered to sanitized HTML" }),
    evidenceIds: z.array(ZId).meta({ description: "The evidence items it rests on that still exist" }),
    author: ZUserRef,
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .meta({ id: "Verdict" });

/** The verdict endpoints answer `{verdict}`. */
export const ZVerdictEnvelope = z.object({ verdict: ZVerdict });
