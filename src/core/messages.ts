/**
 * The words of every failure the server reports to a person, in French and English
 * (ADR 0220). A failure is a stable message key plus parameters (a `Problem`); the API
 * renders it in the caller's language, and the web interface renders the same key with
 * the same catalogue in the language it shows. Each key also names the error class (the
 * envelope's `code`) it belongs to by default.
 */
import type { ErrorCode } from './error-codes.ts';
import type { Locale } from './user.ts';

/** A parameter: a plain value, or a text already written in both languages. */
export type ParamValue = string | number | { readonly fr: string; readonly en: string };
export type Params = Readonly<Record<string, ParamValue>>;

/** One thing that went wrong, as a key of `serverMessages` and its parameters. */
export interface Problem {
  readonly key: ServerMessageKey;
  readonly params?: Params;
}

interface Entry {
  readonly code: ErrorCode;
  readonly fr: string;
  readonly en: string;
}

const entry = (code: ErrorCode, fr: string, en: string): Entry => ({ code, fr, en });

/**
 * Every key. `{name}` is replaced by a parameter; `{role:name}` and `{status:name}` by the
 * word for a role or a source status in the message's language.
 */
export const serverMessages = {
  // The request itself
  'request.too-large': entry('payload-too-large', 'Le contenu envoyé est trop volumineux.', 'The request body is too large.'),
  'request.over-limit': entry('payload-too-large', 'Le contenu envoyé dépasse {bytes} octets.', 'The request body is over {bytes} bytes.'),
  'request.json-only': entry('bad-request', 'Envoyez le contenu en JSON, avec l’en-tête « Content-Type: application/json ».', 'Send the body as JSON with Content-Type: application/json.'),
  'request.bad-json': entry('bad-request', 'Le contenu envoyé n’est pas du JSON valide.', 'The request body is not valid JSON.'),
  'request.malformed': entry('bad-request', 'La requête est mal formée.', 'The request is malformed.'),
  'request.no-route': entry('not-found', 'Aucune adresse de l’API ne répond à {method} {path}.', 'No route for {method} {path}.'),
  'request.not-found': entry('not-found', 'Introuvable.', 'Not found.'),
  'server.internal': entry('internal', 'Une erreur est survenue de notre côté ; elle a été consignée.', 'Something went wrong on our side; it has been logged.'),
  'server.database-down': entry('unavailable', 'La base de données ne répond pas.', 'The database does not answer.'),

  // Validation of a field (zod issues, and the same checks made by hand)
  'validation.required': entry('bad-request', '« {field} » est obligatoire.', '"{field}" is required.'),
  'validation.type': entry('bad-request', '« {field} » doit être {expected}.', '"{field}" must be {expected}.'),
  'validation.empty': entry('bad-request', '« {field} » ne doit pas être vide.', '"{field}" must not be empty.'),
  'validation.text-min': entry('bad-request', '« {field} » doit faire au moins {min} caractères.', '"{field}" must be at least {min} characters long.'),
  'validation.text-max': entry('bad-request', '« {field} » doit faire au plus {max} caractères.', '"{field}" must be at most {max} characters long.'),
  'validation.list-min': entry('bad-request', '« {field} » doit compter au moins {min} éléments.', '"{field}" must have at least {min} items.'),
  'validation.list-max': entry('bad-request', '« {field} » doit compter au plus {max} éléments.', '"{field}" must have at most {max} items.'),
  'validation.number-min': entry('bad-request', '« {field} » doit valoir au moins {min}.', '"{field}" must be at least {min}.'),
  'validation.number-max': entry('bad-request', '« {field} » doit valoir au plus {max}.', '"{field}" must be at most {max}.'),
  'validation.integer': entry('bad-request', '« {field} » doit être un nombre entier.', '"{field}" must be a whole number.'),
  'validation.email': entry('bad-request', '« {field} » doit être une adresse e-mail.', '"{field}" must be an e-mail address.'),
  'validation.url': entry('bad-request', '« {field} » doit être une adresse web commençant par http:// ou https://.', '"{field}" must be a web address starting with http:// or https://.'),
  'validation.uuid': entry('bad-request', '« {field} » n’est pas un identifiant valide.', '"{field}" is not a valid id.'),
  'validation.date': entry('bad-request', '« {field} » doit être une date ISO 8601, par exemple 2026-12-01.', '"{field}" must be an ISO 8601 date such as 2026-12-01.'),
  'validation.format': entry('bad-request', '« {field} » n’a pas la forme attendue.', '"{field}" does not have the expected form.'),
  'validation.choice': entry('bad-request', '« {field} » doit valoir {choices}.', '"{field}" must be {choices}.'),
  'validation.unknown-fields': entry('bad-request', 'Champ(s) inconnu(s) dans « {field} » : {fields}.', 'Unknown field(s) in "{field}": {fields}.'),
  'validation.invalid': entry('bad-request', '« {field} » n’est pas valide.', '"{field}" is not valid.'),
  'validation.language-code': entry('bad-request', '« {field} » doit être un code de langue, par exemple fr.', '"{field}" must be a language code such as fr.'),
  'validation.hashtag': entry('bad-request', '« {field} » : un mot-dièse se compose de lettres, de chiffres et de tirets bas.', '"{field}": a hashtag is letters, digits and underscores.'),
  'validation.mastodon-account': entry('bad-request', '« {field} » : un compte s’écrit utilisateur ou utilisateur@serveur.', '"{field}": an account is user or user@server.'),
  'validation.subreddit': entry('bad-request', '« {field} » : un nom de subreddit compte 2 à 21 lettres, chiffres ou tirets bas.', '"{field}": a subreddit name is 2 to 21 letters, digits or underscores.'),
  'validation.reddit-url-or-config': entry('bad-request', '« {field} » : donnez soit l’adresse d’un flux Reddit, soit un subreddit ou une recherche, pas les deux.', '"{field}": give either url (a Reddit feed) or config (a subreddit or a search), not both.'),
  'validation.networks-twice': entry('bad-request', '« {field} » ne doit pas citer deux fois le même réseau.', '"{field}" must not list a network twice.'),

  // Accounts and access
  'auth.sign-in-first': entry('unauthorized', 'Connectez-vous d’abord.', 'Sign in first.'),
  'auth.token-invalid': entry('unauthorized', 'Le jeton d’API est invalide ou révoqué.', 'The API token is invalid or revoked.'),
  'auth.cross-origin': entry('forbidden', 'Requête d’une autre origine refusée.', 'Cross-origin request refused.'),
  'auth.csrf': entry('forbidden', 'L’en-tête x-csrf-token manque ou est faux.', 'Missing or wrong x-csrf-token header.'),
  'auth.already-set-up': entry('conflict', 'relais est déjà installé : connectez-vous.', 'relais is already set up; sign in instead.'),
  'auth.account-gone': entry('unauthorized', 'Ce compte n’existe plus.', 'This account no longer exists.'),
  'auth.too-many-attempts': entry('rate-limited', 'Trop de tentatives de connexion échouées. Réessayez dans {seconds} secondes.', 'Too many failed sign-in attempts. Try again in {seconds} seconds.'),
  'auth.wrong-credentials': entry('unauthorized', 'Adresse e-mail ou mot de passe incorrect.', 'E-mail or password is wrong.'),
  'auth.email-taken': entry('conflict', 'Un compte existe déjà avec cette adresse e-mail.', 'An account with this e-mail already exists.'),
  'access.role-needed': entry('forbidden', 'Cette action demande le rôle {role:needed} ; vous êtes {role:held} ici.', 'This needs the {role:needed} role; you are {role:held} here.'),
  'access.token-not-for-account': entry('forbidden', 'Un jeton d’API ne peut pas gérer le compte : connectez-vous pour le faire.', 'API tokens cannot manage the account; sign in to do this.'),
  'token.role-above-yours': entry('forbidden', 'Vous êtes {role:held} dans cet espace : un jeton ne peut pas avoir le rôle {role:role}.', 'You are {role:held} in this workspace: a token cannot have the {role:role} role.'),
  'token.not-found': entry('not-found', 'Ce jeton n’existe pas.', 'No such token.'),

  // Workspaces, members, invitations
  'workspace.not-found': entry('not-found', 'Cet espace de travail n’existe pas.', 'No such workspace.'),
  'member.not-found': entry('not-found', 'Cette personne n’est pas membre de cet espace.', 'No such member in this workspace.'),
  'member.last-owner': entry('conflict', 'Un espace garde au moins un propriétaire : nommez d’abord quelqu’un d’autre propriétaire.', 'A workspace keeps at least one owner: make someone else owner first.'),
  'invitation.not-found': entry('not-found', 'Cette invitation n’existe pas.', 'No such invitation.'),
  'invitation.invalid': entry('not-found', 'Ce lien d’invitation est invalide, expiré ou déjà utilisé.', 'This invitation link is invalid, expired or already used.'),
  'invitation.password-needed': entry('unauthorized', 'Un compte existe pour cette adresse e-mail : donnez son mot de passe pour accepter.', 'An account exists for this e-mail: give its password to accept.'),
  'invitation.account-needed': entry('bad-request', 'Pour créer votre compte, donnez un nom et un mot de passe (10 caractères ou plus).', 'To create your account, give a name and a password (10 characters or more).'),

  // Brand profile
  'brand.too-many': entry('bad-request', '« {field} » compte au plus {max} entrées.', '"{field}" holds at most {max} entries.'),
  'brand.entry-too-long': entry('bad-request', '« {field} » : chaque entrée fait au plus {max} caractères.', '"{field}": each entry is at most {max} characters long.'),
  'brand.network-twice': entry('bad-request', '« networks » cite deux fois le même réseau.', '"networks" lists a network twice.'),
  'brand.unknown-network': entry('bad-request', '« networks » : réseau inconnu « {network} ».', '"networks": unknown network "{network}".'),

  // Listening: queries, mentions, measures, trends, alerts
  'query.not-found': entry('not-found', 'Cette requête n’existe pas dans cet espace.', 'No such query in this workspace.'),
  'query.invalid': entry('bad-request', '« query » : {detail}', '"query": {detail}'),
  'listen.bad-cursor': entry('bad-request', '« cursor » : ce curseur ne vient pas de cette API.', '"cursor": not a cursor this API returned.'),
  'measures.from-after-to': entry('bad-request', '« from » ne doit pas être après « to ».', '"from" must not be after "to".'),
  'measures.too-many-days': entry('bad-request', '« from » : une période couvre au plus {max} jours.', '"from": a range covers at most {max} days.'),
  'measures.too-many-hours': entry('bad-request', '« from » : une période à l’heure couvre au plus 7 jours.', '"from": an hourly range covers at most 7 days.'),
  'measures.hours-kept': entry('bad-request', '« from » : les mesures à l’heure sont gardées 7 jours ; demandez des jours (grain=day) au-delà.', '"from": hourly measures are kept for the last 7 days; ask for days (grain=day) further back.'),
  'alert.not-found': entry('not-found', 'Cette alerte n’existe pas dans cet espace.', 'No such alert in this workspace.'),
  'watched.not-found': entry('not-found', 'Cet auteur n’est pas suivi dans cet espace.', 'No such watched author in this workspace.'),
  'watched.exists': entry('conflict', '{handle} est déjà dans la liste des auteurs suivis.', '{handle} is already on the watch list.'),
  'webhook.not-found': entry('not-found', 'Ce point d’arrivée de webhook n’existe pas dans cet espace.', 'No such webhook endpoint in this workspace.'),
  'webhook.bad-url': entry('bad-request', '« url » n’est pas une adresse web valide.', '"url": not a valid URL.'),
  'webhook.scheme': entry('bad-request', '« url » : seules les adresses http et https peuvent recevoir des webhooks.', '"url": only http and https URLs can receive webhooks.'),
  'webhook.credentials': entry('bad-request', '« url » : ne mettez ni utilisateur ni mot de passe dans l’adresse ; vérifiez plutôt la signature.', '"url": put no user or password in the URL; verify the signature instead.'),
  'webhook.private-address': entry('bad-request', '« url » : {host} est une adresse privée ou locale, et l’administrateur n’a pas autorisé les réseaux privés.', '"url": {host} is a private or loopback address; the operator has not allowed private networks.'),

  // Sources: adding, previewing, fetching
  'source.not-found': entry('not-found', 'Cette source n’existe pas dans cet espace.', 'No such source in this workspace.'),
  'source.no-config': entry('bad-request', '« config » : une source {kind} n’a pas de réglages à changer.', '"config": a {kind} source has no config to change.'),
  'source.mastodon-needs-url': entry('bad-request', '« url » : une source Mastodon a besoin de l’adresse de son serveur.', '"url": a Mastodon source needs its server URL.'),
  'source.not-active': entry('conflict', 'Cette source est {status:status} ; réactivez-la d’abord.', 'This source is {status:status}; resume it first.'),
  'source.not-a-feed': entry('bad-request', '{url} n’est ni un flux, ni une page qui mène à un flux.', '{url} is neither a feed nor a page that links to one.'),
  'source.feed-unreadable': entry('bad-request', '{url} ne se lit pas comme un flux RSS, Atom ou JSON Feed.', '{url} does not read as an RSS, Atom or JSON feed.'),
  'source.not-modified': entry('unavailable', '{url} a répondu « 304 Not Modified » à une simple demande.', '{url} answered 304 Not Modified to a plain request.'),
  'source.kind-unavailable': entry('unavailable', 'L’aperçu des sources {kind} n’est pas encore possible : leur connecteur n’est pas installé dans cette version.', 'Previewing {kind} sources is not available yet: their connector is not installed in this version.'),
  'source.reconnect': entry('bad-request', '{url} a refusé les identifiants du compte connecté : vérifiez le jeton ou le mot de passe d’application.', '{url} refused the connected account’s credentials: check the token or the app password.'),
  'source.config-refused': entry('bad-request', 'Les réglages de cette source sont refusés par son connecteur.', 'The source’s connector refuses its settings.'),
  'source.unexpected-answer': entry('unavailable', 'Le service a répondu, mais pas ce qu’attend une source de ce type.', 'The service answered, but not what a source of this kind expects.'),
  'source.wrong-service': entry('bad-request', 'Le service a répondu, mais pas comme un serveur de ce type : vérifiez l’adresse.', 'The service answered, but not as a server of this kind: check the address.'),
  'fetch.bad-url': entry('bad-request', '« {url} » n’est pas une adresse web http ou https.', '"{url}" is not an http or https web address.'),
  'fetch.blocked-address': entry('bad-request', '{url} mène à une adresse privée ou réservée : relais ne s’y connecte pas.', '{url} leads to a private or reserved address: relais does not connect there.'),
  'fetch.dns': entry('unavailable', 'Le nom de {url} est introuvable : vérifiez l’adresse.', 'The name of {url} cannot be resolved: check the address.'),
  'fetch.network': entry('unavailable', '{url} ne répond pas. Réessayez plus tard.', '{url} does not answer. Try again later.'),
  'fetch.timeout': entry('unavailable', '{url} a mis trop de temps à répondre. Réessayez plus tard.', '{url} took too long to answer. Try again later.'),
  'fetch.too-large': entry('unavailable', 'La réponse de {url} est trop volumineuse.', 'The answer of {url} is too large.'),
  'fetch.too-many-redirects': entry('unavailable', '{url} redirige trop de fois.', '{url} redirects too many times.'),
  'fetch.http-status': entry('unavailable', '{url} a répondu avec le code HTTP {status}.', '{url} answered with HTTP status {status}.'),
  'fetch.gone': entry('unavailable', '{url} a été supprimé (HTTP 410).', '{url} was removed (HTTP 410).'),
  'fetch.aborted': entry('unavailable', 'La demande à {url} a été interrompue.', 'The request to {url} was cancelled.'),

  // Imports
  'import.unreadable-csv': entry('bad-request', 'Le fichier ne se lit pas comme un CSV (ligne {line}).', 'The file does not read as CSV (line {line}).'),
  'import.unreadable-json': entry('bad-request', 'Le fichier ne se lit pas comme du JSON (élément {line}).', 'The file does not read as JSON (item {line}).'),
  'import.column-missing': entry('bad-request', 'La colonne « {column} » (pour {field}) n’est pas dans le fichier ; ses colonnes sont : {columns}.', 'Column "{column}" (for {field}) is not in the file; its columns are: {columns}.'),
  'import.no-text-column': entry('bad-request', 'Aucune colonne de texte : indiquez laquelle contient le texte (les colonnes du fichier sont : {columns}).', 'No text column: say which one holds the text (the file’s columns are: {columns}).'),
  'import.no-handle-column': entry('bad-request', 'Aucune colonne d’identifiant : indiquez celle d’un réseau ({networks}) ou celle des identifiants (les colonnes du fichier sont : {columns}).', 'No handle column: map a network’s column ({networks}) or the handles column (the file’s columns are: {columns}).'),
  'import.network-and-handle': entry('bad-request', '« network » et « handle » vont ensemble : indiquez les deux, ou aucun.', '"network" and "handle" go together: map both, or neither.'),
  'import.no-body': entry('bad-request', 'Envoyez le fichier comme contenu de la requête.', 'Send the file as the request body.'),
  'person.not-found': entry('not-found', 'Cette personne n’existe pas.', 'No such person.'),
  'import.not-found': entry('not-found', 'Cet import n’existe pas.', 'No such import.'),
  'import.file-already-sent': entry('conflict', 'Le fichier de cet import a déjà été envoyé : lancez un nouvel import.', 'The file of this import was already sent: start a new import.'),
  'import.file-too-large': entry('payload-too-large', 'Le fichier dépasse {bytes} octets.', 'The file is over {bytes} bytes.'),
  'import.json-array-too-large': entry('bad-request', 'Un tableau JSON est lu en entier, jusqu’à {mib} Mio : donnez un fichier plus gros en JSON Lines (un objet par ligne).', 'A JSON array is read whole, up to {mib} MiB: give a bigger file as JSON Lines (one object per line).'),
  // Reasons kept with an import or a source, said again in the reader's language (ADR 0250)
  'import.line-unreadable-csv': entry('bad-request', 'CSV illisible : {detail}', 'unreadable CSV: {detail}'),
  'import.line-not-json': entry('bad-request', 'ce n’est pas du JSON valide', 'not valid JSON'),
  'import.file-not-json': entry('bad-request', 'ce n’est pas du JSON valide : {detail}', 'not valid JSON: {detail}'),
  'import.line-not-object': entry('bad-request', 'ce n’est pas un objet JSON', 'not a JSON object'),
  'import.empty-text': entry('bad-request', 'texte vide (colonne « {column} »)', 'empty text (column "{column}")'),
  'import.empty-date': entry('bad-request', 'date vide (colonne « {column} »)', 'empty date (column "{column}")'),
  'import.bad-date': entry('bad-request', 'date illisible « {value} » (colonne « {column} »)', 'unreadable date "{value}" (column "{column}")'),
  'import.bad-url': entry('bad-request', 'adresse qui n’est pas en http(s) : « {value} » (colonne « {column} »)', 'not an http(s) URL: "{value}" (column "{column}")'),
  'import.bad-handle': entry('bad-request', '« {handle} » n’est pas un identifiant {network} valide ({where})', '"{handle}" is not a valid {network} handle ({where})'),
  'import.handles-not-objects': entry('bad-request', 'colonne « {column} » : des objets {network, handle} sont attendus', 'column "{column}": expected {network, handle} objects'),
  'import.not-network-handle': entry('bad-request', '« {value} » n’est pas de la forme réseau:identifiant (colonne « {column} »)', '"{value}" is not network:handle (column "{column}")'),
  'import.unknown-network': entry('bad-request', 'réseau inconnu « {network} » (attendu : {networks})', 'unknown network "{network}" (expected one of {networks})'),
  'import.no-handle': entry('bad-request', 'aucun identifiant : une personne en a besoin d’au moins un (un compte sur un réseau, une adresse e-mail ou web)', 'no handle: a person needs at least one (a network account, an e-mail or a web address)'),
  'import.unknown-role': entry('bad-request', 'rôle inconnu « {role} » (colonne « {column} » ; attendu : {roles})', 'unknown role "{role}" (column "{column}"; expected {roles})'),
  'import.name-too-long': entry('bad-request', 'nom de plus de 200 caractères (colonne « {column} »)', 'name longer than 200 characters (column "{column}")'),
  'import.handles-conflict': entry('conflict', 'ses identifiants appartiennent déjà à {count} personnes différentes ({ids}) : fusionnez-les d’abord ou séparez la ligne', 'its handles belong to {count} different people already ({ids}); merge them first or split the line'),
  'import.upload-cut': entry('unavailable', 'L’envoi du fichier a été coupé avant sa fin.', 'The upload was cut before the whole file arrived.'),
  'import.interrupted-by-restart': entry('unavailable', 'relais s’est arrêté pendant cet import.', 'relais stopped while this import ran.'),
  'import.crashed-repeatedly': entry('internal', 'Cet import a arrêté relais {count} fois de suite sans avancer : il a été abandonné. Découpez le fichier en plus petits morceaux, ou signalez-le.', 'This import stopped relais {count} times in a row without getting further, so it was given up. Split the file into smaller parts, or report it.'),
  'import.no-news': entry('unavailable', 'Plus de nouvelles de cet import depuis {at}.', 'No news from this import since {at}.'),
  'import.server-stopping': entry('unavailable', 'relais s’arrête : renvoyez le fichier dans un instant.', 'relais is stopping: send the file again in a moment.'),
  'import.stopped': entry('internal', 'L’import s’est arrêté sur une erreur ({detail}).', 'The import stopped on an error ({detail}).'),
  // Reasons stored by the webhook deliveries and the Bluesky firehose, said in the reader's language (ADR 0250)
  'webhook.endpoint-gone': entry('not-found', 'Ce point d’arrivée a été supprimé ou mis en pause avant l’envoi.', 'This endpoint was deleted or paused before the delivery.'),
  'webhook.delivery-error': entry('internal', 'L’envoi s’est arrêté sur une erreur ({detail}).', 'The delivery stopped on an error ({detail}).'),
  // A delivery's failure as its log says it (ADR 0291): relais retries by itself, so no "try again later".
  'webhook.no-answer': entry('unavailable', '{url} ne répond pas.', '{url} does not answer.'),
  'webhook.too-slow': entry('unavailable', '{url} a mis trop de temps à répondre.', '{url} took too long to answer.'),
  'webhook.will-retry': entry('unavailable', '{cause} relais réessaiera de lui-même (tentative {attempt} sur {attempts}).', '{cause} relais will try again by itself (attempt {attempt} of {attempts}).'),
  'webhook.gave-up': entry('unavailable', '{cause} relais a abandonné après {attempts} tentatives.', '{cause} relais gave up after {attempts} attempts.'),
  'webhook.not-retried': entry('bad-request', '{cause} relais ne réessaiera pas : corrigez l’adresse du webhook.', '{cause} relais will not try again: correct the webhook’s address.'),
  'firehose.unreachable': entry('unavailable', 'Le flux Bluesky en direct ({host}) ne répond pas ; relais réessaie.', 'The Bluesky live stream ({host}) does not answer; relais keeps trying.'),
  'firehose.store-failed': entry('unavailable', 'Les messages du flux Bluesky en direct n’ont pas pu être enregistrés ; relais réessaie.', 'Posts from the Bluesky live stream could not be stored; relais keeps trying.'),
  'firehose.stopped': entry('internal', 'La lecture du flux Bluesky en direct s’est arrêtée sur une erreur ; elle reprend dans un instant.', 'Reading the Bluesky live stream stopped on an error; it starts again in a moment.'),
  'source.disabled-after-parse-errors': entry('unavailable', 'Désactivée après {count} relevés échoués de suite, le dernier illisible : {reason}', 'disabled after {count} failed fetches in a row ending with a parse error: {reason}'),
} as const satisfies Record<string, Entry>;

export type ServerMessageKey = keyof typeof serverMessages;
export const serverMessageKeys = Object.keys(serverMessages) as ServerMessageKey[];
export const isServerMessageKey = (k: unknown): k is ServerMessageKey => typeof k === 'string' && Object.hasOwn(serverMessages, k);

/** Words for values that messages name: roles and source statuses. */
const words: Record<'role' | 'status', Record<string, { fr: string; en: string }>> = {
  role: { owner: { fr: 'propriétaire', en: 'owner' }, editor: { fr: 'éditeur', en: 'editor' }, viewer: { fr: 'lecteur', en: 'viewer' } },
  status: {
    active: { fr: 'active', en: 'active' },
    paused: { fr: 'en pause', en: 'paused' },
    failing: { fr: 'en erreur', en: 'failing' },
    disabled: { fr: 'désactivée', en: 'disabled' },
  },
};

const valueIn = (v: ParamValue, locale: Locale): string => (typeof v === 'object' ? v[locale] : String(v));

/** `{name}` and `{role:name}` / `{status:name}` replaced; an unknown parameter is left as written. */
export const renderTemplate = (template: string, params: Params | undefined, locale: Locale): string =>
  template.replace(/\{(?:(role|status):)?(\w+)\}/g, (whole, kind: 'role' | 'status' | undefined, name: string) => {
    const v = params?.[name];
    if (v === undefined) return whole;
    const text = valueIn(v, locale);
    return kind ? (words[kind][text]?.[locale] ?? text) : text;
  });

export const renderProblem = (p: Problem, locale: Locale): string => renderTemplate(serverMessages[p.key][locale], p.params, locale);

/** Several problems as one text: each is a sentence of its own. */
export const renderProblems = (problems: readonly Problem[], locale: Locale): string => problems.map((p) => renderProblem(p, locale)).join(' ');

/**
 * A reason kept in the database for a person to read later (ADR 0250): the English text it was
 * written with (what rows older than the keys hold, and what the command line prints) and,
 * when it has one, its message key and parameters, said again in the reader's language.
 */
export interface StoredReason {
  readonly text: string;
  readonly problem: Problem | null;
}

/** A stored problem as read back from the database: its key checked, else null (a key this version does not know). */
export const storedProblem = (v: unknown): Problem | null => {
  if (typeof v !== 'object' || v === null) return null;
  const { key, params } = v as { key?: unknown; params?: unknown };
  if (!isServerMessageKey(key)) return null;
  return typeof params === 'object' && params !== null ? { key, params: params as Params } : { key };
};

/** A stored reason in `locale`: its key when it has one, else the text it was stored with. */
export const renderReason = (r: StoredReason, locale: Locale): string => (r.problem ? renderProblem(r.problem, locale) : r.text);

/** A reason from a problem: the text is its English rendering. */
export const reasonOf = (problem: Problem): StoredReason => ({ text: renderProblem(problem, 'en'), problem });

export const codeOfMessage = (key: ServerMessageKey): ErrorCode => serverMessages[key].code;
