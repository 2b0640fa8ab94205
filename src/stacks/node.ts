import type { StackDescriptor } from './types.js';
import { STACK_DATABASES, STACK_LABELS } from './capabilities.js';

export const nodeStack: StackDescriptor = {
  id: 'node',
  label: STACK_LABELS.node,
  databases: STACK_DATABASES.node,
  packs: ['node'],
  extendView: () => ({}),
  commands: ({ packageManager: pm }) => ({
    install: `${pm} install`,
    migrate: `${pm} run db:migrate`,
    start: `${pm} start`,
    test: `${pm} test`,
    build: `${pm} run build`,
  }),
  installCommands: ({ packageManager: pm }) => [
    { file: pm, args: ['install'], missingHint: `install ${pm} (https://nodejs.org ships npm)` },
  ],
};
