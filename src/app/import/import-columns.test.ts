import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessColumns, peopleColumnNames, postColumnNames } from '../../core/import-columns.ts';
import { postImportFields, peopleImportFields } from '../../core/api/imports.ts';
import { resolveMapping } from './mapping.ts';
import { resolvePeopleMapping } from './people-mapping.ts';

test('a French header of posts is understood without a mapping, by the server as by the dialog', () => {
  const columns = ['Identifiant', ' Texte ', 'Auteur', 'Date de publication', 'Lien', 'Réseau', 'Titre'];
  const expected = { id: 'Identifiant', text: ' Texte ', author: 'Auteur', date: 'Date de publication', url: 'Lien', network: 'Réseau', title: 'Titre' };
  assert.deepEqual(guessColumns(postImportFields, postColumnNames, columns), expected);
  assert.deepEqual(resolveMapping(columns, {}), expected);
});

test('the most telling name wins, a column serves one field, and a given mapping is kept', () => {
  // `name` could be the author, but `pseudo` says it better; `texte` is the text, not `commentaire`.
  assert.deepEqual(guessColumns(postImportFields, postColumnNames, ['commentaire', 'texte', 'name', 'pseudo']), { text: 'texte', author: 'pseudo' });
  // The text column given by the user is not guessed again for another field.
  assert.deepEqual(resolveMapping(['message', 'auteur'], { text: 'auteur' }), { text: 'auteur' });
  assert.deepEqual(guessColumns(postImportFields, postColumnNames, ['x', 'y']), {});
});

test('a French header of people is understood too', () => {
  const columns = ['Nom', 'Courriel', 'Rôle', 'Étiquettes', 'Remarques', 'Mastodon', 'Site web'];
  const guessed = guessColumns(peopleImportFields, peopleColumnNames, columns);
  assert.deepEqual(guessed, { name: 'Nom', roles: 'Rôle', tags: 'Étiquettes', notes: 'Remarques', mastodon: 'Mastodon', email: 'Courriel', web: 'Site web' });
  assert.deepEqual(resolvePeopleMapping(columns, {}), guessed);
});
