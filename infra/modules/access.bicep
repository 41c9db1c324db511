// Role assignments: what the function app's identity and the data engineers may do. No keys anywhere.
// The function app gets no access to the pseudonymisation key: it only ever sees pseudonyms.

@description('Data storage account.')
param storageAccountName string

@description('Key Vault with the pseudonymisation key, used by the data engineers before they drop extracts.')
param keyVaultName string

@description('Object id of the function app\'s system-assigned identity.')
param functionAppPrincipalId string

@description('Object id of the data engineers\' Entra group; empty for none.')
param dataEngineersGroupObjectId string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource extractsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${storageAccountName}/default/extracts'
}

resource reportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${storageAccountName}/default/reports'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The host keeps leases and timer state in blobs (owner), the app reads and writes the pipeline's blobs,
// tables and queues.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource functionAppStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, functionAppPrincipalId, role)
  scope: storage
  properties: {
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource dataEngineersExtracts 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(dataEngineersGroupObjectId)) {
  name: guid(extractsContainer.id, dataEngineersGroupObjectId, roles.storageBlobDataContributor)
  scope: extractsContainer
  properties: {
    principalId: dataEngineersGroupObjectId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource dataEngineersReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(dataEngineersGroupObjectId)) {
  name: guid(reportsContainer.id, dataEngineersGroupObjectId, roles.storageBlobDataReader)
  scope: reportsContainer
  properties: {
    principalId: dataEngineersGroupObjectId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}

resource dataEngineersPseudonymisationKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(dataEngineersGroupObjectId)) {
  name: guid(vault.id, dataEngineersGroupObjectId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: dataEngineersGroupObjectId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}
