// The function app: Flex Consumption plan, runtime 'custom' (the self-contained `zfs` executable started by
// host.json), system-assigned identity, every storage connection identity-based.

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

@description('Queue of BlobCreated events that the IngestExtract function reads.')
param extractEventsQueue string

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
        name: 'custom'
        version: '1.0'
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
        // The pipeline's data: read by the queue trigger binding and by the app's storage adapters.
        {
          name: 'ZfsStorage__accountName'
          value: storage.name
        }
        {
          name: 'ZfsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'ExtractEventsQueue'
          value: extractEventsQueue
        }
        {
          name: 'RiskRunSchedule'
          value: riskRunSchedule
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
      ]
    }
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName

@description('Object id of the function app\'s system-assigned identity.')
output principalId string = site.identity.principalId
