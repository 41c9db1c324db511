// The function app: Flex Consumption plan, runtime dotnet-isolated 10.0 (src/ZorgfraudeSignalen.Functions),
// system-assigned identity, every storage connection identity-based, and App Service authentication with Entra ID
// in front of everything: the portal trusts the platform's X-MS-CLIENT-PRINCIPAL header, so no request may reach
// it without the platform having signed the user in (and having stripped any header the client sent).

@description('Azure region.')
param location string

@description('Base of the resource names.')
param baseName string

@description('Unique suffix for globally unique names.')
param suffix string

@description('Data storage account (also the host\'s AzureWebJobsStorage and the deployment source).')
param storageAccountName string

@description('Blob container the published app package is deployed to.')
param deploymentContainerName string

@description('Application Insights resource.')
param applicationInsightsName string

@description('Container where extracts are dropped (the IngestExtract blob trigger\'s path).')
param extractsContainerName string

@description('Client id of the Entra ID app registration of the portal (with the app roles beoordelaar, tweede_beoordelaar, data_engineer, auditor).')
param entraClientId string

@description('Client secret of that app registration, for App Service authentication\'s sign-in.')
@secure()
param entraClientSecret string

@description('What App Service authentication does with a request that is not signed in: Return401, or RedirectToLoginPage (Entra ID).')
@allowed([
  'Return401'
  'RedirectToLoginPage'
])
param unauthenticatedClientAction string

@description('The municipality\'s name on the portal\'s pages.')
param organisation string

@description('Six-field NCRONTAB schedule of the nightly risk run (UTC).')
param riskRunSchedule string

@description('Scale-out limit.')
param maximumInstanceCount int

@description('Instance memory in MB.')
param instanceMemoryMB int

@description('Tags.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The host's own storage, by identity.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        // The pipeline's data: read by the blob trigger binding (connection ZfsStorage) and by the app's storage adapters.
        {
          name: 'ZfsStorage__accountName'
          value: storage.name
        }
        {
          name: 'ZfsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'ExtractsContainer'
          value: extractsContainerName
        }
        {
          name: 'RiskRunSchedule'
          value: riskRunSchedule
        }
        {
          name: 'Organisatie'
          value: organisation
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
          value: entraClientSecret
        }
      ]
    }
  }
}

// App Service authentication (Easy Auth): every request must be signed in with Entra ID before it reaches the
// worker, except the blob extension's Event Grid webhook, which Event Grid calls with the extension's system key.
resource authentication 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: unauthenticatedClientAction
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/runtime/webhooks/blobs'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: entraClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName

@description('Object id of the function app\'s system-assigned identity.')
output principalId string = site.identity.principalId
