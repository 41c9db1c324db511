// ZorgfraudeSignalen on Azure: storage (identity-only), the function app on Flex Consumption (.NET isolated
// worker) behind App Service authentication, Application Insights, Event Grid for dropped extracts, Key Vault for
// the pseudonymisation key. Deploy at resource-group scope in two phases: see README.md. No registry modules, so
// it builds offline.
targetScope = 'resourceGroup'

@description('Azure region of every resource. Default: the resource group\'s region.')
param location string = resourceGroup().location

@description('Short name of the application, used in every resource name (lower-case letters and digits).')
@minLength(2)
@maxLength(8)
param appName string = 'zfs'

@description('Environment name, part of every resource name: ontw, test, acc or prod.')
@allowed([
  'ontw'
  'test'
  'acc'
  'prod'
])
param environmentName string = 'prod'

@description('Schedule of the nightly risk run: six-field NCRONTAB (second minute hour day month weekday), in UTC.')
param riskRunSchedule string = '0 0 2 * * *'

@description('Client id of the Entra ID app registration of the portal, with the app roles beoordelaar, tweede_beoordelaar, data_engineer and auditor (README.md, step 1).')
param entraClientId string

@description('A client secret of that app registration, for App Service authentication\'s sign-in.')
@secure()
param entraClientSecret string

@description('What App Service authentication answers a request that is not signed in: Return401 (default), or RedirectToLoginPage to send browsers to Entra ID.')
@allowed([
  'Return401'
  'RedirectToLoginPage'
])
param unauthenticatedClientAction string = 'Return401'

@description('The municipality\'s name on the portal\'s pages.')
param organisation string = 'Gemeente'

@description('Second deployment phase: subscribe the IngestExtract function to BlobCreated events. Only after the code is deployed (README.md, step 4).')
param subscribeExtractEvents bool = false

@description('Storage redundancy of the data account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Most instances the Flex Consumption plan may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Memory of one instance in MB; ingesting a large declarations extract wants 4096.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Days that Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Object id of the Entra group of data engineers: they may drop extracts, read ingest reports and read the pseudonymisation key to pseudonymise extracts before dropping them. Empty for none.')
param dataEngineersGroupObjectId string = ''

@description('Tags on every resource.')
param tags object = {
  application: 'ZorgfraudeSignalen'
  environment: environmentName
}

var suffix = uniqueString(resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: take('st${appName}${environmentName}${suffix}', 24)
    sku: storageSku
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    baseName: baseName
    retentionDays: logRetentionDays
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: take('kv-${baseName}-${suffix}', 24)
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    baseName: baseName
    suffix: suffix
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    extractsContainerName: storage.outputs.extractsContainerName
    entraClientId: entraClientId
    entraClientSecret: entraClientSecret
    unauthenticatedClientAction: unauthenticatedClientAction
    organisation: organisation
    riskRunSchedule: riskRunSchedule
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    tags: tags
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    functionAppPrincipalId: functionApp.outputs.principalId
    dataEngineersGroupObjectId: dataEngineersGroupObjectId
  }
}

module events 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    location: location
    baseName: baseName
    storageAccountName: storage.outputs.name
    extractsContainerName: storage.outputs.extractsContainerName
    functionAppName: functionApp.outputs.name
    subscribe: subscribeExtractEvents
    tags: tags
  }
}

@description('Name of the function app; deploy the published folder to it (README.md).')
output functionAppName string = functionApp.outputs.name

@description('Public address of the review portal.')
output portalUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Storage account that holds extracts, snapshots, reports and tables.')
output storageAccountName string = storage.outputs.name

@description('Key Vault in which an operator sets the pseudonymisation key (secret \'pseudonimiseringssleutel\').')
output keyVaultName string = keyVault.outputs.name

@description('Event Grid system topic of the storage account; its subscription to IngestExtract is made in the second phase.')
output eventTopicName string = events.outputs.topicName
