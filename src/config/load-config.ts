/** Reads and validates a config file; a problem becomes a ConfigError naming the key. */
import { readFileSync } from 'node:fs';
import { configSchema, type Config } from './config-schema.ts';
import { UsageError } from '../errors/usage-error.ts';

export function parseConfig(input: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const where = key ? `${key}.` : '';
      return `unknown key ${issue.keys.map((k) => `"${where}${k}"`).join(', ')}`;
    }
    return `${key || '(root)'}: ${issue.message}`;
  });
  return failConfig(source, problems.join('; '));
}

export function loadConfig(path?: string): Config {
  return path ? parseConfig(readConfigFile(path), path) : parseConfig({});
}

/** A config file's JSON as written (its keys only: defaults are not filled in). */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return failConfig(path, `cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return failConfig(path, `not valid JSON: ${(error as Error).message}`);
  }
}

function failConfig(source: string, message: string): never {
  throw new UsageError(`bad config ${source}: ${message}`);
}
