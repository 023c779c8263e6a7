// What the console's offline mode downloads for a series (GET /api/edge/series/{id}): its served model, the stored
// points scoring a new point depends on, and the detector settings.
import type { DetectorSettings, StoredPoint } from '../stream/score-after-history.ts';

export interface EdgeSeriesBundle {
  series: string;
  modelVersion: string;
  /** The series model artifact (series-model-codec.ts), base64. */
  model: string;
  /** The last SCORING_HISTORY stored points, oldest first. */
  history: StoredPoint[];
  settings: DetectorSettings;
}
