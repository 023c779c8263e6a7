import type { HttpFunctionOptions } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { createJobHandlers, jobRoutes } from '../jobs/index.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { registerApiKeyFunctions } from './api-key-admin.ts';
import { createModelHandlers, registerModelFunctions } from './model-handlers.ts';
import { createOpenApiDocument, createOpenApiHandler, registerOpenApiFunction } from './openapi.ts';
import { registerRoutes } from './shared-routes.ts';
import { apiKeyRoutes, modelRoutes } from './index.ts';

/** What `app.http` received, as `name METHOD route`. */
function recorder() {
  const registered: string[] = [];
  const app = {
    http: (name: string, options: HttpFunctionOptions) =>
      registered.push(`${name} ${(options.methods ?? []).join(',')} ${options.route} ${options.authLevel}`),
  };
  return { app, registered };
}

const modelHandlers = createModelHandlers({
  store: () => {
    throw new Error('not called');
  },
  names: () => ['m'],
  keepVersions: () => 10,
});

describe('shared route groups', () => {
  it('register the model, key, job and document functions under their names, methods and routes', () => {
    const { app, registered } = recorder();
    registerModelFunctions(app, modelHandlers);
    registerApiKeyFunctions(app, { route: 'api/apikeys' });
    registerRoutes(app, jobRoutes(createJobHandlers(() => ({}) as JobRunner)));
    registerOpenApiFunction(
      app,
      createOpenApiHandler({ title: 't', version: '1' }, () => []),
    );
    expect(registered).toEqual([
      'listModels GET api/models anonymous',
      'pinModel POST api/models/{version}/pin anonymous',
      'unpinModel DELETE api/models/{version}/pin anonymous',
      'apiKeysList GET api/apikeys anonymous',
      'apiKeysCreate POST api/apikeys anonymous',
      'apiKeysRevoke DELETE api/apikeys/{id} anonymous',
      'apiKeysUsage GET api/apikeys/{id}/usage anonymous',
      'listJobs GET api/jobs anonymous',
      'getJob GET api/jobs/{id} anonymous',
      'jobEvents GET api/jobs/{id}/events anonymous',
      'cancelJob POST api/jobs/{id}/cancel anonymous',
      'openApi GET api/openapi.json anonymous',
    ]);
  });

  it('document the same routes in an OpenAPI document, the admin ones with the admin key', () => {
    const doc = createOpenApiDocument({ title: 't', version: '1' }, [
      ...modelRoutes(modelHandlers),
      ...apiKeyRoutes('api/apikeys'),
    ]);
    expect(Object.keys(doc.paths)).toEqual([
      '/api/models',
      '/api/models/{version}/pin',
      '/api/apikeys',
      '/api/apikeys/{id}',
      '/api/apikeys/{id}/usage',
    ]);
    expect(Object.keys(doc.paths['/api/models/{version}/pin'] ?? {})).toEqual(['post', 'delete']);
    expect(doc.paths['/api/models/{version}/pin']?.post).toMatchObject({ security: [{ adminKey: [] }] });
    expect(doc.paths['/api/models']?.get).not.toHaveProperty('security');
  });
});
