import { readFile } from "node:fs/promises";
import path from "node:path";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";

// The API reference at /api/docs: Swagger UI (swagger-ui-dist, served from node_modules by the
// app itself, no CDN) over /api/v1/openapi.json. The CSP allows it as is: scripts and styles
// come from 'self' (no inline script: the page starts Swagger UI from /api/docs/init.js).

const SWAGGER_ASSETS = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

const INIT_SCRIPT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    // Deep links put a link inside each operation's toggle button (axe: nested-interactive).
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    validatorUrl: null,
    tryItOutEnabled: false,
    onComplete: function () {
      var servers = document.getElementById("servers");
      if (servers) servers.setAttribute("aria-label", "Server");
    },
  });
});
`;

// Swagger UI's own page is not accessible enough as shipped: a landmark, a level-one heading
// and a link to the raw document for people (and screen readers) who prefer it.
const PAGE_STYLE = `body{margin:0;font-family:system-ui,sans-serif}
.docs-header{padding:1rem 1.25rem;border-bottom:1px solid #d0d0d0}
.docs-header h1{margin:0 0 .25rem;font-size:1.5rem}
.docs-header a{color:#0b57d0}
.swagger-ui .info{margin:1.5rem 0}
.swagger-ui .info .title small{background:#4a4a4a}
.swagger-ui .info .title small.version-stamp{background:#2d5f00}
.swagger-ui .info .url,.swagger-ui .info a{color:#0b57d0}
.swagger-ui .opblock.opblock-get .opblock-summary-method{background:#1f5f9e}
.swagger-ui .opblock.opblock-post .opblock-summary-method{background:#1d7a4d}
.swagger-ui .opblock.opblock-put .opblock-summary-method{background:#8a4b00}
.swagger-ui .opblock.opblock-patch .opblock-summary-method{background:#0f6e5f}
.swagger-ui .opblock.opblock-delete .opblock-summary-method{background:#b3261e}
.swagger-ui .btn.authorize{color:#1d7a4d;border-color:#1d7a4d}
.swagger-ui .btn.authorize svg{fill:#1d7a4d}
.swagger-ui .parameter__in,.swagger-ui .parameter__deprecated{color:#555}
.swagger-ui .parameter__name.required span,.swagger-ui .parameter__name.required:after{color:#b3261e}
.swagger-ui .response-control-media-type__accept-message{color:#2d5f00}
.swagger-ui .markdown code,.swagger-ui .renderedMarkdown code{color:#6f1ab1}`;

/** The HTML of /api/docs. */
export function referencePageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proofmark API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="docs-header">
<h1>Proofmark API reference</h1>
<p>The OpenAPI 3.1 document itself: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Guide: docs/API.md.</p>
</header>
<main id="swagger-ui" aria-label="API operations and schemas"><noscript><p>This reference needs JavaScript; the document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
}

/** One asset of the reference page, or null when the name is not one of them. */
export async function readReferenceAsset(
  name: string,
): Promise<{ body: string | Uint8Array; contentType: string } | null> {
  if (name === "init.js") return { body: INIT_SCRIPT, contentType: "text/javascript; charset=utf-8" };
  if (!Object.hasOwn(SWAGGER_ASSETS, name)) return null;
  const file = name as keyof typeof SWAGGER_ASSETS;
  return {
    body: new Uint8Array(await readFile(path.join(getAbsoluteFSPath(), file))),
    contentType: SWAGGER_ASSETS[file],
  };
}
