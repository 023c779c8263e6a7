// Publish a model (admin): an .onnx file exported from scikit-learn (skl2onnx), PyTorch (torch.onnx.export) or
// TensorFlow (tf2onnx), optional metadata, and the admin key; the answer's signature is what the server read from it.
// A file up to the body limit goes in the PUT's body; a larger one through an upload URL, with its progress shown
// and a Cancel until the bytes are uploaded (after that the server is publishing and a Cancel could not undo it).
import { useRef, useState } from 'preact/hooks';
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { problemText } from '@suite/console/web/api.ts';
import { parseMetadata, publishModel } from './publish-client.ts';
import { signatureText } from './signature-text.ts';
import type { PublishLimits } from './types.ts';
import { publishThroughUpload, UploadCancelled, type UploadStage } from './upload-client.ts';
import { sizeText } from './size-text.ts';
import { publishWay } from './upload-words.ts';
import { UploadProgress } from './upload-progress.tsx';

export interface PublishPanelProps {
  /** The name the form shows until one is typed: the model on view, whose next version is the usual upload. */
  initialName: string;
  /** From GET /api/models: which way a file of each size goes; undefined until the list is read. */
  limits: PublishLimits | undefined;
  onPublished(name: string): void;
}

/** What the page says once a Cancel took: how far the upload got, and that nothing was published. */
function cancelledText(name: string, cancelled: UploadCancelled): string {
  const where =
    cancelled.stage === 'offer'
      ? ' before any byte was sent'
      : cancelled.sent > 0
        ? ` at ${sizeText(cancelled.sent)} of ${sizeText(cancelled.total)}`
        : ` while sending ${sizeText(cancelled.total)}`;
  const leftover = cancelled.leftover
    ? ` The bytes that reached Blob storage could not be deleted now (${cancelled.leftover}); they are never published, and are deleted a day later.`
    : '';
  return `Upload cancelled${where}: nothing was published as ${name}.${leftover}`;
}

/** What the form says of sizes: how large a file goes in the request, and what happens to a larger one. */
function limitsText(limits: PublishLimits): string {
  const body = `Up to ${sizeText(limits.bodyBytes)} goes in the request`;
  return limits.uploadUrls
    ? `${body}; a larger file (up to ${sizeText(limits.uploadBytes)}) goes straight to Blob storage through an upload URL.`
    : `${body}; this deployment issues no upload URLs for a larger one (they need MODEL_STORE=blob).`;
}

export function PublishPanel({ initialName, limits, onPublished }: PublishPanelProps) {
  const adminKey = useAdminKey();
  // Follows the model on view until the user types a name of their own.
  const [typedName, setName] = useState<string | undefined>();
  const name = typedName ?? initialName;
  const [file, setFile] = useState<File | undefined>();
  const [metadataText, setMetadataText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [stage, setStage] = useState<UploadStage | undefined>();
  const [cancelled, setCancelled] = useState<string | undefined>();
  const cancel = useRef<AbortController | undefined>(undefined);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    setDone(undefined);
    setCancelled(undefined);
    const metadata = parseMetadata(metadataText);
    if (typeof metadata === 'string') return setError(metadata);
    if (!file) return setError('Choose the .onnx file to publish.');
    setBusy(true);
    const viaUrl = publishWay(file.size, limits) === 'upload-url';
    const controller = (cancel.current = new AbortController());
    try {
      const published = viaUrl
        ? await publishThroughUpload(name.trim(), file, metadata, adminKey, setStage, controller.signal)
        : await publishModel(name.trim(), file, metadata, adminKey);
      const way = viaUrl ? ` through an upload URL (${sizeText(file.size)})` : '';
      setDone(
        `Published ${published.name} version ${published.version}${way}: ${signatureText(published.signature)}`,
      );
      onPublished(published.name);
    } catch (failure) {
      if (failure instanceof UploadCancelled) setCancelled(cancelledText(name.trim(), failure));
      else setError(problemText(failure));
    } finally {
      cancel.current = undefined;
      setBusy(false);
      setStage(undefined);
    }
  }

  return (
    <section class="panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish a model</h2>
      <p class="muted">
        An ONNX export (scikit-learn without ZipMap, PyTorch, TensorFlow); the server loads it, reads its
        signature and refuses what ONNX Runtime cannot serve. Needs the admin key (above).
      </p>
      <form class="publish-form" onSubmit={(e) => void submit(e)}>
        <label>
          Name
          <input
            value={name}
            required
            maxLength={64}
            placeholder="iris"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          Model file
          <input
            type="file"
            accept=".onnx,application/octet-stream"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </label>
        {limits && (
          <p class="muted hint" data-testid="publish-limits">
            {limitsText(limits)}
          </p>
        )}
        <label class="block">
          Metadata (JSON, optional)
          <textarea
            rows={2}
            spellcheck={false}
            value={metadataText}
            placeholder='{"labels": ["setosa", "versicolor", "virginica"]}'
            onInput={(e) => setMetadataText(e.currentTarget.value)}
          />
        </label>
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page while it waits. */}
        <button type="submit" aria-disabled={busy}>
          Publish
        </button>
      </form>
      {stage && <UploadProgress stage={stage} />}
      {stage && stage.stage !== 'publish' && (
        <button type="button" class="secondary upload-cancel" onClick={() => cancel.current?.abort()}>
          Cancel upload
        </button>
      )}
      {cancelled && (
        <p class="cancelled" role="status" data-testid="publish-cancelled">
          {cancelled}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="publish-error">
          {error}
        </p>
      )}
      {done && (
        <p class="good" role="status" data-testid="published">
          {done}
        </p>
      )}
    </section>
  );
}
