import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreRules } from './rules.ts';

const compound = (text: string, lang: string): number => scoreRules(text, lang).compound;

test('negation flips the valence, before the word or (informal French) right after it', () => {
  const cases: [string, string][] = [
    ["C'est bien", "Ce n'est pas bien"],
    ["J'aime", "Je n'aime pas"],
    ["J'aime", "J'aime pas"],
    ['Il est content', "Il n'est plus content"],
    ['Il est content', "Il n'est jamais content"],
    ['It is good', 'It is not good'],
    ['I like it', "I don't like it"],
    ['I like it', 'I never like it'],
  ];
  for (const [plain, negated] of cases) {
    const lang = /^(It|I )/u.test(plain) ? 'en' : 'fr';
    assert.ok(compound(plain, lang) > 0, plain);
    assert.ok(compound(negated, lang) < 0, `${negated}: ${compound(negated, lang)}`);
  }
});

test('a postposed "pas" belongs to the word after it when that word carries sentiment', () => {
  assert.ok(compound("C'est bien pas cher", 'fr') > 0);
  assert.ok(compound('Bien et pas cher', 'fr') > 0);
  assert.ok(compound("J'aime pas ça", 'fr') < 0);
});

test('idioms that hold a negation keep their own sense', () => {
  assert.ok(compound("Ce n'est pas terrible", 'fr') < 0);
  assert.ok(compound('pas mal du tout', 'fr') > 0);
  assert.ok(compound('not bad at all', 'en') > 0);
  assert.ok(compound('Bof, sans plus', 'fr') < 0);
  assert.ok(compound("C'est pas ouf", 'fr') < 0);
  assert.ok(compound('Rien à redire', 'fr') > 0);
  assert.ok(compound('Aucun souci', 'fr') > 0);
  assert.ok(compound('Not worth it', 'en') < 0);
});

test('a negation does not reach across punctuation or a contrast, nor flip an emoji', () => {
  assert.ok(compound('Pas de souci, super accueil', 'fr') > 0);
  assert.ok(compound('Colis toujours pas arrivé 😡', 'fr') < 0);
  assert.ok(compound("I don't know, but it's great", 'en') > 0);
});

test('"jamais aussi" and "never so" intensify instead of negating', () => {
  assert.ok(compound("Je n'ai jamais été aussi heureux", 'fr') > compound('Je suis heureux', 'fr'));
  assert.ok(compound('I have never been so happy', 'en') > compound('I am happy', 'en'));
});

test('after a contrast the clause weighs more, within its sentence only', () => {
  assert.ok(compound("L'accueil est sympa mais la cuisine est mauvaise", 'fr') < 0);
  assert.ok(compound("La cuisine est mauvaise mais l'accueil est sympa", 'fr') > 0);
  assert.ok(compound('Good food but terrible service', 'en') < 0);
  assert.ok(compound('Terrible service however good food', 'en') > 0);
  // The contrast of the first sentence does not halve the second one.
  const a = compound('Bien mais cher. Excellent.', 'fr');
  const b = compound('Bien mais cher.', 'fr');
  assert.ok(a > b);
});

test('slang: top, nul, bof, de ouf, grave, mdr, lol', () => {
  assert.ok(compound('top', 'fr') > 0);
  assert.ok(compound('nul', 'fr') < 0);
  assert.ok(compound('bof', 'fr') < 0);
  assert.ok(compound('de ouf', 'fr') > 0);
  assert.ok(compound('génial de ouf', 'fr') > compound('génial', 'fr'));
  assert.ok(compound("c'est grave", 'fr') < 0);
  assert.ok(compound('grave bien', 'fr') > compound('bien', 'fr'));
  assert.ok(compound('mdr', 'fr') > 0);
  assert.ok(compound('lol', 'en') > 0);
  assert.ok(compound('arnaque', 'fr') < compound('déçu', 'fr'));
});

test('accents may be missing', () => {
  assert.equal(compound('decu', 'fr'), compound('déçu', 'fr'));
  assert.equal(compound('genial', 'fr'), compound('génial', 'fr'));
});

test('upper case is emphasis only against lower case', () => {
  assert.ok(compound('le service est NUL', 'fr') < compound('le service est nul', 'fr'));
  assert.equal(compound('LE SERVICE EST NUL', 'fr'), compound('le service est nul', 'fr'));
});

test('emoticons and emoji count in both languages', () => {
  for (const lang of ['fr', 'en']) {
    assert.ok(compound(':)', lang) > 0);
    assert.ok(compound(':-(', lang) < 0);
    assert.ok(compound('😍', lang) > 0);
    assert.ok(compound('🤬', lang) < 0);
    assert.ok(compound('<3', lang) > 0);
  }
});

const stronger: [lang: string, weak: string, strong: string][] = [
  ['fr', "C'est bien", "C'est très bien"],
  ['fr', "C'est bien", "C'est bien !!!"],
  ['fr', 'Je suis un peu déçu', 'Je suis vraiment déçu'],
  ['fr', 'génial', 'géniaaaal'],
  ['en', 'It is good', 'It is very good'],
  ['en', 'It is good', 'It is GOOD and nice'],
  ['en', 'slightly disappointing', 'disappointing'],
];

// The model's share of the score follows the training tweets; intensity is the rules' job.
test('intensifiers, exclamation, elongation and upper case strengthen; diminishers weaken', async (t) => {
  for (const [lang, weak, strong] of stronger) {
    await t.test(`${weak} < ${strong}`, () => {
      const a = Math.abs(compound(weak, lang));
      const b = Math.abs(compound(strong, lang));
      assert.ok(b > a, `${a} should be below ${b}`);
    });
  }
});

test('no sentiment word, no score', () => {
  assert.equal(compound('La boutique ouvre à neuf heures.', 'fr'), 0);
  assert.equal(compound('', 'en'), 0);
  assert.equal(scoreRules('', 'en').hits, 0);
});

test('French verbs carry their sentiment in all their common forms, and negation still flips them', () => {
  for (const text of ['Ils gaspillent tout', 'Les forêts sont menacées', 'On a été arnaqués', "J'ai raté mon train", 'Il nous a méprisés']) {
    assert.ok(compound(text, 'fr') < 0, `${text}: ${compound(text, 'fr')}`);
  }
  for (const text of ['Je vous remercie', 'Nous avons apprécié', 'Nous apprécions votre aide', 'Ce fut un succès']) {
    assert.ok(compound(text, 'fr') > 0, `${text}: ${compound(text, 'fr')}`);
  }
  assert.ok(compound("Nous n'avons pas apprécié", 'fr') < 0);
  // `-ger` and `-cer` verbs keep their soft sound: protégeons, menaçait.
  assert.ok(compound('Protégeons la forêt', 'fr') > 0);
  assert.ok(compound('Elle protège la forêt', 'fr') > 0);
  assert.ok(compound('Ce retard nous inquiète', 'fr') < 0);
  assert.ok(compound('La crue menaçait le village', 'fr') < 0);
  assert.ok(compound('Et ça recommence, encore en panne', 'fr') < 0);
  assert.ok(compound("Ce n'est pas un succès", 'fr') < 0);
});

test('service vocabulary of shop reviews', () => {
  assert.ok(compound('Vendeur serviable et réactif', 'fr') > 0);
  assert.ok(compound('Personnel impoli, magasin injoignable', 'fr') < 0);
  assert.ok(compound('Je déconseille cette boutique', 'fr') < 0);
  assert.ok(compound('Pas du tout incompétent, au contraire', 'fr') > 0);
});

test("English idioms whose negation is not one: can't wait, can't stand", () => {
  assert.ok(compound("I can't wait to see you", 'en') > 0);
  assert.ok(compound('cant wait for tomorrow', 'en') > 0);
  assert.ok(compound("I can't stand this queue", 'en') < 0);
  assert.ok(compound("I can't like it", 'en') < 0);
});

test('French review idioms, including those that hold a negation', () => {
  assert.ok(compound("Un vrai chef-d'œuvre", 'fr') > 0);
  assert.ok(compound("Je n'ai trouvé aucun intérêt à ce livre", 'fr') < 0);
  assert.ok(compound("Livre sans intérêt, une perte de temps", 'fr') < 0);
  assert.ok(compound("J'attendais mieux de cet auteur", 'fr') < 0);
  assert.ok(compound('Un roman palpitant, à lire absolument', 'fr') > 0);
  assert.ok(compound("Ce n'est pas lassant du tout", 'fr') > 0);
});

test('French adverbs of manner take the valence of their adjective; modifier adverbs stay modifiers', () => {
  assert.ok(compound('Magnifiquement écrit', 'fr') > 0);
  assert.ok(compound('Nous avons été reçus tristement', 'fr') < 0);
  assert.ok(compound('Servi poliment et rapidement', 'fr') > 0);
  assert.ok(compound('complètement nul', 'fr') < compound('nul', 'fr'));
  assert.equal(compound('complètement', 'fr'), 0);
});

test('customer complaints and praise: orders never received, no reply, never again, coming back', () => {
  for (const text of ['Commande jamais reçue', "Je n'ai jamais reçu ma commande", 'Toujours rien reçu', 'Colis pas arrivé',
    'Aucune réponse du service client', 'Pas de réponse à mes mails', 'Plus jamais chez eux', "Je n'irai plus jamais",
    "Hors de prix pour ce que c'est", "Ce n'est pas à la hauteur", 'Prix abusif', 'Je ne reviendrai pas']) {
    assert.ok(compound(text, 'fr') < 0, `${text}: ${compound(text, 'fr')}`);
  }
  for (const text of ['Service à la hauteur', 'Qualité au rendez-vous', 'Ça fait le job', 'Nous reviendrons !']) {
    assert.ok(compound(text, 'fr') > 0, `${text}: ${compound(text, 'fr')}`);
  }
});

test('English customer complaints and praise', () => {
  for (const text of ['My parcel never arrived', 'Order never received', 'No response to my emails', 'Never again', 'They never answered', 'Overpriced for what it is']) {
    assert.ok(compound(text, 'en') < 0, `${text}: ${compound(text, 'en')}`);
  }
  for (const text of ['We will be back!', "We'll be back"]) assert.ok(compound(text, 'en') > 0, text);
});
