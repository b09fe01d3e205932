import { createHash } from 'node:crypto';

/**
 * The fingerprint of a text for near-duplicate detection (ADR 0061): links removed, accents
 * and case folded, everything but letters and digits collapsed to one space, then SHA-256.
 * Texts shorter than `minFolded` folded characters ("merci !", "+1") give null: they repeat
 * by chance, not because one post was copied.
 */
export const minFolded = 24;

export const foldForFingerprint = (text: string): string =>
  text
    .replace(/https?:\/\/\S+/gi, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const textFingerprint = (text: string): string | null => {
  const folded = foldForFingerprint(text);
  if (folded.length < minFolded) return null;
  return createHash('sha256').update(folded).digest('base64url').slice(0, 22);
};
