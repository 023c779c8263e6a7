// "My card has still not arrived" in Latin-script languages the default demo (en, zh, es) does not declare, for the
// tests of the undeclared-language check (unit, conversation and browser): one list, so they test the same sentences.

/** The five languages the check first told (French, German, Italian, Portuguese, Dutch), with their tags. */
export const FIRST_UNDECLARED_LATIN: ReadonlyArray<readonly [string, string]> = [
  ["Ma carte n'est toujours pas arrivée", 'fr'],
  ['Meine Karte ist immer noch nicht angekommen', 'de'],
  ['La mia carta non è ancora arrivata', 'it'],
  ['Meu cartão ainda não chegou', 'pt'],
  ['Mijn pas is nog steeds niet aangekomen', 'nl'],
];

/**
 * Languages the check took for English or Spanish until it held eld's other Latin-script languages (1 Dec): each was
 * answered as a declared language without a word about its own. Not in the benches' tuning or held-out sets.
 */
export const MORE_UNDECLARED_LATIN: ReadonlyArray<readonly [string, string]> = [
  ['Moja karta nadal nie przyszła', 'pl'],
  ['Mitt kort har ännu inte kommit', 'sv'],
  ['Kartım hâlâ ulaşmadı', 'tr'],
  ['Encara no he rebut la meva targeta', 'ca'],
  ['Moje karta stále nedorazila', 'cs'],
  ['Cardul meu tot nu a ajuns', 'ro'],
  ['A kártyám még mindig nem jött meg', 'hu'],
  ['Korttini ei ole vieläkään saapunut', 'fi'],
  ['Mit kort er endnu ikke ankommet', 'da'],
  ['Jeg har fortsatt ikke fått kortet mitt', 'no'],
  ['Kartu saya masih belum datang', 'id'],
  ['Thẻ của tôi vẫn chưa tới', 'vi'],
];
