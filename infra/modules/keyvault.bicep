// Key Vault for the pseudonymisation key. Access by Azure RBAC only; the secret is set by an operator.

@description('Azure region.')
param location string

@description('Key Vault name (3-24 characters).')
param name string

@description('Tags.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
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
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Key Vault name.')
output name string = vault.name
