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
