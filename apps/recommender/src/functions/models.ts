// Model versions: GET /api/models (versions with metrics, served, pinned), POST /api/models/{version}/pin
// (admin: serve it, an older one being a rollback), DELETE /api/models/{version}/pin (admin: unpin).
import { app } from '@azure/functions';
import { getSharedConfig } from '@suite/shared/config';
import { createModelHandlers, registerModelFunctions } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';

export const modelHandlers = createModelHandlers({
  store: () => getRecommender().models.store(),
  names: () => getRecommender().models.names(),
  keepVersions: () => getSharedConfig().modelKeepVersions,
  onServe: (name) => getRecommender().models.reload(name),
});
export const { listModels, pinModel, unpinModel } = modelHandlers;

registerModelFunctions(app, modelHandlers);
