// Model versions: GET /api/models[?name=] (named models, or the one named: versions with metrics, served, pinned),
// POST /api/models/{version}/pin?name= (admin: serve it; an older one is a rollback), DELETE .../pin?name= (admin).
import { app } from '@azure/functions';
import { getSharedConfig } from '@suite/shared/config';
import { createModelHandlers, registerModelFunctions } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';

export const modelHandlers = createModelHandlers({
  store: () => getAnomaly().models.store(),
  names: () => getAnomaly().namedModels(),
  // A series' model (series-<id>) is not listed with the named ones, but is a model of this app all the same.
  accepts: (name) => getAnomaly().isModel(name),
  requireName: true,
  keepVersions: () => getSharedConfig().modelKeepVersions,
  onServe: (name) => getAnomaly().served(name),
});
export const { listModels, pinModel, unpinModel } = modelHandlers;

registerModelFunctions(app, modelHandlers);
