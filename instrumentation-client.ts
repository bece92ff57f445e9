// Next runs this in the browser once the page's first scripts are loaded, before React hydrates
// it and before the page's own modules are evaluated. On an article page it opens the two live
// documents there (components/annotator/live-connection.ts), so that the server authenticates,
// loads and sends them while the browser is still evaluating the page's scripts; the page's hooks
// claim the same connections (docs/ANNOTATIONS.md "Opened before hydration"). The module is
// imported only on an article page: other pages do not load the live-document code for it.
const ARTICLE_PAGE = /^\/t\/[^/]+\/articles\/[0-9a-f-]{36}\/?$/i;

if (ARTICLE_PAGE.test(window.location.pathname)) {
  void import("./components/annotator/live-connection").then(({ openEarlyConnections }) =>
    openEarlyConnections(window.location.pathname),
  );
}
