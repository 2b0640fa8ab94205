// Development helper: renders a project from a fully resolved config (JSON) without the CLI front end.
// Usage: npx tsc -p . && node scripts/dev-generate.mjs test/fixtures/shop.resolved.json /tmp/out [database] [stack]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from '../build/generator/project.js';
import { loadPack } from '../build/generator/packs.js';
import { loadStack } from '../build/stacks/index.js';

const [configPath, outDir, database, stackId] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
if (database) config.database = database;
if (stackId) config.stack = stackId;
const stack = await loadStack(config.stack);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates');
const { tree } = generateProject({ config, stack, packs: stack.packs.map((p) => loadPack(join(root, p))), generatorVersion: '0.0.0-dev' });
rmSync(outDir, { recursive: true, force: true });
for (const [path, content] of tree.entries()) {
  mkdirSync(dirname(join(outDir, path)), { recursive: true });
  writeFileSync(join(outDir, path), content);
}
console.log(`${tree.size} files → ${outDir}`);
