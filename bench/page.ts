// Over 400 lines: one benchmark read top to bottom (the loads, their floor, the tags, the warm loads) and the scripts it injects into the page.
// Item 6: the page. Headless Chromium opens a 20,000-word article with 2,000 annotations: time
// until every highlight is painted and the page answers input; then from pressing 1 on a
// selection to the new highlight painted (server round trip and live publish included).
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import * as Y from "yjs";
import { buildAnchor, normaliseSpan, quoteSpan } from "../lib/anchors/anchor.ts";
import { BODY_FIELD } from "../lib/articles/body-document.ts";
import { sessionCookieName } from "../lib/auth/config.ts";
import { db } from "../lib/db.ts";
import { CHROMIUM_PATH, launchChromium } from "../scripts/chromium.ts";
import { createBenchArticle, createBenchTeam, sessionCookie } from "./lib/fixtures.ts";
import { summarize } from "./lib/stats.ts";
import { generateArticle, seededRandom } from "./lib/text.ts";
import { type Benchmark, NotAvailable, outcome } from "./lib/types.ts";

export const page: Benchmark = {
  name: "page",
  title: "The article page in headless Chromium: 20,000 words, 2,000 highlights",
  needsServer: true,
  async run(ctx) {
    if (!existsSync(CHROMIUM_PATH)) throw new NotAvailable(`no Chromium at ${CHROMIUM_PATH}`);
    const server = await ctx.server();
    const words = ctx.smoke ? 1000 : 20_000;
    const annotationCount = ctx.smoke ? 50 : 2000;
    const loads = ctx.smoke ? 1 : 3;
    const tags = ctx.smoke ? 2 : 10;
    const team = await createBenchTeam();
    const article = await createBenchArticle(team, "Long read with annotations", generateArticle(words, 11));
    // The floor: the same article with no highlights, loaded the same way in the same run.
    const plain = await createBenchArticle(team, "Long read without annotations", generateArticle(words, 11));

    // Annotations with real anchors into the stored body, written in bulk.
    const stored = await db.article.findUniqueOrThrow({
      where: { id: article.id },
      select: { ydoc: true, text: true },
    });
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, stored.ydoc);
    const fragment = ydoc.getXmlFragment(BODY_FIELD);
    const random = seededRandom(3);
    const data = [];
    for (let i = 0; data.length < annotationCount && i < annotationCount * 5; i++) {
      const from = Math.floor(random() * (stored.text.length - 200));
      const span = normaliseSpan(stored.text, from, from + 10 + Math.floor(random() * 80));
      if (!span) continue;
      const q = quoteSpan(stored.text, span.start, span.end);
      data.push({
        teamId: team.id,
        articleId: article.id,
        authorId: team.members[i % 3]!.id,
        label: (["FACT", "OPINION", "ADVOCACY"] as const)[i % 3]!,
        anchor: buildAnchor(fragment, span.start, span.end),
        quote: q.quote,
        prefix: q.prefix,
        suffix: q.suffix,
        start: q.start,
        end: q.end,
      });
    }
    await db.annotation.createMany({ data });

    const browser = await launchChromium();
    const url = `${server.url}/t/${team.slug}/articles/${article.id}`;
    const plainUrl = `${server.url}/t/${team.slug}/articles/${plain.id}`;
    const cookie = (await sessionCookie(team.annotator)).split("=").slice(1).join("=");
    const firstTimes: number[] = [];
    const loadTimes: number[] = [];
    const liveTimes: number[] = [];
    const interactiveTimes: number[] = [];
    const tagTimes: number[] = [];
    const timelines: string[] = [];
    const warmTimes: number[] = [];
    const notes: string[] = [];
    const socketBytes: number[] = [];
    const plainTimes: number[] = [];
    const plainBytes: number[] = [];
    // Opens the article in `tab`; in-page clock (ms from navigation start): the first frame with
    // every highlight painted (the server-rendered body counts: it is what people see), the first
    // frame with every highlight in the live editor (tagging needs it), and then a key press
    // answered with a frame drawn after it.
    const openAndWait = async (tab: Page, address = url) => {
      const response = await tab.goto(address, { waitUntil: "commit" });
      if (!response || response.status() === 404)
        throw new NotAvailable(`GET /t/[team]/articles/[id] is ${response?.status()}`);
      try {
        await tab.waitForFunction(
          () => (window as unknown as { __timeline: { live?: number } }).__timeline.live !== undefined,
          null,
          { polling: 50, timeout: ctx.smoke ? 20_000 : 60_000 },
        );
      } catch {
        const seen = await tab.evaluate(() => document.querySelectorAll("[data-annotation-id]").length);
        throw new NotAvailable(
          `highlights not in the live editor within 60 s (${seen} highlight elements); is the annotation UI there?`,
        );
      }
      // Responds to input: a key press is handled and the next frame is drawn.
      await tab.keyboard.press("Shift");
      const interactive = await tab.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
          ),
      );
      const { first, painted, live, bytes } = await tab.evaluate(() => {
        const timeline = (
          window as unknown as {
            __timeline: { first: number; painted: number; live: number; sockets: { bytes: number }[] };
          }
        ).__timeline;
        const bytes = timeline.sockets.reduce((sum, socket) => sum + socket.bytes, 0);
        return { first: timeline.first, painted: timeline.painted, live: timeline.live, bytes };
      });
      return { first, painted, live, interactive, bytes };
    };
    try {
      for (let run = 0; run < loads + 1; run++) {
        const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
        await context.addCookies([{ name: sessionCookieName(), value: cookie, url: server.url }]);
        await context.addInitScript({ content: RECORD_TIMELINE });
        await context.addInitScript({ content: watchHighlights(data.length) });
        const tab = await context.newPage();
        const { first, painted, live, interactive, bytes } = await openAndWait(tab);
        if (run > 0) {
          socketBytes.push(bytes);
          firstTimes.push(first);
          loadTimes.push(painted);
          liveTimes.push(live);
          interactiveTimes.push(interactive);
          timelines.push(await tab.evaluate<string>(READ_TIMELINE));
        }
        if (run === loads) {
          // Select a fresh passage, press 1, time until its highlight is painted (in-page clock).
          for (let t = 0; t < tags; t++) {
            const ok = await tab.evaluate((n) => {
              const paragraphs = [...document.querySelectorAll(".ProseMirror p")];
              const paragraph = paragraphs[(n * 7 + 3) % paragraphs.length];
              const walker = paragraph ? document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT) : null;
              let node = walker?.nextNode() as Text | null;
              while (
                node &&
                ((node.textContent?.length ?? 0) < 20 || node.parentElement?.closest("[data-annotation-id]"))
              )
                node = walker?.nextNode() as Text | null;
              if (!node) return false;
              const range = document.createRange();
              range.setStart(node, 2);
              range.setEnd(node, 14);
              const selection = window.getSelection()!;
              selection.removeAllRanges();
              selection.addRange(range);
              const before = new Set(
                [...document.querySelectorAll("[data-annotation-id]")].map((e) =>
                  e.getAttribute("data-annotation-id"),
                ),
              );
              const w = window as unknown as { __bench?: { pressed?: number; painted?: number } };
              w.__bench = {};
              document.addEventListener(
                "keydown",
                (event) => {
                  if (event.key === "1") w.__bench!.pressed = event.timeStamp;
                },
                { capture: true, once: true },
              );
              const observer = new MutationObserver(() => {
                const now = [...document.querySelectorAll("[data-annotation-id]")].some(
                  (e) => !before.has(e.getAttribute("data-annotation-id")),
                );
                if (now) {
                  observer.disconnect();
                  requestAnimationFrame(() => {
                    w.__bench!.painted = performance.now();
                  });
                }
              });
              observer.observe(document.querySelector(".ProseMirror")!, {
                subtree: true,
                childList: true,
                attributes: true,
              });
              return true;
            }, t);
            if (!ok) continue;
            try {
              await tab.getByTestId("tag-popover").waitFor({ state: "visible", timeout: 5000 });
            } catch {
              throw new NotAvailable("no tagging popover appeared for a selection");
            }
            await tab.keyboard.press("1");
            try {
              await tab.waitForFunction(
                () => (window as unknown as { __bench?: { painted?: number } }).__bench?.painted,
                null,
                { timeout: 10_000 },
              );
            } catch {
              notes.push(`tag ${t}: no new highlight within 10 s`);
              continue;
            }
            const m = await tab.evaluate(
              () => (window as unknown as { __bench: { pressed: number; painted: number } }).__bench,
            );
            tagTimes.push(m.painted - m.pressed);
            await tab.waitForTimeout(200);
          }
        }
        await context.close();
        // The floor, right after each load of the highlighted article: the same text, no highlights.
        const floorContext = await browser.newContext({ viewport: { width: 1360, height: 900 } });
        await floorContext.addCookies([{ name: sessionCookieName(), value: cookie, url: server.url }]);
        await floorContext.addInitScript({ content: RECORD_TIMELINE });
        await floorContext.addInitScript({ content: watchHighlights(0) });
        const floorTab = await floorContext.newPage();
        const floor = await openAndWait(floorTab, plainUrl);
        if (run > 0) {
          plainTimes.push(floor.interactive);
          plainBytes.push(floor.bytes);
        }
        await floorContext.close();
      }
      // Warm: the same browser context for every load (HTTP and compiled-code caches kept), as for
      // someone who opened Proofmark before; one warm-up, then the same number of measured loads.
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      await context.addCookies([{ name: sessionCookieName(), value: cookie, url: server.url }]);
      await context.addInitScript({ content: RECORD_TIMELINE });
      await context.addInitScript({ content: watchHighlights(data.length) });
      for (let run = 0; run < loads + 1; run++) {
        const tab = await context.newPage();
        const { interactive } = await openAndWait(tab);
        if (run > 0) warmTimes.push(interactive);
        await tab.close();
      }
      await context.close();
    } finally {
      await browser.close();
    }
    // Where the time of the median load went (in-page clock, ms from navigation start).
    const median = [...interactiveTimes.keys()].sort((a, b) => interactiveTimes[a]! - interactiveTimes[b]!)[
      Math.floor(interactiveTimes.length / 2)
    ];
    if (median !== undefined && timelines[median]) notes.push(`median load: ${timelines[median]}`);
    const firstHighlight = summarize(firstTimes);
    const load = summarize(loadTimes);
    const liveLoad = summarize(liveTimes);
    const interactive = summarize(interactiveTimes);
    const tag = summarize(tagTimes);
    const warm = summarize(warmTimes);
    const floor = summarize(plainTimes);
    const ratio = floor.p50 > 0 ? interactive.p50 / floor.p50 : Number.NaN;
    // What the highlights cost on the wire: everything the page's websockets received, minus the
    // same for the same article without highlights (body, awareness and protocol are the same).
    const stateKb = (summarize(socketBytes).p50 - summarize(plainBytes).p50) / 1024;
    return outcome({
      tables: [
        {
          title: `${words}-word article, ${data.length} annotations (${loads} measured loads after one warm-up; ${tagTimes.length} tags), ms`,
          columns: ["measure", "p50", "max", "n"],
          rows: [
            {
              measure: "navigation → first highlights painted (server-rendered)",
              p50: firstHighlight.p50,
              max: firstHighlight.max,
              n: firstHighlight.n,
            },
            { measure: "navigation → all highlights painted", p50: load.p50, max: load.max, n: load.n },
            {
              measure: "navigation → all highlights in the live editor",
              p50: liveLoad.p50,
              max: liveLoad.max,
              n: liveLoad.n,
            },
            {
              measure: "navigation → live, painted and answering input",
              p50: interactive.p50,
              max: interactive.max,
              n: interactive.n,
            },
            {
              measure: "warm (same browser context): live, painted and answering input",
              p50: warm.p50,
              max: warm.max,
              n: warm.n,
            },
            { measure: "press 1 on a selection → highlight painted", p50: tag.p50, max: tag.max, n: tag.n },
            {
              measure: "floor: the same article without highlights, live and answering input",
              p50: floor.p50,
              max: floor.max,
              n: floor.n,
            },
          ],
        },
      ],
      budgets: [
        {
          name: "page: live, painted and answering input",
          limit: "< 1.0 s",
          measured: `${(interactive.p50 / 1000).toFixed(2)} s`,
          met: ctx.smoke ? null : interactive.p50 < 1000,
        },
        {
          name: "page: ratio to the same article without highlights",
          limit: "≤ 1.3×",
          measured: `${ratio.toFixed(2)}× (floor ${(floor.p50 / 1000).toFixed(2)} s)`,
          met: ctx.smoke ? null : ratio <= 1.3,
        },
        {
          name: "page: annotation state received",
          limit: "≤ 300 KB",
          measured: `${stateKb.toFixed(0)} KB`,
          met: ctx.smoke ? null : stateKb <= 300,
        },
        {
          name: "page: first highlights painted (server HTML)",
          limit: "< 400 ms",
          measured: `${firstHighlight.p50.toFixed(0)} ms`,
          met: ctx.smoke ? null : firstHighlight.p50 < 400,
        },
        {
          name: "page: press 1 → highlight painted",
          limit: "< 100 ms",
          measured: tag.n ? `${tag.p50.toFixed(0)} ms` : "not measured",
          met: ctx.smoke || !tag.n ? null : tag.p50 < 100,
        },
      ],
      data: {
        first: firstHighlight,
        load,
        live: liveLoad,
        interactive,
        warm,
        tag,
        floor,
        ratio,
        stateKb,
        socketBytes,
        plainBytes,
        words,
        annotations: data.length,
      },
      notes,
    });
  },
};

// Plain JavaScript for the page (strings: the benchmark's own TypeScript is compiled with helpers
// the page does not have). Before the page's scripts: notes when each websocket is created, opens,
// receives its first and latest message, and the page's long tasks.
const RECORD_TIMELINE = `(() => {
  const timeline = { sockets: [], longTasks: [] };
  window.__timeline = timeline;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const entry = { created: performance.now(), bytes: 0 };
      timeline.sockets.push(entry);
      this.addEventListener("open", () => { entry.open = performance.now(); });
      this.addEventListener("message", (event) => {
        const now = performance.now();
        if (entry.first === undefined) entry.first = now;
        entry.last = now;
        entry.bytes += event.data instanceof ArrayBuffer ? event.data.byteLength : (event.data.size || 0);
      });
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) timeline.longTasks.push({ start: task.startTime, duration: task.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
})()`;

// Before the page's scripts: watches every frame (requestAnimationFrame runs just before the
// frame is drawn) for the first one with a highlight in the page, the first one with all `count`
// highlights in the page (the server-rendered body or the live editor) and the first one with all
// of them in the live editor (.ProseMirror).
function watchHighlights(count: number): string {
  return `(() => {
  const count = ${JSON.stringify(count)};
  const distinct = (selector) => new Set([...document.querySelectorAll(selector)].map((e) => e.getAttribute("data-annotation-id"))).size;
  const frame = () => {
    const timeline = window.__timeline;
    const now = performance.now();
    if (timeline.first === undefined && document.querySelector("[data-annotation-id]")) timeline.first = now;
    if (timeline.painted === undefined && distinct("[data-annotation-id]") >= count) timeline.painted = now;
    if (timeline.live === undefined && document.querySelector(".ProseMirror") && distinct(".ProseMirror [data-annotation-id]") >= count) timeline.live = now;
    if (timeline.painted === undefined || timeline.live === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;
}

// The load so far, as one line (ms from navigation start, the page's clock).
const READ_TIMELINE = `(() => {
  const timeline = window.__timeline;
  const ms = (value) => (value === undefined ? "-" : String(Math.round(value)));
  const navigation = performance.getEntriesByType("navigation")[0];
  const scripts = performance.getEntriesByType("resource").filter((entry) => entry.initiatorType === "script");
  const busy = timeline.longTasks.reduce((sum, task) => sum + task.duration, 0);
  const longest = [...timeline.longTasks].sort((a, b) => b.duration - a.duration).slice(0, 4)
    .map((task) => ms(task.duration) + "@" + ms(task.start)).join(" ");
  return [
    "HTML " + ms(navigation && navigation.responseEnd),
    "scripts " + ms(Math.max(0, ...scripts.map((entry) => entry.responseEnd))) + " (" + scripts.length + ")",
    "DOMContentLoaded " + ms(navigation && navigation.domContentLoadedEventEnd),
    ...timeline.sockets.map((socket, index) => "socket " + (index + 1) + " created " + ms(socket.created) +
      " open " + ms(socket.open) + " first " + ms(socket.first) + " last " + ms(socket.last) +
      " (" + Math.round(socket.bytes / 1024) + " KB)"),
    "first highlights " + ms(timeline.first),
    "all painted " + ms(timeline.painted),
    "live " + ms(timeline.live),
    "long tasks " + ms(busy) + " ms in all, longest " + longest,
  ].join("; ");
})()`;
