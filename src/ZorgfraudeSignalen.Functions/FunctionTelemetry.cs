using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ZorgfraudeSignalen.Functions;

/// <summary>
/// Metrics of the function app (invocations themselves are counted by the Functions host): extracts ingested by
/// outcome, risk-run duration and signals published. Exported to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the platform sets it from the app setting) and to any OTLP
/// collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; with neither, nothing leaves the process.
/// </summary>
public static class FunctionTelemetry
{
    public const string Name = "ZorgfraudeSignalen.Functions";
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Extracts = Meter.CreateCounter<long>("zfs.ingest.extracts", description: "Extracts ingested, by type and outcome.");
    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("zfs.riskrun.duration", unit: "s", description: "Duration of a risk run.");
    private static readonly Counter<long> SignalsPublished = Meter.CreateCounter<long>("zfs.riskrun.signals_published", description: "Signals published on risk lists.");

    public static void Ingested(string type, string outcome) =>
        Extracts.Add(1, new TagList { { "type", type }, { "outcome", outcome } });

    public static void RiskRunFinished(TimeSpan duration, int signalsPublished)
    {
        RunDuration.Record(duration.TotalSeconds);
        if (signalsPublished > 0) SignalsPublished.Add(signalsPublished);
    }

    /// <summary>Registers OpenTelemetry with the exporters the environment asks for.</summary>
    public static void AddFunctionTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (string.IsNullOrEmpty(appInsights) && !otlp) return;

        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Azure.Functions.Worker"); // the worker's span per invocation
                if (!string.IsNullOrEmpty(appInsights)) tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
                if (otlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Name);
                if (!string.IsNullOrEmpty(appInsights)) metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
                if (otlp) metrics.AddOtlpExporter();
            });
    }
}
