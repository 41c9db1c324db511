// The data account: blob containers, tables and queues of the pipeline. Shared-key access is off: every client,
// the Functions host included, authenticates with Entra ID.

@description('Azure region.')
param location string

@description('Storage account name (3-24 lower-case letters and digits).')
param name string

@description('Redundancy SKU.')
param sku string

@description('Tags.')
param tags object

// Names as in src/ZorgfraudeSignalen.Core/Storage/StoreNames.cs.
var containers = [
  'extracts'
  'snapshots'
  'reports'
  'quarantine'
  'runs'
]
var tables = [
  'snapshots'
  'signals'
  'assessments'
  'runs'
  'audit'
]
var deploymentContainerName = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 30
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in concat(containers, [deploymentContainerName]): {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tableResources 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Where the blob trigger puts an extract's delivery after five failed attempts (host.json: queues.maxDequeueCount).
// The host creates it on the first such failure too; declaring it lets alerts point at it from day one.
resource blobTriggerPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: 'webjobs-blobtrigger-poison'
}

@description('Storage account name.')
output name string = account.name

@description('Container the function app is deployed from.')
output deploymentContainerName string = deploymentContainerName

@description('Container where extracts are dropped.')
output extractsContainerName string = containers[0]
