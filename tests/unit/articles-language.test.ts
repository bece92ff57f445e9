import { describe, expect, it } from "vitest";
import { normaliseLanguageTag } from "../../lib/articles/extract-article.ts";
import { detectLanguage, isRightToLeft, searchConfigFor } from "../../lib/articles/language.ts";

describe("language detection", () => {
  it("returns BCP 47 tags for news text in several languages", () => {
    expect(
      detectLanguage(
        "The council voted on Monday to build a flood barrier along the river, ending a decade of delays.",
      ),
    ).toBe("en");
    expect(
      detectLanguage(
        "Les salariés de la raffinerie ont voté mardi la reconduction de la grève pour une troisième semaine.",
      ),
    ).toBe("fr");
    expect(
      detectLanguage(
        "صوت مجلس المدينة يوم الاثنين على بناء حاجز للفيضانات على طول ضفة النهر بعد سنوات من التأخير.",
      ),
    ).toBe("ar");
    expect(
      detectLanguage(
        "El Consejo de Ministros aprobó este martes la reforma del sistema de pensiones para los próximos años.",
      ),
    ).toBe("es");
    expect(
      detectLanguage(
        "Der Stadtrat hat am Montag beschlossen, entlang des Flusses eine Hochwasserschutzmauer zu bauen.",
      ),
    ).toBe("de");
    expect(
      detectLanguage(
        "Городской совет в понедельник проголосовал за строительство защитной дамбы вдоль реки.",
      ),
    ).toBe("ru");
  });

  it("gives no language for text too short to tell", () => {
    expect(detectLanguage("Breaking")).toBeNull();
    expect(detectLanguage("   ")).toBeNull();
  });

  it("normalises declared tags", () => {
    expect(normaliseLanguageTag("fr_FR")).toBe("fr-FR");
    expect(normaliseLanguageTag("EN-us")).toBe("en-US");
    expect(normaliseLanguageTag("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(normaliseLanguageTag("not a tag")).toBeNull();
    expect(normaliseLanguageTag("")).toBeNull();
  });
});

describe("search configuration and direction", () => {
  it("maps languages to PostgreSQL configurations, simple when none fits, english when unknown", () => {
    expect(searchConfigFor("fr-CA")).toBe("french");
    expect(searchConfigFor("ar")).toBe("arabic");
    expect(searchConfigFor("nb")).toBe("norwegian");
    expect(searchConfigFor("ja")).toBe("simple");
    expect(searchConfigFor("he")).toBe("simple");
    expect(searchConfigFor(null)).toBe("english");
  });

  it("knows right-to-left languages", () => {
    for (const tag of ["ar", "he-IL", "fa", "ur"]) expect(isRightToLeft(tag), tag).toBe(true);
    for (const tag of ["en", "fr", "ru", null]) expect(isRightToLeft(tag), String(tag)).toBe(false);
  });
});
