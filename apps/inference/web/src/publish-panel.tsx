// Publish a model (admin): an .onnx file exported from scikit-learn (skl2onnx), PyTorch (torch.onnx.export) or
// TensorFlow (tf2onnx), optional metadata, and the admin key; the answer's signature is what the server read from it.
import { useState } from 'preact/hooks';
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { problemText } from '@suite/console/web/api.ts';

import { parseMetadata, publishModel } from './publish-client.ts';
import { signatureText } from './signature-text.ts';

export interface PublishPanelProps {
  /** The name the form shows until one is typed: the model on view, whose next version is the usual upload. */
  initialName: string;
  onPublished(name: string): void;
}

export function PublishPanel({ initialName, onPublished }: PublishPanelProps) {
  const adminKey = useAdminKey();
  // Follows the model on view until the user types a name of their own.
  const [typedName, setName] = useState<string | undefined>();
  const name = typedName ?? initialName;
  const [file, setFile] = useState<File | undefined>();
  const [metadataText, setMetadataText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  async function submit(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const metadata = parseMetadata(metadataText);
    if (typeof metadata === 'string') return setError(metadata);
    if (!file) return setError('Choose the .onnx file to publish.');
    setBusy(true);
    try {
      const published = await publishModel(name.trim(), file, metadata, adminKey);
      setDone(
        `Published ${published.name} version ${published.version}: ${signatureText(published.signature)}`,
      );
      onPublished(published.name);
    } catch (failure) {
      setError(problemText(failure));
    } finally {
      setBusy(false);
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
        <button type="submit" disabled={busy}>
          Publish
        </button>
      </form>
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
