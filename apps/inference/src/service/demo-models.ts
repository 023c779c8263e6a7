// Dev only (SEED_DEMO=1, which `suite-host --dev` sets): an empty model store gets the example models committed
// under models/ (made by models/make-models.py), each with its publisher's metadata and one held-out row as its
// `example`, which the console's Try it form starts from.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inference } from './inference.ts';

/** The committed models, by the name each is published under. */
export const DEMO_MODELS: Readonly<Record<string, string>> = Object.freeze({
  iris: 'iris-logreg',
  'wine-mlp': 'wine-mlp',
  'wine-forest': 'wine-forest',
  iforest: 'iforest',
});

export const DEMO_MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** float32 values read back as float64 (5.099999904632568): six significant digits, as they were measured. */
const tidy = (value: unknown): unknown =>
  typeof value === 'number' ? Number(value.toPrecision(6)) : Array.isArray(value) ? value.map(tidy) : value;

interface ModelFacts {
  metadata: Record<string, unknown>;
  reference: { inputs: Record<string, unknown[]> };
}

/**
 * Publishes the demo models when no model is published yet; returns the names published (none when the store
 * held a model, or the folder is not there, as in a deploy package).
 * @example await seedDemoModelsIfEmpty(getInference());
 */
export async function seedDemoModelsIfEmpty(
  inference: Pick<Inference, 'models' | 'publish'>,
  dir = DEMO_MODELS_DIR,
): Promise<string[]> {
  if ((await inference.models()).length > 0 || !existsSync(dir)) return [];
  const published: string[] = [];
  for (const [name, file] of Object.entries(DEMO_MODELS)) {
    const facts = JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8')) as ModelFacts;
    const inputs = Object.entries(facts.reference.inputs);
    // One held-out row, in the form :predict takes: a plain row for a one-input model.
    const [only] = inputs;
    const example =
      inputs.length === 1 && only
        ? [tidy(only[1][0])]
        : [Object.fromEntries(inputs.map(([input, rows]) => [input, tidy(rows[0])]))];
    const bytes = new Uint8Array(readFileSync(join(dir, `${file}.onnx`)));
    await inference.publish(name, bytes, { ...facts.metadata, example });
    published.push(name);
  }
  return published;
}
