/**
 * Query error messages in French and English, written for someone who is not a
 * programmer: what is wrong, and how to write it instead.
 */
import type { QueryError, QueryErrorCode } from './errors.ts';

export type Locale = 'fr' | 'en';
type Params = Readonly<Record<string, string | number>>;
type Render = (p: Params) => string;

const fr: Record<QueryErrorCode, Render> = {
  'empty-query': () => 'La requête est vide : écrivez au moins un mot à chercher.',
  'query-too-long': (p) => `La requête est trop longue (${p.length} caractères, ${p.max} au plus) : découpez-la en plusieurs requêtes.`,
  'too-deep': (p) => `Trop de parenthèses ou de NOT imbriqués (${p.max} niveaux au plus) : simplifiez la requête.`,
  'too-many-terms': (p) => `Trop de termes dans une seule requête (${p.max} au plus) : découpez-la en plusieurs requêtes.`,
  'unclosed-parenthesis': () => 'Cette parenthèse ouvrante n’est jamais fermée : ajoutez « ) » à la fin du groupe.',
  'unexpected-closing-parenthesis': () => 'Cette parenthèse fermante ne correspond à aucune parenthèse ouvrante : retirez-la ou ajoutez « ( » avant.',
  'empty-group': () => 'Les parenthèses sont vides : mettez au moins un mot entre « ( » et « ) ».',
  'unterminated-quote': () => 'Ce guillemet n’est jamais fermé : ajoutez un « " » à la fin de l’expression.',
  'dangling-operator': (p) => `« ${p.operator} » doit être placé entre deux termes${p.operator === 'NOT' || p.operator === '-' ? ' ou devant un terme' : ''} : il manque un mot ${p.operator === 'NOT' || p.operator === '-' ? 'après' : 'de chaque côté'}.`,
  'unknown-field': (p) => `Le champ « ${p.field}: » n’existe pas. Champs possibles : lang:, source:, author:, site:. Pour chercher ce texte tel quel, mettez-le entre guillemets.`,
  'missing-field-value': (p) => `Il manque une valeur après « ${p.field}: » (par exemple ${p.example}).`,
  'bad-field-value': (p) => `« ${p.value} » n’est pas une valeur possible pour « ${p.field}: » (attendu : ${p.expected}).`,
  'prefix-too-short': (p) => `Un mot suivi de * doit avoir au moins ${p.min} lettres (ici « ${p.value} ») : sinon il trouverait presque tout.`,
  'misplaced-wildcard': () => 'L’étoile * ne s’emploie qu’à la fin d’un seul mot, comme atelier* (pas dans un hashtag, une mention ou au milieu d’un mot).',
  'bad-hashtag': (p) => `« ${p.value} » n’est pas un hashtag : après # viennent des lettres, des chiffres ou _, sans espace.`,
  'bad-mention': (p) => `« ${p.value} » n’est pas une mention : écrivez @nom ou @nom@serveur.`,
  'no-letters': (p) => `« ${p.value} » ne contient ni lettre ni chiffre : il ne peut rien trouver.`,
  'no-positive-term': () => 'Cette partie de la requête ne dit que ce qu’il ne faut pas trouver : elle trouverait presque tous les messages. Ajoutez un mot à chercher, par exemple « atelier -emploi ».',
};

const en: Record<QueryErrorCode, Render> = {
  'empty-query': () => 'The query is empty: write at least one word to look for.',
  'query-too-long': (p) => `The query is too long (${p.length} characters, at most ${p.max}): split it into several queries.`,
  'too-deep': (p) => `Too many nested parentheses or NOTs (at most ${p.max} levels): simplify the query.`,
  'too-many-terms': (p) => `Too many terms in one query (at most ${p.max}): split it into several queries.`,
  'unclosed-parenthesis': () => 'This opening parenthesis is never closed: add ")" at the end of the group.',
  'unexpected-closing-parenthesis': () => 'This closing parenthesis has no matching opening one: remove it or add "(" before.',
  'empty-group': () => 'The parentheses are empty: put at least one word between "(" and ")".',
  'unterminated-quote': () => 'This quotation mark is never closed: add a closing " at the end of the phrase.',
  'dangling-operator': (p) => `"${p.operator}" must stand between two terms${p.operator === 'NOT' || p.operator === '-' ? ' or before a term' : ''}: a word is missing ${p.operator === 'NOT' || p.operator === '-' ? 'after it' : 'on one side'}.`,
  'unknown-field': (p) => `There is no field "${p.field}:". Fields are lang:, source:, author:, site:. To search for this text as written, put it in quotation marks.`,
  'missing-field-value': (p) => `A value is missing after "${p.field}:" (for example ${p.example}).`,
  'bad-field-value': (p) => `"${p.value}" is not a possible value of "${p.field}:" (expected: ${p.expected}).`,
  'prefix-too-short': (p) => `A word followed by * needs at least ${p.min} letters (here "${p.value}"): otherwise it would find almost everything.`,
  'misplaced-wildcard': () => 'The star * only goes at the end of a single word, like atelier* (not in a hashtag, a mention or inside a word).',
  'bad-hashtag': (p) => `"${p.value}" is not a hashtag: # is followed by letters, digits or _, without spaces.`,
  'bad-mention': (p) => `"${p.value}" is not a mention: write @name or @name@server.`,
  'no-letters': (p) => `"${p.value}" has no letter or digit: it cannot find anything.`,
  'no-positive-term': () => 'This part of the query only says what to leave out: it would find almost every post. Add a word to look for, for example "atelier -job".',
};

const catalogs: Record<Locale, Record<QueryErrorCode, Render>> = { fr, en };

/** The message alone. */
export const queryErrorMessage = (error: QueryError, locale: Locale): string => catalogs[locale][error.code](error.params);

/** The message with its position, as shown beside a query. */
export const formatQueryError = (error: QueryError, locale: Locale): string =>
  locale === 'fr'
    ? `colonne ${error.column} (position ${error.offset}) : ${queryErrorMessage(error, locale)}`
    : `column ${error.column} (offset ${error.offset}): ${queryErrorMessage(error, locale)}`;
