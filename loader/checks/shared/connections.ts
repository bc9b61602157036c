import type { Connection } from "../../file-types.generated";
import type { DocPath } from "../../path";
import type { CheckContext } from "../check";
import { entries } from "./scopes";

/** A connection as the file declares it, with where it is. */
export interface DeclaredConnection {
  accountKey: string;
  projectName: string;
  name: string;
  connection: Connection;
  path: DocPath;
}

/** Every connection of every project, in file order. */
export function declaredConnections(context: CheckContext): DeclaredConnection[] {
  const out: DeclaredConnection[] = [];
  for (const [accountKey, account] of entries(context.file.accounts)) {
    for (const [projectName, project] of entries(account.projects)) {
      for (const [name, connection] of entries(project.connections)) {
        out.push({
          accountKey,
          projectName,
          name,
          connection,
          path: ["accounts", accountKey, "projects", projectName, "connections", name],
        });
      }
    }
  }
  return out;
}

/** `connection "x" of project "p" on account "a"`, for messages. */
export function connectionLabel(c: Pick<DeclaredConnection, "accountKey" | "projectName" | "name">): string {
  return `connection "${c.name}" of project "${c.projectName}" on account "${c.accountKey}"`;
}
