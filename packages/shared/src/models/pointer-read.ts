// What a backend reads from a model's `latest` pointer: a manifest, or text that is none. A malformed pointer is not
// an error of the read: `latest()` refuses it (ModelPointerError) while a publish or promote replaces it by the same
// compare-and-swap as any other pointer, so a retrain repairs it.
import {
  MODEL_VERSION_PATTERN,
  ModelIntegrityError,
  ModelPointerError,
  parseManifest,
} from './model-naming.ts';
import type { ModelManifest } from './types.ts';

/** Longest excerpt of a malformed pointer a warning quotes. */
const HELD_EXCERPT = 200;

/** What `latest` holds: a manifest, or (`malformed`) text that does not parse as one and why. */
export type PointerRead =
  | { manifest: ModelManifest; malformed?: undefined }
  | { manifest?: undefined; malformed: { text: string; error: ModelIntegrityError } };

/** Parses the pointer's `text`; text that is no manifest is a malformed read, not a thrown error. */
export function toPointerRead(text: string, where: string): PointerRead {
  try {
    return { manifest: parseManifest(text, where) };
  } catch (error) {
    if (!(error instanceof ModelIntegrityError)) throw error;
    return { malformed: { text, error } };
  }
}

/**
 * Why `pointer` is no pointer to a version of `name` (not a manifest, another model's, a version that is no id),
 * or undefined when it is one or is absent. A version that is no id would also name a path or key outside the
 * model's versions.
 */
export function checkPointer(name: string, pointer: PointerRead | undefined): ModelPointerError | undefined {
  if (pointer?.malformed) {
    const { error } = pointer.malformed;
    return new ModelPointerError(`The latest pointer of model ${name} is not a manifest`, { name }, error);
  }
  const manifest = pointer?.manifest;
  if (manifest && (manifest.name !== name || !MODEL_VERSION_PATTERN.test(manifest.version))) {
    return new ModelPointerError(`The latest pointer of model ${name} does not name one of its versions`, {
      name,
    });
  }
  return undefined;
}

/** An excerpt of what a malformed pointer holds, for the warning of the write that replaces it. */
export function describeHeld(pointer: PointerRead): string {
  const held = pointer.malformed
    ? pointer.malformed.text
    : JSON.stringify({ name: pointer.manifest.name, version: pointer.manifest.version });
  return held.length > HELD_EXCERPT ? `${held.slice(0, HELD_EXCERPT)}...` : held;
}
