// A storage account named by an app setting, in the forms the Functions host reads for a binding's `connection`:
// the setting holds a connection string, or `<setting>__accountName` / `__blobServiceUri` + `__queueServiceUri`
// name an account reached with the app's identity (DefaultAzureCredential, as Azure recommends for managed identity).
import type { TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Env } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';

/** An account reached with a connection string (account key, SAS, or `UseDevelopmentStorage=true`). */
export interface ConnectionStringAccount {
  kind: 'connection-string';
  /** The app setting it came from (for messages; empty when a caller passed the string itself). */
  setting: string;
  connectionString: string;
}

/** An account reached with the app's identity (managed identity on Azure, the developer's sign-in elsewhere). */
export interface IdentityAccount {
  kind: 'identity';
  setting: string;
  /** `https://<account>.blob.core.windows.net` or `<setting>__blobServiceUri` / `__serviceUri`. */
  blobServiceUri: string;
  /** `https://<account>.queue.core.windows.net` or `<setting>__queueServiceUri`. */
  queueServiceUri: string;
  /** `<setting>__clientId`: a user-assigned managed identity; unset = the system-assigned one. */
  clientId?: string;
}

export type StorageAccount = ConnectionStringAccount | IdentityAccount;

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

/** Why `text` cannot reach both Blob and Queue endpoints, or undefined when it can. */
function connectionStringProblem(setting: string, text: string): string | undefined {
  if (/^https?:\/\//i.test(text))
    return `expected a connection string, not a URL: for an identity set ${setting}__accountName (or ${setting}__blobServiceUri and ${setting}__queueServiceUri) instead, the form the Functions host reads for queue triggers`;
  const pairs = parseConnectionString(text);
  if (typeof pairs === 'string') return pairs;
  if (pairs.get('usedevelopmentstorage')?.toLowerCase() === 'true') return undefined;
  const keyed = pairs.has('accountname') && pairs.has('accountkey');
  const sas = pairs.has('sharedaccesssignature');
  if (!keyed && !sas)
    return 'expected AccountName and AccountKey, or SharedAccessSignature with endpoints, or UseDevelopmentStorage=true';
  if (sas && !keyed)
    for (const endpoint of ['BlobEndpoint', 'QueueEndpoint'])
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

function identityAccount(setting: string, env: Env): IdentityAccount | undefined {
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
  if (name === undefined && (blob === undefined || queue === undefined))
    throw new ConfigError(
      blob === undefined ? `${setting}__blobServiceUri` : `${setting}__queueServiceUri`,
      `an identity connection needs ${setting}__accountName, or both ${setting}__blobServiceUri and ${setting}__queueServiceUri`,
    );
  const clientId = get('clientId');
  return {
    kind: 'identity',
    setting,
    blobServiceUri: blob ? httpsUrl(blobVariable, blob) : `https://${name}.blob.core.windows.net`,
    queueServiceUri: queue
      ? httpsUrl(`${setting}__queueServiceUri`, queue)
      : `https://${name}.queue.core.windows.net`,
    ...(clientId ? { clientId } : {}),
  };
}

/**
 * The account `setting` names, in the forms the Functions host accepts for a binding's `connection`: the
 * setting's connection string, else its identity settings; undefined when neither is set.
 * @throws ConfigError naming the variable when a value is malformed or an identity connection is incomplete.
 * @example
 * const account = tryReadStorageAccount('TRAINING_STORAGE') ?? tryReadStorageAccount('AzureWebJobsStorage');
 */
export function tryReadStorageAccount(setting: string, env: Env = process.env): StorageAccount | undefined {
  const value = env[setting]?.trim();
  if (value) {
    const problem = connectionStringProblem(setting, value);
    if (problem) throw new ConfigError(setting, problem);
    return { kind: 'connection-string', setting, connectionString: value };
  }
  return identityAccount(setting, env);
}

/** True when `setting` (or its `__` identity settings) is set: the name a queue trigger's `connection` should use. */
export function isStorageSettingSet(setting: string, env: Env = process.env): boolean {
  return (
    Boolean(env[setting]?.trim()) || IDENTITY_KEYS.some((key) => Boolean(env[`${setting}__${key}`]?.trim()))
  );
}

/**
 * DefaultAzureCredential (the managed identity on Azure; environment, workload identity or a developer sign-in
 * elsewhere), imported on the first token request so a process on connection strings never loads @azure/identity.
 */
export function createStorageCredential(clientId?: string): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes, options) {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) =>
          new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
      );
      return (await credential).getToken(scopes, options);
    },
  };
}

const credentials = new WeakMap<IdentityAccount, TokenCredential>();

/** One credential per identity account, shared by its Blob and Queue clients (one token cache). */
export function getAccountCredential(account: IdentityAccount): TokenCredential {
  let credential = credentials.get(account);
  if (!credential) {
    credential = createStorageCredential(account.clientId);
    credentials.set(account, credential);
  }
  return credential;
}

/**
 * The account's Blob service client (build it once per instance: clients keep their HTTP agents warm); a string is
 * a connection string (tests, benches).
 */
export function createBlobServiceClient(account: StorageAccount | string): BlobServiceClient {
  if (typeof account === 'string') return BlobServiceClient.fromConnectionString(account);
  return account.kind === 'connection-string'
    ? BlobServiceClient.fromConnectionString(account.connectionString)
    : new BlobServiceClient(account.blobServiceUri, getAccountCredential(account));
}
