// Article text for the bulk-loaded benchmarks (queries at scale, export): words drawn from a
// vocabulary of 40,000 with a Zipf distribution (frequency of the r-th word ~ 1/r, as in real
// text), plus topical phrases that a share of the articles carry, from a seeded generator so every
// run loads the same text. The 130-word vocabulary of text.ts made every query match most of the
// archive (docs/BENCHMARKS.md, "Queries at scale"); here a query matches what it would in a
// newsroom archive: a topic phrase 1-2 %, a fairly common word a few %, a very common word most.
import { seededRandom, VOCABULARY } from "./text.ts";

export const VOCABULARY_SIZE = 40_000;

// The commonest words of English news (ranks 1-49; most are stop words the search ignores).
const COMMON = (
  "the of to and a in that for on is said was with he it as at by from his be have has " +
  "are but not they an this who were their had which been after its will would more also " +
  "or about one new two than over"
).split(" ");

// Real news words at fixed ranks (as in a news corpus, roughly): "government" is very common,
// "hospital" fairly common, the rest spread from rank 100 to about 6,000.
const RANKED: Array<[string, number]> = [
  ["government", 50],
  ["hospital", 400],
];

// Topic phrases: each is carried by this share of the articles (once, at a random place), the way
// a story runs through a share of an archive. The search queries of bench/queries.ts use them.
export const TOPICS: Array<{ phrase: string; share: number }> = [
  { phrase: "ceasefire negotiations", share: 0.02 },
  { phrase: "leaked email", share: 0.01 },
  { phrase: "refugee camp without clean water", share: 0.015 },
  { phrase: "corrupt government", share: 0.01 },
];

const SYLLABLES = (
  "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu " +
  "na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo"
).split(" ");

/** The benchmark vocabulary by rank (index 0 = commonest): real words first, invented ones after. */
export function buildVocabulary(size = VOCABULARY_SIZE, seed = 42): string[] {
  const random = seededRandom(seed);
  const words: string[] = [...COMMON];
  const taken = new Set(words);
  const ranked = new Map(RANKED.map(([word, rank]) => [rank, word]));
  const news = VOCABULARY.filter((word) => !taken.has(word) && !RANKED.some(([w]) => w === word));
  let nextNews = 0;
  // Invented words of two to four open syllables ("kobaru"): no collision with real query words.
  const invent = () => {
    for (;;) {
      const n = 2 + Math.floor(random() * 3);
      let word = "";
      for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
      if (!taken.has(word)) return word;
    }
  };
  while (words.length < size) {
    const rank = words.length;
    let word = ranked.get(rank);
    if (!word && rank >= 100 && rank % 45 === 0 && nextNews < news.length) word = news[nextNews++]!;
    if (!word || taken.has(word)) word = invent();
    taken.add(word);
    words.push(word);
  }
  return words;
}

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1). */
export function zipfSampler(n: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += 1 / (r + 1);
    cdf[r] = sum;
  }
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A deterministic generator of article titles and bodies (`words` words in sentences). */
export function newsTextGenerator(seed = 7): {
  title: (n: number) => string;
  body: (words: number) => string;
} {
  const vocabulary = buildVocabulary();
  const random = seededRandom(seed);
  const draw = zipfSampler(vocabulary.length, random);
  const word = () => vocabulary[draw()]!;
  // Titles skip the commonest words so they read like headlines.
  const titleWord = () => {
    for (;;) {
      const rank = draw();
      if (rank >= COMMON.length) return vocabulary[rank]!;
    }
  };
  return {
    title: (n) => {
      const words = Array.from({ length: 5 }, titleWord);
      return `${words.join(" ")} ${n}`.replace(/^./, (c) => c.toUpperCase());
    },
    body: (count) => {
      const tokens = Array.from({ length: count }, word);
      for (const topic of TOPICS) {
        if (random() < topic.share) {
          const at = Math.floor(random() * Math.max(1, tokens.length - 8));
          tokens.splice(at, topic.phrase.split(" ").length, ...topic.phrase.split(" "));
        }
      }
      const sentences: string[] = [];
      for (let i = 0; i < tokens.length; ) {
        const length = 8 + Math.floor(random() * 14);
        const sentence = tokens.slice(i, i + length);
        sentence[0] = sentence[0]!.charAt(0).toUpperCase() + sentence[0]!.slice(1);
        sentences.push(`${sentence.join(" ")}.`);
        i += length;
      }
      return sentences.join(" ");
    },
  };
}
