/**
 * Fills "{field}" templates from a row for row anchors and links between reports
 * ("anomalies.html#c-{case_id}"). Field values are reduced to [A-Za-z0-9_.-] so an
 * anchor written by one page and a link written by another always agree, and no value
 * can break out of the attribute or the URL.
 */
export function fillTemplate(template: string, row: Record<string, unknown>): string {
  return template.replace(/\{([a-z0-9_]+)\}/g, (_, field: string) =>
    String(row[field] ?? '').replace(/[^A-Za-z0-9_.-]/g, '_'),
  );
}
