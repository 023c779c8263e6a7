// The staff pages' catalogue (agent desk, knowledge base, training, feedback review, navigation) and the words for
// the values the API answers with (a handoff's status and reason, a turn's source, a job's state).
import { fromCatalogue, type Catalogue } from './catalogue.ts';
import { STAFF_EN, type StaffLabels } from './staff-labels.en.ts';
import { STAFF_ES } from './staff-labels.es.ts';
import { STAFF_ZH } from './staff-labels.zh.ts';

export type { StaffLabels };

/** The staff pages' catalogue. */
export const STAFF_LABELS: Catalogue<StaffLabels> = { en: STAFF_EN, zh: STAFF_ZH, es: STAFF_ES };

/** The staff pages' words for a language tag; English for a language without its own. */
export const staffLabels = (tag: string | undefined): StaffLabels => fromCatalogue(STAFF_LABELS, tag);

/** Values of the API the staff pages put into words, each to its catalogue key. */
const VALUE_WORDS = {
  handoffStatus: { open: 'statusOpen', claimed: 'statusClaimed', resolved: 'statusResolved' },
  handoffReason: { requested: 'reasonRequested', low_confidence: 'reasonLowConfidence' },
  turnSource: {
    template: 'sourceTemplate',
    follow_up: 'sourceFollowUp',
    llm: 'sourceLlm',
    out_of_scope: 'sourceOutOfScope',
    handoff: 'sourceHandoff',
    agent: 'sourceAgent',
  },
  jobState: {
    queued: 'jobQueued',
    running: 'jobRunning',
    succeeded: 'jobSucceeded',
    failed: 'jobFailed',
    cancelled: 'jobCancelled',
  },
  kbSource: { api: 'kbSourceApi', file: 'kbSourceFile', demo: 'kbSourceDemo' },
} as const satisfies Record<string, Record<string, keyof StaffLabels>>;

export type ValueKind = keyof typeof VALUE_WORDS;

/**
 * An API value in words; a value this console does not know (a newer server's) as it came.
 *
 * @example valueWord(staffLabels('zh'), 'handoffStatus', 'claimed') // "接待中"
 */
export function valueWord(labels: StaffLabels, kind: ValueKind, value: string): string {
  const key = (VALUE_WORDS[kind] as Record<string, keyof StaffLabels>)[value];
  return key === undefined ? value : labels[key];
}
