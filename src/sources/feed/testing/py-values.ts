/**
 * Python values as feedparser's `Expect:` expressions see them, and the operations on them
 * (equality, truthiness, `in`, comparisons, indexing, the few methods the suite calls).
 */

export class NotApplicable extends Error {
  readonly category: string;
  constructor(category: string) {
    super(`not applicable: ${category}`);
    this.category = category;
  }
}

export class Unsupported extends Error {}

/** Python's KeyError / IndexError: the assertion fails, it is not "not applicable". */
export class LookupFailed extends Error {}

export class PyTuple {
  readonly items: readonly PyValue[];
  constructor(items: readonly PyValue[]) {
    this.items = items;
  }
}

/** A dict as the view exposes it: `get` returns undefined for a missing key, or throws NotApplicable. */
export interface PyDict {
  readonly kind: 'dict';
  get(key: string): PyValue | undefined;
  keys(): string[];
}

export type PyValue = null | boolean | number | string | PyValue[] | PyTuple | PyDict;

export const pyDict = (entries: Record<string, PyValue | undefined>, unmapped?: (key: string) => string | undefined): PyDict => ({
  kind: 'dict',
  get(key) {
    if (Object.hasOwn(entries, key)) return entries[key];
    const category = unmapped?.(key);
    if (category) throw new NotApplicable(category);
    return undefined;
  },
  keys: () => Object.keys(entries).filter((k) => entries[k] !== undefined),
});

export const isDict = (v: unknown): v is PyDict => typeof v === 'object' && v !== null && (v as PyDict).kind === 'dict';


export const typeName = (v: PyValue): string =>
  v === null ? 'None' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'str' : Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple' : 'dict';

export const truthy = (v: PyValue): boolean => {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (isDict(v)) return v.keys().length > 0;
  return true;
};

export const pyEquals = (a: PyValue, b: PyValue): boolean => {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b) && (typeof a === 'boolean' || typeof a === 'number') && (typeof b === 'boolean' || typeof b === 'number');
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  const seqA = Array.isArray(a) ? a : a instanceof PyTuple ? a.items : undefined;
  const seqB = Array.isArray(b) ? b : b instanceof PyTuple ? b.items : undefined;
  if (seqA && seqB) {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    return seqA.length === seqB.length && seqA.every((x, i) => pyEquals(x, seqB[i] as PyValue));
  }
  if (isDict(a) && isDict(b)) {
    const ka = a.keys().sort();
    const kb = b.keys().sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && pyEquals(a.get(k) ?? null, b.get(k) ?? null));
  }
  return false;
};

export const contains = (container: PyValue, item: PyValue): boolean => {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new Unsupported('in <str> needs a string');
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (isDict(container)) {
    if (typeof item !== 'string') return false;
    return container.get(item) !== undefined;
  }
  throw new Unsupported(`in ${typeName(container)}`);
};

export const compare = (op: string, a: PyValue, b: PyValue): boolean => {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case 'is':
      return a === b || (a === null && b === null);
    case 'is not':
      return !(a === b || (a === null && b === null));
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
    if (op === '<') return a < b;
    if (op === '>') return a > b;
    if (op === '<=') return a <= b;
    if (op === '>=') return a >= b;
  }
  throw new Unsupported(`${typeName(a)} ${op} ${typeName(b)}`);
};

export const index = (v: PyValue, k: PyValue): PyValue => {
  if (isDict(v)) {
    if (typeof k !== 'string') throw new LookupFailed(`KeyError: ${String(k)}`);
    const got = v.get(k);
    if (got === undefined) throw new LookupFailed(`KeyError: '${k}'`);
    return got;
  }
  const seq = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : typeof v === 'string' ? [...v] : undefined;
  if (seq && typeof k === 'number' && Number.isInteger(k)) {
    const i = k < 0 ? seq.length + k : k;
    const got = seq[i];
    if (got === undefined) throw new LookupFailed(`IndexError: ${k}`);
    return got;
  }
  throw new Unsupported(`index ${typeName(v)}[${typeName(k)}]`);
};

export type Fn = (args: PyValue[]) => PyValue;

export const method = (v: PyValue, name: string): Fn => {
  if (isDict(v)) {
    if (name === 'get') return (args) => {
      const key = args[0];
      if (typeof key !== 'string') return args[1] ?? null;
      const got = v.get(key);
      return got === undefined ? (args[1] ?? null) : got;
    };
    if (name === 'has_key') return (args) => typeof args[0] === 'string' && v.get(args[0]) !== undefined;
    if (name === 'keys') return () => v.keys();
  }
  if (typeof v === 'string') {
    if (name === 'startswith') return (args) => typeof args[0] === 'string' && v.startsWith(args[0]);
    if (name === 'endswith') return (args) => typeof args[0] === 'string' && v.endsWith(args[0]);
    if (name === 'strip') return () => v.trim();
    if (name === 'lower') return () => v.toLowerCase();
  }
  throw new Unsupported(`method ${typeName(v)}.${name}`);
};

