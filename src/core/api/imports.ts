import { z } from 'zod';
import { personNetworks } from '../person.ts';

/** Largest file content the import route takes (the body limit of the API applies too). */
export const maxImportChars = 10 * 1024 * 1024;

const column = z.string().trim().min(1).max(200);

export const importBodySchema = z.strictObject({
  /** The file's name: it names the import source and hints the format. */
  name: z.string().trim().min(1).max(200),
  content: z.string().max(maxImportChars, `must be at most ${maxImportChars} characters; split the file`),
  format: z.enum(['csv', 'json']).optional(),
  mapping: z
    .strictObject({
      text: column.optional(),
      author: column.optional(),
      date: column.optional(),
      url: column.optional(),
      id: column.optional(),
      network: column.optional(),
      title: column.optional(),
    })
    .optional(),
});
export type ImportBody = z.infer<typeof importBodySchema>;

export const importReportSchema = z.object({
  sourceId: z.string().nullable(),
  format: z.enum(['csv', 'json']),
  /** What `refused[].line` counts: file lines, or items of a JSON array. */
  unit: z.enum(['line', 'item']),
  records: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  nearDuplicates: z.number().int(),
  refused: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type ImportReportView = z.infer<typeof importReportSchema>;

/** The fields a column of a file of people can be mapped to (app/import/import-people.ts). */
export const peopleImportFields = ['name', 'handles', 'network', 'handle', 'profile_url', 'bio', 'tags', 'roles', 'notes', ...personNetworks] as const;

export const peopleImportBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  content: z.string().max(maxImportChars, `must be at most ${maxImportChars} characters; split the file`),
  format: z.enum(['csv', 'json']).optional(),
  mapping: z.partialRecord(z.enum(peopleImportFields), column).optional(),
});
export type PeopleImportBody = z.infer<typeof peopleImportBodySchema>;

export const peopleImportReportSchema = z.object({
  format: z.enum(['csv', 'json']),
  unit: z.enum(['line', 'item']),
  records: z.number().int(),
  /** New people. */
  created: z.number().int(),
  /** Records naming someone already known by a handle, who was updated. */
  merged: z.number().int(),
  /** Records naming someone already known, bringing nothing new. */
  unchanged: z.number().int(),
  refused: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type PeopleImportReportView = z.infer<typeof peopleImportReportSchema>;

/** The fields a column of a file of posts can be mapped to (app/import/mapping.ts). */
export const postImportFields = ['text', 'author', 'date', 'url', 'id', 'network', 'title'] as const;

/** A followed import (ADR 0200): created first, then its file is sent as the body of `PUT …/file`. */
export const createImportRunBodySchema = z
  .strictObject({
    kind: z.enum(['posts', 'people']),
    /** The file's name: it names the import source (posts) and hints the format. */
    name: z.string().trim().min(1).max(200),
    /** The file's size in bytes, for the progress bar. */
    size: z.number().int().nonnegative().optional(),
    format: z.enum(['csv', 'json']).optional(),
    mapping: z.partialRecord(z.enum([...postImportFields, ...peopleImportFields]), column).optional(),
  })
  .superRefine((b, ctx) => {
    const allowed: readonly string[] = b.kind === 'posts' ? postImportFields : peopleImportFields;
    for (const f of Object.keys(b.mapping ?? {})) {
      if (!allowed.includes(f)) ctx.addIssue({ code: 'custom', path: ['mapping', f], message: `"${f}" is not a field of an import of ${b.kind} (expected one of ${allowed.join(', ')})` });
    }
  });
export type CreateImportRunBody = z.infer<typeof createImportRunBodySchema>;

export const importRunStatuses = ['waiting', 'running', 'done', 'failed', 'interrupted'] as const;
export type ImportRunStatus = (typeof importRunStatuses)[number];

export const importRunSchema = z.object({
  id: z.string(),
  kind: z.enum(['posts', 'people']),
  name: z.string(),
  /** null until the file is read. */
  format: z.enum(['csv', 'json']).nullable(),
  unit: z.enum(['line', 'item']),
  /** waiting: no file yet; running; done; failed (`error` says why); interrupted (upload cut, or its process gone). */
  status: z.enum(importRunStatuses),
  bytesTotal: z.number().int().nullable(),
  bytesRead: z.number().int(),
  /** Records read so far, valid or not. */
  records: z.number().int(),
  refused: z.number().int(),
  /** Everything up to this line (or item) is saved or refused. */
  lastLine: z.number().int(),
  counts: z.object({
    stored: z.number().int(),
    duplicates: z.number().int(),
    nearDuplicates: z.number().int(),
    created: z.number().int(),
    merged: z.number().int(),
    unchanged: z.number().int(),
  }),
  sourceId: z.string().nullable(),
  error: z.string().nullable(),
  /** The first refused lines, in file order; `GET …/refused.csv` gives them all. */
  refusedLines: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRunView = z.infer<typeof importRunSchema>;

/** A workspace's latest followed imports, newest first (ADR 0250): each without its refused lines. */
export const importRunsSchema = z.object({ items: z.array(importRunSchema.omit({ refusedLines: true })) });
export type ImportRunsView = z.infer<typeof importRunsSchema>;

