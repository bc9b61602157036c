/**
 * Markdown and HTML read as a browser or GitHub would read them, so that tests assert what a reader sees
 * (elements, links, table cells, text) rather than the characters a formatter happened to write.
 * Markdown is rendered by micromark with its GFM extension (tables, autolink literals, strikethrough,
 * footnotes, task lists), raw HTML kept so that any HTML user text could smuggle in shows up; HTML is
 * parsed by parse5, the WHATWG parsing algorithm browsers implement. Both are ES modules, loaded once.
 */

/** The parts of a parse5 node these tests read. */
export interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  /** Text of a `#text` node. */
  value?: string;
  /** Children of a `<template>`. */
  content?: HtmlNode;
}

export interface Readers {
  /** GFM to HTML, raw HTML passed through. */
  markdownToHtml(markdown: string): string;
  /** An HTML fragment (what Markdown renders to) as a tree. */
  parseFragment(html: string): HtmlNode;
  /** A whole HTML document as a tree. */
  parseDocument(html: string): HtmlNode;
}

let loaded: Promise<Readers> | undefined;

export function readers(): Promise<Readers> {
  loaded ??= (async () => {
    const [{ micromark }, { gfm, gfmHtml }, parse5] = await Promise.all([
      import("micromark"),
      import("micromark-extension-gfm"),
      import("parse5"),
    ]);
    return {
      markdownToHtml: (markdown) =>
        micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
      parseFragment: (html) => parse5.parseFragment(html) as unknown as HtmlNode,
      parseDocument: (html) => parse5.parse(html) as unknown as HtmlNode,
    };
  })();
  return loaded;
}

function children(node: HtmlNode): HtmlNode[] {
  return [...(node.content ? [node.content] : []), ...(node.childNodes ?? [])];
}

/** Every element under `root`, in document order. */
export function elementsOf(root: HtmlNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  const visit = (node: HtmlNode) => {
    if (node.tagName !== undefined) out.push(node);
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return out;
}

/** The text nodes under `root`, in document order, leaving out those inside the elements named. */
export function textNodesOf(root: HtmlNode, outside: readonly string[] = []): string[] {
  const out: string[] = [];
  const visit = (node: HtmlNode) => {
    if (node.nodeName === "#text" && node.value !== undefined) out.push(node.value);
    if (node.tagName !== undefined && outside.includes(node.tagName)) return;
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return out;
}

/** What a reader sees: text with invisible zero-width spaces removed and white space collapsed. */
export function visibleText(root: HtmlNode): string {
  return textNodesOf(root)
    .join("")
    .replace(/\u200b/g, "")
    .replace(/\s+/g, " ");
}

/** Element names with their attribute names, in document order: the structure a document has. */
export function structureOf(root: HtmlNode): string[] {
  return elementsOf(root).map((el) => {
    const attributes = (el.attrs ?? []).map((a) => a.name).sort();
    return attributes.length === 0 ? (el.tagName ?? "") : `${el.tagName}[${attributes.join(",")}]`;
  });
}

/** Pipes of a table row that GFM splits cells at: those not escaped by an odd number of backslashes. */
export function unescapedPipes(row: string): number {
  return (row.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length;
}
