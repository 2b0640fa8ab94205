import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { SAMPLE_ROWS } from '../../src/config/options.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { resolveSpec } from '../fixtures/render.js';

/**
 * Facts every stack's tests and seeds need, computed once in the shared view model (issue #14 §1): which
 * entities tests can create rows of, the samples per field, and the order tables are emptied in.
 */
const view = (entities: object, edit: (config: ResolvedConfig) => void = () => {}) => {
  const { config, problems } = resolveSpec({ name: 'facts', entities }, { stack: 'node', database: 'postgres' });
  expect(problems).toEqual([]);
  const copy = JSON.parse(JSON.stringify(config)) as ResolvedConfig;
  edit(copy);
  return prepareViewModel(copy, '0.0.0-test', null);
};

describe('shared view facts', () => {
  it('an entity is testable when its required references reach testable entities, never itself', () => {
    // The rules refuse a required reference to the own entity; the view model must still not count on one.
    const selfRequired = (config: ResolvedConfig) => {
      (config.entities.find((e) => e.name === 'Node')!.relations[0] as { required: boolean }).required = true;
    };
    const v = view({
      Owner: { fields: { name: 'string!' } },
      Pet: { fields: { name: 'string!' }, relations: { owner: { kind: 'many-to-one', to: 'Owner', required: true } } },
      Node: { fields: { label: 'string!' }, relations: { parent: { kind: 'many-to-one', to: 'Node' } } },
      Leaf: { fields: { label: 'string!' }, relations: { node: { kind: 'many-to-one', to: 'Node', required: true } } },
      Branch: { fields: { label: 'string!' }, relations: { parent: { kind: 'many-to-one', to: 'Branch' } } },
    }, selfRequired);
    const testable = Object.fromEntries(v.entities.map((e) => [e.name, e.testable]));
    expect(testable).toEqual({ Owner: true, Pet: true, Node: false, Leaf: false, Branch: true });
  });

  it('every field carries one sample per test row, the first two being sampleJson and sampleAltJson', () => {
    const v = view({ Item: { fields: { code: { type: 'string', unique: true, required: true }, size: 'integer' } } });
    for (const f of v.entities[0].fields) {
      expect(f.samples).toHaveLength(SAMPLE_ROWS);
      expect(f.samples.slice(0, 2)).toEqual([f.sampleJson, f.sampleAltJson]);
      expect(f.hasSample).toBe(true);
      expect(new Set(f.samples).size).toBe(SAMPLE_ROWS);
    }
  });

  it('deletion order empties join tables and referring tables before the tables they refer to', () => {
    const v = view({
      Owner: { fields: { name: 'string!' } },
      Pet: { fields: { name: 'string!' }, relations: { owner: { kind: 'many-to-one', to: 'Owner', required: true }, vets: { to: 'Vet', kind: 'many-to-many' } } },
      Vet: { fields: { name: 'string!' } },
    });
    const order = v.database.deletionOrder;
    const at = (t: string) => order.indexOf(t);
    const join = v.entities.find((e) => e.name === 'Pet')!.manyToMany[0].joinTable!;
    expect([...order].sort()).toEqual([join, 'owners', 'pets', 'vets'].sort());
    expect(at(join)).toBeLessThan(at('pets'));
    expect(at(join)).toBeLessThan(at('vets'));
    expect(at('pets')).toBeLessThan(at('owners'));
  });
});
