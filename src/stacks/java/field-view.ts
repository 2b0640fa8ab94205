import type { FieldView } from '../../model/view-model.js';
import { annotations, filterSchema } from './annotations.js';
import { javaIdentifier } from './names.js';
import { javaString } from './syntax.js';
import { FILTER, INPUT_TYPE, JAVA_TYPE, RESPONSE_TYPE } from './types.js';
import { documentRead, documentWrite } from './mongo-view.js';
import type { JavaEnum } from './enum-view.js';

/** A field as the Java templates print it: types, annotations, conversions, its filter and its test values. */

/**
 * The component's @JsonProperty: its wire name when the identifier differs from it (a keyword field `class` is
 * `class_`), and the model's default as JSON, which StrictValue reads when the key is left out.
 */
function jsonProperty(f: FieldView, ident: string): string | null {
  const attributes = [
    ...(ident === f.name ? [] : [`value = ${javaString(f.name)}`]),
    ...(f.defaultJson === null ? [] : [`defaultValue = ${javaString(f.defaultJson)}`]),
  ];
  if (attributes.length === 0) return null;
  return attributes.length === 1 && ident !== f.name ? `@JsonProperty(${javaString(f.name)})` : `@JsonProperty(${attributes.join(', ')})`;
}

function toResponse(f: FieldView, v: string): string {
  if (f.isJson) return `json.read(${v})`;
  return v;
}

/** `enumType` is the field's nested enum (enum-view.ts) when it is an enum field. */
export function javaField(f: FieldView, isSqlite: boolean, isPostgres: boolean, enumType: JavaEnum | null) {
  // The Java identifier (record component, JPA attribute); getters and setters follow it (`class_` → getClass_).
  const ident = javaIdentifier(f.name);
  const pascal = ident.charAt(0).toUpperCase() + ident.slice(1);
  // Text is filterable and sortable too (the shared contract probes both); json and paging names are not.
  const filterKind = f.filterable ? FILTER[f.type] ?? null : null;
  const attr = f.name;
  let filter: string | null = null;
  if (filterKind === 'oneOf' && enumType) filter = `Filter.oneOf(${javaString(attr)}, ${enumType.qualified}.class)`;
  else if (filterKind) filter = `Filter.${filterKind}(${javaString(attr)})`;
  return {
    name: f.name,
    type: f.type,
    defaultJson: f.defaultJson,
    pascal,
    ident,
    /** The create record's @JsonProperty (wire name, default); the response's carries the wire name only. */
    jsonProperty: jsonProperty(f, ident),
    responseJsonProperty: ident === f.name ? null : `@JsonProperty(${javaString(f.name)})`,
    column: f.column,
    required: f.required,
    unique: f.unique,
    isJson: f.isJson,
    isDecimal: f.isDecimal,
    /** The response record's @Schema: what springdoc cannot tell from the Java type (a decimal is a string). */
    responseSchema: f.isJson ? '@Schema(description = "any JSON value")' : f.isDecimal ? '@Schema(type = "string")' : null,
    /** The nested enum the entity class declares (null for other types). */
    enumType,
    /** The type inside the entity class, and outside it (the records, the services). */
    javaType: enumType?.name ?? JAVA_TYPE[f.type],
    inputType: enumType?.qualified ?? INPUT_TYPE[f.type],
    responseType: enumType?.qualified ?? RESPONSE_TYPE[f.type],
    filterSchema: filterSchema(f),
    annotations: annotations(f),
    hasAnnotations: annotations(f).length > 0,
    hasDefault: f.defaultJson !== null,
    /** The record's value as the entity holds it: a json value as its JSON text. */
    toEntity: f.isJson ? `JsonText.write(input.${ident}())` : `input.${ident}()`,
    toResponse: toResponse(f, `entity.get${pascal}()`),
    /** Hibernate annotations on the entity field besides @Column (jsonb needs a cast on PostgreSQL). */
    columnTransformer: f.isJson && isPostgres ? '@ColumnTransformer(write = "?::jsonb")' : null,
    filter,
    /** MongoDB (templates/java-mongodb): the statement putting the value into `document`, the expression reading it back. */
    documentWrite: documentWrite(f, `entity.get${pascal}()`),
    documentRead: documentRead(f, enumType?.qualified ?? null),
    decimalScale: f.isDecimal ? f.scale ?? 2 : null,
    sortable: !f.isJson,
    /** The sort expression needs a numeric cast (decimals are stored as text on SQLite). */
    sortCast: f.isDecimal && isSqlite,
    nameLiteral: javaString(f.name),
    samples: f.samples,
    hasSample: f.hasSample,
    invalid: f.invalidSamples.map((s) => ({ reason: javaString(s.reason), json: javaString(s.json) })),
  };
}
export type JavaField = ReturnType<typeof javaField>;
