import type { FieldView } from '../../model/view-model.js';

/** The Java types of a field in the entity, the create record and the response; the JsonBody reader and filter of each. */

export const JAVA_TYPE: Record<FieldView['type'], string> = {
  string: 'String', text: 'String', email: 'String', url: 'String', enum: 'String',
  integer: 'Integer', bigint: 'Long', number: 'Double', decimal: 'BigDecimal', boolean: 'Boolean',
  date: 'LocalDate', datetime: 'Instant', uuid: 'UUID', json: 'String',
};
/** Type of the value in the create record (decimals stay text until validated; json is its JSON text). */
export const INPUT_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, decimal: 'String' };
export const RESPONSE_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, decimal: 'String', json: 'JsonNode' };
export const READER: Record<FieldView['type'], string> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'oneOf',
  integer: 'integer', bigint: 'bigint', number: 'number', decimal: 'decimal', boolean: 'bool',
  date: 'date', datetime: 'datetime', uuid: 'uuid', json: 'json',
};
export const FILTER: Partial<Record<FieldView['type'], string>> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'oneOf', integer: 'integer', bigint: 'bigint',
  number: 'number', decimal: 'decimal', boolean: 'bool', date: 'date', datetime: 'datetime', uuid: 'uuid',
};
