// Per-client API keys stored in PostgreSQL: the store behind `API_KEYS=on` and the key admin API.
export {
  createApiKeyStore,
  type ApiKeyStore,
  type ApiKeyInfo,
  type ApiKeyUsageDay,
  type Admission,
} from './api-key-store.ts';
export { ensureApiKeySchema } from './api-key-schema.ts';
