import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../i18n/messages.en.ts';
import { fr } from '../../i18n/messages.fr.ts';
import { translate, type MessageKey, type Messages, type Vars } from '../../i18n/translate.ts';
import { settingsText } from './source-settings.ts';

const tIn = (m: Messages) => (key: MessageKey, vars?: Vars) => translate(m, key, vars);

test('a source’s settings are named in the reader’s language; what the user typed is shown as typed', () => {
  const hashtag = { mode: 'hashtag', hashtag: 'rasage' };
  assert.equal(settingsText(hashtag, tIn(fr)), 'Mode : hashtag · Hashtag : rasage');
  assert.equal(settingsText(hashtag, tIn(en)), 'Mode: hashtag · Hashtag: rasage');
  assert.equal(settingsText({ mode: 'search', q: 'coupe-chou' }, tIn(fr)), 'Mode : recherche · Recherche : coupe-chou');
  assert.equal(settingsText({ mode: 'firehose' }, tIn(fr)), 'Mode : tout le réseau en direct');
  assert.equal(settingsText({ mode: 'firehose' }, tIn(en)), 'Mode: the whole network, live');
  const notifications = { mode: 'notifications', accessToken: { set: true }, types: ['mention', 'reblog'] };
  assert.equal(settingsText(notifications, tIn(fr)), 'Mode : notifications · Jeton d’accès : jeton enregistré (chiffré) · Types : mentions, partages');
  assert.equal(settingsText({ hashtags: ['rasage', 'barbe'] }, tIn(en)), 'Hashtags: rasage, barbe');
  // A setting of a newer server keeps its own name rather than disappearing.
  assert.equal(settingsText({ shiny: 'x' }, tIn(fr)), 'shiny : x');
});
