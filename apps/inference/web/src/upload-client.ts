// Publishing a model over the HTTP body limit from the page, the way the API intends: POST .../uploads for a
// short-lived URL, PUT the file straight to Blob storage with the offer's method and headers (XMLHttpRequest: fetch
// reports no upload progress), then POST the offer's publishPath with the metadata. Storage answers a refusal in
// XML, not problem+json: it becomes the same "status title: detail" text as the API's problems on this page.
import { api, ApiError, problemText } from '@suite/console/web/api.ts';
import type { PublishedVersion, UploadOffer } from './types.ts';
import { sizeText } from './size-text.ts';
import { storageProblem } from './upload-words.ts';

/** Where a publish through an upload URL is: asking for the URL, sending the bytes, or publishing them. */
export type UploadStage =
  { stage: 'offer' } | { stage: 'upload'; sent: number; total: number } | { stage: 'publish' };

/** The user cancelled before publishing began: nothing was published; the upload was deleted unless `leftover`. */
export class UploadCancelled extends Error {
  constructor(
    /** Where it stopped: asking for the URL (nothing sent), or sending the bytes. */
    readonly stage: 'offer' | 'upload',
    /** Bytes the browser reported sent when it stopped, of `total`. */
    readonly sent: number,
    readonly total: number,
    /** Why the bytes that reached storage could not be deleted now, if they could not. */
    readonly leftover?: string,
  ) {
    super('The upload was cancelled.');
    this.name = 'UploadCancelled';
  }
}

const NO_ANSWER =
  "The upload to Blob storage got no answer: the network failed, or the storage account's CORS rules do not let " +
  'this page PUT to it (inference README, "Publishing a large model from the console").';

/**
 * PUTs `file` to the offer's URL, reporting the bytes sent; rejects with storage's refusal, a network failure, or an
 * AbortError when `signal` aborts (XMLHttpRequest.abort: storage keeps nothing of a PUT cut short).
 */
export function putToUploadUrl(
  offer: UploadOffer,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const cancelled = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    if (signal?.aborted) return cancelled();
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.onabort = cancelled;
    request.open(offer.method, offer.url);
    for (const [name, value] of Object.entries(offer.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(new ApiError(request.status, ...storageProblem(request.responseText)));
    request.onerror = () => reject(new Error(NO_ANSWER));
    request.send(file);
  });
}

/**
 * Publishes `file` as a new version of `name` through an upload URL. Throws ApiError with the API's problem (409 on
 * the filesystem store, 400 for bytes ONNX Runtime cannot load) or storage's refusal; {@link UploadCancelled} when
 * `signal` aborts before publishing begins (the upload deleted; after that a Cancel changes nothing).
 */
export async function publishThroughUpload(
  name: string,
  file: Blob,
  metadata: Record<string, unknown>,
  adminKey: string,
  onStage: (stage: UploadStage) => void,
  signal?: AbortSignal,
): Promise<PublishedVersion & { name: string }> {
  const admin = { 'x-admin-key': adminKey };
  onStage({ stage: 'offer' });
  let offer: UploadOffer;
  try {
    offer = await api<UploadOffer>(`/api/models/${encodeURIComponent(name)}/uploads`, {
      method: 'POST',
      headers: admin,
      signal,
    });
  } catch (error) {
    // An offer the server may have issued is only a URL: nothing was written with it.
    if (signal?.aborted) throw new UploadCancelled('offer', 0, file.size);
    throw error;
  }
  if (file.size > offer.maxBytes)
    throw new Error(
      `The file is ${sizeText(file.size)}, over the largest model this app publishes (${sizeText(offer.maxBytes)}, INFERENCE_MAX_UPLOAD_MB).`,
    );
  let sent = 0;
  onStage({ stage: 'upload', sent, total: file.size });
  try {
    await putToUploadUrl(
      offer,
      file,
      (bytes, total) => {
        sent = bytes;
        onStage({ stage: 'upload', sent, total });
      },
      signal,
    );
    // A Cancel pressed as the last byte landed still cancels: the page said it would not publish.
    signal?.throwIfAborted();
  } catch (error) {
    if (!signal?.aborted) throw error;
    const leftover = await api(`/api/models/${encodeURIComponent(name)}/uploads/${offer.uploadId}`, {
      method: 'DELETE',
      headers: admin,
    }).then(() => undefined, problemText);
    throw new UploadCancelled('upload', sent, file.size, leftover);
  }
  onStage({ stage: 'publish' });
  return api<PublishedVersion & { name: string }>(offer.publishPath, {
    body: Object.keys(metadata).length > 0 ? { metadata } : {},
    headers: admin,
  });
}
