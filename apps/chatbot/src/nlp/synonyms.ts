// A small hand-written synonym table for banking and shop support talk, used by augmentation.

/**
 * Groups of interchangeable words or phrases (cleaned form: lower case, no punctuation). Every member of a
 * group may replace any other. Kept short on purpose: a wrong synonym teaches the classifier a wrong intent.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['card', 'debit card', 'bank card'],
  ['money', 'funds', 'cash'],
  ['account', 'bank account'],
  ['transfer', 'send money', 'wire'],
  ['payment', 'transaction', 'purchase'],
  ['charge', 'fee', 'cost'],
  ['charged', 'billed'],
  ['top up', 'topup', 'add money', 'load money'],
  ['refund', 'reimbursement', 'money back'],
  ['cancel', 'stop', 'call off'],
  ['arrive', 'come', 'show up'],
  ['arrived', 'come', 'shown up'],
  ['receive', 'get'],
  ['received', 'got', 'gotten'],
  ['want', 'would like', 'wish'],
  ['need', 'have to', 'must'],
  ['help', 'assist', 'support'],
  ['problem', 'issue', 'trouble'],
  ['wrong', 'incorrect', 'not right'],
  ['why', 'how come'],
  ['can i', 'am i able to', 'is it possible to'],
  ['how do i', 'how can i', 'what do i do to'],
  ['tell me', 'let me know', 'explain'],
  ['check', 'see', 'look at'],
  ['still', 'yet'],
  ['pending', 'processing', 'not gone through'],
  ['declined', 'rejected', 'refused'],
  ['lost', 'misplaced'],
  ['stolen', 'taken', 'nicked'],
  ['app', 'application', 'mobile app'],
  ['atm', 'cash machine', 'cashpoint'],
  ['withdraw', 'take out'],
  ['withdrawal', 'cash withdrawal'],
  ['exchange rate', 'conversion rate', 'rate'],
  ['currency', 'currencies', 'foreign money'],
  ['abroad', 'overseas', 'in another country'],
  ['password', 'passcode'],
  ['pin', 'pin code', 'pin number'],
  ['phone', 'mobile', 'cell phone'],
  ['quickly', 'fast', 'soon'],
  ['order', 'buy', 'request'],
  ['delivery', 'shipping'],
  ['address', 'home address'],
  ['close', 'shut down', 'delete'],
  ['balance', 'amount'],
  ['statement', 'account history'],
  ['limit', 'maximum', 'cap'],
  ['verify', 'confirm'],
  ['identity', 'id'],
  ['person', 'human', 'agent'],
];

/** Phrase -> alternatives, built once; phrases are matched on whole words. */
export function createSynonymIndex(
  groups: readonly (readonly string[])[] = SYNONYM_GROUPS,
): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const group of groups) {
    for (const phrase of group) {
      const others = group.filter((p) => p !== phrase);
      index.set(phrase, [...(index.get(phrase) ?? []), ...others]);
    }
  }
  return index;
}
