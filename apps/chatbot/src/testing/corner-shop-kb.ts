// A two-intent knowledge base for tests that replace the demo bank's (not shipped: only tests import it).
export const CORNER_SHOP_KB = {
  name: 'Corner Shop',
  intents: [
    {
      id: 'opening_hours',
      title: 'Opening hours',
      examples: ['when are you open', 'opening times', 'are you open on sunday'],
      answer: 'Open 8-20 daily.',
    },
    {
      id: 'returns',
      title: 'Returns',
      examples: ['how do I return something', 'refund for a broken item', 'send back an order'],
      answer: 'Returns within 30 days.',
    },
  ],
};
