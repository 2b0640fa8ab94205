import { describe, expect, it } from 'vitest';
import { type Db, supportsTransactions } from '../src/db/database.js';

/** A handle whose server answers `hello` with each reply in turn (an Error is a failed round trip). */
function handle(...replies: Array<Record<string, unknown> | Error>): { db: Db; asked: () => number } {
  let asked = 0;
  const mongo = {
    command: async () => {
      const reply = replies[Math.min(asked++, replies.length - 1)];
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
  return { db: { mongo } as unknown as Db, asked: () => asked };
}

// A name no entity's test file can have (entity names have no dot).
describe('transaction support, from the server hello', () => {
  it('is on for a replica set or a sharded cluster, off for a standalone server', async () => {
    expect(await supportsTransactions(handle({ setName: 'rs0' }).db)).toBe(true);
    expect(await supportsTransactions(handle({ msg: 'isdbgrid' }).db)).toBe(true);
    expect(await supportsTransactions(handle({ isWritablePrimary: true }).db)).toBe(false);
  });

  it('asks once per handle', async () => {
    const { db, asked } = handle({ setName: 'rs0' });
    await supportsTransactions(db);
    await supportsTransactions(db);
    expect(asked()).toBe(1);
  });

  it('does not remember a failed hello: the next write asks again', async () => {
    const { db, asked } = handle(new Error('connection reset'), { setName: 'rs0' });
    await expect(supportsTransactions(db)).rejects.toThrow('connection reset');
    expect(await supportsTransactions(db)).toBe(true);
    expect(asked()).toBe(2);
  });
});
