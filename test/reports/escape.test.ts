import { beforeAll, describe, expect, it } from "vitest";
import {
  escapeHtml,
  escapeMarkdown,
  MAX_CELL_LENGTH,
  markdownCode,
  markdownCodeSpan,
} from "../../text/escape";
import { truncate } from "../../text/truncate";
import { elementsOf, type Readers, readers, visibleText } from "../support/rendering";

let read: Readers;
beforeAll(async () => {
  read = await readers();
});

/** What GFM renders for `markdown`: its elements and the text a reader sees. */
function rendered(markdown: string): { elements: string[]; text: string } {
  const tree = read.parseFragment(read.markdownToHtml(markdown));
  return { elements: elementsOf(tree).map((el) => el.tagName ?? ""), text: visibleText(tree).trim() };
}

describe("escapeMarkdown", () => {
  it.each([
    "gpt-4o-mini (2024-07-18)",
    "text-embedding-3-large",
    "sku.capacity",
    "rg-ai-prod_eastus2",
    "snake_case_name",
    "East US 2: 10:30, 50% of quota = 1,000 TPM!",
    "R&D, a/b; key=value; {json}; 'quoted' \"twice\"",
    "C:\\path\\to\\file and \\d{3} regex",
    "-1 and +2 and 3.5",
    "Microsoft.DefaultV2",
    "contoso.com",
    "gpt-4o-mini@2024-07-18",
  ])("leaves %j as written", (text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });

  it.each([
    ["table pipes", "a | b", "a \\| b", "a | b"],
    ["a code span", "x `y` z", "x \\`y\\` z", "x `y` z"],
    ["emphasis", "**b** _i_ *e*", "\\*\\*b\\*\\* \\_i\\_ \\*e\\*", "**b** _i_ *e*"],
    ["strikethrough", "~~gone~~", "\\~\\~gone\\~\\~", "~~gone~~"],
    [
      "a link",
      "[click](https://x.example)",
      "\\[click](https:&#8203;//x.example)",
      "[click](https://x.example)",
    ],
    ["an image", "![p](x.png)", "!\\[p](x.png)", "![p](x.png)"],
    [
      "HTML",
      "<img src=x onerror=alert(1)>",
      "&lt;img src=x onerror=alert(1)>",
      "<img src=x onerror=alert(1)>",
    ],
    ["an autolink", "<https://x.example>", "&lt;https:&#8203;//x.example>", "<https://x.example>"],
    ["a bare URL", "see https://x.example", "see https:&#8203;//x.example", "see https://x.example"],
    ["a www link", "www.x.example", "www&#8203;.x.example", "www.x.example"],
    ["an e-mail address", "a@x.example", "a@&#8203;x.example", "a@x.example"],
    ["a mention", "@team and @org/team", "@&#8203;team and @&#8203;org/team", "@team and @org/team"],
    ["issue references", "#12 GH-3 o/r#4", "#&#8203;12 GH-&#8203;3 o/r#&#8203;4", "#12 GH-3 o/r#4"],
    ["a character reference", "&amp; &#64;", "&amp;amp; &amp;#&#8203;64;", "&amp; &#64;"],
    ["a backslash before punctuation", "a\\|b", "a\\\\\\|b", "a\\|b"],
    ["a trailing backslash", "end\\", "end\\\\", "end\\"],
    ["a heading", "# h", "\\# h", "# h"],
    ["a list item", "- i", "\\- i", "- i"],
    ["an ordered list item", "12) i", "12\\) i", "12) i"],
    ["a quote", "> q", "\\> q", "> q"],
    ["a thematic break", "- - -", "\\- - -", "- - -"],
    ["a setext underline", "===", "\\===", "==="],
  ])("escapes %s", (_, text, escaped, shown) => {
    expect(escapeMarkdown(text)).toBe(escaped);
    // Rendered, it reads as written (the zero-width space is invisible) and makes no element.
    expect(rendered(escapeMarkdown(text))).toEqual({ elements: ["p"], text: shown });
  });

  it("puts text on one line without terminal escapes, trimmed and cut to a length", () => {
    expect(escapeMarkdown("a\nb\r\n\tc\u2028d\u0085e")).toBe("a b c d e");
    expect(escapeMarkdown("\u001b[31mred\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007")).toBe(
      "red link",
    );
    expect(escapeMarkdown("      indented code")).toBe("indented code");
    expect(escapeMarkdown("A".repeat(10_000))).toBe(`${"A".repeat(MAX_CELL_LENGTH - 1)}…`);
    expect(escapeMarkdown("abcdef", 4)).toBe("abc…");
  });
});

describe("code in Markdown", () => {
  it("wraps escaped text in <code>", () => {
    expect(markdownCode("a|b @c")).toBe("<code>a\\|b @&#8203;c</code>");
  });

  it.each([
    ["eastus2/gpt-4o", "`eastus2/gpt-4o`"],
    ["<b>@team</b> https://x", "`<b>@team</b> https://x`"],
    ["a`b", "``a`b``"],
    ["`a``", "``` `a`` ```"],
  ])("shows %j as a code span that cannot be left", (text, span) => {
    expect(markdownCodeSpan(text)).toBe(span);
    expect(rendered(span)).toEqual({ elements: ["p", "code"], text });
  });

  it("falls back to <code> for a pipe, which would end a table cell even in a code span, and for empty text", () => {
    expect(markdownCodeSpan("a | b")).toBe("<code>a \\| b</code>");
    expect(markdownCodeSpan("")).toBe("<code></code>");
  });
});

describe("escapeHtml and truncate", () => {
  it("escapes markup and quotes, on one line, cut to a length", () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      "&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#96;&#60;/a&#62;",
    );
    expect(escapeHtml("a\nb\u001b[1m c", 4)).toBe("a b…");
  });

  it("never splits a surrogate pair", () => {
    expect(truncate("😀😀😀", 2)).toBe("😀…");
    expect(truncate("short", 10)).toBe("short");
  });
});
