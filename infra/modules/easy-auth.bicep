// Easy Auth (Microsoft Entra ID) in front of an app's console and its admin views; the public API under /api
// keeps its own keys (API keys, the admin key), so it is excluded and callers without a browser are not redirected.
param siteName string

@description('Application (client) id of the Entra app registration that signs users in to the console.')
param clientId string
@description('Tenant of that registration.')
param tenantId string = subscription().tenantId
@description('App setting holding the registration\'s client secret.')
param clientSecretSettingName string = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      // The public and admin APIs answer with their own 401 (API key, x-admin-key); health stays open to probes.
      excludedPaths: ['/api/*']
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          clientSecretSettingName: clientSecretSettingName
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: { allowedAudiences: ['api://${clientId}'] }
      }
    }
    login: { tokenStore: { enabled: true } }
    httpSettings: { requireHttps: true }
  }
}
