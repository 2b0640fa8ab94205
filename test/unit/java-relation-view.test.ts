import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { javaView } from '../../src/stacks/java/view.js';
import { resolveSpec } from '../fixtures/render.js';

/**
 * Relations as JPA associations (src/stacks/java/relation-view.ts): the entity holds the target under the
 * relation's Java name, filters and sorts reach the key column through `<relation>.id`, and responses read the
 * ids of the associations.
 */
const MODEL = {
  Status: { fields: { label: 'string!' } },
  Ticket: {
    fields: {
      // An enum nested in Ticket named Status would hide the entity class Ticket refers to.
      status: { type: 'enum', values: ['open', 'closed'] },
    },
    relations: {
      class: { kind: 'one-to-one', to: 'Status' },
      state: { kind: 'many-to-one', to: 'Status', required: true, onDelete: 'restrict' },
      parent: { kind: 'many-to-one', to: 'Ticket', onDelete: 'set-null' },
      // Left out of the statement test: rows restricting each other would stop the next test emptying the table
      blocker: { kind: 'many-to-one', to: 'Ticket', onDelete: 'restrict' },
      tags: { kind: 'many-to-many', to: 'Status' },
    },
  },
};

type Entity = {
  name: string;
  foreignKeys: Array<{ name: string; attribute: string; path: string; toResponse: string; targetClass: string }>;
  manyToMany: Array<{ name: string; attribute: string; toResponse: string; joinTableAnnotation: string }>;
  attributeEntries: string[];
  fields: Array<{ name: string; javaType: string }>;
  statementTest: { page: number; byId: number; shared: string[]; links: string[] } | null;
};

const ticket = (database: 'sqlite' | 'mongodb' = 'sqlite') => {
  const { config, problems } = resolveSpec({ name: 'desk', entities: MODEL }, { stack: 'java', database });
  expect(problems).toEqual([]);
  const lang = javaView(prepareViewModel(config!, '0.0.0-test', null));
  return (lang.entities as Entity[]).find((e) => e.name === 'Ticket')!;
};

describe('java relations as JPA associations', () => {
  it('names each association after its relation, a keyword with the trailing underscore', () => {
    const fks = ticket().foreignKeys;
    expect(fks.map((r) => [r.name, r.attribute, r.targetClass])).toEqual([
      ['classId', 'class_', 'Status'],
      ['stateId', 'state', 'Status'],
      ['parentId', 'parent', 'Ticket'],
      ['blockerId', 'blocker', 'Ticket'],
    ]);
    expect(ticket().manyToMany.map((r) => [r.name, r.attribute])).toEqual([['tagIds', 'tags']]);
  });

  it("answers with the proxies' ids, null-safe for optional relations, and the sorted ids of a collection", () => {
    const [klass, state] = ticket().foreignKeys;
    expect(klass.toResponse).toBe('entity.getClass_() == null ? null : entity.getClass_().getId()');
    expect(state.toResponse).toBe('entity.getState().getId()');
    expect(ticket().manyToMany[0].toResponse).toBe('entity.getTags().stream().map(Status::getId).sorted().toList()');
  });

  it('filters and sorts a key through its association id (the key column, no join)', () => {
    expect(ticket().attributeEntries).toEqual([
      'Map.entry("classId", "class_.id")',
      'Map.entry("stateId", "state.id")',
      'Map.entry("parentId", "parent.id")',
      'Map.entry("blockerId", "blocker.id")',
    ]);
  });

  it('maps a many-to-many over the shared join table and its two columns', () => {
    // Over 120 columns on one line, so one attribute per line, as palantir lays it out.
    expect(ticket().manyToMany[0].joinTableAnnotation).toBe(
      [
        '    @JoinTable(',
        '            name = "tickets_tags",',
        '            joinColumns = @JoinColumn(name = "ticket_id"),',
        '            inverseJoinColumns = @JoinColumn(name = "tag_id"))',
      ].join('\n'),
    );
  });

  it('counts a page as count + page + one batch per many-to-many, linking every relation the tests can fill', () => {
    const test = ticket().statementTest!;
    expect([test.page, test.byId]).toEqual([3, 2]);
    // The rows a many-to-one or many-to-many points at are made once and shared by the test's three rows; a
    // one-to-one's (`class`) once per row, as its key is unique
    expect(test.shared).toEqual([
      'String parentId = createTicket().get("id").asString();',
      'String tagIds = createStatus().get("id").asString();',
    ]);
    expect(test.links).toEqual([
      'body.put("classId", createStatus().get("id").asString());',
      'body.put("parentId", parentId);',
      'body.putArray("tagIds").add(tagIds);',
    ]);
  });

  it("keeps a nested enum from hiding a target's class on SQL; MongoDB's documents name no target class", () => {
    expect(ticket().fields.find((f) => f.name === 'status')!.javaType).toBe('StatusValue');
    expect(ticket('mongodb').fields.find((f) => f.name === 'status')!.javaType).toBe('Status');
  });
});
