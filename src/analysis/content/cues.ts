/**
 * Hand-written cues of each content class, French and English, read on the
 * normalised tokens (DESIGN §5) plus a few patterns on the raw text (prices,
 * discounts, times). Each cue is also a feature of the trained model, and the
 * cues that fired are what the interface shows as the reason for a class.
 */
import type { ContentClass } from './classes.ts';
import { tokenize } from '../text/tokenize.ts';

export interface Cue {
  readonly name: string;
  readonly cls: ContentClass;
}

const words = (cls: ContentClass, name: string, list: string): [string, Cue][] => list.split(' ').map((w) => [w, { name, cls }]);

/** Single folded words. */
const wordCues = new Map<string, Cue>([
  ...words(
    'promotional',
    'offer',
    'promo promos promotion code offert offerte offerts offre soldes reduction remise precommande precommandez commandez commander reservez achetez profitez disponible disponibles stock tarif forfait prix boutique livraison gratuit gratuite cadeau cadeaux fidelite parrainage sale deal deals discount offer off free shipping order buy shop stock preorder pre book booking gift gifts limited checkout subscribe subscription save spend',
  ),
  ...words(
    'know-how',
    'howto',
    'astuce astuces comment pourquoi tuto tutoriel secret conseil conseils technique evitez verifiez faut jamais toujours difference rappel guide savez tip tips how why guide explained never always avoid check trick secret technique',
  ),
  ...words(
    'personal',
    'self',
    'je j moi mon ma mes me m suis ai ma fille fils famille grand pere mere papa maman enfants vacances souvenir fatigue heureux fier fiere doute peur honnetement i me my mine myself dad mum mom son daughter grandmother grandfather family holiday proud honest tired afraid memory',
  ),
  ...words(
    'community',
    'others',
    'merci bravo felicitations bienvenue partagez taguez votez avis racontez dites commentaire commentaires ensemble voisins quartier benevoles association soutenons hommage abonnes rencontrer thank thanks congrats congratulations welcome share tag vote comment comments together neighbours neighbors volunteers community support grateful followers meet',
  ),
  ...words(
    'news',
    'announce',
    'information annonce ferme fermee fermeture horaires demenageons demenage recrutons reouverture decret loi reglementation etude article reportage magazine label prix concours salon travaux greve juin janvier septembre octobre novembre decembre fevrier mars avril mai juillet aout closed hours moving hiring directive law study report featured award awards certified strike council regulation rules january february march april may june july august september october november december',
  ),
]);

/** Patterns on the raw text, for what tokens lose (currency signs, percentages, clock times). */
const patternCues: readonly [RegExp, Cue][] = [
  [/\d+(?:[.,]\d+)?\s?(?:€|euros?\b)|[$£]\s?\d+/i, { name: 'price', cls: 'promotional' }],
  [/[-−]\s?\d+\s?%|\d+\s?%\s?(?:off|de r[ée]duction)/i, { name: 'discount', cls: 'promotional' }],
  [/\b\d{1,2}\s?(?:h|am|pm)\b|\b\d{1,2}:\d{2}\b/i, { name: 'time', cls: 'news' }],
  [/\?/, { name: 'question', cls: 'community' }],
  [/(?:^|\s)@\w/, { name: 'mention', cls: 'community' }],
  [/\d+\s?(?:°c|g|km|%|degrees)\b/i, { name: 'measure', cls: 'know-how' }],
];

/** The cues found in a text, each once, in a stable order. */
export const cuesOf = (text: string): Cue[] => {
  const found = new Map<string, Cue>();
  for (const t of tokenize(text).tokens) {
    if (t.kind !== 'word') continue;
    const c = wordCues.get(t.value);
    if (c) found.set(`${c.cls}:${c.name}:${t.value}`, c);
  }
  for (const [re, c] of patternCues) if (re.test(text)) found.set(`${c.cls}:${c.name}`, c);
  return [...found.values()];
};

/** Cue counts per class. */
export const cueScores = (text: string): Record<ContentClass, number> => {
  const s: Record<ContentClass, number> = { promotional: 0, 'know-how': 0, personal: 0, community: 0, news: 0 };
  for (const c of cuesOf(text)) s[c.cls]++;
  return s;
};
