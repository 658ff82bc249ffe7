/**
 * The callq.config.json an Asterisk export folder carries: the centre's config with
 * sources.asterisk.extension_pattern matching the generated extensions, which are named
 * after the agent ids (`PJSIP/A001`), where a real PBX's are digits.
 */
import { parseConfig } from '../../config/load-config.ts';
import type { GeneratedCentre, SourceFile } from './source-export.ts';

/** Peer names of the generated agents' extensions. */
const AGENT_EXTENSION_PATTERN = '^A[0-9]{3,}$';

export function asteriskConfigFile(config: GeneratedCentre['config']): SourceFile {
  const loadConfig = { ...config, sources: { asterisk: { extension_pattern: AGENT_EXTENSION_PATTERN } } };
  parseConfig(loadConfig, 'callq.config.json');
  return { name: 'callq.config.json', text: `${JSON.stringify(loadConfig, null, 2)}\n` };
}
