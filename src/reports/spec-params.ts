/**
 * Config values inside chart specs: a string "p:audit_target" in a spec becomes the number
 * the report was rendered with (targets, the talk ratio band), so a chart's reference lines
 * and colour midpoints follow the config without a spec per setting.
 */
const PARAM_REF = /^p:([a-z_][a-z0-9_]*)$/;

export function bindSpecParams<T>(spec: T, values: Record<string, number>): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = PARAM_REF.exec(value);
      if (!match) return value;
      const bound = values[match[1]!];
      if (bound === undefined)
        throw new Error(`chart spec names "${value}"; numeric report parameters are ${Object.keys(values).join(', ')}`);
      return bound;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(spec) as T;
}

/** The numeric entries of the report parameters (config values), for bindSpecParams. */
export function numericParams(params: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, number] => typeof e[1] === 'number'));
}
