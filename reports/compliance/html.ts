import type { CostEstimate } from "../../cost/estimate";
import type { Outcome, PolicyResult } from "../../policies/results";
import { escapeHtml } from "../../text/escape";
import { formatNumber } from "../../text/number";
import { plural } from "../../text/plural";
import { truncate } from "../../text/truncate";
import { costNotes, describeFigure, describePtu, formatMoney, pricesLine, totalLines } from "../cost/display";
import { CAPACITY_UNITS, type CapacityBar, type CapacityUnit } from "./capacity";
import { blockingSentence, enforcementDescriptions, OUTCOMES, outcomeLabels } from "./labels";
import {
  type ComplianceReport,
  findingsOf,
  type OutcomeCounts,
  type ReportResource,
  resultIndex,
} from "./model";

export interface ComplianceHtmlOptions {
  /** Longest user string shown in a cell; the full text (up to a limit) is in the tooltip. */
  maxTextLength?: number;
}

/** Nothing may load: no scripts, no fonts, no images but inline data, no network at all. */
export const HTML_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const MAX_TOOLTIP = 1000;

/** User text as element content: escaped, flattened to one line, cut to a length. */
function t(text: string, max: number): string {
  return escapeHtml(text, max);
}

/** User text as an attribute value (always double-quoted by the callers). */
function attr(text: string): string {
  return t(text, MAX_TOOLTIP);
}

/** The word in a matrix cell: an outcome, with non-compliance split by whether it blocks. */
function cellLabel(r: PolicyResult): { label: string; css: string } {
  switch (r.outcome) {
    case "compliant":
      return { label: "pass", css: "pass" };
    case "not-applicable":
      return { label: "n/a", css: "na" };
    case "error":
      return { label: "error", css: "error" };
    case "non-compliant":
      return r.enforcement === "mandatory" ? { label: "fail", css: "fail" } : { label: "warn", css: "warn" };
  }
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#ffffff;--fail-bg:#cf222e;--warn:#9a3412;--warn-bg:#ffedd5;
--error:#7d4e00;--error-bg:#fff1b8;--na:#6e7781;--na-bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:#eef1f4}
header.top{background:#0b1f33;color:#fff;padding:28px 40px 24px}
header.top .brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#9fb7cc}
header.top h1{margin:6px 0 4px;font-size:26px;font-weight:600;overflow-wrap:anywhere}
header.top .meta{margin:0;color:#c7d5e2;font-size:13px}
.chip{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;vertical-align:middle;background:#1f4b73;color:#fff}
main{max-width:1240px;margin:0 auto;padding:24px 24px 48px}
section.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
h2{font-size:18px;margin:0 0 4px}
p.lead{margin:0 0 14px;color:var(--muted)}
.verdict{display:flex;gap:16px;align-items:center;border-radius:10px;padding:16px 22px;margin:0 0 20px;border:1px solid}
.verdict .word{font-size:20px;font-weight:700;padding:4px 14px;border-radius:6px;color:#fff}
.verdict.fail{background:#ffebe9;border-color:#ff8182}.verdict.fail .word{background:var(--fail-bg)}
.verdict.pass{background:#dafbe1;border-color:#4ac26b}.verdict.pass .word{background:var(--pass)}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:0 0 20px}
.tile{background:#fff;border:1px solid var(--line);border-left:6px solid;border-radius:8px;padding:12px 16px}
.tile .n{font-size:28px;font-weight:700;line-height:1.1}.tile .l{color:var(--muted);font-size:13px}
.tile.o-non-compliant{border-left-color:var(--fail-bg)}.tile.o-error{border-left-color:#d4a72c}
.tile.o-compliant{border-left-color:var(--pass)}.tile.o-not-applicable{border-left-color:#afb8c1}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
a{color:inherit}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);border:1px solid #e4e8ec;border-radius:4px;padding:0 4px;overflow-wrap:anywhere}
.wrap{overflow-x:auto}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
.b-mandatory{background:#ffebe9;color:#a40e26}.b-advisory{background:#fff8c5;color:#7d4e00}
.b-remediate{background:#ddf4ff;color:#0550ae}.b-disabled{background:var(--soft);color:var(--muted)}
.b-non-compliant{background:var(--fail-bg);color:#fff}.b-error{background:var(--error-bg);color:var(--error)}
.b-warn{background:var(--warn-bg);color:var(--warn)}.b-compliant{background:var(--pass-bg);color:var(--pass)}.b-not-applicable{background:var(--na-bg);color:var(--na)}
.muted{color:var(--muted)}.small{font-size:12px}
.nowrap{white-space:nowrap}
table.fixed{table-layout:fixed}
.cnt{display:inline-block;margin:0 4px 3px 0;padding:0 6px;border-radius:4px;font-size:11px;font-weight:700;white-space:nowrap}
.cnt.c-fail{background:var(--fail-bg);color:#fff}.cnt.c-error{background:var(--error-bg);color:var(--error)}
.cnt.c-pass{background:var(--pass-bg);color:var(--pass)}.cnt.c-na{background:var(--na-bg);color:#6e7781;font-weight:400}
.txt{overflow-wrap:anywhere}
table.matrix{width:auto}
table.matrix th.policy{height:128px;width:44px;padding:6px 2px;vertical-align:bottom;background:#fff;border-bottom:2px solid var(--line)}
table.matrix th.policy a{text-decoration:none}
table.matrix thead th.resource{background:#fff;border-bottom:2px solid var(--line);vertical-align:bottom}
table.matrix th.policy span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font:600 11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg)}
table.matrix th.resource{min-width:260px;max-width:360px;font-weight:400;overflow-wrap:anywhere}
table.matrix th.resource .kind{color:var(--muted);font-size:12px}
table.matrix tr.group th{background:#0b1f33;color:#fff;font-size:12px;letter-spacing:.04em;text-transform:uppercase;padding:5px 10px}
td.cell{width:44px;min-width:44px;padding:4px 0;text-align:center;font-size:11px;font-weight:700;border:1px solid #fff}
td.c-pass{background:var(--pass-bg);color:var(--pass)}td.c-fail{background:var(--fail-bg);color:var(--fail)}
td.c-warn{background:var(--warn-bg);color:var(--warn)}td.c-error{background:var(--error-bg);color:var(--error);outline:1px dashed #d4a72c}
td.c-na{background:var(--na-bg);color:#8c959f;font-weight:400}
.legend{display:flex;flex-wrap:wrap;gap:10px 18px;margin:0 0 12px;font-size:12px;color:var(--muted)}
.legend span.sw{display:inline-block;min-width:38px;text-align:center;font-weight:700;font-size:11px;padding:1px 4px;margin-right:6px;border-radius:3px}
.sw.c-pass{background:var(--pass-bg);color:var(--pass)}.sw.c-fail{background:var(--fail-bg);color:#fff}
.sw.c-warn{background:var(--warn-bg);color:var(--warn)}.sw.c-error{background:var(--error-bg);color:var(--error)}
.sw.c-na{background:var(--na-bg);color:#8c959f}
.sw.sw-bar,.sw.sw-elsewhere,.sw.sw-quota,.sw.sw-over{min-width:22px;height:12px;vertical-align:-1px}
.sw.sw-fixed,.sw.sw-usage{min-width:22px;height:12px;vertical-align:-1px}.sw-fixed{background:#8250df}.sw-usage{background:#d2a8ff}
.sw-bar{background:#2f81f7}.sw-elsewhere{background:#8c959f}.sw-quota{background:#eaeef2;border:1px dashed #57606a}.sw-over{background:var(--fail-bg)}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0 18px}
svg.chart text{font:12px -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;fill:var(--fg)}
svg.chart text.group{font-weight:700;font-size:12px}
svg.chart text.value{fill:var(--muted)}svg.chart text.value.over{fill:var(--fail-bg);font-weight:700}
svg.chart text.axis{fill:var(--muted);font-size:11px}
svg.chart line.grid{stroke:#e6eaef}
svg.chart rect.cost-fixed{fill:#8250df}svg.chart rect.cost-usage{fill:#d2a8ff}svg.chart rect.bar{fill:#2f81f7}svg.chart rect.bar.ptu{fill:#8250df}svg.chart rect.bar.over{fill:var(--fail-bg)}
svg.chart rect.quota{fill:#eaeef2}svg.chart rect.elsewhere{fill:#8c959f}svg.chart line.quota{stroke:#57606a;stroke-width:2;stroke-dasharray:4 3}
dl.details{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:0 10px;font-size:12px}
dl.details dt{color:var(--muted)}dl.details dd{margin:0;overflow-wrap:anywhere}
footer{max-width:1240px;margin:0 auto;padding:0 24px 32px;color:var(--muted);font-size:12px}
@media print{body{background:#fff}header.top{background:#fff;color:#000;border-bottom:2px solid #000}section.card{break-inside:avoid;border-color:#999}.wrap{overflow:visible}}
`;

function header(report: ComplianceReport): string {
  const { summary } = report;
  const environment =
    report.environment === null ? "" : ` <span class="chip">${t(report.environment, 60)}</span>`;
  const meta = [
    `${plural(summary.policies, "policy", { plural: "policies", grouped: true })} × ${plural(summary.resources, "resource", { grouped: true })} = ${plural(summary.checks, "check", { grouped: true })}`,
    report.generatedAt === undefined ? undefined : `generated ${t(report.generatedAt, 40)}`,
    `${t(report.tool.name, 40)} ${t(report.tool.version, 40)}`,
  ].filter((part) => part !== undefined);
  return `<header class="top">
<div class="brand">Azure AI services · policy compliance report</div>
<h1>${t(report.file, 200)}${environment}</h1>
<p class="meta">${meta.join(" · ")}</p>
</header>`;
}

function verdict(report: ComplianceReport): string {
  const { summary } = report;
  const text =
    summary.verdict === "fail"
      ? `${blockingSentence(summary.blocking)}${
          summary.advisory > 0
            ? `; ${plural(summary.advisory, "advisory finding", { grouped: true })} to review`
            : ""
        }.`
      : summary.advisory > 0
        ? `No mandatory policy is violated; ${plural(summary.advisory, "advisory finding", { grouped: true })} to review.`
        : "Every applicable policy is met.";
  const word = summary.verdict === "fail" ? "Fails" : "Passes";
  return `<section class="verdict ${summary.verdict}" role="status" aria-label="verdict"><span class="word">${word}</span><span>${text}</span></section>`;
}

function tiles(report: ComplianceReport): string {
  return `<div class="tiles">${OUTCOMES.map(
    (o) =>
      `<div class="tile o-${o}"><div class="n">${formatNumber(report.summary.outcomes[o])}</div><div class="l">${outcomeLabels[o].label}</div></div>`,
  ).join("")}</div>`;
}

function enforcementBadge(enforcement: string): string {
  const known = enforcement in enforcementDescriptions;
  return `<span class="badge b-${known ? enforcement : "disabled"}">${t(enforcement, 20)}</span>`;
}

function location(report: ComplianceReport, resource: Pick<ReportResource, "source">): string {
  return `<code class="nowrap">${t(`${report.file}:${resource.source.line}:${resource.source.column}`, 200)}</code>`;
}

/** Remediation text with its `code spans` shown as code; every part escaped. */
function withCode(text: string, max: number): string {
  return truncate(text, max)
    .split("`")
    .map((part, i) => (i % 2 === 1 ? `<code>${t(part, max)}</code>` : t(part, max)))
    .join("");
}

/** Non-zero counts as labelled chips: words, not colour alone. */
function countChips(counts: OutcomeCounts): string {
  const chips: [Outcome, string, string][] = [
    ["non-compliant", "c-fail", "non-compliant"],
    ["error", "c-error", "error"],
    ["compliant", "c-pass", "pass"],
    ["not-applicable", "c-na", "n/a"],
  ];
  return chips
    .filter(([o]) => counts[o] > 0)
    .map(([o, css, word]) => `<span class="cnt ${css}">${formatNumber(counts[o])} ${word}</span>`)
    .join("");
}

function findings(report: ComplianceReport, max: number): string {
  const list = findingsOf(report);
  const body =
    list.length === 0
      ? `<p class="lead">No resource is non-compliant and every policy could be evaluated.</p>`
      : `<div class="wrap"><table class="findings"><thead><tr><th>Outcome</th><th>Enforcement</th><th>Policy</th><th>Resource</th><th>Declared at</th><th>Message</th><th>How to fix</th></tr></thead><tbody>${list
          .map(
            (r) =>
              `<tr><td><span class="badge b-${r.outcome === "non-compliant" && r.enforcement !== "mandatory" ? "warn" : r.outcome}">${outcomeLabels[r.outcome].label}</span></td><td>${enforcementBadge(r.enforcement)}</td><td><code>${t(r.policy.id, 60)}</code><div class="small txt">${t(r.policy.displayName, max)}</div></td><td><code>${t(r.resource.name, max)}</code></td><td>${location(report, r.resource)}</td><td class="txt">${t(r.message, max * 2)}</td><td class="txt small">${withCode(r.policy.remediation, max * 2)}</td></tr>`,
          )
          .join("")}</tbody></table></div>`;
  return `<section class="card" id="findings"><h2>Findings</h2><p class="lead">Non-compliant resources and policies that could not be evaluated, blocking ones first.</p>${body}</section>`;
}

function legend(): string {
  const entries: [string, string, string][] = [
    ["c-fail", "fail", "non-compliant, mandatory (blocks)"],
    ["c-warn", "warn", "non-compliant, advisory, remediated or disabled"],
    ["c-error", "error", "could not be evaluated"],
    ["c-pass", "pass", "compliant"],
    ["c-na", "n/a", "not applicable"],
  ];
  return `<div class="legend">${entries.map(([css, word, meaning]) => `<span><span class="sw ${css}">${word}</span>${meaning}</span>`).join("")}</div>`;
}

function matrix(report: ComplianceReport, max: number): string {
  const lookup = resultIndex(report);
  const head = `<tr><th class="resource" scope="col">Resource</th>${report.policies
    .map(
      (p, i) =>
        `<th class="policy" scope="col" title="${attr(`${p.id}: ${p.displayName}`)}"><span><a href="#policy-${i}">${t(p.id, 24)}</a></span></th>`,
    )
    .join("")}</tr>`;
  const rows: string[] = [];
  let account: string | undefined;
  for (const [index, resource] of report.resources.entries()) {
    if (index === 0 || resource.account !== account) {
      account = resource.account;
      const group = account === undefined ? "subscription" : `account ${t(account, max)}`;
      rows.push(
        `<tr class="group"><th colspan="${report.policies.length + 1}" scope="rowgroup">${group}</th></tr>`,
      );
    }
    const cells = report.policies.map((p) => {
      const r = lookup(p.id, resource.name);
      if (r === undefined) return `<td class="cell c-na" data-outcome="none" title="not evaluated">–</td>`;
      const { label, css } = cellLabel(r);
      const tip = `${p.id} on ${resource.name}: ${outcomeLabels[r.outcome].label} (${r.enforcement}). ${r.message}`;
      return `<td class="cell c-${css}" data-outcome="${r.outcome}" title="${attr(tip)}">${label}</td>`;
    });
    rows.push(
      `<tr><th class="resource" scope="row" title="${attr(resource.name)}"><code>${t(resource.label, max)}</code> <span class="kind">${t(resource.kind, 30)}</span></th>${cells.join("")}</tr>`,
    );
  }
  return `<section class="card" id="matrix"><h2>Compliance matrix</h2><p class="lead">Every resource against every policy. Hover a cell for the message; a column header links to the policy.</p>${legend()}<div class="wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

const CHART = { width: 1100, label: 290, bar: 440, gap: 14, row: 30, groupRow: 28, top: 26, barHeight: 16 };

function barLabel(bar: CapacityBar): string {
  return `${bar.model} · ${bar.deploymentType}`;
}

function valueText(bar: CapacityBar): string {
  if (bar.quota === null) return `${formatNumber(bar.value)} ${bar.unit} · quota unknown`;
  const total = bar.value + bar.quota.usedElsewhere;
  const share = bar.quota.limit > 0 ? Math.round((total / bar.quota.limit) * 100) : 0;
  return `${formatNumber(bar.value)} / ${formatNumber(bar.quota.limit)} ${bar.unit} · ${share}% of quota`;
}

/** A round axis maximum at or above `value` whose quarters are round too. */
function niceMaximum(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 4, 6, 8, 10].find((f) => f * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** One bar chart per unit; bars grouped by account, each bar against its quota when known. */
function chart(bars: readonly CapacityBar[], unit: CapacityUnit, max: number): string {
  const scaleMax = niceMaximum(
    Math.max(1, ...bars.map((b) => Math.max(b.value + (b.quota?.usedElsewhere ?? 0), b.quota?.limit ?? 0))),
  );
  const x = (value: number) => CHART.label + (value / scaleMax) * CHART.bar;
  const parts: string[] = [];
  let y = CHART.top;
  let account: string | undefined;
  for (const bar of bars) {
    if (bar.account !== account) {
      account = bar.account;
      const region = bar.region === null ? "" : ` (${bar.region})`;
      parts.push(`<text class="group" x="0" y="${y + 18}">${t(`${bar.accountName}${region}`, 60)}</text>`);
      y += CHART.groupRow;
    }
    const barY = y + (CHART.row - CHART.barHeight) / 2;
    const used = bar.quota?.usedElsewhere ?? 0;
    const over = bar.quota !== null && bar.value + used > bar.quota.limit;
    const label = barLabel(bar);
    const tip = `${bar.accountName}: ${label}: ${valueText(bar)}; deployments ${bar.deployments.join(", ")}`;
    parts.push(`<text x="12" y="${barY + 12}">${t(label, 42)}</text>`);
    if (bar.quota !== null) {
      parts.push(
        `<rect class="quota" x="${CHART.label}" y="${barY - 3}" width="${(x(bar.quota.limit) - CHART.label).toFixed(1)}" height="${CHART.barHeight + 6}" rx="3"/>`,
      );
      if (used > 0) {
        parts.push(
          `<rect class="elsewhere" x="${CHART.label}" y="${barY}" width="${(x(used) - CHART.label).toFixed(1)}" height="${CHART.barHeight}"><title>${t(`${formatNumber(used)} ${bar.unit} used by deployments outside this file`, 200)}</title></rect>`,
        );
      }
    }
    const start = x(used);
    const width = Math.max(2, x(used + bar.value) - start);
    parts.push(
      `<rect class="bar${unit === "PTU" ? " ptu" : ""}${over ? " over" : ""}" data-account="${attr(bar.account)}" data-model="${attr(bar.model)}" data-type="${attr(bar.deploymentType)}" data-value="${bar.value}" x="${start.toFixed(1)}" y="${barY}" width="${width.toFixed(1)}" height="${CHART.barHeight}" rx="3"><title>${t(tip, max * 2)}</title></rect>`,
    );
    if (bar.quota !== null) {
      const qx = x(bar.quota.limit).toFixed(1);
      parts.push(
        `<line class="quota" x1="${qx}" x2="${qx}" y1="${barY - 5}" y2="${barY + CHART.barHeight + 5}"/>`,
      );
    }
    parts.push(
      `<text class="value${over ? " over" : ""}" x="${CHART.label + CHART.bar + CHART.gap}" y="${barY + 12}">${t(valueText(bar), 60)}${over ? ", over" : ""}</text>`,
    );
    y += CHART.row;
  }
  const height = y + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tx = (CHART.label + f * CHART.bar).toFixed(1);
    return `<line class="grid" x1="${tx}" x2="${tx}" y1="${CHART.top - 6}" y2="${height - 4}"/><text class="axis" x="${tx}" y="${CHART.top - 10}" text-anchor="middle">${formatNumber(Math.round(f * scaleMax))}</text>`;
  });
  const { title, id } = CHART_TITLES[unit];
  return `<h3 class="small muted" id="${id}-heading">${title}</h3><svg class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${CHART.width} ${height}" width="${CHART.width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${title} per account and model</title>${ticks.join("")}${parts.join("")}</svg>`;
}

const CHART_TITLES: Record<CapacityUnit, { title: string; id: string }> = {
  TPM: { title: "Tokens per minute (token-based deployments)", id: "chart-tpm" },
  units: {
    title: "Capacity units (token-based deployments whose model's unit is not documented)",
    id: "chart-units",
  },
  PTU: { title: "PTUs (provisioned deployments, all models of a type together)", id: "chart-ptu" },
  "enqueued-token units": { title: "Units of enqueued-token quota (batch deployments)", id: "chart-batch" },
};

function capacity(report: ComplianceReport, max: number): string {
  const charts = CAPACITY_UNITS.map((unit) => {
    const bars = report.capacity.filter((b) => b.unit === unit);
    return bars.length === 0 ? "" : chart(bars, unit, max);
  }).join("");
  const quotaNote = report.capacity.some((b) => b.quota === null)
    ? " Quota is per subscription and region and cannot be read offline; bars without one say “quota unknown”."
    : "";
  const body = charts === "" ? `<p class="lead">No deployments.</p>` : charts;
  const legend = report.capacity.some((b) => b.quota !== null)
    ? `<div class="legend"><span><span class="sw sw-bar"></span>this file</span><span><span class="sw sw-elsewhere"></span>used outside this file</span><span><span class="sw sw-quota"></span>quota (dashed line: limit)</span><span><span class="sw sw-over"></span>over quota</span></div>`
    : "";
  return `<section class="card" id="capacity"><h2>Capacity</h2><p class="lead">Capacity each account asks for, per model and deployment type: tokens per minute for token-based deployments (capacity units where the model's unit is not documented), PTUs for provisioned ones (one pool per type, across models), enqueued-token quota units for batch ones.${quotaNote}</p>${body}${legend}</section>`;
}

/** A deployment's monthly cost as two stacked bars: fixed (PTUs) and usage (declared tokens). */
function costChart(estimate: CostEstimate, max: number): string {
  const c = estimate.currency;
  const amount = (f: { status: string; monthly?: number }) => (f.status === "priced" ? (f.monthly ?? 0) : 0);
  const scaleMax = niceMaximum(
    Math.max(1, ...estimate.deployments.map((d) => amount(d.fixed) + amount(d.usage))),
  );
  const x = (value: number) => (value / scaleMax) * CHART.bar;
  const parts: string[] = [];
  let y = CHART.top;
  let account: string | undefined;
  for (const d of estimate.deployments) {
    if (d.accountKey !== account) {
      account = d.accountKey;
      const region = d.region === null ? "" : ` (${d.region})`;
      parts.push(`<text class="group" x="0" y="${y + 18}">${t(`${d.accountKey}${region}`, 60)}</text>`);
      y += CHART.groupRow;
    }
    const barY = y + (CHART.row - CHART.barHeight) / 2;
    const fixed = amount(d.fixed);
    const usage = amount(d.usage);
    const value = `fixed ${describeFigure(d.fixed, c)} · usage ${describeFigure(d.usage, c)}`;
    const tip = `${d.key}: ${d.deploymentType} ${describePtu(d, c)}: ${value}`;
    parts.push(`<text x="12" y="${barY + 12}">${t(`${d.name} · ${d.deploymentType}`, 42)}</text>`);
    if (fixed > 0) {
      parts.push(
        `<rect class="cost-fixed" data-deployment="${attr(d.key)}" data-fixed="${fixed}" x="${CHART.label}" y="${barY}" width="${Math.max(2, x(fixed)).toFixed(1)}" height="${CHART.barHeight}" rx="3"><title>${t(tip, max * 2)}</title></rect>`,
      );
    }
    if (usage > 0) {
      parts.push(
        `<rect class="cost-usage" data-deployment="${attr(d.key)}" data-usage="${usage}" x="${(CHART.label + x(fixed)).toFixed(1)}" y="${barY}" width="${Math.max(2, x(usage)).toFixed(1)}" height="${CHART.barHeight}" rx="3"><title>${t(tip, max * 2)}</title></rect>`,
      );
    }
    parts.push(
      `<text class="value" x="${CHART.label + CHART.bar + CHART.gap}" y="${barY + 12}">${t(value, 80)}</text>`,
    );
    y += CHART.row;
  }
  const height = y + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tx = (CHART.label + f * CHART.bar).toFixed(1);
    return `<line class="grid" x1="${tx}" x2="${tx}" y1="${CHART.top - 6}" y2="${height - 4}"/><text class="axis" x="${tx}" y="${CHART.top - 10}" text-anchor="middle">${t(formatMoney(Math.round(f * scaleMax), c), 20)}</text>`;
  });
  return `<svg class="chart" role="img" aria-labelledby="chart-cost-title" viewBox="0 0 ${CHART.width} ${height}" width="${CHART.width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-cost-title">Monthly cost per account and deployment</title>${ticks.join("")}${parts.join("")}</svg>`;
}

function cost(report: ComplianceReport, max: number): string {
  const estimate = report.cost;
  if (estimate === undefined) return "";
  const body =
    estimate.deployments.length === 0 ? `<p class="lead">No deployments.</p>` : costChart(estimate, max);
  const legend = `<div class="legend"><span><span class="sw sw-fixed"></span>fixed (PTUs billed hourly)</span><span><span class="sw sw-usage"></span>usage (declared tokens)</span></div>`;
  const totals = `<ul>${totalLines(estimate)
    .map((line) => `<li>${t(line, max * 2)}</li>`)
    .join("")}</ul>`;
  const notes = costNotes(estimate);
  const noteList =
    notes.length === 0
      ? ""
      : `<ul class="small muted">${notes.map((n) => `<li>${t(n, max * 3)}</li>`).join("")}</ul>`;
  return `<section class="card" id="cost"><h2>Monthly cost</h2><p class="lead">${t(pricesLine(estimate), max * 2)}. Standard, batch and Developer deployments have no fixed cost: their capacity is a ceiling, not a charge. Usage is estimated only where a deployment declares it.</p>${body}${legend}${totals}${noteList}</section>`;
}

function policies(report: ComplianceReport, max: number): string {
  const rows = report.policies.map((p, i) => {
    const follows = p.follows === undefined ? "" : `<div class="small">follows ${t(p.follows, max)}</div>`;
    const description =
      p.description === p.displayName ? "" : `<div class="small muted">${t(p.description, max * 3)}</div>`;
    return `<tr id="policy-${i}"><td class="txt"><code>${t(p.id, 60)}</code> <span class="small muted">${t(p.name, 60)}</span><div><strong>${t(p.displayName, max)}</strong></div>${description}</td><td class="txt"><code>${t(p.definition, max)}</code>${follows}</td><td>${enforcementBadge(p.enforcement)}<div class="small muted">${t(p.effects.join(", ") || "no effect", 60)} · ${t(p.severity, 20)}</div></td><td>${countChips(p.counts)}</td><td class="txt small">${withCode(p.remediation, max * 2)}</td></tr>`;
  });
  return `<section class="card" id="policies"><h2>Policies</h2><p class="lead">The Azure Policy definition each policy follows, how it is enforced, its results and how to fix a violation.</p><div class="wrap"><table class="fixed"><colgroup><col style="width:34%"><col style="width:22%"><col style="width:12%"><col style="width:13%"><col style="width:19%"></colgroup><thead><tr><th>Policy</th><th>Definition followed</th><th>Enforcement</th><th>Results</th><th>How to fix</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

function resources(report: ComplianceReport, max: number): string {
  const rows = report.resources.map((r) => {
    const details =
      r.details.length === 0
        ? `<span class="muted">–</span>`
        : `<dl class="details">${r.details.map((d) => `<dt>${t(d.label, 40)}</dt><dd>${t(d.value, max)}</dd>`).join("")}</dl>`;
    return `<tr><td class="txt"><code>${t(r.name, max)}</code><div class="small muted">${t(r.kind, 30)}</div></td><td>${location(report, r)}</td><td>${details}</td><td>${countChips(r.counts)}</td></tr>`;
  });
  return `<section class="card" id="resources"><h2>Resources</h2><p class="lead">Every resource the file declares for this environment, in the order it is written.</p><div class="wrap"><table class="fixed"><colgroup><col style="width:30%"><col style="width:18%"><col style="width:36%"><col style="width:16%"></colgroup><thead><tr><th>Resource</th><th>Declared at</th><th>Details</th><th>Results</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

/**
 * The report as one self-contained HTML page for auditors: inline CSS and SVG, no script, nothing loaded
 * from anywhere (a Content-Security-Policy forbids it). Every user string is escaped.
 */
export function formatComplianceHtml(report: ComplianceReport, options: ComplianceHtmlOptions = {}): string {
  const max = Math.max(8, options.maxTextLength ?? 160);
  const environment = report.environment === null ? "" : ` (${report.environment})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${attr(`${report.tool.name} ${report.tool.version}`)}">
<title>Compliance report: ${t(`${report.file}${environment}`, 200)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(report)}
<main>
${verdict(report)}
${tiles(report)}
${findings(report, max)}
${matrix(report, max)}
${capacity(report, max)}
${cost(report, max)}
${policies(report, max)}
${resources(report, max)}
</main>
<footer>Generated by ${t(report.tool.name, 40)} ${t(report.tool.version, 40)} from ${t(report.file, 200)}. Exit code ${report.summary.verdict === "fail" ? 1 : 0}: ${report.summary.verdict === "fail" ? "a mandatory policy is violated" : "no mandatory policy is violated"}.</footer>
</body>
</html>
`;
}
