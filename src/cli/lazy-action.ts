/**
 * A command's action, imported only when that command runs: the action module, and the
 * heavy libraries it brings (DuckDB, apache-arrow, vega, zod ...), stay unloaded for
 * `callq --help`, a usage error and every other command. In the build each action module
 * is a chunk of its own (esbuild's code splitting turns the dynamic import into one).
 */
type Action<Args extends unknown[]> = (...args: Args) => Promise<void>;

export function lazyAction<Args extends unknown[]>(load: () => Promise<{ default: Action<Args> }>): Action<Args> {
  return async (...args) => (await load()).default(...args);
}
