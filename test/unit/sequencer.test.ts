import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectedSeconds, listedFiles, sequencerKey } from '../sequencer.js';

describe('the longest-first sequencer', () => {
  it('keys a file by its layer and name, so files of the same name in two layers keep their own cost', () => {
    expect(sequencerKey('/repo/test/e2e/stacks-java.test.ts')).toBe('e2e/stacks-java');
    expect(sequencerKey('/repo/test/cli/update.test.ts')).toBe('cli/update');
    // The CLI's update scenarios take about 100 s; the e2e update layer installs real projects for many minutes.
    expect(expectedSeconds('/repo/test/cli/update.test.ts')).toBeLessThan(expectedSeconds('/repo/test/e2e/update.test.ts'));
  });

  it('expects nothing of a file it does not list, which then keeps vitest order after the long ones', () => {
    expect(expectedSeconds('/repo/test/unit/naming.test.ts')).toBe(0);
  });

  it('lists only files that exist: a renamed or split file would otherwise lose its place without a word', () => {
    const test = join(import.meta.dirname, '..');
    expect(listedFiles().filter((key) => !existsSync(join(test, `${key}.test.ts`)))).toEqual([]);
  });
});
