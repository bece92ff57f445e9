// Turns what people type in a "language" box ("English", "français", "fr", "en_gb") into a
// BCP 47 tag, offline: the names come from the runtime's ICU data through Intl.DisplayNames.

const TAG_SHAPE = /^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/;

/** The display languages whose names for languages are recognised, besides each language's own name. */
const NAME_LOCALES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "ru", "ar", "zh", "ja"];

/** Regional variants people name in words ("British English", "brasilianisches Portugiesisch"). */
const REGIONAL_TAGS = [
  "en-GB",
  "en-US",
  "en-AU",
  "en-CA",
  "fr-CA",
  "fr-CH",
  "de-AT",
  "de-CH",
  "es-MX",
  "pt-BR",
  "pt-PT",
  "zh-Hans",
  "zh-Hant",
];

let namesToTags: Map<string, string> | undefined;

/** Lower case, accents and punctuation removed, spaces collapsed: "Français " → "francais". */
function nameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function primaryLanguages(): string[] {
  const english = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
  const codes: string[] = [];
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      if (english.of(code) !== undefined && Intl.getCanonicalLocales(code)[0] === code) codes.push(code);
    }
  }
  return codes;
}

function buildNameTable(): Map<string, string> {
  const table = new Map<string, string>();
  const add = (name: string | undefined, tag: string) => {
    if (!name) return;
    const key = nameKey(name);
    if (key && !table.has(key)) table.set(key, tag);
  };
  const tags = [...primaryLanguages(), ...REGIONAL_TAGS];
  for (const locale of NAME_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    for (const tag of tags) add(names.of(tag), tag);
  }
  for (const tag of tags) {
    // Each language's own name for itself: "Deutsch", "español", "中文".
    add(new Intl.DisplayNames([tag], { type: "language", fallback: "none" }).of(tag), tag);
  }
  return table;
}

/** Whether ICU knows the primary language of a canonical tag (refuses "xx", "qq"). */
function isKnownLanguage(tag: string): boolean {
  const primary = tag.split("-")[0] ?? "";
  return new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(primary) !== undefined;
}

/**
 * Reads a language written as a code ("fr", "en_gb", "EN-GB") or a name in a common language
 * or in itself ("English", "français", "Deutsch") and returns its BCP 47 tag ("fr", "en-GB",
 * "de"), or null when it is neither.
 */
export function parseLanguageTag(input: string): string | null {
  const value = input.trim();
  if (value === "") return null;
  if (TAG_SHAPE.test(value)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(value.replaceAll("_", "-"));
      if (canonical && isKnownLanguage(canonical)) return canonical;
    } catch {
      // not a well-formed tag: try it as a name below
    }
  }
  namesToTags ??= buildNameTable();
  return namesToTags.get(nameKey(value)) ?? null;
}

/** The name of a language tag in English ("fr" → "French"), or the tag itself when unknown. */
export function describeLanguageTag(tag: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
