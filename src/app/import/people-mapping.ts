import { peopleImportFields } from '../../core/api/imports.ts';
import { guessColumns, peopleColumnNames } from '../../core/import-columns.ts';
import {
  normaliseHandle, personNetworkOf, personNetworks, personRoleOf, personRoles,
  type PersonDraft, type PersonHandle, type PersonNetwork, type PersonRole,
} from '../../core/person.ts';
import type { RawRecord } from './records.ts';
import type { MappingError } from './mapping.ts';
import type { Problem } from '../../core/messages.ts';

/**
 * Column mapping of a file of people (ADR 0172): a record becomes a person draft, or the first
 * reason it cannot be one. Fields a column can be mapped to: `name`, one column per network (`mastodon`, `bluesky`,
 * `reddit`, `email`, `web`, `x`…; a cell may hold several handles separated by `,` `;` `|`),
 * `handles` (`network:handle; …`, or in JSON an array of `{network, handle}` or an object
 * `{network: handle}`), a `network` + `handle` pair, `profile_url`, `bio`, `tags`, `roles`
 * (customer, prospect, relay, leader, partner, press, competitor; French names accepted),
 * `notes`. Unmapped fields are guessed from usual column names (French ones too).
 */

export const peopleFields = peopleImportFields;
export type PeopleField = (typeof peopleFields)[number];
export type PeopleMapping = Partial<Record<PeopleField, string>>;

/** The mapping given, completed by usual column names (case-insensitive); an unknown given column is an error. */
export const resolvePeopleMapping = (columns: readonly string[], given: PeopleMapping): PeopleMapping | MappingError => {
  const lower = new Map(columns.map((c) => [c.toLowerCase().trim(), c]));
  const out: PeopleMapping = {};
  for (const f of peopleFields) {
    const wanted = given[f];
    if (wanted === undefined) continue;
    const col = lower.get(wanted.toLowerCase().trim());
    if (!col) return { error: `column "${wanted}" (for ${f}) is not in the file; its columns are: ${columns.join(', ')}`, problem: { key: 'import.column-missing', params: { column: wanted, field: f, columns: columns.join(', ') } } };
    out[f] = col;
  }
  // Unmapped fields from usual column names, French and English (shared with the web dialog).
  Object.assign(out, guessColumns(peopleFields, peopleColumnNames, columns, out));
  if ((out.network === undefined) !== (out.handle === undefined)) {
    if (given.network !== undefined || given.handle !== undefined) return { error: 'network and handle go together: map both, or neither', problem: { key: 'import.network-and-handle' } };
    // A guessed half of the pair (a `user` column and no network) says nothing.
    delete out.network;
    delete out.handle;
  }
  const hasHandles = out.handles !== undefined || out.handle !== undefined || personNetworks.some((n) => out[n] !== undefined);
  if (!hasHandles) {
    return {
      error: `no handle column: map one with --map NETWORK=COLUMN (networks: ${personNetworks.join(', ')}) or handles=COLUMN (the file's columns are: ${columns.join(', ')})`,
      problem: { key: 'import.no-handle-column', params: { networks: personNetworks.join(', '), columns: columns.join(', ') } },
    };
  }
  return out;
};

const cell = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(cell).filter(Boolean) : cell(v).split(/[,;|]/).map((s) => s.trim()).filter(Boolean);

/** A refused person: the problem, and the English words the command line has always printed for it. */
export type MappedPerson = { readonly ok: true; readonly draft: PersonDraft } | { readonly ok: false; readonly problem: Problem; readonly reason?: string };

const no = (key: Problem['key'], params?: Problem['params']): MappedPerson => ({ ok: false, problem: params ? { key, params } : { key } });

/** One record → a person draft, or the first reason it cannot be one. */
export const toPersonDraft = (r: RawRecord, m: PeopleMapping): MappedPerson => {
  const raw = (f: PeopleField): unknown => (m[f] ? r.fields[m[f]] : undefined);
  const handles: PersonHandle[] = [];
  const add = (network: PersonNetwork, value: string, where: { fr: string; en: string }): MappedPerson | undefined => {
    const h = normaliseHandle(network, value);
    if (typeof h !== 'string') return { ok: false, problem: { key: 'import.bad-handle', params: { handle: value.trim(), network, where } }, reason: `${h.error} (${where.en})` };
    if (!handles.some((x) => x.network === network && x.handle === h)) handles.push({ network, handle: h });
    return undefined;
  };
  for (const n of personNetworks) {
    if (!m[n]) continue;
    for (const v of cell(raw(n)).split(/[,;|\n]/).map((s) => s.trim()).filter(Boolean)) {
      const problem = add(n, v, { fr: `colonne « ${m[n]} »`, en: `column "${m[n]}"` });
      if (problem) return problem;
    }
  }
  const combined = raw('handles');
  const pairs: Array<[string, string]> = [];
  if (Array.isArray(combined)) {
    for (const x of combined) {
      if (typeof x !== 'object' || x === null) return no('import.handles-not-objects', { column: m.handles ?? '' });
      pairs.push([cell((x as Record<string, unknown>)['network']), cell((x as Record<string, unknown>)['handle'])]);
    }
  } else if (typeof combined === 'object' && combined !== null) {
    for (const [k, v] of Object.entries(combined)) pairs.push([k, cell(v)]);
  } else {
    for (const part of cell(combined).split(/[;|\n]/).map((s) => s.trim()).filter(Boolean)) {
      const colon = part.indexOf(':');
      if (colon <= 0) return no('import.not-network-handle', { value: part, column: m.handles ?? '' });
      pairs.push([part.slice(0, colon), part.slice(colon + 1)]);
    }
  }
  if (m.network && m.handle && (cell(raw('network')) || cell(raw('handle')))) pairs.push([cell(raw('network')), cell(raw('handle'))]);
  for (const [n, h] of pairs) {
    const network = personNetworkOf(n);
    if (!network) return no('import.unknown-network', { network: n, networks: personNetworks.join(', ') });
    const problem = add(network, h, { fr: `réseau ${network}`, en: `network ${network}` });
    if (problem) return problem;
  }
  if (handles.length === 0) return no('import.no-handle');

  const roles: PersonRole[] = [];
  for (const v of listOf(raw('roles'))) {
    const role = personRoleOf(v);
    if (!role) return no('import.unknown-role', { role: v, column: m.roles ?? '', roles: personRoles.join(', ') });
    if (!roles.includes(role)) roles.push(role);
  }
  const profileUrl = cell(raw('profile_url'));
  if (profileUrl && !/^https?:\/\/[^\s]+$/i.test(profileUrl)) return no('import.bad-url', { value: profileUrl.slice(0, 60), column: m.profile_url ?? '' });
  const name = cell(raw('name')) || (handles[0]?.handle ?? '');
  if (name.length > 200) return no('import.name-too-long', { column: m.name ?? '' });
  const bio = cell(raw('bio'));
  const notes = cell(raw('notes'));
  return {
    ok: true,
    draft: {
      displayName: name,
      handles,
      ...(profileUrl ? { profileUrl } : {}),
      ...(bio ? { bio } : {}),
      tags: [...new Set(listOf(raw('tags')))],
      roles,
      ...(notes ? { notes } : {}),
    },
  };
};
