// Build step: bundles the CLI (tsc's output in build/, and every runtime dependency from node_modules) into
// dist/cli/main.js, so that a run reads one file instead of resolving and loading ~120 modules. Code that only
// some runs need (post-steps' execa, interactive prompts, the full Handlebars compiler for in-house packs) is
// reached through dynamic import() and lands in its own chunk next to it, loaded on demand.
// bin.js stays a tiny, separate file: the Node version check must run before the bundle's syntax is parsed.
// Also writes dist/THIRD-PARTY-LICENSES.md, the licence of each bundled package (the npm package no longer
// installs them, so their notices must travel with the code).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true }); // nothing stale from an earlier layout survives a build
mkdirSync(join(dist, 'cli'), { recursive: true });

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ['build/cli/main.js'],
  outdir: 'dist/cli',
  // Chunks sit next to main.js: modules find templates/ and dist/ files relative to their own URL.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  // CommonJS dependencies (yaml, handlebars, picocolors) require Node built-ins; in an ES module that needs a
  // real `require`.
  banner: { js: "import { createRequire as __cbCreateRequire } from 'node:module';\nconst require = __cbCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(root, 'build/cli/bin.js'), join(dist, 'cli/bin.js'));

// One licence per bundled package, sorted, so the file is byte-identical from build to build.
const packages = new Map();
for (const input of Object.keys(metafile.inputs)) {
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (m && !packages.has(m[2])) packages.set(m[2], join(root, m[1]));
}
const sections = [...packages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, dir]) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (!file) throw new Error(`bundled package ${name} ships no licence file; add its notice by hand before publishing`);
  return `## ${name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.md'), `# Third-party licences\n\nThe CLI bundle (dist/cli/) contains code from these packages.\n\n${sections.join('\n')}`);
if (!existsSync(join(dist, 'cli/main.js'))) throw new Error('bundle: dist/cli/main.js was not written');
process.stderr.write(`bundled ${Object.keys(metafile.inputs).length} modules from ${packages.size} packages\n`);
