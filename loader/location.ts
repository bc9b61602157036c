/**
 * Azure region names as ARM compares them: without case or spaces, so that `East US 2`, `EastUS2` and
 * `eastus2` are one region. The one place this rule is written; the live commands (catalogs, quota) and
 * the review of a change read it.
 */
export function locationKey(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}
