import type { PersonNetwork, PersonRole } from '../../core/person.ts';
import { cast } from './cast.ts';

export interface DemoPerson {
  readonly displayName: string;
  /** As a contacts file would give them; stored in the form mentions carry (normaliseHandle). */
  readonly handles: readonly (readonly [PersonNetwork, string])[];
  readonly roles: readonly PersonRole[];
  readonly tags: readonly string[];
  readonly profileUrl?: string;
  readonly bio?: string;
  /** What the team keeps about the person: the history that matters, and what to do next. */
  readonly notes: string;
}

/**
 * The people Coupe-Chou knows, as the founder would have imported them after the wave: the
 * authors of the demo's mentions (their handles are the mentions' authors, so each card points
 * at what the person said), with their roles, tags and the team's notes.
 */
export const demoPeople: readonly DemoPerson[] = [
  {
    displayName: 'Julien Barbu',
    handles: [['mastodon', cast.julien.handle], ['bluesky', cast.julienBsky.handle]],
    roles: ['customer', 'relay'],
    tags: ['huile à barbe', 'rasoir droit', 'fidèle'],
    profileUrl: cast.julien.url,
    notes: "Client depuis l'huile cèdre-vétiver. Premier à commander et à relayer l'appel. Flacon à pipette défectueuse remplacé. A suggéré un mini flacon d'huile dans le coffret de Noël.",
  },
  {
    displayName: 'Camille',
    handles: [['bluesky', cast.camille.handle]],
    roles: ['customer', 'relay'],
    tags: ['débutante', 'rasoir Premier Pas'],
    profileUrl: cast.camille.url,
    notes: 'A débuté au rasoir Premier Pas avec notre tuto. Recommande spontanément nos produits aux débutants sur Bluesky. Voulait le coffret de Noël : la prévenir du réassort.',
  },
  {
    displayName: 'Karim — Barbier Le Figaro',
    handles: [['mastodon', cast.karim.handle], ['web', 'https://barbiers.example/le-figaro-lyon']],
    roles: ['partner', 'relay'],
    tags: ['barbier', 'lyon', 'format pro'],
    profileUrl: cast.karim.url,
    bio: 'Barbier à Lyon, formations au rasage au coupe-chou le samedi.',
    notes: "A commandé le stock de savon de l'année pour le salon pendant l'appel et mobilisé les barbiers de Lyon. Premier servi pour le format pro de 1 kg en janvier. Idée : une carte des barbiers partenaires dans le coffret.",
  },
  {
    displayName: 'Claire Martin',
    handles: [['mastodon', cast.journalist.handle], ['email', 'claire.martin@presse.example']],
    roles: ['press'],
    tags: ['économie', 'TPE'],
    profileUrl: cast.journalist.url,
    bio: 'Journaliste économie, PME et commerce indépendant.',
    notes: "Article sur les comptes bancaires fermés aux TPE, avec le témoignage de Nicolas. Prépare un sujet sur les petites marques face à la ruée de Noël : lui répondre vite, elle cherche des témoignages.",
  },
  {
    displayName: 'Hélène Dubois',
    handles: [['web', 'https://blog-du-rasage.example/'], ['email', 'helene@blog-du-rasage.example']],
    roles: ['leader'],
    tags: ['blog', 'tests produits', 'comparatifs'],
    profileUrl: cast.helene.url,
    bio: 'Le Blog du Rasage : tests, comparatifs et conseils pour débuter.',
    notes: "Test du savon : 4,5/5 (le pot en verre trop lourd en voyage). Baumes : ex aequo avec Le Rasoir d'Antan. A raconté la vague de solidarité. Nicolas l'a présentée à Léa.",
  },
  {
    displayName: 'Tom Hargreaves',
    handles: [['web', 'https://wetshaving-weekly.example/'], ['email', 'tom@wetshaving-weekly.example']],
    roles: ['press'],
    tags: ['newsletter', 'anglophone'],
    profileUrl: cast.weekly.url,
    bio: 'Editor of Wet Shaving Weekly, a newsletter on European soap makers.',
    notes: "Nous compare chaque mois à Barbe Royale et au Rasoir d'Antan. A écrit « relays, not reach » sur la vague. Lui envoyer le savon en collaboration avec l'Atelier Mousse au printemps.",
  },
  {
    displayName: 'Léa — atelier textile',
    handles: [['mastodon', cast.lea.handle]],
    roles: ['relay'],
    tags: ['artisanat', 'slow fashion', 'lyon'],
    profileUrl: cast.lea.url,
    notes: "Ne se rase pas, a relayé l'appel auprès de sa communauté. Veut écrire à la sienne plutôt que payer des pubs : café prévu avec Nicolas, présentée à Hélène.",
  },
  {
    displayName: "L'Atelier Mousse",
    handles: [['mastodon', cast.mousse.handle]],
    roles: ['partner'],
    tags: ['savonnerie', 'collaboration', 'artisanat'],
    profileUrl: cast.mousse.url,
    notes: "Rencontrés au salon des artisans de Lyon. Savon en collaboration pour le printemps (argile verte, romarin) : verdict du lot d'essai après la cure. A reversé 10 % de ses ventes d'un week-end pendant l'appel. Propose un coffret commun l'an prochain.",
  },
  {
    displayName: 'Sam Whitaker',
    handles: [['mastodon', cast.sam.handle]],
    roles: ['customer', 'relay'],
    tags: ['Royaume-Uni', 'wet shaving'],
    profileUrl: cast.sam.url,
    notes: "Client à Leeds, nous fait connaître aux anglophones. Les frais d'import au Royaume-Uni le freinent. Colis en retard pendant la vague, reçu avec un mot manuscrit : ravi.",
  },
  {
    displayName: 'Marc L.',
    handles: [['bluesky', cast.marc.handle]],
    roles: ['customer'],
    tags: ['étudiant', 'prix', 'recharge'],
    profileUrl: cast.marc.url,
    notes: 'Commande en retard de 9 jours pendant la vague ; excuses, suivi et échantillon : avis positif ensuite. Trouve le pot à 24 € cher et demande une recharge sans pot en verre : le prévenir quand elle existera.',
  },
  {
    displayName: 'Yasmine B.',
    handles: [['mastodon', cast.yasmine.handle]],
    roles: ['customer'],
    tags: ['cadeau', 'huile à barbe'],
    profileUrl: cast.yasmine.url,
    notes: "Achète pour son frère (huile à barbe, puis le savon pour Noël). Voulait le coffret : la prévenir du réassort.",
  },
  {
    displayName: 'Paul',
    handles: [['bluesky', cast.paul.handle]],
    roles: ['customer'],
    tags: ['baume', 'ancien client Barbe Royale'],
    profileUrl: cast.paul.url,
    notes: "Déçu par le baume de Barbe Royale, a adopté le nôtre après le conseil de Camille.",
  },
  {
    displayName: 'straight_razor_rita',
    handles: [['reddit', cast.straight.handle]],
    roles: ['relay', 'leader'],
    tags: ['r/wicked_edge', 'anglophone'],
    profileUrl: cast.straight.url,
    notes: "Écoutée sur r/wicked_edge. Son fil « PSA » pendant l'appel a fait 530 votes et beaucoup de commandes des États-Unis. Attend le prix du format pro.",
  },
  {
    displayName: 'Barbe Royale',
    handles: [['mastodon', cast.royale.handle]],
    roles: ['competitor'],
    tags: ['crème à raser', 'prix en hausse'],
    profileUrl: cast.royale.url,
    notes: "Concurrent historique, ton cordial (message de soutien pendant l'appel). Prix +15 % cette année puis -20 % un week-end ; baume jugé trop alcoolisé par plusieurs clients.",
  },
  {
    displayName: "Le Rasoir d'Antan",
    handles: [['mastodon', cast.antan.handle]],
    roles: ['competitor'],
    tags: ['rasoirs anciens', 'restauration', 'baumes'],
    profileUrl: cast.antan.url,
    notes: "Restauration de rasoirs droits et ateliers d'affûtage : plus complémentaire que concurrent. Baisse ses baumes de 10 % en janvier.",
  },
];
