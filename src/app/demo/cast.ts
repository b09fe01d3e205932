import type { MentionAuthor } from '../../core/mention.ts';

/**
 * The people of the Coupe-Chou demo. They recur across mentions so that
 * people, relationships and relays have something to show. All invented;
 * hosts use the reserved `.example` names so no link points at a real account.
 */
export const cast = {
  nicolas: { handle: '@nicolas@piaille.example', name: 'Nicolas — Coupe-Chou', url: 'https://piaille.example/@nicolas' },
  brand: { handle: '@coupechou@piaille.example', name: 'Coupe-Chou', url: 'https://piaille.example/@coupechou' },
  // The brand and Julien post on Mastodon and on Bluesky: one account per network, as mentions carry them.
  // Bluesky accounts have a DID too (invented, like their handles): their mentions are stored by DID
  // and shown by handle through the identity cache, as every Bluesky mention is (ADR 0280).
  brandBsky: { handle: 'coupechou.bsky.example', did: 'did:plc:demo7coupechou2bskyaaaaa', name: 'Coupe-Chou', url: 'https://bsky.example/profile/coupechou.bsky.example' },
  julien: { handle: '@julien_barbu@piaille.example', name: 'Julien Barbu', url: 'https://piaille.example/@julien_barbu' },
  julienBsky: { handle: 'julien-barbu.bsky.example', did: 'did:plc:demo7julienbarbu2bskyaaa', name: 'Julien Barbu', url: 'https://bsky.example/profile/julien-barbu.bsky.example' },
  camille: { handle: 'camille-rase.bsky.example', did: 'did:plc:demo7camillerase2bskyaaa', name: 'Camille', url: 'https://bsky.example/profile/camille-rase.bsky.example' },
  sam: { handle: '@sam_shaves@toot.example', name: 'Sam Whitaker', url: 'https://toot.example/@sam_shaves' },
  karim: { handle: '@karim@barbiers.example', name: 'Karim — Barbier Le Figaro, Lyon', url: 'https://barbiers.example/@karim' },
  marc: { handle: 'marc-l.bsky.example', did: 'did:plc:demo7marcl2bskyaaaaaaaaa', name: 'Marc L.', url: 'https://bsky.example/profile/marc-l.bsky.example' },
  helene: { handle: 'Hélène Dubois', name: 'Hélène Dubois', url: 'https://blog-du-rasage.example/a-propos' },
  weekly: { handle: 'Tom Hargreaves', name: 'Tom Hargreaves', url: 'https://wetshaving-weekly.example/about' },
  lea: { handle: '@lea_tisse@piaille.example', name: 'Léa — atelier textile', url: 'https://piaille.example/@lea_tisse' },
  mousse: { handle: '@atelier_mousse@savons.example', name: "L'Atelier Mousse", url: 'https://savons.example/@atelier_mousse' },
  hnNico: { handle: 'nicolas_cc', name: 'nicolas_cc', url: 'https://news.ycombinator.example/user?id=nicolas_cc' },
  hnDev: { handle: 'pgtuner', name: 'pgtuner', url: 'https://news.ycombinator.example/user?id=pgtuner' },
  hnSkeptic: { handle: 'throwaway_fin', name: 'throwaway_fin', url: 'https://news.ycombinator.example/user?id=throwaway_fin' },
  lather: { handle: 'u/latherlord', name: 'latherlord', url: 'https://reddit.example/user/latherlord' },
  straight: { handle: 'u/straight_razor_rita', name: 'straight_razor_rita', url: 'https://reddit.example/user/straight_razor_rita' },
  yasmine: { handle: '@yasmine@toot.example', name: 'Yasmine B.', url: 'https://toot.example/@yasmine' },
  paul: { handle: 'paul-barbe.bsky.example', did: 'did:plc:demo7paulbarbe2bskyaaaaa', name: 'Paul', url: 'https://bsky.example/profile/paul-barbe.bsky.example' },
  royale: { handle: '@barberoyale@piaille.example', name: 'Barbe Royale', url: 'https://piaille.example/@barberoyale' },
  journalist: { handle: '@claire_eco@presse.example', name: 'Claire Martin, journaliste éco', url: 'https://presse.example/@claire_eco' },
  antan: { handle: '@rasoirdantan@piaille.example', name: "Le Rasoir d'Antan", url: 'https://piaille.example/@rasoirdantan' },
  gerard: { handle: '@gerard_v@piaille.example', name: 'Gérard Vidal', url: 'https://piaille.example/@gerard_v' },
  amandine: { handle: 'amandine-b.bsky.example', did: 'did:plc:demo7amandineb2bskyaaaa', name: 'Amandine', url: 'https://bsky.example/profile/amandine-b.bsky.example' },
  diego: { handle: '@diego@toot.example', name: 'Diego Ferrer', url: 'https://toot.example/@diego' },
  bristle: { handle: 'u/bristle_and_blade', name: 'bristle_and_blade', url: 'https://reddit.example/user/bristle_and_blade' },
} as const satisfies Record<string, MentionAuthor>;

export type CastKey = keyof typeof cast;
