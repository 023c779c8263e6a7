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

@description('Database every app uses; each app keeps to its own tables (migrations are per app).')
param databaseName string = 'suite'

@description('Blob container that holds model versions and their latest pointers.')
param modelContainerName string = 'models'

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

resource modelBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: modelStorage
  name: 'default'
}

resource modelContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: modelBlobService
  name: modelContainerName
  properties: { publicAccess: 'None' }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-${token}'
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
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

var databaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
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
output modelContainerName string = modelContainer.name
// Versionless URIs: a rotated secret reaches the apps on their next Key Vault reference refresh.
output secretUris object = {
  databaseUrl: '${vault.properties.vaultUri}secrets/${databaseUrlSecret.name}'
  adminKey: '${vault.properties.vaultUri}secrets/${adminKeySecret.name}'
  modelStorageConnection: '${vault.properties.vaultUri}secrets/${modelStorageSecret.name}'
}
output openAiSecretUri string = empty(openAiApiKey) ? '' : '${vault.properties.vaultUri}secrets/openai-api-key'
