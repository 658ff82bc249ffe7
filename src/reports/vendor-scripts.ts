/**
 * The browser builds of vega, vega-lite and vega-embed from node_modules, inlined into every
 * report so it works offline (no CDN, nothing fetched). Their packages do not export the
 * minified files, so they are found next to each package's main module.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../files/project-root.ts';

const require = createRequire(projectPath('package.json'));

/** In load order: vega-lite needs the vega global, vega-embed needs both. */
const BUILDS: Array<[pkg: string, file: string]> = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

let scripts: string[] | undefined;

export function vendorScripts(): string[] {
  scripts ??= BUILDS.map(([pkg, file]) => {
    const text = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
    // A script element ends at the first "</script"; the builds have none, and must not.
    if (/<\/script/i.test(text)) throw new Error(`${pkg}/${file} contains "</script" and cannot be inlined`);
    return text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  });
  return scripts;
}
