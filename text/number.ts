/** A number as people read it in reports: digits grouped by thousands (`1,234,567`). */
export function formatNumber(value: number): string {
  return value.toLocaleString("en-US");
}
