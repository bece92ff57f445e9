import { DOMSerializer, type Node as PMNode } from "@tiptap/pm/model";
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { articleSchema } from "../../lib/articles/editor-schema.ts";
import { contentToDoc } from "../../lib/articles/import-body.ts";
import { htmlToDoc } from "../../lib/articles/import-html.ts";
import { docToPlainText } from "../../lib/articles/plain-text.ts";

const ALLOWED_NODES = new Set([
  "doc",
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "hardBreak",
  "text",
]);
const ALLOWED_MARKS = new Set(["bold", "italic", "link"]);

// Known payloads (OWASP XSS filter evasion cheat sheet and friends).
const XSS_CORPUS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<body onload=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<a href=javascript:alert(1)>x</a>",
  "<a href=' javascript:alert(1)'>x</a>",
  "<a href='jav&#x09;ascript:alert(1)'>x</a>",
  "<a href='JaVaScRiPt:alert(1)'>x</a>",
  "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
  "<a href='vbscript:msgbox(1)'>x</a>",
  "<a href='file:///etc/passwd'>x</a>",
  "<p onclick=alert(1) onmouseover='alert(1)'>x</p>",
  "<div style='background:url(javascript:alert(1))'>x</div>",
  "<style>@import 'javascript:alert(1)';</style>",
  "<form action=javascript:alert(1)><input type=submit></form>",
  "<object data=javascript:alert(1)></object>",
  "<embed src=javascript:alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
  "<template><script>alert(1)</script></template>",
  "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
  "<base href=javascript:alert(1)//>",
  "<details open ontoggle=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<a href='http://ok.test' onclick='alert(1)'>ok</a>",
  "<h1 onmouseover=alert(1)>Heading</h1>",
  "<blockquote cite=javascript:alert(1)>q</blockquote>",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<isindex type=image src=1 onerror=alert(1)>",
  "<a href='&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)'>x</a>",
];

const testWindow = new JSDOM("").window;

function renderHtml(doc: PMNode): string {
  const dom = { window: testWindow };
  const fragment = DOMSerializer.fromSchema(articleSchema()).serializeFragment(doc.content, {
    document: dom.window.document,
  });
  const container = dom.window.document.createElement("div");
  container.appendChild(fragment);
  return container.innerHTML;
}

function assertInert(doc: PMNode): void {
  doc.descendants((node) => {
    expect(ALLOWED_NODES.has(node.type.name), node.type.name).toBe(true);
    for (const mark of node.marks) {
      expect(ALLOWED_MARKS.has(mark.type.name), mark.type.name).toBe(true);
      if (mark.type.name === "link") expect(String(mark.attrs.href)).toMatch(/^(https?:|mailto:)/);
    }
  });
  const html = renderHtml(doc);
  // Text may *say* "javascript:" or "<script>"; it must never be markup. Look at tags and attributes only.
  const container = new testWindow.DOMParser().parseFromString(`<div>${html}</div>`, "text/html").body;
  for (const element of Array.from(container.querySelectorAll("*"))) {
    expect([
      "DIV",
      "P",
      "H1",
      "H2",
      "H3",
      "H4",
      "UL",
      "OL",
      "LI",
      "BLOCKQUOTE",
      "BR",
      "STRONG",
      "EM",
      "A",
    ]).toContain(element.tagName);
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name).not.toMatch(/^on/i);
      expect(["href", "target", "rel", "class", "title", "level", "start", "type"]).toContain(attribute.name);
      if (attribute.name === "href") expect(attribute.value).toMatch(/^(https?:|mailto:)/);
    }
  }
}

describe("HTML import keeps nothing executable", () => {
  it.each(XSS_CORPUS)("neutralises %s", (payload) => {
    let doc: PMNode;
    try {
      doc = htmlToDoc(`<p>Before</p>${payload}<p>After</p>`);
    } catch (error) {
      throw new Error(`import failed for ${payload}: ${String(error)}`);
    }
    assertInert(doc);
    // An unclosed payload may swallow what follows it (the parser's right); the text before it stays.
    expect(docToPlainText(doc)).toMatch(/^Before/);
  });

  it("keeps what the schema allows: headings, lists, quotes, emphasis and safe links", () => {
    const doc = htmlToDoc(
      "<h2>Head</h2><p>A <strong>b</strong> <em>c</em> <a href='https://example.org/x'>d</a></p><ol><li>one</li></ol><blockquote><p>q</p></blockquote>",
    );
    const types = new Set<string>();
    doc.descendants((node) => {
      types.add(node.type.name);
      for (const mark of node.marks) types.add(mark.type.name);
    });
    expect([...types].sort()).toEqual([
      "blockquote",
      "bold",
      "heading",
      "italic",
      "link",
      "listItem",
      "orderedList",
      "paragraph",
      "text",
    ]);
    expect(docToPlainText(doc)).toBe("Head\n\nA b c d\n\none\n\nq");
  });

  it("survives random hostile HTML built from tags, handlers and URLs (property)", () => {
    const tag = fc.constantFrom(
      "p",
      "div",
      "a",
      "script",
      "img",
      "svg",
      "iframe",
      "style",
      "form",
      "h1",
      "h6",
      "li",
      "ul",
      "b",
      "i",
      "span",
      "object",
      "math",
      "template",
      "table",
      "td",
      "body",
      "html",
      "noscript",
    );
    const attributeName = fc.constantFrom(
      "href",
      "src",
      "onclick",
      "onerror",
      "onload",
      "style",
      "srcdoc",
      "formaction",
      "xlink:href",
      "data-x",
      "action",
    );
    const attributeValue = fc.oneof(
      fc.constantFrom(
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://ok.test/",
        "alert(1)",
        "vbscript:x",
        "&#106;avascript:alert(1)",
        "mailto:a@b.test",
      ),
      fc.string({ maxLength: 12 }),
    );
    const attribute = fc
      .tuple(attributeName, attributeValue)
      .map(([name, value]) => ` ${name}="${value.replace(/"/g, "&quot;")}"`);
    const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "</p>",
          "<!--",
          "-->",
          "<![CDATA[",
          "]]>",
        ),
        fc
          .tuple(tag, fc.array(attribute, { maxLength: 3 }), fc.array(tie("node"), { maxLength: 3 }))
          .map(
            ([name, attributes, children]) => `<${name}${attributes.join("")}>${children.join("")}</${name}>`,
          ),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 5 }), (parts) => {
        // With <p>x</p> there is always text, so the import must succeed.
        assertInert(contentToDoc("html", `<p>x</p>${parts.join("")}`));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("refuses HTML without any text and Markdown is imported through the same filter", () => {
    expect(() => htmlToDoc("<script>alert(1)</script><img src=x>")).toThrow(/no article text/);
    const doc = contentToDoc(
      "markdown",
      "# T\n\n[x](javascript:alert(1)) <script>alert(1)</script>\n\n[ok](https://ok.test)",
    );
    assertInert(doc);
    expect(docToPlainText(doc)).toContain("<script>alert(1)</script>");
  });
});
