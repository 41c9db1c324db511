using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ZorgfraudeSignalen.App.Functions;

/// <summary>
/// Traces and metrics of the function app: one span per invocation, invocation counts and durations, extracts
/// ingested by outcome, risk-run duration and signals published. Exported to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the platform sets it from the app setting) and to any OTLP
/// collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; with neither, nothing leaves the process.
/// </summary>
public static class FunctionTelemetry
{
    public const string Name = "ZorgfraudeSignalen.Functions";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Invocations = Meter.CreateCounter<long>("zfs.function.invocations", description: "Invocations by function and outcome.");
    private static readonly Histogram<double> InvocationDuration = Meter.CreateHistogram<double>("zfs.function.duration", unit: "s", description: "Invocation duration.");
    private static readonly Counter<long> Extracts = Meter.CreateCounter<long>("zfs.ingest.extracts", description: "Extracts ingested, by type and outcome.");
    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("zfs.riskrun.duration", unit: "s", description: "Duration of a risk run.");
    private static readonly Counter<long> SignalsPublished = Meter.CreateCounter<long>("zfs.riskrun.signals_published", description: "Signals published on risk lists.");

    public static void Completed(string function, string outcome, long startedTimestamp)
    {
        var tags = new TagList { { "function", function }, { "outcome", outcome } };
        Invocations.Add(1, tags);
        InvocationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

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
                tracing.AddSource(Name);
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
