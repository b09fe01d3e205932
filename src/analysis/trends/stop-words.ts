/**
 * French and English stop words, already normalised (DESIGN §5: accents removed,
 * case folded), so they compare with tokeniser output directly. Trends ignore
 * them: a function word rising says nothing about a topic. Elided forms (`l'`,
 * `qu'`) never reach here as words longer than two letters, which trends drop anyway.
 */
const french =
  'alors aussi autre autres avant avec avoir bon car ceci cela celle celles celui ces cet cette chaque chez comme comment dans des depuis deja donc dont elle elles encore entre est etaient etait ete etre eux fait faire fois font hors ici ils juste leur leurs lui mais meme memes mes moi moins mon nos notre nous par parce pas peu peut plus pour pourquoi quand que quel quelle quelles quels qui quoi sans ses seulement sien son sont sous suis sur tandis tant tellement tes ton tous tout toute toutes tres trop une unes uns vos votre vous etes avez avons ont aux ceux ete sera serait sont cest etc voici voila bien rien ainsi apres aujourd hui oui non ils elles nos dont lors puis soit selon vers via chez';
const english =
  'about above after again against all also and any are because been before being below between both but can cannot could did does doing down during each few for from further had has have having her here hers herself him himself his how into its itself just more most myself nor not now off once only other ought our ours ourselves out over own same she should some such than that the their theirs them themselves then there these they this those through too under until very was were what when where which while who whom why will with would you your yours yourself yourselves get got one two new like really still even much many well back way today yes';

export const stopWords: ReadonlySet<string> = new Set([...french.split(' '), ...english.split(' ')]);
