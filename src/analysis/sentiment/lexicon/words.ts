/**
 * Hand-written word lists of relais (our own work, AGPL like the rest): the social-media vocabulary
 * the vendored lexicons miss or get wrong, emoji, and the function words the rules act on.
 * Valences are on VADER's scale, -4 (worst) .. +4 (best). These override the vendored lexicons.
 */

/** French words and idioms of posts and reviews (multi-word entries are matched as token runs). */
export const FRENCH_WORDS: Readonly<Record<string, number>> = {
  // praise
  génial: 3, géniale: 3, géniaux: 3, genial: 3, top: 2.3, super: 2.5, excellent: 3, excellente: 3,
  parfait: 2.8, parfaite: 2.8, parfaits: 2.8, magnifique: 3, magnifiques: 3, sublime: 3, sublimes: 3,
  bravo: 2.8, merci: 1.5, mercii: 1.8, félicitations: 2.8, chapeau: 2, adore: 2.8, adoré: 2.8,
  adorer: 2.6, adorons: 2.8, adorent: 2.6, aime: 2, aimé: 2, aimons: 2, aiment: 2, kiffe: 2.5,
  kiffé: 2.5, kif: 2, régal: 2.8, régale: 2.5, régalé: 2.5, bonheur: 2.8, plaisir: 2, ravi: 2.6,
  ravie: 2.6, ravis: 2.6, content: 2, contente: 2, contents: 2, satisfait: 2, satisfaite: 2,
  recommande: 2.3, recommandé: 2, recommandons: 2.3, conseille: 1.8, merveille: 3, merveilleux: 3,
  merveilleuse: 3, incroyable: 2.5, fantastique: 3, formidable: 3, extra: 2.3, impeccable: 2.6,
  nickel: 2.3, chouette: 2.3, sympa: 2, cool: 1.8, bien: 1.5, bon: 1.5, bonne: 1.5, bons: 1.5,
  bonnes: 1.5, beau: 2, belle: 2, beaux: 2, belles: 2, joli: 2, jolie: 2, délicieux: 3, délicieuse: 3,
  miam: 2.3, love: 2.5, hâte: 1.8, vivement: 1.5, enfin: 0.8, efficace: 1.8, rapide: 1.2, 'de qualité': 2,
  'de ouf': 2.3, ouf: 0.5, pépite: 2.8, 'coup de coeur': 3, 'coup de cœur': 3, chef: 0.3, mdr: 1.5,
  lol: 1.2, ptdr: 1.8, haha: 1.8, hahaha: 2, waouh: 2.5, wow: 2.5, youpi: 2.8, yes: 1.5, enthousiasme: 2.3,
  réussi: 2, réussite: 2.3, gagné: 1.8, victoire: 2.3, fier: 2, fière: 2, fiers: 2, heureux: 2.6,
  heureuse: 2.6, joie: 2.8, espoir: 1.5, bienvenue: 1.8, gratuit: 1, solidarité: 1.5, progrès: 1.5,
  // blame
  nul: -2.5, nulle: -2.5, nuls: -2.5, nulles: -2.5, naze: -2.3, nase: -2.3, pourri: -2.8, pourrie: -2.8,
  déçu: -2.5, déçue: -2.5, déçus: -2.5, déçues: -2.5, décevant: -2.5, décevante: -2.5, déception: -2.6,
  décevoir: -2, arnaque: -3, arnaques: -3, arnaqué: -3, escroc: -3, escroquerie: -3, honte: -2.8,
  honteux: -2.8, honteuse: -2.8, scandale: -2.8, scandaleux: -2.8, scandaleuse: -2.8, inadmissible: -3,
  inacceptable: -3, lamentable: -3, pitoyable: -2.8, catastrophe: -2.8, catastrophique: -3,
  horrible: -3, horribles: -3, affreux: -2.8, affreuse: -2.8, dégoûté: -2.5, dégueulasse: -3, dégueu: -2.8,
  déteste: -3, détesté: -3, détester: -2.8, haine: -3, bof: -1.3, moyen: -0.8, moyenne: -0.5,
  mauvais: -2.3, mauvaise: -2.3, mal: -1.8, problème: -1.5, problèmes: -1.5, panne: -1.8, bug: -1.5,
  bugs: -1.5, lent: -1.2, lente: -1.2, cher: -0.8, chère: -0.8, attente: -0.8, remboursement: -1,
  remboursé: -0.3, plainte: -1.8, colère: -2.5, énervé: -2.3, énervée: -2.3, marre: -2.3, 'ras le bol': -2.5,
  triste: -2.3, tristesse: -2.3, malheureusement: -1.8, hélas: -1.5, dommage: -1.5, ennui: -1.8,
  ennuyeux: -2, chiant: -2.5, chiante: -2.5, galère: -2, merde: -2.5, putain: -1.5, con: -2.5,
  conne: -2.5, cons: -2.5, connerie: -2.5, conneries: -2.5, débile: -2.5, stupide: -2.5, idiot: -2.3,
  inutile: -2, inutiles: -2, raté: -2, ratée: -2, échec: -2.3, grave: -1.3, danger: -2, dangereux: -2.3,
  menace: -2, pollution: -1.8, polluant: -1.5, catastrophes: -2.8, mort: -2.3, morts: -2.3, crise: -1.8,
  peur: -2, inquiet: -1.8, inquiète: -1.8, inquiétant: -2, inquiétude: -1.8, risque: -1, risques: -1,
  pire: -2.8, pires: -2.8, 'pas terrible': -1.8, 'sans plus': -1, 'à éviter': -2.8, 'foutage de gueule': -3,
  dégâts: -2, gaspillage: -2, injuste: -2.3, mensonge: -2.5, mensonges: -2.5, menteur: -2.5, faux: -1.2,
  fake: -1.8, ridicule: -2.5, absurde: -2, grr: -2, argh: -2, beurk: -2.5, pfff: -1.8, pff: -1.5,
  terrible: 0, énorme: 1, 'pas mal': 1.5, 'pas ouf': -1.5, 'rien à redire': 2.5, 'à fuir': -2.8, fuyez: -2.5,
  souci: -1.3, soucis: -1.3, 'au top': 2.5,
  // Pattern gives these everyday words a polarity they rarely carry in posts and reviews.
  sur: 0, tout: 0, toute: 0, tous: 0, toutes: 0, premier: 0, première: 0, premiers: 0, premières: 0,
  dernier: 0, dernière: 0, derniers: 0, dernières: 0, autre: 0, autres: 0, certain: 0, certaine: 0,
  certains: 0, certaines: 0, bref: 0, malgré: 0, juste: 0, vrai: 0, vraie: 0, donne: 0, littéraire: 0,
  passé: 0, passe: 0, force: 0, seul: 0, seule: 0, seuls: 0, seules: 0, court: 0, courte: 0, grand: 0,
  grande: 0, grands: 0, grandes: 0, petit: 0, petite: 0, petits: 0, petites: 0, nouveau: 0, nouvelle: 0,
  nouveaux: 0, nouvelles: 0, vieux: 0, vieille: 0, haut: 0, bas: 0, plein: 0, pleine: 0, simple: 0,
  humain: 0, humaine: 0, personnel: 0, noir: 0, noire: 0, blanc: 0, blanche: 0, propre: 0, sûr: 0,
  chaud: 0, froid: 0, clair: 0, fort: 0, forte: 0, libre: 0, public: 0, publique: 0, possible: 0,
  neuf: 0, neuve: 0, haute: 0, hautes: 0, central: 0, centrale: 0, centrales: 0, français: 0, française: 0,
  françaises: 0, électrique: 0, électriques: 0, présent: 0, présente: 0, présents: 0, ferme: 0,
};

/** English additions and corrections to VADER's lexicon. */
export const ENGLISH_WORDS: Readonly<Record<string, number>> = {
  scam: -3, scammed: -3, ripoff: -2.8, 'rip off': -2.8, refund: -1, disappointing: -2.5, meh: -1.3,
  'must have': 2.3, 'highly recommend': 3, 'waste of': -2.5, broken: -2, 'customer service': 0,
  'not bad': 1.5, 'no problem': 1.2, 'no worries': 1.2, 'well done': 2.5, 'not worth': -1.8, 'stay away': -2.5,
  // Eagerness holds a negation that is not one (`can't` is tokenised `ca not`).
  'ca not wait': 2.3, 'cannot wait': 2.3, 'cant wait': 2.3, 'can not wait': 2.3, 'looking forward': 2,
  'look forward': 2, 'no doubt': 0.8, 'ca not stand': -2.3, 'cannot stand': -2.3, 'cant stand': -2.3,
  flaw: -1.8, flaws: -1.8, flawed: -1.8, massacre: -3, massacred: -3, vandals: -2, vandalism: -2.3,
  forgot: -0.8, favourite: 2, favourites: 2, nostalgic: 1, tribute: 1.3, starstruck: 1.8, slay: 1.5,
  // customer complaints and praise
  'never received': -2.3, 'never arrived': -2.3, 'not received': -2, 'no reply': -2, 'no response': -2,
  'no answer': -1.8, 'never answered': -2, 'never replied': -2, 'never again': -2.5, 'will be back': 2,
  "we'll be back": 2, "i'll be back": 2, overpriced: -2.3,
  // Names and sports words to which VADER gives a valence they rarely carry (Taylor Swift, grand slam).
  play: 0, swift: 0, hand: 0, slam: 0,
};

/** Emoji valences (emoticons such as `:)` come from VADER's lexicon for both languages). */
export const EMOJI: Readonly<Record<string, number>> = {
  '😀': 2.3, '😃': 2.5, '😄': 2.5, '😁': 2.5, '😆': 2.3, '😅': 1, '🤣': 2, '😂': 1.8, '🙂': 1.5,
  '😊': 2.5, '😇': 2, '🥰': 3, '😍': 3, '🤩': 3, '😘': 2.5, '😗': 1.5, '😚': 2, '😙': 1.8, '😋': 2,
  '😛': 1.3, '😜': 1.5, '🤪': 1, '😝': 1.3, '🤗': 2.3, '🤭': 0.8, '😎': 2, '🥳': 3, '👍': 2, '👏': 2.3,
  '🙌': 2.5, '💪': 1.8, '🙏': 1.5, '❤': 2.8, '❤️': 2.8, '💕': 2.8, '💖': 2.8, '💗': 2.5, '💓': 2.5,
  '💞': 2.5, '💙': 2.3, '💚': 2.3, '💛': 2.3, '💜': 2.3, '🧡': 2.3, '🤍': 2, '😻': 2.8, '✨': 1.3,
  '🎉': 2.5, '🎊': 2.3, '🔥': 1.8, '⭐': 1.5, '🌟': 1.8, '💯': 2, '✅': 1.3, '👌': 2, '🤝': 1.5,
  '😐': -0.5, '😑': -0.8, '😶': -0.5, '🙄': -1.5, '😏': -0.3, '😒': -1.8, '😬': -1, '🤔': -0.3,
  '😕': -1.5, '🙁': -1.8, '☹': -2, '☹️': -2, '😟': -1.8, '😞': -2.3, '😔': -2, '😢': -2.3, '😭': -2,
  '😥': -1.8, '😰': -2, '😨': -2, '😱': -2, '😩': -2.3, '😫': -2.3, '😤': -2, '😠': -2.8, '😡': -3,
  '🤬': -3.3, '🤮': -3, '🤢': -2.5, '💩': -2.5, '👎': -2.3, '💔': -2.8, '😓': -1.5, '😖': -2, '😣': -1.8,
  '🤦': -1.8, '🤷': -0.3, '❌': -1.3, '⚠': -1, '⚠️': -1, '🤡': -2, '😴': -0.8, '🥱': -1.3,
};

/** Words that flip the valence of the next few words (`ne`/`n'` also covers `ne … plus/rien/jamais`). */
export const NEGATORS: ReadonlySet<string> = new Set([
  // French
  'ne', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'ni', 'nullement', 'guère',
  // English
  'not', 'never', 'no', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'cannot', 'hardly',
  'aint', 'isnt', 'dont', 'doesnt', 'didnt', 'wont', 'cant', 'couldnt', 'shouldnt', 'wouldnt', 'wasnt',
  'werent', 'havent', 'hasnt', 'hadnt', 'arent', 'neednt', 'mustnt', 'barely', 'seldom', 'rarely',
]);

/** Words that scale the valence of the word they precede: > 1 intensify, < 1 diminish. */
export const MODIFIERS: Readonly<Record<string, number>> = {
  // French intensifiers
  très: 1.35, tres: 1.35, trop: 1.35, super: 1.35, vraiment: 1.3, hyper: 1.35, ultra: 1.35,
  tellement: 1.3, si: 1.15, vachement: 1.3, carrément: 1.3, grave: 1.3, totalement: 1.3,
  complètement: 1.3, absolument: 1.35, extrêmement: 1.4, particulièrement: 1.25, franchement: 1.15,
  vraimentt: 1.3, archi: 1.35, méga: 1.35, plutôt: 0.85, assez: 0.85, peu: 0.55, moyennement: 0.6,
  légèrement: 0.6, presque: 0.7, 'un peu': 0.6, 'un brin': 0.6, 'pas très': 0.5,
  // English intensifiers
  very: 1.3, so: 1.25, really: 1.3, extremely: 1.4, absolutely: 1.35, totally: 1.3, completely: 1.3,
  incredibly: 1.35, highly: 1.3, too: 1.2, most: 1.2, more: 1.1, especially: 1.2,
  utterly: 1.35, truly: 1.25, deeply: 1.3, hella: 1.35, fucking: 1.35, freaking: 1.3, damn: 1.25,
  quite: 1.1, slightly: 0.6, somewhat: 0.7, 'kind of': 0.7, 'sort of': 0.7, kinda: 0.7,
  sorta: 0.7, little: 0.7, 'a bit': 0.65, 'a little': 0.65, fairly: 0.8, rather: 0.85, marginally: 0.6,
  less: 0.7, partly: 0.7, almost: 0.7, occasionally: 0.8,
};

/** Contrast words: what follows weighs more than what precedes (`bien mais cher`). */
export const CONTRASTS: ReadonlySet<string> = new Set([
  'mais', 'cependant', 'pourtant', 'toutefois', 'néanmoins', 'neanmoins', 'sauf', 'but', 'however',
  'although', 'though', 'nevertheless',
]);

/**
 * French verbs in `-er` that carry a sentiment (Pattern's list is almost only adjectives), by
 * infinitive; `frenchVerbForms` spells out their common forms. Entries of FRENCH_WORDS win over
 * these forms.
 */
export const FRENCH_ER_VERBS: Readonly<Record<string, number>> = {
  // good things done, felt or said
  apprécier: 2, remercier: 2, féliciter: 2.5, recommander: 2.3, aider: 1.3, sauver: 2, protéger: 1.3,
  préserver: 1.2, améliorer: 1.8, progresser: 1.5, innover: 1.5, gagner: 1.8, profiter: 1.5,
  encourager: 1.8, saluer: 1.3, célébrer: 2, fêter: 2, kiffer: 2.5, savourer: 2.3, rigoler: 1.5,
  amuser: 1.8, briller: 1.8, enchanter: 2.5, émerveiller: 2.8, rassurer: 1.5, soulager: 1.5,
  récompenser: 2, remporter: 1.5, triompher: 2.3, régaler: 2.5, adorer: 2.8, aimer: 2, économiser: 1,
  // bad things done, felt or said
  polluer: -1.8, menacer: -2, gaspiller: -1.8, tuer: -2.8, massacrer: -3, ravager: -2.5, dévaster: -2.8,
  saccager: -2.5, abîmer: -1.8, endommager: -1.8, casser: -1.5, bloquer: -1.2, rater: -2, échouer: -2.3,
  critiquer: -1.5, dénoncer: -1.5, condamner: -1.8, accuser: -1.5, mépriser: -2.3, insulter: -2.8,
  arnaquer: -3, tromper: -2, escroquer: -3, regretter: -1.8, pleurer: -1.8, inquiéter: -1.8,
  énerver: -2.3, ennuyer: -1.8, agacer: -2, dégoûter: -2.5, déplorer: -2, râler: -1.5, fâcher: -2,
  galérer: -2, paniquer: -2, stresser: -1.8, empoisonner: -2.5, contaminer: -2, détester: -3,
  gâcher: -2.3, déraper: -1.8, menotter: -1, ruiner: -2.5, licencier: -1.8, harceler: -2.8,
  pénaliser: -1.8, annuler: -1.2, louper: -1.5, refuser: -1.3, freiner: -1.2, désorienter: -1.5,
  déstabiliser: -1.5, dérégler: -1.5, saboter: -2.5, mutiler: -2.8, humilier: -2.8,
  // more good ones
  charmer: 2, jubiler: 2.5, valoriser: 1.3, enrichir: 1.3, récupérer: 0.8, promouvoir: 1, bénéficier: 1.3,
  rêver: 1.5, passionner: 2.3, captiver: 2.3,
};

/** Endings of an `-er` verb's common forms: infinitive, present, participles, imperfect. */
const ER_ENDINGS = ['er', 'e', 'es', 'ent', 'é', 'ée', 'és', 'ées', 'ons', 'ez', 'ait', 'aient', 'ant'];

const MUTE_ENDINGS: ReadonlySet<string> = new Set(['e', 'es', 'ent']);

/**
 * The stem before an ending: `-ger` and `-cer` verbs keep their soft sound before `a` and `o`
 * (`protégeons`, `menaçait`); a last `é` opens before a mute ending (`protège`, `inquiètent`).
 */
const soften = (stem: string, ending: string): string => {
  if (MUTE_ENDINGS.has(ending)) return stem.replace(/é([^aeiouyéèêàâîôûë]+)$/u, 'è$1');
  if (ending[0] !== 'a' && ending[0] !== 'o') return stem;
  if (stem.endsWith('g')) return `${stem}e`;
  if (stem.endsWith('c')) return `${stem.slice(0, -1)}ç`;
  return stem;
};

/** Every common form of the verbs of FRENCH_ER_VERBS with its valence (`menacer` → `menace`, `menaçait`…). */
export const frenchVerbForms = (): [string, number][] =>
  Object.entries(FRENCH_ER_VERBS).flatMap(([infinitive, valence]) => {
    const stem = infinitive.slice(0, -2);
    return ER_ENDINGS.map((ending): [string, number] => [soften(stem, ending) + ending, valence]);
  });

/** French nouns, adjectives, irregular verbs and idioms of news, service, complaints and reviews that Pattern lacks (our own valences). */
export const FRENCH_OPINION_WORDS: Readonly<Record<string, number>> = {
  désastre: -3, désastreux: -3, fiasco: -3, drame: -2.5, dramatique: -2.5, tragédie: -3, tragique: -3,
  fléau: -2.8, fléaux: -2.8, piège: -1.8, corruption: -2.5, fraude: -2.8, violence: -2.8, violences: -2.8,
  guerre: -2.5, décès: -2.3, victime: -2, victimes: -2, pénurie: -2, famine: -2.8, sécheresse: -1.8,
  inondation: -1.8, inondations: -1.8, incendie: -2, incendies: -2, pollué: -2, polluée: -2, toxique: -2.5,
  toxiques: -2.5, nocif: -2.3, nocive: -2.3, nocifs: -2.3, menaces: -2, menacé: -2, menacée: -2,
  menacées: -2, injustice: -2.5, misère: -2.5, pauvreté: -2, chômage: -2, retard: -1.5, retards: -1.5,
  erreur: -1.5, erreurs: -1.5, faute: -1.5, défaut: -1.5, défauts: -1.5, insupportable: -2.8, gâchis: -2.3,
  mépris: -2.3, ennuis: -1.8, angoisse: -2.3, stress: -1.8, douleur: -2.3, souffrance: -2.5, perte: -1.5,
  pertes: -1.5, faillite: -2.3, licenciement: -2, licenciements: -2, dérapage: -1.8, polémique: -1.3,
  inquiétudes: -1.8, dégradation: -2, destruction: -2.5, disparition: -1.5, extinction: -2, déchets: -0.8,
  saleté: -2, sale: -2, sales: -2, accident: -2, accidents: -2, blessé: -2, blessés: -2, tué: -2.8, tués: -2.8,
  succès: 2.5, champion: 2, champions: 2, cadeau: 2, cadeaux: 2, gagnant: 2, gagnants: 2, amour: 2.8,
  amitié: 2.3, fête: 2, sourire: 2, sourires: 2, rire: 1.8, chance: 1.8, qualité: 1.5, avantage: 1.5,
  avantages: 1.5, solution: 1, solutions: 1, innovation: 1.5, innovations: 1.5, innovant: 1.8,
  innovante: 1.8, amélioration: 1.8, confiance: 1.8, bénéfique: 2, bénéfiques: 2, génie: 2.3, trésor: 2.3,
  paradis: 2.5, bravo: 2.8, record: 1.3, exemplaire: 2, prometteur: 2, prometteuse: 2,
  // service and shop reviews
  serviable: 2, serviables: 2, réactif: 1.8, réactive: 1.8, réactifs: 1.8, compétent: 1.8, compétente: 1.8,
  compétents: 1.8, savoureux: 2.5, savoureuse: 2.5, injoignable: -2.5, impoli: -2.5, impolie: -2.5,
  malpoli: -2.5, malpolie: -2.5, irrespectueux: -2.5, irrespectueuse: -2.5, arrogant: -2.3, arrogante: -2.3,
  incompétent: -2.5, incompétente: -2.5, incompétents: -2.5, immonde: -3, moisi: -2.3, moisie: -2.3,
  déconseille: -2.5, déconseillé: -2.3, remboursez: -2, élogieux: 2.5, élogieuse: 2.5, élogieuses: 2.5,
  // `critique` is also the review itself (`les critiques sont bonnes`): weaker than the verb.
  critique: -0.5, critiques: -0.5,
  // customer complaints and praise (orders, deliveries, replies, coming back)
  'jamais reçu': -2.3, 'jamais reçue': -2.3, 'jamais reçus': -2.3, 'jamais reçues': -2.3, 'pas reçu': -2,
  'pas reçue': -2, 'pas reçus': -2, 'rien reçu': -2.3, 'jamais arrivé': -2.3, 'jamais arrivée': -2.3,
  'pas arrivé': -1.8, 'pas arrivée': -1.8, 'aucune réponse': -2.3, 'aucun retour': -2, 'sans réponse': -2,
  'pas de réponse': -2, 'pas de retour': -1.5, 'pas de nouvelles': -1.5, 'toujours rien': -2,
  'plus jamais': -2.5, 'hors de prix': -2.3, 'à la hauteur': 1.8, 'au rendez-vous': 1.5, 'fait le job': 1.5,
  'fait le taf': 1.5, reviendrai: 2, reviendrons: 2, reviendra: 1.5, reviendrais: 1.5, abusif: -2.3,
  abusive: -2.3, abusifs: -2.3,
  // more news words
  déprimant: -2.3, déprimante: -2.3, renoncement: -1.5, renoncements: -1.5, apocalyptique: -2.8,
  épidémie: -2.3, déforestation: -2, dangers: -2, braconnage: -2.5, indécent: -2.3, indécente: -2.3,
  tueur: -2.8, tueurs: -2.8, malheur: -2.5, malheurs: -2.5, nuisible: -2, nuisibles: -2, crime: -2.8,
  crimes: -2.8, urgence: -1.3, chute: -1.5, défaillance: -2, défaillances: -2, compromission: -2,
  sceptique: -0.8, sceptiques: -0.8, cancer: -2, scandales: -2.8,
  performant: 2, performante: 2, performants: 2, performantes: 2, fiable: 1.8, fiables: 1.8,
  positif: 1.8, positive: 1.8, positifs: 1.8, positives: 1.8, efficacité: 1.5, soutien: 1.3, efforts: 1,
  partenariat: 0.8, résilience: 1.3, négatif: -1.8, négative: -1.8, négatifs: -1.8, négatives: -1.8,
  // common forms of verbs outside the `-er` group
  détruire: -2.5, détruit: -2.5, détruite: -2.5, détruits: -2.5, détruites: -2.5, détruisent: -2.5,
  souffrir: -2.3, souffre: -2.3, souffrent: -2.3, souffert: -2.3, mentir: -2.3, ment: -2.3, mentent: -2.3,
  menti: -2.3, craindre: -1.8, crains: -1.8, craint: -1.8, craignent: -1.8, punir: -1.8, puni: -1.8,
  punie: -1.8, punis: -1.8, subir: -1.5, subi: -1.5, subit: -1.5, subissent: -1.5, disparaître: -1.5,
  disparaît: -1.5, disparaissent: -1.5, mourir: -2.5, meurt: -2.5, meurent: -2.5, perdre: -1.5, perd: -1.5,
  perdent: -1.5, réussir: 2, réussit: 2, réussissent: 2, séduire: 2, séduit: 2, séduite: 2, séduits: 2,
  soutenu: 1, soutient: 1, ravir: 2.3, réjouir: 2.3, réjouit: 2.3, réjouis: 2.3, réjouissant: 2.3,
  // opinions on books, films, products (general French usage)
  lassant: -2, lassante: -2, lassants: -2, répétitif: -1.5, répétitive: -1.5, prévisible: -1.3,
  prévisibles: -1.3, indigeste: -2.3, longueurs: -1.5, soporifique: -2.5, barbant: -2.3, barbante: -2.3,
  bâclé: -2.5, bâclée: -2.5, bâclés: -2.5, superficiel: -1.5, superficielle: -1.5, fastidieux: -2,
  fastidieuse: -2, laborieux: -1.5, poussif: -1.8, navrant: -2.5, navrante: -2.5, affligeant: -2.8,
  affligeante: -2.8, consternant: -2.5, insipide: -2, insipides: -2, 'sans intérêt': -2.3,
  'aucun intérêt': -2.5, "peu d intérêt": -1.8, 'perte de temps': -2.8, 'attendais mieux': -1.8,
  'attendais plus': -1.5, 'tombe des mains': -2.5, 'à oublier': -2.3, 'sans saveur': -2,
  prenant: 2, prenante: 2, bouleversant: 2.5, bouleversante: 2.5, incontournable: 2.3, palpitant: 2.5,
  palpitante: 2.5, haletant: 2.3, haletante: 2.3, hilarant: 2.5, hilarante: 2.5, poignant: 2,
  poignante: 2, "chef d œuvre": 3, "chef d oeuvre": 3, 'à lire absolument': 2.5, 'à conseiller': 2,
  'à dévorer': 2.3,
};
