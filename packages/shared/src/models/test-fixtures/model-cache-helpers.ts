// Helpers of the model cache's tests: bytes to and from text, and a promise the test resolves when it chooses.
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);
export const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
