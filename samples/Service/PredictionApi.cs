using FastReg.IO;

namespace FastReg.Samples;

/// <summary>A request: rows of features, each in the order of the model's <c>features</c> (GET /model).</summary>
public sealed record PredictRequest(double[][]? Rows);

/// <summary>
/// An answer: the network's outputs per row (logits for a classifier, values for regression) and,
/// for a classifier, the predicted class names.
/// </summary>
public sealed record PredictResponse(string[]? Classes, double[][] Outputs);

/// <summary>What the service serves: inputs by name, classes, and the layer widths.</summary>
public sealed record ModelInfo(IReadOnlyList<string> Features, IReadOnlyList<string>? Classes, int Inputs, int Outputs);

/// <summary>A refused request, as JSON.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>The minimal API over a saved model: POST /predict, GET /model.</summary>
public static class PredictionApi
{
    /// <summary>Rows accepted in one request: enough for any batch, small enough to bound memory.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Builds the service for the model file at <paramref name="modelPath"/>, listening on <paramref name="urls"/> (e.g. http://127.0.0.1:0).</summary>
    public static WebApplication Build(string modelPath, string urls, string[]? args = null)
    {
        SavedModel model = SavedModel.Load(modelPath);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new SessionPool(model));
        WebApplication app = builder.Build();
        app.MapGet("/model", (SessionPool pool) =>
            new ModelInfo(pool.Model.Features, pool.Model.Classes, pool.Model.Network.InputSize, pool.Model.Network.OutputSize));
        app.MapPost("/predict", (PredictRequest request, SessionPool pool) => Predict(request, pool));
        return app;
    }

    private static IResult Predict(PredictRequest request, SessionPool pool)
    {
        int inputs = pool.Model.Network.InputSize, width = pool.Model.Network.OutputSize;
        double[][]? rows = request.Rows;
        if (rows is null || rows.Length == 0) return Results.BadRequest(new ErrorResponse("'rows' must be a non-empty list of feature rows."));
        if (rows.Length > MaxRows) return Results.BadRequest(new ErrorResponse($"{rows.Length} rows; at most {MaxRows} per request."));
        var x = new double[rows.Length * inputs];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r] is not { } row || row.Length != inputs)
                return Results.BadRequest(new ErrorResponse($"row {r} has {rows[r]?.Length ?? 0} values; the model takes {inputs} ({string.Join(", ", pool.Model.Features)})."));
            row.CopyTo(x, r * inputs);
        }
        var y = new double[rows.Length * width];
        pool.Predict(x, y, rows.Length);
        var outputs = new double[rows.Length][];
        string[]? classes = pool.Model.Classes is null ? null : new string[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            outputs[r] = y.AsSpan(r * width, width).ToArray();
            if (classes is not null) classes[r] = pool.Model.Classes![SavedModel.ArgMax(outputs[r])];
        }
        return Results.Ok(new PredictResponse(classes, outputs));
    }

    /// <summary>Whether an exception is a bad model file rather than a bug.</summary>
    public static bool IsBadFile(Exception e) => e is DataFormatException or IOException or UnauthorizedAccessException;
}
