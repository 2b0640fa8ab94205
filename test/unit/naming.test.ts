import { describe, expect, it } from 'vitest';
import { article, camelCase, kebabCase, names, titleCase, pascalCase, pluralize, singularize, snakeCase, words } from '../../src/config/naming.js';

/**
 * Every case style, plural and singular, from one table. Templates never convert case themselves, so a wrong
 * row here is a wrong identifier in every generated stack.
 */
interface Row {
  readonly input: string;
  readonly words: string[];
  readonly pascal: string;
  readonly camel: string;
  readonly snake: string;
  readonly kebab: string;
  readonly plural: string;
}

const ROWS: Row[] = [
  { input: 'OrderItem', words: ['order', 'item'], pascal: 'OrderItem', camel: 'orderItem', snake: 'order_item', kebab: 'order-item', plural: 'OrderItems' },
  { input: 'orderItem', words: ['order', 'item'], pascal: 'OrderItem', camel: 'orderItem', snake: 'order_item', kebab: 'order-item', plural: 'orderItems' },
  { input: 'order_item', words: ['order', 'item'], pascal: 'OrderItem', camel: 'orderItem', snake: 'order_item', kebab: 'order-item', plural: 'order_items' },
  { input: 'HTTPServer', words: ['http', 'server'], pascal: 'HttpServer', camel: 'httpServer', snake: 'http_server', kebab: 'http-server', plural: 'HTTPServers' },
  { input: 'Category', words: ['category'], pascal: 'Category', camel: 'category', snake: 'category', kebab: 'category', plural: 'Categories' },
  { input: 'Person', words: ['person'], pascal: 'Person', camel: 'person', snake: 'person', kebab: 'person', plural: 'People' },
  { input: 'Box', words: ['box'], pascal: 'Box', camel: 'box', snake: 'box', kebab: 'box', plural: 'Boxes' },
  { input: 'Address', words: ['address'], pascal: 'Address', camel: 'address', snake: 'address', kebab: 'address', plural: 'Addresses' },
  { input: 'Bus', words: ['bus'], pascal: 'Bus', camel: 'bus', snake: 'bus', kebab: 'bus', plural: 'Buses' },
  { input: 'Knife', words: ['knife'], pascal: 'Knife', camel: 'knife', snake: 'knife', kebab: 'knife', plural: 'Knives' },
  { input: 'Status', words: ['status'], pascal: 'Status', camel: 'status', snake: 'status', kebab: 'status', plural: 'Statuses' },
  { input: 'Vet', words: ['vet'], pascal: 'Vet', camel: 'vet', snake: 'vet', kebab: 'vet', plural: 'Vets' },
  { input: 'Tag', words: ['tag'], pascal: 'Tag', camel: 'tag', snake: 'tag', kebab: 'tag', plural: 'Tags' },
  { input: 'Data', words: ['data'], pascal: 'Data', camel: 'data', snake: 'data', kebab: 'data', plural: 'Data' },
  { input: 'OrderLineItem2', words: ['order', 'line', 'item2'], pascal: 'OrderLineItem2', camel: 'orderLineItem2', snake: 'order_line_item2', kebab: 'order-line-item2', plural: 'OrderLineItem2s' },
];

describe('case styles', () => {
  it.each(ROWS)('$input', (row) => {
    expect(words(row.input)).toEqual(row.words);
    expect(pascalCase(row.input)).toBe(row.pascal);
    expect(camelCase(row.input)).toBe(row.camel);
    expect(snakeCase(row.input)).toBe(row.snake);
    expect(kebabCase(row.input)).toBe(row.kebab);
    expect(pluralize(row.input)).toBe(row.plural);
  });

  it('every case style of a name reads back to the same words', () => {
    for (const row of ROWS) {
      for (const form of [row.pascal, row.camel, row.snake, row.kebab]) expect(words(form), form).toEqual(row.words);
    }
  });
});

/** Singular of plural forms: what turns a many-to-many relation `vets` into the API field `vetIds`. */
const SINGULARS: Array<[plural: string, singular: string]> = [
  ['vets', 'vet'],
  ['tags', 'tag'],
  ['Vets', 'Vet'],
  ['OrderItems', 'OrderItem'],
  ['order_items', 'order_item'],
  ['categories', 'category'],
  ['people', 'person'],
  ['boxes', 'box'],
  ['addresses', 'address'],
  ['leaves', 'leaf'],
  ['data', 'data'],
];

describe('singularize', () => {
  it.each(SINGULARS)('%s → %s', (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });

  it.each(['Vet', 'Tag', 'Category', 'Person', 'Box', 'Address', 'OrderItem', 'Data'])('leaves the singular %s as it is', (word) => {
    expect(singularize(word)).toBe(word);
  });

  it.each(['Vet', 'Tag', 'Category', 'Person', 'Box', 'Address', 'OrderItem', 'Data'])('singularize(pluralize(%s)) round-trips', (word) => {
    expect(singularize(pluralize(word))).toBe(word);
  });
});

describe('plural and singular edge cases', () => {
  it('singularize("buses") is "bus" (today "buse": the "-ses" plural of a word ending in "s" loses only the "s")', () => {
    expect(singularize('buses')).toBe('bus');
  });
  it('singularize("statuses") is "status" (today "statuse", so a many-to-many `statuses` becomes `statuseIds`)', () => {
    expect(singularize('statuses')).toBe('status');
  });
  it('singularize leaves singular words ending in "us" alone ("Status", "Bus"; today "Statu", "Bu")', () => {
    expect(singularize('Status')).toBe('Status');
    expect(singularize('Bus')).toBe('Bus');
  });
  it('singularize("knives") is "knife" (today "knif")', () => {
    expect(singularize('knives')).toBe('knife');
  });
  it('pluralize("Leaf") is "Leaves" (today "Leafs"; singularize("leaves") already gives "leaf")', () => {
    expect(pluralize('Leaf')).toBe('Leaves');
  });
});

describe('names()', () => {
  it('derives every form templates use from one name', () => {
    expect(names('OrderItem')).toEqual({
      pascal: 'OrderItem',
      camel: 'orderItem',
      snake: 'order_item',
      kebab: 'order-item',
      upperSnake: 'ORDER_ITEM',
      title: 'Order Item',
      aTitle: 'an Order Item',
      pluralPascal: 'OrderItems',
      pluralCamel: 'orderItems',
      pluralSnake: 'order_items',
      pluralKebab: 'order-items',
      pluralTitle: 'Order Items',
    });
  });

  it.each([
    ['Person', 'people', 'people'],
    ['Category', 'categories', 'categories'],
    ['HTTPServer', 'http_servers', 'http-servers'],
    ['Data', 'data', 'data'],
    ['Address', 'addresses', 'addresses'],
  ])('%s → table %s, route /api/%s', (name, table, route) => {
    expect(names(name).pluralSnake).toBe(table);
    expect(names(name).pluralKebab).toBe(route);
  });
});

describe('titles and articles read as English', () => {
  it.each([
    ['my-api', 'My API'],
    ['pet-clinic', 'Pet Clinic'],
    ['ApiKey', 'API Key'],
    ['user-ids', 'User IDs'],
    ['HTTPServer', 'HTTP Server'],
    ['crm-backend', 'CRM Backend'],
    ['rapid', 'Rapid'],
  ])('%s → %s', (name, title) => expect(titleCase(name)).toBe(title));

  it.each([
    ['Owner', 'an'], ['Item', 'an'], ['Event', 'an'], ['Order Item', 'an'], ['Umbrella', 'an'], ['Hour Log', 'an'],
    ['User', 'a'], ['Unit', 'a'], ['Pet', 'a'], ['Euro Rate', 'a'], ['One Time Code', 'a'], ['Vet', 'a'],
    ['API Key', 'an'], ['SQL Query', 'an'], ['HTTP Route', 'an'], ['URL', 'a'], ['CRM Contact', 'a'],
  ])('%s takes "%s"', (title, a) => expect(article(title)).toBe(a));
});

describe('names that are Object.prototype members (issue 13: a field "constructor" crashed the CLI)', () => {
  it.each([
    ['constructor', 'constructors'],
    ['Constructor', 'Constructors'],
    ['toString', 'toStrings'],
    ['valueOf', 'valueOfs'],
    ['hasOwnProperty', 'hasOwnProperties'],
    ['isPrototypeOf', 'isPrototypeOfs'],
  ])('%s inflects as an ordinary word', (word, plural) => {
    expect(pluralize(word)).toBe(plural);
    expect(singularize(plural)).toBe(word);
    expect(names(word).pluralKebab).toBe(kebabCase(plural));
  });
});
