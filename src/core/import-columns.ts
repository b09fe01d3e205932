/**
 * Which column of an imported file gives which field, guessed from its name. Pure and without
 * dependencies: the server (app/import) and the web import dialog share it.
 */

/**
 * Usual column names of each field, most telling first, in French and English (compared
 * lower-cased and trimmed). The server completes a mapping with them (app/import) and the web
 * dialog proposes the same first mapping, so a file with a `texte;auteur;date` header imports
 * the same way through the API, the command line and the dialog.
 */
export const postColumnNames: Readonly<Record<string, readonly string[]>> = {
  text: ['text', 'texte', 'body', 'content', 'contenu', 'message', 'post', 'publication', 'tweet', 'full_text', 'comment', 'commentaire', 'review', 'avis', 'description'],
  author: ['author', 'auteur', 'auteure', 'autrice', 'user', 'username', 'utilisateur', 'handle', 'pseudo', 'screen_name', 'account', 'compte', 'from', 'name', 'nom'],
  date: ['date', 'created_at', 'createdat', 'published', 'published_at', 'publishedat', 'publié le', 'date de publication', 'timestamp', 'time', 'datetime'],
  url: ['url', 'link', 'lien', 'permalink', 'uri'],
  id: ['id', 'post_id', 'status_id', 'guid', 'tweet_id', 'identifier', 'identifiant', 'uid'],
  network: ['network', 'réseau', 'reseau', 'source', 'platform', 'plateforme'],
  title: ['title', 'titre', 'subject', 'sujet', 'headline'],
};

export const peopleColumnNames: Readonly<Record<string, readonly string[]>> = {
  name: ['name', 'display_name', 'displayname', 'full_name', 'fullname', 'nom', 'nom complet', 'contact', 'person', 'personne'],
  handles: ['handles', 'accounts', 'comptes'],
  network: ['network', 'réseau', 'reseau', 'platform', 'plateforme'],
  handle: ['handle', 'username', 'user', 'account', 'compte', 'pseudo', 'identifiant'],
  profile_url: ['profile_url', 'profile', 'profil', 'url', 'link', 'lien'],
  bio: ['bio', 'biography', 'biographie', 'about', 'description'],
  tags: ['tags', 'tag', 'labels', 'étiquettes', 'etiquettes'],
  roles: ['roles', 'role', 'rôles', 'rôle', 'type', 'relation'],
  notes: ['notes', 'note', 'comment', 'comments', 'commentaire', 'commentaires', 'remarques'],
  mastodon: ['mastodon', 'fediverse'],
  bluesky: ['bluesky', 'bsky'],
  reddit: ['reddit'],
  hackernews: ['hackernews', 'hacker news', 'hn'],
  x: ['x', 'twitter'],
  instagram: ['instagram', 'ig'],
  linkedin: ['linkedin'],
  facebook: ['facebook', 'fb'],
  youtube: ['youtube'],
  tiktok: ['tiktok'],
  github: ['github'],
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse e-mail'],
  web: ['web', 'website', 'site', 'site web', 'blog'],
};

/**
 * `fields` not in `mapped` guessed from `names`: for each field in order, the first of its usual
 * names that is a column of the file and not taken yet. Returns only the guesses.
 */
export const guessColumns = <F extends string>(
  fields: readonly F[],
  names: Readonly<Record<string, readonly string[]>>,
  columns: readonly string[],
  mapped: Readonly<Partial<Record<F, string>>> = {} as Partial<Record<F, string>>,
): Partial<Record<F, string>> => {
  const byName = new Map<string, string>();
  for (const c of columns) {
    const k = c.trim().toLowerCase();
    if (!byName.has(k)) byName.set(k, c);
  }
  const taken = new Set<string>(Object.values(mapped).filter((c): c is string => typeof c === 'string'));
  const out: Partial<Record<F, string>> = {};
  for (const f of fields) {
    if (mapped[f] !== undefined) continue;
    for (const n of names[f] ?? []) {
      const c = byName.get(n);
      if (c !== undefined && !taken.has(c)) {
        out[f] = c;
        taken.add(c);
        break;
      }
    }
  }
  return out;
};
