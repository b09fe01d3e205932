/**
 * PostgreSQL array literals built by hand: one parameter for a whole column of a batch
 * (`unnest($1::text[], $2::uuid[], …)`), whatever the number of rows (ADR 0062).
 */

const needsEscape = /["\\]/;
const escapable = /["\\]/g;
/** An element of an array literal: quoted, with `"` and `\\` escaped (most values have neither). */
const element = (v: string | null): string => (v === null ? 'NULL' : `"${needsEscape.test(v) ? v.replace(escapable, '\\$&') : v}"`);

/** A PostgreSQL array literal of text values (or nulls); cast it to the column's array type. */
export const toPgArray = (values: readonly (string | null)[]): string => {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + element(values[i] ?? null);
  return `${out}}`;
};

/** The same for finite numbers (no quoting needed); `String(x)` round-trips a double exactly. */
export const toPgNumberArray = (values: readonly number[]): string => `{${values.join(',')}}`;
