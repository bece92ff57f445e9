/**
 * The HTML a newsroom pastes into its CMS to embed a published page: an iframe of the page and a
 * small script that sets the iframe's height from the page's own messages (render-public-page.ts
 * posts `{proofmarkEmbed: publicId, height}`), accepting them only from the page's origin.
 * @throws nothing
 */
export function embedSnippet(origin: string, publicId: string, title: string): string {
  const base = origin.replace(/\/+$/, "");
  const id = `proofmark-${publicId}`;
  const safeTitle = title.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
  return [
    `<iframe id="${id}" src="${base}/p/${publicId}" title="${safeTitle} (fact-checked)" loading="lazy" style="width:100%;min-height:480px;border:0"></iframe>`,
    `<script>addEventListener("message",function(e){if(e.origin!==${JSON.stringify(base)}||!e.data||e.data.proofmarkEmbed!==${JSON.stringify(publicId)})return;var f=document.getElementById(${JSON.stringify(id)});if(f&&e.data.height>0)f.style.height=Math.ceil(e.data.height)+"px"});</script>`,
  ].join("\n");
}
