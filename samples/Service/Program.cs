// Served-model sample: a minimal-API service answering predictions of a model saved by
// `fastreg train --save`, as JSON.
//   dotnet run -c Release --project samples/Service -- MODEL.safetensors [URL]   (URL: http://127.0.0.1:5000)
//   curl -s localhost:5000/model
//   curl -s localhost:5000/predict -H 'Content-Type: application/json' -d '{"rows":[[0,1,...]]}'
using FastReg.Samples;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: FastReg.Samples.Service MODEL.safetensors [URL]");
    return 1;
}
WebApplication app;
try
{
    app = PredictionApi.Build(args[0], args.Length > 1 ? args[1] : "http://127.0.0.1:5000");
}
catch (Exception e) when (PredictionApi.IsBadFile(e))
{
    Console.Error.WriteLine($"FastReg.Samples.Service: error: {e.Message}");
    return 1;
}
await app.RunAsync().ConfigureAwait(false);
return 0;
