// Browser tests tag a passage through the page and then need the annotation the server wrote:
// this polls PostgreSQL for it.
import { expect } from "vitest";
import { db } from "../../lib/db.ts";

/**
 * Waits (up to 5 s) for the newest live annotation of `quote` on an article, by `authorEmail`
 * when given, and returns its id; the test fails when none appears.
 */
export async function waitForAnnotationId(where: {
  articleId: string;
  quote: string;
  authorEmail?: string;
}): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const row = await db.annotation.findFirst({
          where: {
            articleId: where.articleId,
            quote: where.quote,
            ...(where.authorEmail ? { author: { email: where.authorEmail } } : {}),
            deletedAt: null,
          },
          orderBy: { createdAt: "desc" },
        });
        id = row?.id;
        return id;
      },
      { timeout: 5000 },
    )
    .toBeTruthy();
  return id!;
}
