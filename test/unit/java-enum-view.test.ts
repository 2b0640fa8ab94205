import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { javaView } from '../../src/stacks/java/view.js';
import { constantName } from '../../src/stacks/java/enum-view.js';
import { resolveSpec } from '../fixtures/render.js';

/** An enum field's Java type (src/stacks/java/enum-view.ts): a nested enum whose constants keep the model's wire names. */
const MODEL = {
  Ticket: {
    fields: {
      state: { type: 'enum', values: ['open', 'inReview', 'on-hold', 'None', 'none', 'class'], default: 'on-hold' },
      // Nested in the entity class, a type named String or Column would hide java.lang.String or JPA's @Column.
      string: { type: 'enum', values: ['a', 'b'] },
      column: { type: 'enum', values: ['x'] },
      ticket: { type: 'enum', values: ['y'] },
    },
  },
};

type Field = {
  name: string;
  javaType: string;
  inputType: string;
  jsonProperty: string | null;
  filter: string | null;
  enumType: { name: string; constants: Array<{ constant: string; wire: string }> } | null;
};

const fields = (database: 'sqlite' | 'mongodb') => {
  const { config, problems } = resolveSpec({ name: 'desk', entities: MODEL }, { stack: 'java', database });
  expect(problems).toEqual([]);
  const lang = javaView(prepareViewModel(config!, '0.0.0-test', null));
  return (lang.entities as Array<{ fields: Field[] }>)[0].fields;
};
const field = (name: string, database: 'sqlite' | 'mongodb' = 'sqlite') => fields(database).find((f) => f.name === name)!;

describe('java enums', () => {
  it('spells constants in upper snake case, numbering two values that would share one', () => {
    expect(constantName('inReview')).toBe('IN_REVIEW');
    expect(constantName('on-hold')).toBe('ON_HOLD');
    expect(field('state').enumType!.constants).toEqual([
      { constant: 'OPEN', wire: '"open"' },
      { constant: 'IN_REVIEW', wire: '"inReview"' },
      { constant: 'ON_HOLD', wire: '"on-hold"' },
      { constant: 'NONE', wire: '"None"' },
      { constant: 'NONE_2', wire: '"none"' },
      { constant: 'CLASS', wire: '"class"' },
    ].map((c, i, all) => ({ ...c, last: i === all.length - 1 })));
  });

  it('types the field with its nested enum, with its default as the wire name StrictValue reads', () => {
    const state = field('state');
    expect(state.javaType).toBe('State');
    expect(state.inputType).toBe('Ticket.State');
    expect(state.jsonProperty).toBe('@JsonProperty(defaultValue = "\\"on-hold\\"")');
    expect(state.filter).toBe('Filter.oneOf("state", Ticket.State.class)');
  });

  it('names an enum that would hide a type the entity class uses, or the class itself, with the suffix Value', () => {
    expect(field('string').javaType).toBe('StringValue');
    expect(field('column').javaType).toBe('ColumnValue');
    expect(field('ticket').javaType).toBe('TicketValue');
  });

  it('reads a stored wire name back on MongoDB, failing on one the model does not have', () => {
    expect((field('state', 'mongodb') as unknown as { documentRead: string }).documentRead).toBe('WireName.stored(Ticket.State.class, Documents.string(document, "state"))');
  });
});
