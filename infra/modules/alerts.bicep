// Two alert rules per app on its Application Insights requests: a 5xx rate and a p95 latency over 15 minutes.
param serviceName string
param location string
param tags object
param appInsightsId string

@description('Email told when an alert fires; empty = the rules fire into the portal only (no action group).')
param alertEmail string = ''
@description('5xx share of requests (0-1) that fires the error alert.')
param maxServerErrorRate string = '0.02'
@description('p95 request duration (ms) that fires the latency alert.')
param maxP95Ms int = 2000

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${serviceName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('suite${serviceName}', 12)
    enabled: true
    emailReceivers: [{ name: 'oncall', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

var actions = empty(alertEmail) ? [] : [actionGroup.id]

// At least 20 requests in the window, so one failed request at 03:00 does not page anybody.
resource serverErrors 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${serviceName}-5xx-rate'
  location: location
  tags: tags
  properties: {
    displayName: '${serviceName}: 5xx rate above ${maxServerErrorRate}'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 | extend rate = todouble(failed) / total | where rate > ${maxServerErrorRate}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: actions }
  }
}

resource latency 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${serviceName}-p95-latency'
  location: location
  tags: tags
  properties: {
    displayName: '${serviceName}: p95 latency above ${maxP95Ms} ms'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | where name !has "train" | summarize p95 = percentile(duration, 95), total = count() | where total >= 20 and p95 > ${maxP95Ms}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: actions }
  }
}
