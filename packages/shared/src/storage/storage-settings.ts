// A storage account named by an app setting, in the forms the Functions host reads for a binding's `connection`:
// the setting holds a connection string, or `<setting>__accountName` / `__blobServiceUri` (+ `__queueServiceUri`)
// name an account reached with the app's identity. Parsing only: no SDK is loaded here (the shared config reads it).
import type { Env } from '../config/load-config.ts';
import { ConfigError } from '../errors/index.ts';

/** An account reached with a connection string (account key, SAS, or `UseDevelopmentStorage=true`). */
export interface ConnectionStringAccount {
  kind: 'connection-string';
  /** The app setting it came from (for messages; empty when a caller passed the string itself). */
  setting: string;
  connectionString: string;
}

/** An account reached with the app's identity for Blob alone (the model store), its Queue endpoint when known. */
export interface BlobIdentityAccount {
  kind: 'identity';
  setting: string;
  /** `https://<account>.blob.core.windows.net` or `<setting>__blobServiceUri` / `__serviceUri`. */
  blobServiceUri: string;
  /** `https://<account>.queue.core.windows.net` or `<setting>__queueServiceUri`, when given or derivable. */
  queueServiceUri?: string;
  /** `<setting>__clientId`: a user-assigned managed identity; unset = the system-assigned one. */
  clientId?: string;
}

/** An account reached with the app's identity (managed identity on Azure, the developer's sign-in elsewhere). */
export interface IdentityAccount extends BlobIdentityAccount {
  /** `https://<account>.queue.core.windows.net` or `<setting>__queueServiceUri`. */
  queueServiceUri: string;
}

/** An account for Blob and Queue (queue triggers and the blobs beside them). */
export type StorageAccount = ConnectionStringAccount | IdentityAccount;

/** An account for Blob alone (the model store). Every {@link StorageAccount} is one. */
export type BlobStorageAccount = ConnectionStringAccount | BlobIdentityAccount;

const IDENTITY_KEYS = [
  'accountName',
  'blobServiceUri',
  'serviceUri',
  'queueServiceUri',
  'credential',
  'clientId',
];
const CONNECTION_KEYS =
  /^(DefaultEndpointsProtocol|AccountName|AccountKey|EndpointSuffix|BlobEndpoint|QueueEndpoint|TableEndpoint|FileEndpoint|SharedAccessSignature|UseDevelopmentStorage|DevelopmentStorageProxyUri)$/i;

/** The key=value pairs of a connection string, or a message saying why it is not one. */
function parseConnectionString(text: string): Map<string, string> | string {
  const pairs = new Map<string, string>();
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    if (!CONNECTION_KEYS.test(key))
      return `"${part.slice(0, 40)}" is not a Key=Value pair of a connection string`;
    pairs.set(key.toLowerCase(), part.slice(eq + 1).trim());
  }
  return pairs;
}

/** Why `text` cannot reach the endpoints needed (Blob, and Queue unless `blobOnly`), or undefined when it can. */
function connectionStringProblem(setting: string, text: string, blobOnly: boolean): string | undefined {
  if (/^https?:\/\//i.test(text))
    return blobOnly
      ? `expected a connection string, not a URL: for an identity set ${setting}__accountName (or ${setting}__blobServiceUri) instead, the form the Functions host reads`
      : `expected a connection string, not a URL: for an identity set ${setting}__accountName (or ${setting}__blobServiceUri and ${setting}__queueServiceUri) instead, the form the Functions host reads for queue triggers`;
  const pairs = parseConnectionString(text);
  if (typeof pairs === 'string') return pairs;
  if (pairs.get('usedevelopmentstorage')?.toLowerCase() === 'true') return undefined;
  const keyed = pairs.has('accountname') && pairs.has('accountkey');
  const sas = pairs.has('sharedaccesssignature');
  if (!keyed && !sas)
    return 'expected AccountName and AccountKey, or SharedAccessSignature with endpoints, or UseDevelopmentStorage=true';
  if (sas && !keyed)
    for (const endpoint of blobOnly ? ['BlobEndpoint'] : ['BlobEndpoint', 'QueueEndpoint'])
      if (!pairs.has(endpoint.toLowerCase())) return `a SAS connection string needs ${endpoint}`;
  return undefined;
}

function httpsUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `expected a service URL such as https://<account>.blob.core.windows.net`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(variable, 'expected an https:// service URL');
  return value.replace(/\/+$/, '');
}

function identityAccount(setting: string, env: Env, blobOnly: boolean): BlobIdentityAccount | undefined {
  const get = (key: string) => env[`${setting}__${key}`]?.trim() || undefined;
  if (!IDENTITY_KEYS.some((key) => get(key) !== undefined)) return undefined;
  const credential = get('credential');
  if (credential !== undefined && credential.toLowerCase() !== 'managedidentity')
    throw new ConfigError(`${setting}__credential`, 'expected "managedidentity" (or unset)');
  const name = get('accountName');
  if (name !== undefined && !/^[a-z0-9]{3,24}$/.test(name))
    throw new ConfigError(`${setting}__accountName`, 'expected a storage account name (3-24 of a-z, 0-9)');
  const blob = get('blobServiceUri') ?? get('serviceUri');
  const queue = get('queueServiceUri');
  const blobVariable = get('blobServiceUri') ? `${setting}__blobServiceUri` : `${setting}__serviceUri`;
  if (name === undefined && blob === undefined)
    throw new ConfigError(
      `${setting}__blobServiceUri`,
      blobOnly
        ? `an identity connection needs ${setting}__accountName or ${setting}__blobServiceUri`
        : `an identity connection needs ${setting}__accountName, or both ${setting}__blobServiceUri and ${setting}__queueServiceUri`,
    );
  if (name === undefined && queue === undefined && !blobOnly)
    throw new ConfigError(
      `${setting}__queueServiceUri`,
      `an identity connection needs ${setting}__accountName, or both ${setting}__blobServiceUri and ${setting}__queueServiceUri`,
    );
  const clientId = get('clientId');
  const blobServiceUri = blob ? httpsUrl(blobVariable, blob) : `https://${name}.blob.core.windows.net`;
  const queueServiceUri = queue
    ? httpsUrl(`${setting}__queueServiceUri`, queue)
    : name !== undefined
      ? `https://${name}.queue.core.windows.net`
      : undefined;
  return {
    kind: 'identity',
    setting,
    blobServiceUri,
    ...(queueServiceUri !== undefined ? { queueServiceUri } : {}),
    ...(clientId ? { clientId } : {}),
  };
}

function readAccount(setting: string, env: Env, blobOnly: boolean): BlobStorageAccount | undefined {
  const value = env[setting]?.trim();
  if (value) {
    const problem = connectionStringProblem(setting, value, blobOnly);
    if (problem) throw new ConfigError(setting, problem);
    return { kind: 'connection-string', setting, connectionString: value };
  }
  return identityAccount(setting, env, blobOnly);
}

/**
 * The account `setting` names, for Blob and Queue, in the forms the Functions host accepts for a binding's
 * `connection`: the setting's connection string, else its identity settings; undefined when neither is set.
 * @throws ConfigError naming the variable when a value is malformed or an identity connection is incomplete.
 * @example
 * const account = tryReadStorageAccount('TRAINING_STORAGE') ?? tryReadStorageAccount('AzureWebJobsStorage');
 */
export function tryReadStorageAccount(setting: string, env: Env = process.env): StorageAccount | undefined {
  // With Blob and Queue both required, an identity account always has its queue endpoint.
  return readAccount(setting, env, false) as StorageAccount | undefined;
}

/**
 * The account `setting` names, for Blob alone (the model store): the same forms as {@link tryReadStorageAccount},
 * without the Queue endpoint a SAS or `__blobServiceUri` would otherwise need beside it.
 * @throws ConfigError naming the variable when a value is malformed or an identity connection is incomplete.
 * @example const account = tryReadBlobAccount('AZURE_STORAGE_CONNECTION_STRING');
 */
export function tryReadBlobAccount(setting: string, env: Env = process.env): BlobStorageAccount | undefined {
  return readAccount(setting, env, true);
}

/** True when `setting` (or its `__` identity settings) is set: the name a queue trigger's `connection` should use. */
export function isStorageSettingSet(setting: string, env: Env = process.env): boolean {
  return (
    Boolean(env[setting]?.trim()) || IDENTITY_KEYS.some((key) => Boolean(env[`${setting}__${key}`]?.trim()))
  );
}
