import type { StackId } from '../config/options.js';
import type { StackDescriptor } from './types.js';

/**
 * The stacks the CLI can generate. Each descriptor is loaded only when a run needs it, so `--help` and
 * `validate` never pay for them.
 */
const LOADERS: Partial<Record<StackId, () => Promise<StackDescriptor>>> = {
  node: async () => (await import('./node/stack.js')).nodeStack,
  python: async () => (await import('./python/stack.js')).pythonStack,
  java: async () => (await import('./java/stack.js')).javaStack,
  go: async () => (await import('./go/stack.js')).goStack,
  ruby: async () => (await import('./ruby/stack.js')).rubyStack,
};

export const AVAILABLE_STACKS = Object.keys(LOADERS) as StackId[];

export async function loadStack(id: StackId): Promise<StackDescriptor> {
  const load = LOADERS[id];
  if (!load) throw new Error(`stack ${id} has no descriptor`);
  return load();
}
