import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessMapping, guessPeopleMapping, importColumns, importFormatOf } from './import-columns.ts';

test('format from the file name, else from the first character', () => {
  assert.equal(importFormatOf('avis.CSV', '[1]'), 'csv');
  assert.equal(importFormatOf('posts.json', 'a,b'), 'json');
  assert.equal(importFormatOf('export', '  [{"a":1}]'), 'json');
  assert.equal(importFormatOf('export', 'texte;auteur'), 'csv');
});

test('CSV header: quotes, semicolons, BOM, a quoted newline', () => {
  assert.deepEqual(importColumns('csv', 'text,author,date\nbonjour,léa,2026-01-01\n'), ['text', 'author', 'date']);
  assert.deepEqual(importColumns('csv', '\uFEFFtexte;"auteur, nom";date\r\nx;y;z'), ['texte', 'auteur, nom', 'date']);
  assert.deepEqual(importColumns('csv', '"a ""b""","c\nd",e\n1,2,3'), ['a "b"', 'c\nd', 'e']);
});

test('JSON keys in first-seen order; invalid JSON gives no column', () => {
  assert.deepEqual(importColumns('json', '[{"text":"a","date":"x"},{"author":"b","text":"c"}]'), ['text', 'date', 'author']);
  assert.deepEqual(importColumns('json', '{"items":[{"body":"a"}]}'), ['body']);
  assert.deepEqual(importColumns('json', '[{"text":'), []);
});

test('only the start of a big file: an array cut in the middle, or JSON Lines', () => {
  assert.deepEqual(importColumns('json', '[{"text":"a","date":"x"},\n{"author":"b","text":"c"},\n{"url":"ht'), ['text', 'date', 'author']);
  assert.deepEqual(importColumns('json', '{"text":"a"}\n{"author":"b"}\n{"url":"ht'), ['text', 'author']);
});

test('mapping guessed from usual column names, unknown ones left out', () => {
  assert.deepEqual(guessMapping(['Texte', 'Auteur', 'created_at', 'lien', 'note']), { text: 'Texte', author: 'Auteur', date: 'created_at', url: 'lien' });
  assert.deepEqual(guessMapping(['x', 'y']), {});
});

test('a file of people: its columns mapped from usual names, French ones too, each column once', () => {
  assert.deepEqual(guessPeopleMapping(['Nom', 'Mastodon', 'Courriel', 'Rôle', 'Étiquettes', 'Autre']), {
    name: 'Nom',
    mastodon: 'Mastodon',
    email: 'Courriel',
    roles: 'Rôle',
    tags: 'Étiquettes',
  });
  assert.deepEqual(guessPeopleMapping(['display_name', 'bsky', 'website', 'notes']), { name: 'display_name', bluesky: 'bsky', web: 'website', notes: 'notes' });
  assert.deepEqual(guessPeopleMapping(['texte', 'date']), {});
});
