import { franc } from "franc";

/**
 * ISO 639-3 codes franc returns → BCP 47 primary tags (ISO 639-1 where one exists). Languages not
 * listed keep their three-letter code, which is a valid BCP 47 tag too.
 */
const ISO3_TO_BCP47: Record<string, string> = {
  eng: "en",
  fra: "fr",
  deu: "de",
  spa: "es",
  por: "pt",
  ita: "it",
  nld: "nl",
  swe: "sv",
  dan: "da",
  nob: "nb",
  nno: "nn",
  fin: "fi",
  hun: "hu",
  tur: "tr",
  ell: "el",
  ron: "ro",
  rus: "ru",
  ukr: "uk",
  pol: "pl",
  ces: "cs",
  slk: "sk",
  slv: "sl",
  hrv: "hr",
  srp: "sr",
  bos: "bs",
  bul: "bg",
  mkd: "mk",
  lit: "lt",
  lav: "lv",
  est: "et",
  cat: "ca",
  eus: "eu",
  glg: "gl",
  gle: "ga",
  cym: "cy",
  isl: "is",
  arb: "ar",
  ara: "ar",
  heb: "he",
  pes: "fa",
  fas: "fa",
  prs: "fa",
  urd: "ur",
  hin: "hi",
  ben: "bn",
  pan: "pa",
  guj: "gu",
  mar: "mr",
  tam: "ta",
  tel: "te",
  kan: "kn",
  mal: "ml",
  npi: "ne",
  nep: "ne",
  sin: "si",
  cmn: "zh",
  zho: "zh",
  jpn: "ja",
  kor: "ko",
  vie: "vi",
  tha: "th",
  ind: "id",
  zlm: "ms",
  msa: "ms",
  tgl: "tl",
  swh: "sw",
  swa: "sw",
  amh: "am",
  hye: "hy",
  kat: "ka",
  aze: "az",
  kaz: "kk",
  uzn: "uz",
  ydd: "yi",
  yid: "yi",
  afr: "af",
  som: "so",
  hau: "ha",
  yor: "yo",
  zul: "zu",
  xho: "xh",
};

/**
 * PostgreSQL text-search configurations by BCP 47 primary language (the ones PostgreSQL 16+ ships;
 * a configuration missing from an older server falls back to `simple` in SQL).
 */
const SEARCH_CONFIGS: Record<string, string> = {
  ar: "arabic",
  hy: "armenian",
  eu: "basque",
  ca: "catalan",
  da: "danish",
  nl: "dutch",
  en: "english",
  fi: "finnish",
  fr: "french",
  de: "german",
  el: "greek",
  hi: "hindi",
  hu: "hungarian",
  id: "indonesian",
  ga: "irish",
  it: "italian",
  lt: "lithuanian",
  ne: "nepali",
  no: "norwegian",
  nb: "norwegian",
  nn: "norwegian",
  pt: "portuguese",
  ro: "romanian",
  ru: "russian",
  sr: "serbian",
  es: "spanish",
  sv: "swedish",
  ta: "tamil",
  tr: "turkish",
  yi: "yiddish",
};

const DETECTABLE = [...new Set(Object.keys(ISO3_TO_BCP47))];

/** Every configuration name `searchConfigFor` can return. */
export const SEARCH_CONFIG_NAMES: readonly string[] = [
  ...new Set([...Object.values(SEARCH_CONFIGS), "simple"]),
];

/** Languages written right to left (BCP 47 primary tags). */
const RTL_LANGUAGES = new Set(["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv"]);

/** Shortest text franc is asked about; shorter texts get no detected language. */
const MIN_DETECT_CHARS = 40;

/**
 * Detects the language of an article's text (franc, trigram statistics shipped with the package)
 * and returns a BCP 47 tag, or null when the text is too short or undetermined.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  if (sample.replace(/\s+/g, "").length < MIN_DETECT_CHARS) return null;
  // Only languages a newsroom is likely to import: on short texts franc otherwise picks rare
  // neighbours (Scots for English, Galician for Portuguese…), which would change the stemming.
  const code = franc(sample, { minLength: MIN_DETECT_CHARS, only: DETECTABLE });
  if (code === "und") return null;
  return ISO3_TO_BCP47[code] ?? code;
}

/** The primary language subtag of a BCP 47 tag, lower case (`fr-CA` → `fr`). */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.split("-")[0]?.toLowerCase();
  return primary ? primary : null;
}

/** The PostgreSQL text-search configuration for an article language (`simple` when none fits). */
export function searchConfigFor(language: string | null | undefined): string {
  // Articles without a language keep the English configuration they always had.
  if (!language) return "english";
  return SEARCH_CONFIGS[primaryLanguage(language) ?? ""] ?? "simple";
}

/** Whether a language is written right to left. */
export function isRightToLeft(language: string | null | undefined): boolean {
  return RTL_LANGUAGES.has(primaryLanguage(language) ?? "");
}
