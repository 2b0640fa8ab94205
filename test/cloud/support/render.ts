import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CloudId, IacId, StackId } from '../../../src/config/options.js';
import { finish, gather, withDefaults } from '../../../src/config/resolve.js';
import type { ResolvedConfig } from '../../../src/config/types.js';
import { generate } from '../../../src/generator/generate.js';
import { builtInPacks } from '../../../src/generator/layers.js';
import { loadPack } from '../../../src/generator/packs.js';
import type { VirtualTree } from '../../../src/generator/tree.js';
import { deploymentModel, type ContainerRuntime, type DeploymentModel } from '../../../src/model/deployment.js';
import type { ViewModel } from '../../../src/model/view-model.js';
import { AVAILABLE_STACKS, loadStack } from '../../../src/stacks/index.js';
import type { Case } from './matrix.js';
import { ROOT } from './paths.js';

const SHOP = join(ROOT, 'test/fixtures/shop.yaml');
const descriptors = new Map(await Promise.all(AVAILABLE_STACKS.map(async (id) => [id, await loadStack(id)] as const)));

/** The container runtime a stack's descriptor declares. */
export function containerOf(stack: StackId): ContainerRuntime {
  const descriptor = descriptors.get(stack);
  if (!descriptor) throw new Error(`stack ${stack} has no descriptor`);
  return descriptor.container;
}

/** The deployment model of a config, as generation builds it from the stack's container runtime. */
export const deploymentOf = (config: ResolvedConfig): DeploymentModel => deploymentModel(config, containerOf(config.stack));

/** The shop fixture as `pet-clinic` (or `name`) with the case's choices; owned entities only with auth. */
export function resolveCase(c: Pick<Case, 'stack' | 'database' | 'auth'>, cloud: readonly CloudId[], iac: IacId = 'terraform', name = 'pet-clinic'): { config: ResolvedConfig | undefined; problems: unknown[] } {
  const gathered = gather({ config: SHOP });
  const entities = gathered.partial.entities!;
  const adjusted = c.auth === 'jwt' ? entities : Object.fromEntries(Object.entries(entities).map(([k, e]) => [k, { ...e, owned: false }]));
  const answers = withDefaults({ ...gathered.partial, name, stack: c.stack, database: c.database, auth: c.auth, cloud: [...cloud], iac, entities: adjusted });
  const { config, problems } = finish(answers, gathered, {});
  return { config, problems };
}

/** Renders in memory exactly as the CLI does: the stack's packs, then one pack per cloud target (src/generator/layers.ts). */
export async function renderCase(c: Pick<Case, 'stack' | 'database' | 'auth'>, cloud: readonly CloudId[], iac: IacId = 'terraform', name?: string): Promise<{ tree: VirtualTree; view: ViewModel; config: ResolvedConfig }> {
  const { config, problems } = resolveCase(c, cloud, iac, name);
  if (!config) throw new Error(`config rejected: ${JSON.stringify(problems)}`);
  const stack = await loadStack(config.stack);
  const packs = builtInPacks(stack, config).map((p) => loadPack(join(ROOT, 'templates', p)));
  const { tree, view } = generate({ config, stack, packs, generatorVersion: '0.0.0-test' });
  return { tree, view, config };
}

export function writeTree(tree: VirtualTree, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of tree.entries()) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}
