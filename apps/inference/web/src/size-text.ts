// A size in bytes as the console says it: the versions' sizes, the publish form's limits, an upload's progress.

/** `3.1 KB`, `95.0 MB`, `2.0 GB`: sizes as the form and its progress say them. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
