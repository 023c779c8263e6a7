// One app of the suite: its own storage, Application Insights and Flex Consumption (FC1) Function App.
@description('azd service name (chatbot | recommender | anomaly); azd finds the app through the azd-service-name tag.')
param serviceName string
param location string
param tags object
param token string

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40
param logAnalyticsWorkspaceId string
param keyVaultName string
param modelStorageAccountName string

@description('Key Vault secret URIs: databaseUrl, adminKey, modelStorageConnection.')
param secretUris object

@description('App settings specific to this app (name -> value).')
param extraAppSettings object = {}

@description('PG_POOL_MAX: connections one instance holds; see the root README for pool x instances x apps.')
param pgPoolMax int = 4
@description('API_KEYS: on = the public API needs a per-client key (created through /api/apikeys with the admin key).')
@allowed(['on', 'off'])
param apiKeys string = 'on'
@description('Email told when an alert fires (empty: portal only).')
param alertEmail string = ''
@description('Entra app registration (client id) for Easy Auth on the console; empty = no Easy Auth.')
param consoleAuthClientId string = ''

var appName = 'func-${serviceName}-${token}'
// This app's own model container: apps never share one (see the model storage resources below).
var modelContainerName = 'models-${serviceName}'
var deploymentContainerName = 'app-package-${serviceName}'

// Role definition ids (built-in roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Host storage (AzureWebJobsStorage: timer leases, host keys) and the deployment container the package lands in.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${serviceName}${token}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // every client here (host, deployment) uses the managed identity
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${serviceName}-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalyticsWorkspaceId
    DisableLocalAuth: true // telemetry is sent with the managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${serviceName}-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

var baseAppSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // dist/*.js.map ship in the package, but NODE_OPTIONS=--enable-source-maps is left off: it parses every map at
  // module load, +60-70 ms of CPU per cold start measured by the cold-start bench. Set it while debugging.
  // Embedded defaults -> cloud services: PGlite -> PostgreSQL, filesystem model store -> Blob.
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${secretUris.databaseUrl})'
  MODEL_STORE: 'blob'
  AZURE_STORAGE_CONNECTION_STRING: '@Microsoft.KeyVault(SecretUri=${secretUris.modelStorageConnection})'
  MODEL_CONTAINER: modelContainerName
  MODEL_REFRESH_SECONDS: '60'
  ADMIN_KEY: '@Microsoft.KeyVault(SecretUri=${secretUris.adminKey})'
  PG_POOL_MAX: string(pgPoolMax)
  API_KEYS: apiKeys
}
var appSettings = union(baseAppSettings, extraAppSettings)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(appSettings): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '20'
      }
    }
  }
}

// The platform pulls the package from the deployment container with the app's identity.
resource deploymentContainerOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, site.id, roles.storageBlobDataOwner)
  scope: deploymentContainer
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Identity-based AzureWebJobsStorage: blobs (leases, keys), queues and tables of the host storage account.
resource hostStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, site.id, role)
    scope: storage
    properties: {
      principalId: site.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Key Vault references in the app settings resolve with the app's identity.
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource modelStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: modelStorageAccountName
}

resource modelBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: modelStorage
  name: 'default'
}

// One container per app: in a shared one, any app's model endpoints could replace, list or pin the others' models.
resource modelContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: modelBlobService
  name: modelContainerName
  properties: { publicAccess: 'None' }
}

// Ready for an identity-based model store, and scoped to this app's container only; today the SDK client uses the
// connection string from Key Vault.
resource modelStorageContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(modelContainer.id, site.id, roles.storageBlobDataContributor)
  scope: modelContainer
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, site.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

module alerts 'alerts.bicep' = {
  name: 'alerts-${serviceName}'
  params: {
    serviceName: serviceName
    location: location
    tags: tags
    appInsightsId: appInsights.id
    alertEmail: alertEmail
  }
}

module easyAuth 'easy-auth.bicep' = if (!empty(consoleAuthClientId)) {
  name: 'easyauth-${serviceName}'
  params: {
    siteName: site.name
    clientId: consoleAuthClientId
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
output principalId string = site.identity.principalId
