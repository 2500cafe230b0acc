using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace FastReg.LinearPeer;

/// <summary>ML.NET 5.0.1's LbfgsLogisticRegression (two classes) and LbfgsMaximumEntropy (more), default options but the two λ.</summary>
internal static class MlNetFit
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public uint Class { get; set; }
    }

    public static LinearWeights Fit(Problem p, float l1, float l2)
    {
        var ml = new MLContext(seed: 0);
        var rows = new Row[p.TrainRows];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new Row { Features = p.TrainX.AsSpan(i * p.Features, p.Features).ToArray(), Label = p.TrainY[i] == 1, Class = (uint)p.TrainY[i] };
        SchemaDefinition schema = SchemaDefinition.Create(typeof(Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, p.Features);
        IDataView data = ml.Data.LoadFromEnumerable(rows, schema);

        long start = Stopwatch.GetTimestamp();
        if (p.Classes == 2)
        {
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L1Regularization = l1, L2Regularization = l2, LabelColumnName = "Label", FeatureColumnName = "Features",
            });
            var model = trainer.Fit(data);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            LinearBinaryModelParameters linear = model.Model.SubModel;
            return new LinearWeights([.. linear.Weights], [linear.Bias], seconds, -1);
        }
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Class", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = l1, L2Regularization = l2, LabelColumnName = "Key", FeatureColumnName = "Features",
            }));
        var fitted = pipeline.Fit(data);
        double s = Stopwatch.GetElapsedTime(start).TotalSeconds;
        MaximumEntropyModelParameters me = fitted.LastTransformer.Model;
        VBuffer<float>[] weights = [];
        me.GetWeights(ref weights, out int classes);
        var w = new float[classes * p.Features];
        for (int c = 0; c < classes; c++) weights[c].DenseValues().ToArray().CopyTo(w, c * p.Features);
        return new LinearWeights(w, [.. me.GetBiases()], s, -1);
    }
}
