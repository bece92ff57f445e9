// Deterministic article text for the benchmarks: news-like sentences from a fixed vocabulary,
// with a seeded generator so every run measures the same text.

/** A small seeded PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const VOCABULARY = (
  "the coalition said airstrikes civilians killed ministry report government officials city " +
  "province according to at least more than forces military operation week month year " +
  "residents hospital statement spokesman denied confirmed figures analysts independent " +
  "monitoring group data local sources witnesses told reporters claimed corrupt support " +
  "people world working must have border aid agency refugees camp water electricity " +
  "council vote parliament election campaign president prime minister opposition party " +
  "budget billion million percent increase decrease inflation prices market economy trade " +
  "sanctions talks ceasefire negotiations agreement signed treaty envoy united nations " +
  "human rights investigation evidence documents leaked email court ruling judge lawyers"
).split(" ");

/** An article of about `words` words in paragraphs of 40 to 120 words, separated by blank lines. */
export function generateArticle(words: number, seed = 1): string {
  const random = seededRandom(seed);
  const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
  const paragraphs: string[] = [];
  let written = 0;
  let sentenceNo = 0;
  while (written < words) {
    const target = Math.min(words - written, 40 + Math.floor(random() * 80));
    const sentences: string[] = [];
    let inParagraph = 0;
    while (inParagraph < target) {
      const length = Math.min(target - inParagraph, 8 + Math.floor(random() * 14));
      const sentence = Array.from({ length }, pick);
      sentenceNo++;
      // A figure now and then, as in real reporting ("34,573 airstrikes").
      if (sentenceNo % 3 === 0)
        sentence[Math.floor(random() * length)] = String(Math.floor(random() * 90_000));
      sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
      sentences.push(`${sentence.join(" ")}.`);
      inParagraph += length;
    }
    paragraphs.push(sentences.join(" "));
    written += inParagraph;
  }
  return paragraphs.join("\n\n");
}
