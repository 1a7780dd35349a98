// TypeBox builders for the JSON shapes whose nulls are written as type arrays (`["string", "null"]`).

import { type Static, type TBoolean, type TInteger, type TNumber, type TObject, type TString, Type } from 'typebox'

/**
 * `{ type: [T, 'null'] }`, typed `Static<T> | null`. Type.Union would say the same as `anyOf`, which
 * fast-json-stringify can only serialise by validating each value against each branch, and which
 * @fastify/swagger cannot fold into OpenAPI 3.0's `nullable: true`.
 */
export function Nullable<T extends TString | TNumber | TInteger | TBoolean | TObject>(
  schema: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'], ...options })
}

/** A customer or product id: ShipStation's integer when it is one, else the string Sophio sent. */
export const NullableId = Type.Unsafe<number | string | null>({ type: ['integer', 'string', 'null'] })

export const NullableString = Nullable(Type.String())
export const NullableNumber = Nullable(Type.Number())
export const NullableBoolean = Nullable(Type.Boolean())

/** An ISO 8601 UTC time (`toIso`), or null. */
export function NullableDateTime(options: { description?: string } = {}) {
  return Nullable(Type.String({ format: 'date-time' }), options)
}
