// Hostile strings for the hostile-input tests (issue 9 item 3): an XSS corpus (every payload, if
// it ever ran, would set window.__xss to its own number, open a dialog or leave an element with
// the attribute data-xss in the DOM), SQL metacharacters, and Unicode edge cases.

/** Payload i (at most 100 characters, the shortest field limit) sets `window.__xss = i` (and calls alert) if it ever executes. */
export function xssPayloads(): string[] {
  const run = (i: number) => `window.__xss=${i};alert(${i})`;
  const templates: Array<(i: number) => string> = [
    (i) => `<script>${run(i)}</script>`,
    (i) => `<img src=x onerror="${run(i)}" data-xss="${i}">`,
    (i) => `<svg onload="${run(i)}" data-xss="${i}"><script>${run(i)}</script></svg>`,
    (i) => `<svg><a xlink:href="javascript:${run(i)}" data-xss="${i}"><text>click</text></a></svg>`,
    (i) => `<math><mtext><table><mglyph><style><img src=x onerror="${run(i)}" data-xss="${i}">`,
    (i) => `<iframe srcdoc="<script>parent.${run(i)}</script>" data-xss="${i}"></iframe>`,
    (i) => `<a href="javascript:${run(i)}" data-xss="${i}">link</a>`,
    (i) => `javascript:${run(i)}`,
    (i) => `"><img src=x onerror=${run(i)} data-xss=${i}>`,
    (i) => `'><svg/onload=${run(i)} data-xss=${i}>`,
    (i) => `</textarea></title><script>${run(i)}</script>`,
    (i) => `<details open ontoggle="${run(i)}" data-xss="${i}">`,
    (i) => `<div style="background:url('javascript:${run(i)}')" data-xss="${i}">css</div>`,
    (i) => `<style>@import 'javascript:${run(i)}';</style><b data-xss="${i}">style</b>`,
    (i) => `{{constructor.constructor('${run(i)}')()}}`,
    (i) => `\${${run(i)}}`,
    (i) => `[click](javascript:${run(i)}) ![x](x" onerror="${run(i)})`,
    (i) => `<template><img src=x onerror="${run(i)}"></template>`,
    (i) => `<object data="javascript:${run(i)}" data-xss="${i}">`,
    (i) => `<form action="javascript:${run(i)}"><button data-xss="${i}">go</button></form>`,
    (i) => `<base href="javascript:${run(i)}//"><b data-xss="${i}">base</b>`,
    (i) => `<meta http-equiv="refresh" content="0;javascript:${run(i)}">`,
  ];
  return templates.map((template, index) => template(index + 1));
}

/** Strings with SQL metacharacters (none may change a query; all are stored verbatim). */
export const SQL_PAYLOADS: string[] = [
  'Robert\'); DROP TABLE "Article";--',
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM "Annotation" WHERE true; --',
  "100% _match_ \\% \\_ %%",
  "back\\slash \\' \\\" \\\\",
  "/* comment */ SELECT pg_sleep(10) --",
  "$$ dollar $tag$ quoting $tag$",
  "E'\\x41' U&'\\0041' B'1010'",
  "a:b & c | !d <-> e (full-text operators)",
];

/** Unicode edge cases in article bodies; each `marked` passage is what gets annotated. */
export const UNICODE_CASES: Array<{ name: string; text: string; marked: string[] }> = [
  {
    name: "emoji, ZWJ sequences and skin tones",
    text: "Family 👨‍👩‍👧‍👦 and 👩🏽‍💻 coder met 👍🏿 voters; then 34,573 strikes.",
    marked: ["👨‍👩‍👧‍👦", "👩🏽‍💻 coder", "34,573 strikes"],
  },
  {
    name: "astral characters (outside the BMP)",
    text: "Math 𝒜𝓁𝑔𝑒𝒷𝓇𝒶, old 𐌰𐌱𐌲 script, CJK 𠀀𠀁 ext B, then the claim.",
    marked: ["𝒜𝓁𝑔𝑒𝒷𝓇𝒶", "𐌰𐌱𐌲", "the claim"],
  },
  {
    name: "combining marks",
    text: "Cafe\u0301 owners and Zalgo z\u0351\u0352\u0353a\u0354l\u0355go and n\u0303o said yes.",
    marked: ["Cafe\u0301", "z\u0351\u0352\u0353a\u0354l\u0355go", "said yes"],
  },
  {
    name: "right-to-left text with bidi controls",
    text: "قال الوزير \u202Bإن المساعدات\u202C زادت. Hebrew \u2067שלום\u2069 and \u202Etxet desrever\u202C end.",
    marked: ["الوزير", "\u202Bإن المساعدات\u202C", "\u202Etxet desrever\u202C"],
  },
  {
    name: "zero-width joiners and spaces",
    text: "zero\u200Bwidth space, join\u200Ders, no\u200Cjoin, word\u2060joiner, BOM\uFEFF inside.",
    marked: ["zero\u200Bwidth", "join\u200Ders", "BOM\uFEFF inside"],
  },
  {
    name: "CRLF line endings (normalised to LF on import)",
    text: "First line 😀 here\r\nsecond line\r\n\r\nNew paragraph 🇺🇦 flag here.",
    marked: ["second line", "🇺🇦 flag"],
  },
];
