// The chat page's "Did you mean" choices, decided in the page from the entries the server says the reply rests on.
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../web/src/did-you-mean.ts';

const HUMAN = { id: 'human_agent', title: 'Talk to a person' };
const LOST = { id: 'lost_or_stolen_card', title: 'Lost or stolen card' };
const ARRIVED = { id: 'card_not_arrived', title: 'New card has not arrived' };
const FEES = { id: 'fees', title: 'Fees' };

describe('didYouMean', () => {
  it('never offers the intent the answer was given for', () => {
    const choices = didYouMean({ intent: LOST.id, confidence: 0.4, kbEntries: [LOST, ARRIVED, FEES] });
    expect(choices).toEqual([ARRIVED, FEES]);
  });

  it('offers nothing on a turn handed to a person, where the bot answers no more questions', () => {
    // The server's answer to a terse "human": the request for a person, out of scope for the classifier.
    const handoff = { intent: HUMAN.id, confidence: 0.24, outOfScope: true, kbEntries: [HUMAN] };
    expect(didYouMean({ ...handoff, handedOff: true })).toEqual([]);
    expect(didYouMean(handoff)).toEqual([]);
    expect(
      didYouMean({ intent: null, confidence: 0.2, outOfScope: true, kbEntries: [LOST], handedOff: true }),
    ).toEqual([]);
  });

  it('offers the nearest topics, at most three, when the answer was not understood or unsure', () => {
    const entries = [LOST, ARRIVED, FEES, HUMAN];
    expect(didYouMean({ intent: null, confidence: 0.3, outOfScope: true, kbEntries: entries })).toEqual([
      LOST,
      ARRIVED,
      FEES,
    ]);
    expect(didYouMean({ intent: FEES.id, confidence: 0.45, kbEntries: entries })).toEqual([
      LOST,
      ARRIVED,
      HUMAN,
    ]);
  });

  it('offers nothing for a confident answer, nor while the answer is still streaming', () => {
    expect(didYouMean({ intent: LOST.id, confidence: 0.9, kbEntries: [LOST, ARRIVED] })).toEqual([]);
    expect(didYouMean({ intent: null, outOfScope: true, kbEntries: [LOST], streaming: true })).toEqual([]);
  });
});
