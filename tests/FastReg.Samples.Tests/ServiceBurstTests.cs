using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FastReg.Nn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FastReg.Samples.Tests;

/// <summary>
/// Starts the service sample on loopback (a free port) over a model file with a scaler, sends a
/// bounded burst of concurrent single-row requests, and checks every answer against the library's
/// own Predict on the same (scaled) row. Latency and throughput are printed, never asserted:
/// FASTREG_SERVICE_REQUESTS (default 2000) and FASTREG_SERVICE_CONNECTIONS (default 32) size the burst.
/// </summary>
public sealed class ServiceBurstTests(ITestOutputHelper output) : IDisposable
{
    private const int Inputs = 8, Classes = 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("fastreg-service-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_answer_of_a_concurrent_burst_matches_the_library_predict()
    {
        int requests = FromEnvironment("FASTREG_SERVICE_REQUESTS", 2000);
        int connections = FromEnvironment("FASTREG_SERVICE_CONNECTIONS", 32);
        (Sequential<double> reference, double[] mean, double[] std, string path) = SaveModel();
        var random = new Random(11);
        var rows = new double[requests][];
        for (int i = 0; i < requests; i++)
        {
            rows[i] = new double[Inputs];
            for (int j = 0; j < Inputs; j++) rows[i][j] = mean[j] + std[j] * (random.NextDouble() * 4 - 2);
        }
        // Expected: the library's own forward pass on rows scaled as the model was trained.
        var expected = new double[requests * Classes];
        var scaled = new double[Inputs];
        for (int i = 0; i < requests; i++)
        {
            for (int j = 0; j < Inputs; j++) scaled[j] = (rows[i][j] - mean[j]) / std[j];
            reference.Predict(scaled, expected.AsSpan(i * Classes, Classes), batch: 1);
        }

        await using WebApplication app = PredictionApi.Build(path, "http://127.0.0.1:0");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(address) };

        var latencies = new double[requests];
        var answers = new PredictResponse?[requests];
        // Warm-up (JIT, connections) with the first rows, then the timed burst over all of them.
        await Burst(client, rows, Math.Min(requests, 4 * connections), connections, answers, latencies);
        var wall = Stopwatch.StartNew();
        await Burst(client, rows, requests, connections, answers, latencies);
        wall.Stop();
        await app.StopAsync();

        for (int i = 0; i < requests; i++)
        {
            PredictResponse answer = answers[i] ?? throw new InvalidOperationException($"request {i}: no answer");
            Assert.Single(answer.Outputs);
            ReadOnlySpan<double> want = expected.AsSpan(i * Classes, Classes);
            Assert.True(want.SequenceEqual(answer.Outputs[0]), $"request {i}: outputs [{string.Join(", ", answer.Outputs[0])}], library [{string.Join(", ", want.ToArray())}]");
            Assert.Equal(SavedModel.ArgMax(want).ToString(CultureInfo.InvariantCulture), Assert.Single(answer.Classes!));
        }
        Array.Sort(latencies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service burst: {requests} single-row requests over {connections} connections in {wall.Elapsed.TotalSeconds:F2} s: " +
            $"{requests / wall.Elapsed.TotalSeconds:F0} requests/s, p50 {Percentile(latencies, 0.50):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms"));
    }

    [Fact]
    public async Task A_row_of_the_wrong_width_is_refused_with_a_message_naming_the_widths()
    {
        string path = SaveModel().Path;
        await using WebApplication app = PredictionApi.Build(path, "http://127.0.0.1:0");
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using HttpResponseMessage response = await client.PostAsJsonAsync("/predict", new PredictRequest([[1, 2, 3]]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        ErrorResponse? error = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.Contains("row 0 has 3 values; the model takes 8", error!.Error, StringComparison.Ordinal);

        using HttpResponseMessage empty = await client.PostAsJsonAsync("/predict", new PredictRequest([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        ModelInfo? info = await client.GetFromJsonAsync<ModelInfo>("/model");
        Assert.Equal(["0", "1", "2"], info!.Classes);
        Assert.Equal(Inputs, info.Inputs);
        await app.StopAsync();
    }

    /// <summary>
    /// A briefly trained classifier saved as `fastreg train --save` saves one: the library's file
    /// with the CLI's description keys (features, mean, std) added to the default description.
    /// </summary>
    private (Sequential<double> Model, double[] Mean, double[] Std, string Path) SaveModel()
    {
        var model = new Sequential<double>(Inputs, maxBatch: 32, LossKind.SoftmaxCrossEntropy,
            [new Dense(16), new Activation(ActivationKind.Relu), new Dense(Classes)], seed: 3)
        { Optimizer = new Sgd(lr: 0.1, momentum: 0.9) };
        var random = new Random(5);
        var x = new double[32 * Inputs];
        var labels = new int[32];
        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
            for (int r = 0; r < 32; r++) labels[r] = x[r * Inputs] > 0 ? (x[r * Inputs + 1] > 0 ? 2 : 1) : 0;
            model.TrainStep(x, labels, batch: 32);
        }
        var mean = new double[Inputs];
        var std = new double[Inputs];
        for (int j = 0; j < Inputs; j++) { mean[j] = 10 * j - 3; std[j] = 0.5 + j; }
        JsonObject description = JsonNode.Parse(ModelFile.Describe(model))!.AsObject();
        var features = new JsonArray();
        for (int j = 0; j < Inputs; j++) features.Add($"f{j}");
        description["features"] = features;
        description["version"] = 1; // the version-1 form of a scaler: top-level mean and std
        description.Remove("preprocessing");
        description["mean"] = new JsonArray([.. mean.Select(v => (JsonNode?)v)]);
        description["std"] = new JsonArray([.. std.Select(v => (JsonNode?)v)]);
        string path = System.IO.Path.Combine(_dir, "model.safetensors");
        ModelFile.Save(path, model, description.ToJsonString());
        return (model, mean, std, path);
    }

    /// <summary>Requests rows[0..count) from <paramref name="connections"/> concurrent workers, one row each.</summary>
    private static async Task Burst(HttpClient client, double[][] rows, int count, int connections, PredictResponse?[] answers, double[] latencies)
    {
        int next = -1;
        var workers = new Task[connections];
        for (int w = 0; w < connections; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    long start = Stopwatch.GetTimestamp();
                    using HttpResponseMessage response = await client.PostAsJsonAsync("/predict", new PredictRequest([rows[i]]));
                    response.EnsureSuccessStatusCode();
                    answers[i] = await response.Content.ReadFromJsonAsync<PredictResponse>();
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            });
        }
        await Task.WhenAll(workers);
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
