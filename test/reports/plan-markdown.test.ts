import { beforeAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { elementsOf, type Readers, readers, visibleText } from "../support/rendering";
import { violatingYaml, workspace } from "./support";

let read: Readers;
beforeAll(async () => {
  read = await readers();
});

describe("plan --format md", () => {
  it("renders the policies after the plan as a heading and a table, not as text of the last <details>", async () => {
    const io = memoryIO({ cwd: workspace({ "deployments.yaml": violatingYaml }) });
    expect(await main(["plan", "-f", "md"], io)).toBe(1);
    const tree = read.parseFragment(read.markdownToHtml(io.out));
    const elements = elementsOf(tree);
    const headings = elements.filter((el) => el.tagName === "h2").map(visibleText);
    expect(headings).toEqual([
      "Deployment plan: deployments.yaml (file as written)",
      "Monthly cost",
      "Policies",
    ]);
    const details = elements.filter((el) => el.tagName === "details");
    expect(details).toHaveLength(1);
    expect(visibleText(details[0] ?? { nodeName: "details" })).not.toContain("Policies");
    const policyTable = elements.filter((el) => el.tagName === "table").at(-1);
    expect(
      elementsOf(policyTable ?? { nodeName: "table" })
        .filter((el) => el.tagName === "th")
        .map(visibleText),
    ).toEqual(["Severity", "Policy", "Where", "Finding"]);
    expect(elementsOf(policyTable ?? { nodeName: "table" }).filter((el) => el.tagName === "tr")).toHaveLength(
      3,
    );
  });
});
