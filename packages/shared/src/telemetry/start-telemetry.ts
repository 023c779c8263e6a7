// OpenTelemetry to Application Insights through @azure/monitor-opentelemetry, started on the first request and only
// when APPLICATIONINSIGHTS_CONNECTION_STRING is set: without it nothing of the SDK is even imported (cold start).

let started: Promise<boolean> | undefined;

/**
 * Start the Azure Monitor distro once per process (traces for requests, pg and Azure SDK calls such as Blob; logs;
 * standard metrics), whose global MeterProvider then carries the suite's own metrics (see `suite-metrics.ts`:
 * request duration and count, model load time, prediction latency, anomalies raised, feedback received). With `APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD` (as `infra/` sets, local auth
 * being off) the exporter signs in with the app's managed identity. Resolves false when the connection string is
 * unset or the SDK fails to start (logged; requests are served either way).
 *
 * @example
 * void ensureTelemetry(); // cheap after the first call
 */
export function ensureTelemetry(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (connectionString === undefined || connectionString === '') return Promise.resolve(false);
  started ??= (async () => {
    const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
    const aad = /authorization=aad/i.test(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ?? '');
    const credential = aad ? new (await import('@azure/identity')).ManagedIdentityCredential() : undefined;
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
      instrumentationOptions: {
        http: { enabled: true },
        postgreSql: { enabled: true },
        azureSdk: { enabled: true },
      },
    });
    return true;
  })().catch((error: unknown) => {
    console.warn(
      `[telemetry] Azure Monitor did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  });
  return started;
}
