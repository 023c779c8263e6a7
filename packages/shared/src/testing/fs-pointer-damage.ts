// Damages what the filesystem model store's `latest` pointer holds, as a hand edit or a truncated copy would: for
// the apps' tests of a malformed pointer (their cache then serves the newest version that loads).
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Overwrites the current `latest` pointer of `name` in the filesystem store at `root` with `text`.
 *
 * @example await overwriteFsLatestPointer(dir, 'chatbot-intents', '{"name":"chatbot-intents"'); // not JSON
 */
export async function overwriteFsLatestPointer(root: string, name: string, text: string): Promise<void> {
  const dir = join(root, name, 'pointer');
  const current = (await readdir(dir))
    .filter((f) => /^\d{12}\.json$/.test(f))
    .sort()
    .at(-1);
  if (!current) throw new Error(`model ${name} has no latest pointer under ${root}`);
  await writeFile(join(dir, current), text);
}
