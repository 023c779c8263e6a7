// Model versions: GET /api/models (versions with metrics, served, pinned), POST /api/models/{version}/pin
// (admin: serve it, an older one being a rollback), DELETE /api/models/{version}/pin (admin: unpin).
import { app } from '@azure/functions';
import { getSharedConfig } from '@suite/shared/config';
import { createModelHandlers } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

export const { listModels, pinModel, unpinModel } = createModelHandlers({
  store: () => getChatbot().models.store(),
  names: () => getChatbot().models.names(),
  keepVersions: () => getSharedConfig().modelKeepVersions,
  onServe: (name) => getChatbot().models.reload(name),
});

app.http('listModels', {
  methods: ['GET'],
  route: 'api/models',
  authLevel: 'anonymous',
  handler: listModels,
});
app.http('pinModel', {
  methods: ['POST'],
  route: 'api/models/{version}/pin',
  authLevel: 'anonymous',
  handler: pinModel,
});
app.http('unpinModel', {
  methods: ['DELETE'],
  route: 'api/models/{version}/pin',
  authLevel: 'anonymous',
  handler: unpinModel,
});
