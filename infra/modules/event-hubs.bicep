// Streaming ingest for the anomaly app: an Event Hubs namespace and hub its `metricsEventHub` trigger reads.
param location string
param tags object
param token string

@description('Event hub the anomaly app consumes (its EVENTHUB_NAME setting).')
param eventHubName string = 'metrics'

@description('Principal (the anomaly app identity) that receives from the hub.')
param receiverPrincipalId string

var eventHubsDataReceiver = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'evhns-${token}'
  location: location
  tags: tags
  // Basic: one consumer group ($Default, what the trigger uses) and one day of retention are enough here.
  sku: {
    name: 'Basic'
    tier: 'Basic'
    capacity: 1
  }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: true // producers and the app authenticate with Entra ID
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: 2
    messageRetentionInDays: 1
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, receiverPrincipalId, eventHubsDataReceiver)
  scope: hub
  properties: {
    principalId: receiverPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiver)
  }
}

output namespaceHost string = '${namespace.name}.servicebus.windows.net'
output eventHubName string = hub.name
