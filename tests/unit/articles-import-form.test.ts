// The import page's language box and its messages (issue 21 item 8): a language written as a
// name or a code becomes a BCP 47 tag; refusals are worded for people, one per field, without
// internal field names.
import { describe, expect, it } from "vitest";
import {
  checkImportInput,
  readImportFormValues,
  toCreateArticleInput,
} from "../../lib/articles/import-form.ts";
import { parseLanguageTag } from "../../lib/articles/language-tag.ts";

describe("parseLanguageTag", () => {
  it.each([
    ["English", "en"],
    ["english", "en"],
    ["  English ", "en"],
    ["français", "fr"],
    ["Francais", "fr"],
    ["French", "fr"],
    ["Deutsch", "de"],
    ["German", "de"],
    ["español", "es"],
    ["Arabic", "ar"],
    ["British English", "en-GB"],
    ["fr", "fr"],
    ["EN", "en"],
    ["en-GB", "en-GB"],
    ["en_gb", "en-GB"],
    ["EN-gb", "en-GB"],
    ["pt-BR", "pt-BR"],
    ["eng", "en"],
    ["zh-Hant", "zh-Hant"],
  ])("%s → %s", (input, tag) => {
    expect(parseLanguageTag(input)).toBe(tag);
  });

  it.each(["", "   ", "Klingonish", "xx", "qq-ZZ", "en-", "english!!!x", "<script>"])(
    "refuses %j",
    (input) => {
      expect(parseLanguageTag(input)).toBeNull();
    },
  );
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("the import form's checks", () => {
  const valid = { title: "A title", format: "text", content: "Some text." };

  it("accepts a language name and sends its tag", () => {
    const input = toCreateArticleInput(readImportFormValues(form({ ...valid, language: "français" })), null);
    expect(input.language).toBe("fr");
    expect(checkImportInput(input)).toEqual({});
  });

  it("leaves blank optional fields out", () => {
    const input = toCreateArticleInput(
      readImportFormValues(form({ ...valid, byline: " ", sourceUrl: "", language: "" })),
      null,
    );
    expect(input).toMatchObject({ byline: undefined, sourceUrl: undefined, language: undefined });
  });

  it("says what is wrong with each field in words, without internal names", () => {
    const errors = checkImportInput(
      toCreateArticleInput(
        readImportFormValues(
          form({
            title: "",
            sourceUrl: "ftp://example.com/story",
            publishedAt: "yesterday",
            language: "Klingonish",
            format: "docx",
            content: "x",
          }),
        ),
        null,
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(["format", "language", "publishedAt", "sourceUrl", "title"]);
    expect(errors.title).toBe("Give the article a title.");
    expect(errors.sourceUrl).toMatch(/starting with http:\/\/ or https:\/\//);
    expect(errors.publishedAt).toMatch(/for example 2019-10-30/);
    expect(errors.language).toMatch(/name or code, for example English/);
    for (const message of Object.values(errors)) {
      expect(message).not.toMatch(/sourceUrl|publishedAt|must be|invalid_|Invalid/);
    }
  });

  it("words a too long title and unstorable text", () => {
    const errors = checkImportInput(
      toCreateArticleInput(
        readImportFormValues(form({ ...valid, title: "t".repeat(501), byline: "a\u0000b" })),
        null,
      ),
    );
    expect(errors.title).toMatch(/too long/);
    expect(errors.byline).toMatch(/cannot be stored/);
  });

  it("an uploaded file's content and format take the place of the pasted ones", () => {
    const input = toCreateArticleInput(readImportFormValues(form({ ...valid })), {
      format: "markdown",
      content: "# Heading",
    });
    expect(input).toMatchObject({ format: "markdown", content: "# Heading" });
  });
});
