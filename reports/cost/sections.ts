/**
 * The cost estimate as Markdown lines, shared by the plan and the compliance report: a table per
 * deployment, the totals and the notes. User text is made inert with the one escape module.
 */
import type { CostEstimate } from "../../cost/estimate";
import { escapeMarkdown, markdownCode } from "../../text/escape";
import { markdownTable } from "../../text/table";
import { COST_HEADERS, costNotes, costRows, pricesLine, totalLines } from "./display";

export function costEstimateMarkdownLines(estimate: CostEstimate, heading: string): string[] {
  const out = [heading, "", escapeMarkdown(pricesLine(estimate), 400), ""];
  if (estimate.deployments.length > 0) {
    out.push(
      ...markdownTable(
        COST_HEADERS.map((h) => h.charAt(0).toUpperCase() + h.slice(1)),
        costRows(estimate).map(([key, type, ptu, fixed, usage]) => [
          markdownCode(key ?? ""),
          escapeMarkdown(type ?? ""),
          escapeMarkdown(ptu ?? ""),
          escapeMarkdown(fixed ?? ""),
          escapeMarkdown(usage ?? ""),
        ]),
        { align: ["left", "left", "left", "right", "right"] },
      ),
      "",
    );
  }
  out.push(...totalLines(estimate).map((line) => `- ${escapeMarkdown(line, 400)}`), "");
  const notes = costNotes(estimate);
  if (notes.length > 0) out.push(...notes.map((note) => `- ${escapeMarkdown(note, 400)}`), "");
  return out;
}
