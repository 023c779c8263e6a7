// Where a publish through an upload URL is: asking for the URL, the bytes sent to Blob storage so far (a large model
// takes minutes), then the server loading what arrived.
import type { UploadStage } from './upload-client.ts';
import { sizeText } from './size-text.ts';

export function UploadProgress({ stage }: { stage: UploadStage }) {
  if (stage.stage !== 'upload')
    return (
      <p class="muted" role="status" data-testid="publish-progress">
        {stage.stage === 'offer'
          ? 'Asking for an upload URL…'
          : 'Uploaded. Publishing: the server reads the upload and loads the model…'}
      </p>
    );
  const percent = stage.total > 0 ? Math.floor((stage.sent / stage.total) * 100) : 0;
  return (
    <div class="upload-progress" role="status" data-testid="publish-progress">
      <progress max={stage.total} value={stage.sent} aria-label="Upload to Blob storage" />
      <span>
        Uploading to Blob storage: {sizeText(stage.sent)} of {sizeText(stage.total)} ({percent}%)
      </span>
    </div>
  );
}
