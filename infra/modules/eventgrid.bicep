// Event Grid: the storage account's system topic, and (in the second phase of a deployment) a subscription that
// delivers every BlobCreated event of the extracts container to the blob extension's webhook of the function app,
// where the IngestExtract blob trigger (Source = EventGrid) runs on it. The webhook is authorised by the
// extension's system key, blobs_extension, which the Functions host creates only when it first starts with the
// deployed code: so the subscription can be made only after the code is deployed (infra/README.md, step 4).

@description('Azure region.')
param location string

@description('Base of the resource names.')
param baseName string

@description('Data storage account.')
param storageAccountName string

@description('Container where extracts are dropped.')
param extractsContainerName string

@description('Function app whose IngestExtract function receives the events.')
param functionAppName string

@description('Second phase: subscribe the function app\'s webhook. False until the code is deployed and the host has made its blobs_extension key.')
param subscribe bool

@description('Tags.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${baseName}-storage'
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribe) {
  parent: topic
  name: 'extracts-to-ingestextract'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${extractsContainerName}/blobs/'
    }
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestExtract&code=${listKeys('${site.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Name of the system topic of the storage account.')
output topicName string = topic.name
