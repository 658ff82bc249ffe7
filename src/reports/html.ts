/**
 * HTML text that escapes by default. Every value interpolated into `html\`...\`` is escaped
 * unless it is already `Html` (built by this module or explicitly marked trusted with `trusted`),
 * so data from files (names, comments, queues) can never become markup.
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Marks text we produced ourselves (inlined libraries, our CSS, vega's escaped SVG) as markup. */
export function trusted(text: string): Html {
  return new Html(text);
}

/** Tagged template: literal parts are markup, interpolations are escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` become \u escapes so
 * `</script>` or `<!--` in data cannot end the element, and U+2028/U+2029 cannot break a line.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
