// The pipeline scale bench's data: ratings from a latent-factor model, streamed to a gzip CSV of any size.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { createRng } from '@suite/shared/ml';

/**
 * Writes `ratings` ratings to the gzip CSV `file` (user_id,item_id,rating,timestamp) and returns how many it wrote:
 * r = 3.6 + b_u + b_i + p_u.q_i + N(0, 0.5), k = 8, 100 ratings per user, clipped to 1..5 and rounded. Seeded.
 */
export async function writeLatentFactorRatings(file: string, ratings: number): Promise<number> {
  const users = Math.ceil(ratings / 100);
  const items = Math.max(1000, Math.ceil(ratings / 500));
  const k = 8;
  const rng = createRng(2026);
  const q = Float64Array.from({ length: items * k }, () => 0.4 * rng.normal());
  const bi = Float64Array.from({ length: items }, () => 0.4 * rng.normal());
  const gz = createGzip({ level: 1 });
  const out = gz.pipe(createWriteStream(file));
  gz.write('user_id,item_id,rating,timestamp\n');
  const p = new Float64Array(k);
  let written = 0;
  for (let u = 0; u < users && written < ratings; u++) {
    for (let f = 0; f < k; f++) p[f] = 0.4 * rng.normal();
    const bu = 0.3 * rng.normal();
    const lines: string[] = [];
    const seen = new Set<number>();
    while (seen.size < 100 && written + seen.size < ratings) seen.add(Math.floor(rng.next() * items));
    for (const i of seen) {
      let r = 3.6 + bu + (bi[i] as number) + 0.5 * rng.normal();
      for (let f = 0; f < k; f++) r += (p[f] as number) * (q[i * k + f] as number);
      lines.push(
        `${u + 1},${i + 1},${Math.min(5, Math.max(1, Math.round(r)))},${1_500_000_000 + written + lines.length}`,
      );
    }
    written += lines.length;
    if (!gz.write(lines.join('\n') + '\n')) await once(gz, 'drain');
  }
  gz.end();
  await once(out, 'finish');
  return written;
}
