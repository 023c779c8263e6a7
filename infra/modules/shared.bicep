// Shared by the three apps: logs, Key Vault with the secrets, PostgreSQL Flexible Server, model-artifact storage.
param location string
param tags object
param token string

@secure()
param postgresAdminPassword string

@secure()
param adminKey string

@secure()
param openAiApiKey string

@description('PostgreSQL administrator login (the password comes from the secure parameter).')
param postgresAdminLogin string = 'suiteadmin'

@description('Compute of the PostgreSQL server. The built-in PgBouncer needs General Purpose or Memory Optimized: Burstable (B1ms, max_connections 50) has none. D2ds_v5: 2 vCores, 8 GiB, max_connections 859.')
param postgresSkuName string = 'Standard_D2ds_v5'
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'GeneralPurpose'
@description('Route the apps through the server\'s built-in PgBouncer (port 6432, transaction pooling). Needs a non-Burstable tier.')
param usePgBouncer bool = true
@description('Server connections PgBouncer keeps per database and user (the apps share both).')
param pgBouncerPoolSize int = 100

@description('Database every app uses; each app keeps to its own tables (migrations are per app).')
param databaseName string = 'suite'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

// Model artifacts: immutable versions + latest pointers, written by training, read by every warm instance.
resource modelStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('stmodels${token}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

// No shared container: each app creates its own (`models-<app>`, modules/function-app.bicep), so one app's admin
// or training cannot overwrite, pin or read another app's models through its model endpoints.

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-${token}'
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Server parameters, one at a time (the server refuses concurrent configuration changes). PgBouncer ignores the
// startup parameters pg sends for statement_timeout and idle_in_transaction_session_timeout, so the same bounds are
// set server-wide; the client-side timer (PG_QUERY_TIMEOUT_MS) still bounds every request.
var serverParameters = concat(
  [
    { name: 'statement_timeout', value: '15000' }
    { name: 'idle_in_transaction_session_timeout', value: '30000' }
  ],
  usePgBouncer
    ? [
        { name: 'pgbouncer.enabled', value: 'true' }
        { name: 'pgbouncer.pool_mode', value: 'TRANSACTION' }
        { name: 'pgbouncer.default_pool_size', value: string(pgBouncerPoolSize) }
        { name: 'pgbouncer.max_client_conn', value: '5000' }
        { name: 'pgbouncer.ignore_startup_parameters', value: 'extra_float_digits,statement_timeout,idle_in_transaction_session_timeout' }
      ]
    : []
)

@batchSize(1)
resource parameters 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = [
  for parameter in serverParameters: {
    parent: postgres
    name: parameter.name
    properties: {
      value: parameter.value
      source: 'user-override'
    }
  }
]

// Flex Consumption apps without a virtual network reach the server over public Azure addresses.
// Tighten this with VNet integration + private access for production.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${token}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

// Through PgBouncer (6432) when it is on: many instances x small pools fan in to a few server connections.
var databasePort = usePgBouncer ? '6432' : '5432'
var databaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:${databasePort}/${databaseName}?sslmode=require'
var modelStorageConnection = 'DefaultEndpointsProtocol=https;AccountName=${modelStorage.name};AccountKey=${modelStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: { value: databaseUrl }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-key'
  properties: { value: adminKey }
}

resource modelStorageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'model-storage-connection'
  properties: { value: modelStorageConnection }
}

resource openAiSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAiApiKey)) {
  parent: vault
  name: 'openai-api-key'
  properties: { value: openAiApiKey }
}

output logAnalyticsWorkspaceId string = logs.id
output keyVaultName string = vault.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output modelStorageAccountName string = modelStorage.name
// Versionless URIs: a rotated secret reaches the apps on their next Key Vault reference refresh.
output secretUris object = {
  databaseUrl: '${vault.properties.vaultUri}secrets/${databaseUrlSecret.name}'
  adminKey: '${vault.properties.vaultUri}secrets/${adminKeySecret.name}'
  modelStorageConnection: '${vault.properties.vaultUri}secrets/${modelStorageSecret.name}'
}
output openAiSecretUri string = empty(openAiApiKey) ? '' : '${vault.properties.vaultUri}secrets/openai-api-key'
