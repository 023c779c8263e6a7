// The split stage: streams a rating file from Blob (gunzip when it is gzip), parses it with csv-parse, and hands
// out chunks of `chunkRows` records as they fill, so memory stays bounded by one chunk whatever the file's size.
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { BlobClient } from '@azure/storage-blob';
import { ValidationError } from '@suite/shared/errors';
import { assertHeader } from '../data/import-rows.ts';

export type PipelineFormat = 'csv' | 'tsv';

/** Columns of a header-less tab-separated file (MovieLens u.data). */
export const TSV_COLUMNS = ['user', 'item', 'rating', 'time'];

/** One chunk as the split writes it: the header and the raw records with their 1-based line numbers. */
export interface RawChunk {
  columns: string[];
  records: string[][];
  lines: number[];
}

const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;

/** The blob's bytes as a stream, decompressed when they start with the gzip magic number. */
async function openText(blob: BlobClient, count?: number): Promise<{ text: Readable; gzip: boolean }> {
  const response = await blob.download(0, count);
  const body = response.readableStreamBody;
  if (!body) throw new Error(`blob ${blob.name} has no body`);
  const source = Readable.from(body as AsyncIterable<Buffer>);
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : (first.value as Buffer);
  const rest = async function* () {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value as Buffer;
  };
  const raw = Readable.from(rest());
  if (!isGzip(head)) return { text: raw, gzip: false };
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return { text: raw.pipe(gunzip), gzip: true };
}

/**
 * Reads the start of the file (64 KiB) to settle its format and, for CSV, check the header names user, item and
 * rating: a 400 naming what is missing before any work is queued.
 */
export async function inspectInput(
  blob: BlobClient,
  explicit?: PipelineFormat,
): Promise<{ format: PipelineFormat; gzip: boolean; sizeBytes: number }> {
  const properties = await blob.getProperties();
  const sizeBytes = properties.contentLength ?? 0;
  const { text, gzip } = await openText(blob, sizeBytes > 64 * 1024 ? 64 * 1024 : undefined);
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of text) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= 4096) break;
    }
  } catch {
    // A gzip prefix ends mid-stream: what was inflated so far is enough.
  }
  text.destroy();
  const firstLine =
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new ValidationError('the rating file is empty', [{ path: 'blob', message: 'no rows' }]);
  }
  const format = explicit ?? (firstLine.includes('\t') && !firstLine.includes(',') ? 'tsv' : 'csv');
  if (format === 'csv') assertHeader(firstLine, ['user', 'item', 'rating']);
  else assertTsvLine(firstLine);
  return { format, gzip, sizeBytes };
}

/** A TSV file's lines hold user, item and rating separated by tabs: a first line with fewer fields is not TSV. */
function assertTsvLine(line: string): void {
  if (line.split('\t').length >= 3) return;
  throw new ValidationError('the file is not tab-separated', [
    {
      path: 'format',
      message: `tsv expects lines of user, item, rating[, time] separated by tabs (as MovieLens u.data); the first line is "${line.slice(0, 80)}"`,
    },
  ]);
}

/** What the split saw besides the chunks. */
export interface SplitSummary {
  records: number;
  chunks: number;
  /** Records csv-parse could not read (an unclosed quote...), by reason. */
  skipped: Record<string, number>;
  skippedExamples: Array<{ line: number; reason: string }>;
}

/**
 * Streams `blob` and calls `onChunk` with each full chunk (and the last, partial one), awaiting it before
 * reading on: backpressure keeps at most one chunk in memory.
 */
export async function splitInput(
  blob: BlobClient,
  format: PipelineFormat,
  chunkRows: number,
  onChunk: (index: number, chunk: RawChunk) => Promise<void>,
): Promise<SplitSummary> {
  const { text } = await openText(blob);
  const parser = parse({
    delimiter: format === 'tsv' ? '\t' : ',',
    quote: format === 'tsv' ? false : '"',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  const summary: SplitSummary = { records: 0, chunks: 0, skipped: {}, skippedExamples: [] };
  parser.on('skip', (error: Error & { code?: string; lines?: number }) => {
    const reason = `unreadable CSV record (${error.code ?? 'parse error'})`;
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
    if (summary.skippedExamples.length < 10) summary.skippedExamples.push({ line: error.lines ?? 0, reason });
  });
  text.on('error', (error) => parser.destroy(error));
  const through = new PassThrough();
  text.pipe(through).pipe(parser);
  let columns: string[] | undefined = format === 'tsv' ? TSV_COLUMNS : undefined;
  let records: string[][] = [];
  let lines: number[] = [];
  const flush = async () => {
    if (records.length === 0) return;
    await onChunk(summary.chunks, { columns: columns ?? [], records, lines });
    summary.chunks += 1;
    records = [];
    lines = [];
  };
  for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (columns === undefined) {
      columns = entry.record.map((c) => c.trim());
      continue;
    }
    records.push(entry.record);
    lines.push(entry.info.lines);
    summary.records += 1;
    if (records.length >= chunkRows) await flush();
  }
  await flush();
  return summary;
}
