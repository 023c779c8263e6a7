// Model versions: GET /api/models (versions with metrics, served, pinned), POST /api/models/{version}/pin
// (admin: serve it, an older one being a rollback), DELETE /api/models/{version}/pin (admin: unpin).
import { app } from '@azure/functions';
import { getSharedConfig } from '@suite/shared/config';
import { createModelHandlers, registerModelFunctions } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

export const modelHandlers = createModelHandlers({
  store: () => getChatbot().models.store(),
  names: () => getChatbot().models.names(),
  keepVersions: () => getSharedConfig().modelKeepVersions,
  onServe: (name) => getChatbot().models.reload(name),
});
export const { listModels, pinModel, unpinModel } = modelHandlers;

registerModelFunctions(app, modelHandlers);
