import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "../../app/api/v1/teams/[team]/articles/route.ts";
import { db } from "../../lib/db.ts";
import { generateTokenSecret, hashSecret } from "../../lib/tokens/token-secret.ts";
import { MAX_PDF_BYTES } from "../../lib/validation/articles.ts";
import { callRoute } from "../support/api.ts";
import { writeTestPdf } from "../support/pdf-writer.ts";

let annotatorToken: string;
let readerToken: string;

async function token(teamId: string, userId: string, scopes: ("READ" | "ANNOTATE")[]): Promise<string> {
  const secret = generateTokenSecret();
  await db.apiToken.create({
    data: {
      teamId,
      createdById: userId,
      name: "t",
      prefix: secret.slice(0, 8),
      tokenHash: hashSecret(secret),
      scopes,
    },
  });
  return secret;
}

beforeAll(async () => {
  const team = await db.team.create({ data: { slug: "filings", name: "Filings" } });
  const user = await db.user.create({ data: { email: "pdf@example.test", name: "PDF person" } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: "ANNOTATOR" } });
  annotatorToken = await token(team.id, user.id, ["READ", "ANNOTATE"]);
  readerToken = await token(team.id, user.id, ["READ"]);
});

const post = (body: unknown, bearer = annotatorToken) =>
  callRoute(createRoute, "/api/v1/teams/filings/articles", {
    method: "POST",
    auth: { bearer },
    params: { team: "filings" },
    body,
  });

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe("PDF import through the API", () => {
  it("201 with the rebuilt text, the PDF's title and the detected language", async () => {
    const pdf = await writeTestPdf(
      [
        [
          [
            "Le tribunal administratif a annulé mardi l'arrêté préfectoral qui interdisait",
            "la manifestation prévue devant la raffinerie.",
          ],
        ],
        [
          [
            "Les juges ont estimé que la préfecture n'avait pas démontré l'existence d'un",
            "risque sérieux de troubles à l'ordre public.",
          ],
        ],
      ],
      { title: "Décision du tribunal administratif", footer: "{n}" },
    );
    const response = await post({ format: "pdf", content: base64(pdf) });
    expect(response.status).toBe(201);
    const article = await response.json();
    expect(article).toMatchObject({
      format: "pdf",
      title: "Décision du tribunal administratif",
      language: "fr",
    });
    const row = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(row.text).toBe(
      "Le tribunal administratif a annulé mardi l'arrêté préfectoral qui interdisait la manifestation prévue devant la raffinerie.\n\n" +
        "Les juges ont estimé que la préfecture n'avait pas démontré l'existence d'un risque sérieux de troubles à l'ordre public.",
    );
  });

  it("422 pdf_no_text for a scan, 422 pdf_unreadable for a broken file, 413 over the size cap, 400 for bad base64; nothing stored", async () => {
    const before = await db.article.count();
    const scan = await post({ format: "pdf", title: "Scan", content: base64(await writeTestPdf([null])) });
    expect(scan.status).toBe(422);
    expect((await scan.json()).error.code).toBe("pdf_no_text");
    const broken = await post({
      format: "pdf",
      content: base64(new TextEncoder().encode("%PDF-1.4 garbage")),
    });
    expect(broken.status).toBe(422);
    expect((await broken.json()).error.code).toBe("pdf_unreadable");
    const large = await post({ format: "pdf", content: base64(new Uint8Array(MAX_PDF_BYTES + 1)) });
    expect(large.status).toBe(413);
    const bad = await post({ format: "pdf", content: "%%% not base64" });
    expect(bad.status).toBe(400);
    expect(await db.article.count()).toBe(before);
  });

  it("403 for a token without the annotate scope", async () => {
    const pdf = await writeTestPdf([[["A short statement that should never be stored."]]]);
    const response = await post({ format: "pdf", content: base64(pdf) }, readerToken);
    expect(response.status).toBe(403);
  });
});
