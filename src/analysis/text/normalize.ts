/**
 * Normalisation shared by posts and queries (DESIGN §5): Unicode NFKD, combining
 * marks removed, case folded, so `É` = `e` and `ﬁ` = `fi`. Linear in the length.
 */
const marks = /\p{M}+/gu;
// Full case folding differs from toLowerCase for these: `ß` folds to `ss`, final sigma to sigma.
const foldExtra = /[ßς]/g;
const foldMap: Record<string, string> = { ß: 'ss', ς: 'σ' };
const nonAscii = /[^\x00-\x7f]/;

export const normalizeText = (text: string): string => {
  if (!nonAscii.test(text)) return text.toLowerCase();
  // Lower-casing after the decomposition keeps `İ` (I + dot above) to `i` once marks go.
  let s = text.normalize('NFKD').toLowerCase().replace(marks, '');
  if (s.includes('ß') || s.includes('ς')) s = s.replace(foldExtra, (c) => foldMap[c] ?? c);
  return s;
};
