// Suite infrastructure for azd: one resource group, shared data services, and one Flex Consumption Function App per app.
targetScope = 'subscription'

@minLength(1)
@maxLength(48)
@description('azd environment name; becomes part of every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (must offer the Flex Consumption plan).')
param location string

@secure()
@description('PostgreSQL administrator password (azd prompts for it; it is stored in Key Vault, never in the repo).')
param postgresAdminPassword string

@secure()
@description('Value of the x-admin-key header that guards the admin endpoints (training, publishing).')
param adminKey string

@secure()
@description('Optional OpenAI (or compatible) API key for the chatbot; empty keeps the chatbot on template answers.')
param openAiApiKey string = ''

@description('Optional OpenAI-compatible endpoint for the chatbot (Azure OpenAI resource URL, or empty for api.openai.com).')
param openAiBaseUrl string = ''

@description('Instance memory per app in MB (512, 2048 or 4096). The cold-start bench prints the smallest size that fits.')
param instanceMemoryMB object = {
  chatbot: 2048
  recommender: 512
  anomaly: 512
  inference: 2048
}

@description('Upper bound of instances each app may scale out to.')
param maximumInstanceCount int = 40

@description('API_KEYS of every app: on = the public API needs a per-client key (see the root README).')
@allowed(['on', 'off'])
param apiKeys string = 'on'

@description('Email told when an app\'s 5xx-rate or p95-latency alert fires; empty = portal only.')
param alertEmail string = ''

@description('Client id of an Entra app registration for Easy Auth on the consoles; empty = no Easy Auth.')
param consoleAuthClientId string = ''

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module shared 'modules/shared.bicep' = {
  name: 'shared'
  scope: rg
  params: {
    location: location
    tags: tags
    token: token
    postgresAdminPassword: postgresAdminPassword
    adminKey: adminKey
    openAiApiKey: openAiApiKey
  }
}

// Only set when given: the chatbot validates OPENAI_BASE_URL as a URL, and no key keeps it on template answers.
var chatbotOpenAiKeySetting = empty(openAiApiKey) ? {} : { OPENAI_API_KEY: '@Microsoft.KeyVault(SecretUri=${shared.outputs.openAiSecretUri})' }
var chatbotOpenAiUrlSetting = empty(openAiBaseUrl) ? {} : { OPENAI_BASE_URL: openAiBaseUrl }

module chatbot 'modules/function-app.bicep' = {
  name: 'app-chatbot'
  scope: rg
  params: {
    serviceName: 'chatbot'
    location: location
    tags: tags
    token: token
    instanceMemoryMB: instanceMemoryMB.chatbot
    maximumInstanceCount: maximumInstanceCount
    apiKeys: apiKeys
    alertEmail: alertEmail
    consoleAuthClientId: consoleAuthClientId
    logAnalyticsWorkspaceId: shared.outputs.logAnalyticsWorkspaceId
    keyVaultName: shared.outputs.keyVaultName
    modelStorageAccountName: shared.outputs.modelStorageAccountName
    secretUris: shared.outputs.secretUris
    extraAppSettings: union(chatbotOpenAiKeySetting, chatbotOpenAiUrlSetting)
  }
}

module recommender 'modules/function-app.bicep' = {
  name: 'app-recommender'
  scope: rg
  params: {
    serviceName: 'recommender'
    location: location
    tags: tags
    token: token
    instanceMemoryMB: instanceMemoryMB.recommender
    maximumInstanceCount: maximumInstanceCount
    apiKeys: apiKeys
    alertEmail: alertEmail
    consoleAuthClientId: consoleAuthClientId
    logAnalyticsWorkspaceId: shared.outputs.logAnalyticsWorkspaceId
    keyVaultName: shared.outputs.keyVaultName
    modelStorageAccountName: shared.outputs.modelStorageAccountName
    secretUris: shared.outputs.secretUris
    extraAppSettings: {}
  }
}

// The anomaly app's Event Hubs trigger connects with its identity (EVENTHUB_CONNECTION__fullyQualifiedNamespace).
// The namespace name is derived here, not read from the module, so the app and the hub can deploy in parallel.
var eventHubsHost = 'evhns-${token}.servicebus.windows.net'

module anomaly 'modules/function-app.bicep' = {
  name: 'app-anomaly'
  scope: rg
  params: {
    serviceName: 'anomaly'
    location: location
    tags: tags
    token: token
    instanceMemoryMB: instanceMemoryMB.anomaly
    maximumInstanceCount: maximumInstanceCount
    apiKeys: apiKeys
    alertEmail: alertEmail
    consoleAuthClientId: consoleAuthClientId
    logAnalyticsWorkspaceId: shared.outputs.logAnalyticsWorkspaceId
    keyVaultName: shared.outputs.keyVaultName
    modelStorageAccountName: shared.outputs.modelStorageAccountName
    secretUris: shared.outputs.secretUris
    extraAppSettings: {
      EVENTHUB_CONNECTION__fullyQualifiedNamespace: eventHubsHost
      EVENTHUB_NAME: 'metrics'
    }
  }
}

// Bring-your-own-model serving: ONNX Runtime and the models it holds want the chatbot's memory size, not 512 MB.
module inference 'modules/function-app.bicep' = {
  name: 'app-inference'
  scope: rg
  params: {
    serviceName: 'inference'
    location: location
    tags: tags
    token: token
    instanceMemoryMB: instanceMemoryMB.inference
    maximumInstanceCount: maximumInstanceCount
    apiKeys: apiKeys
    alertEmail: alertEmail
    consoleAuthClientId: consoleAuthClientId
    logAnalyticsWorkspaceId: shared.outputs.logAnalyticsWorkspaceId
    keyVaultName: shared.outputs.keyVaultName
    modelStorageAccountName: shared.outputs.modelStorageAccountName
    secretUris: shared.outputs.secretUris
    extraAppSettings: {}
  }
}

module eventHubs 'modules/event-hubs.bicep' = {
  name: 'event-hubs'
  scope: rg
  params: {
    location: location
    tags: tags
    token: token
    eventHubName: 'metrics'
    receiverPrincipalId: anomaly.outputs.principalId
  }
}

// azd writes these outputs into the environment (.azure/<env>/.env); `npm run deploy` reads the same names.
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_KEY_VAULT_NAME string = shared.outputs.keyVaultName
output POSTGRES_HOST string = shared.outputs.postgresHost
output MODEL_STORAGE_ACCOUNT string = shared.outputs.modelStorageAccountName
output CHATBOT_FUNCTION_APP_NAME string = chatbot.outputs.name
output CHATBOT_URL string = chatbot.outputs.url
output RECOMMENDER_FUNCTION_APP_NAME string = recommender.outputs.name
output RECOMMENDER_URL string = recommender.outputs.url
output ANOMALY_FUNCTION_APP_NAME string = anomaly.outputs.name
output ANOMALY_URL string = anomaly.outputs.url
output INFERENCE_FUNCTION_APP_NAME string = inference.outputs.name
output INFERENCE_URL string = inference.outputs.url
output EVENTHUB_NAMESPACE_HOST string = eventHubs.outputs.namespaceHost
