using FastReg.Nn;
using FastReg.Nn.Training;

namespace FastReg.Tests.Nn;

/// <summary>
/// Parameter groups, gradient clipping, weight averaging and label smoothing against numbers written
/// by PyTorch (float64) with torch_regularizers.py beside this file, on the network of
/// <see cref="TorchReferenceTests"/>.
/// </summary>
public class TorchRegularizerTests
{
    // PyTorch 1.13.0a0
    private static readonly Dictionary<string, double[]> Expected = new()
    {
        ["sgd_groups"] = [0.03563016104933115, 0.13116469130387617, -0.14896796879760044, -0.2119414500984422, -0.2502021762417465, 0.07245175872158881, 0.46670278320623226, 0.31345495914524296, -0.026389760882445462, -0.17639752885970264, 0.31753563767867454, 0.47576169817283276, -0.09103589966936271, -0.539000161716396, -0.2957894066280121, 0.2789959413320707, -0.050814264610304256, 0.06943873755440275, -0.3884209611864029, -0.330933823552431, 0.19967471053967623, 0.19183283755425665, 0.013691764962833568, -0.5044930633850903, 0.06620338495560153, 0.4729913424118149],
        ["adam_groups"] = [-0.05978934043653887, 0.2613525787852883, -0.06765188773580907, -0.167044096609405, -0.1447756733437951, -0.03478337450716291, 0.5498593640910115, 0.27794483951233273, -0.22701778634200664, -0.12080660739899504, 0.39560976456723856, 0.6257905952054269, -0.2855897288789665, -0.723675529225018, -0.403549972286319, 0.14836370306317642, 0.1858973930747944, 0.0844947180653258, -0.3278798871604894, -0.36381154398529736, 0.21188468886442646, 0.10561278712773112, -0.0026894306150266056, -0.6520030779366452, 0.14944524088952446, 0.3866305315740482],
        ["adamw_groups"] = [-0.022168511434463467, 0.2259011697650605, -0.07553100726959616, -0.1386577352631943, -0.24318942719041273, -0.05394185266349314, 0.6513371912998103, 0.27574842401753075, -0.1827686849267149, -0.252324492998411, 0.47431943214737027, 0.6431724999655962, -0.2868439629290636, -0.7207222597409156, -0.38495363176040404, 0.15284085874399334, 0.1599519702132182, 0.09148462853173256, -0.6644401532638636, -0.33801071009951944, 0.20872292145132362, 0.10476140288491108, 0.015915023547479014, -0.6576409712923884, 0.07737614664721418, 0.3825890090935813],
        ["clip_norm"] = [0.09179411853180637, 0.46157374945363494, 0.11817052683456121, -0.4002653775961115, -0.38608469437223164, 0.19400693904886152, 0.5254812636773124, 0.11600264064292555, -0.4099304178641739, -0.3047978733330072, 0.31861021238075204, 0.49770710641188454, -0.0547696999334535, -0.5002460309081102, -0.2336210935508828, 0.3592516505522746, 0.35407021349873474, -0.11987090630023672, -0.5070262066077276, -0.16074040137133863, 0.420431444149649, 0.34409707845066384, -0.22042026854595498, -0.5177168510197789, 0.0038535047924632537, 0.4810945147627739],
        ["clip_value"] = [0.07674548368042373, 0.4737474933020272, 0.1424940750779523, -0.3857488946963876, -0.3843969907527475, 0.18207211000476592, 0.5196791233116909, 0.08722721175353175, -0.43638771080640326, -0.29815197756930495, 0.32103675735361153, 0.4924475277623415, -0.07095342511384081, -0.513288858638127, -0.2422828110359484, 0.3507867076760741, 0.393327819268028, -0.1269823044055235, -0.5134017200379294, -0.14032285296369784, 0.41294053990544466, 0.33697506718158754, -0.22589465051028706, -0.5088480660669026, 0.01669803544576897, 0.483289821308166],
        ["ema"] = [0.08745505539960967, 0.4172234209079717, 0.05466758538345648, -0.3881224144469608, -0.38686223949095094, 0.18067457728108352, 0.5620956008895586, 0.18292737944065407, -0.3441710278654246, -0.3021447046916155, 0.34828996492093883, 0.5404545914722905, -0.06514757915172724, -0.5115841783080843, -0.2520327788514212, 0.3354132869661255, 0.2754328731186296, -0.07832916588767833, -0.5237438893752442, -0.22642919527456176, 0.40311611739078834, 0.33394283408644015, -0.1760692553259702, -0.5649829331651748, 0.019111395781914942, 0.48155158558173894],
        ["swa"] = [0.08468084942117421, 0.3956578730911857, 0.0244533098375343, -0.3824757345079662, -0.3871300996217757, 0.17461815588539634, 0.5798673081538012, 0.21501193031043347, -0.3128634989991022, -0.3003546038548949, 0.36248067670686857, 0.5603718007185184, -0.07010036504975253, -0.5168460024764842, -0.26117793078226875, 0.32437358578327846, 0.23758749401044862, -0.05862144748458755, -0.5311418930009741, -0.256795539710736, 0.39426126446193477, 0.32949331528229137, -0.15589921949226973, -0.5870252252183078, 0.02641521938992671, 0.4820001773356065],
        // loss, then d loss / d logits row-major, for CrossEntropyLoss(label_smoothing = 0.1 and 0.25)
        ["smooth_0.1"] = [32.64831353622163, -0.03693407468601437, 0.0014448099843385291, 0.03548926470167584, -0.00833333333333217, -0.23333333333330994, 0.24166666666664213, 0.24166666666666667, -0.008333333333333333, -0.23333333333333334, 0.08345801694439801, -0.15027708494999653, 0.06681906800559849],
        ["smooth_0.25"] = [32.36706353622163, -0.011934074686014373, -0.01105519001566147, 0.02298926470167584, -0.020833333333332166, -0.20833333333330994, 0.22916666666664212, 0.22916666666666666, -0.020833333333333332, -0.20833333333333334, 0.07095801694439802, -0.12527708494999656, 0.05431906800559849],
    };

    private static Sequential<double> Build()
    {
        var model = new Sequential<double>(3, 5, LossKind.MeanSquaredError,
            [new Dense(4), new Activation(ActivationKind.Tanh), new Dense(2)]);
        Span<double> p = model.AllParameters;
        for (int i = 0; i < p.Length; i++) p[i] = 0.5 * Math.Sin(1.3 * i + 0.2);
        return model;
    }

    private static double[] X => [.. Enumerable.Range(0, 15).Select(i => Math.Cos(0.7 * i + 0.1))];

    private static double[] Y => [.. Enumerable.Range(0, 10).Select(i => Math.Sin(0.9 * i))];

    private static void AssertTorch(string config, ReadOnlySpan<double> got)
    {
        double[] expected = Expected[config];
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= 1e-13 * Math.Max(1, Math.Abs(expected[i])), $"{config}[{i}]: torch {expected[i]:R}, FastReg {got[i]:R}");
    }

    private static Sequential<double> Train(Optimizer optimizer, Action<Sequential<double>>? configure = null, WeightAverage<double>? average = null, int averageFrom = 0)
    {
        Sequential<double> model = Build();
        model.Optimizer = optimizer;
        configure?.Invoke(model);
        double[] x = X, y = Y;
        for (int step = 0; step < 5; step++)
        {
            model.TrainStep(x, y, 5);
            if (average is not null && step >= averageFrom) average.Update(model.AllParameters);
        }
        return model;
    }

    [Fact]
    public void Biases_excluded_from_weight_decay_match_two_pytorch_parameter_groups()
    {
        AssertTorch("sgd_groups", Train(new Sgd(lr: 0.1, momentum: 0.9, weightDecay: 0.3) { DecayBiases = false }).AllParameters);
        AssertTorch("adam_groups", Train(new Adam(lr: 0.05, weightDecay: 0.2) { DecayBiases = false }).AllParameters);
        AssertTorch("adamw_groups", Train(new AdamW(lr: 0.05, weightDecay: 0.5) { DecayBiases = false }).AllParameters);
    }

    [Fact]
    public void The_default_decays_biases_as_pytorch_does()
    {
        // DecayBiases = true (the default) is one group: it must differ from the two-group run.
        double[] grouped = Train(new AdamW(lr: 0.05, weightDecay: 0.5) { DecayBiases = false }).AllParameters.ToArray();
        double[] all = Train(new AdamW(lr: 0.05, weightDecay: 0.5)).AllParameters.ToArray();
        Assert.NotEqual(grouped[12], all[12]); // 0.bias[0]
        Assert.Equal(grouped[0], all[0], 1e-2); // weights alike, not equal: the biases feed back
    }

    [Fact]
    public void Gradient_clipping_matches_clip_grad_norm_and_clip_grad_value()
    {
        AssertTorch("clip_norm", Train(new Sgd(lr: 0.1), m => m.ClipGradNorm = 0.3).AllParameters);
        AssertTorch("clip_value", Train(new Sgd(lr: 0.1), m => m.ClipGradValue = 0.05).AllParameters);
    }

    [Fact]
    public void Weight_averages_match_averaged_model()
    {
        var ema = WeightAverage<double>.Ema(26, 0.7);
        Train(new Sgd(lr: 0.1, momentum: 0.5), average: ema);
        AssertTorch("ema", ema.Average);
        var swa = WeightAverage<double>.Swa(26);
        Train(new Sgd(lr: 0.1, momentum: 0.5), average: swa, averageFrom: 2);
        Assert.Equal(3, swa.Count);
        AssertTorch("swa", swa.Average);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    public void Label_smoothing_matches_cross_entropy_loss(double epsilon)
    {
        double[] logits = [2.0, -1.0, 0.5, -3.0, 0.0, 30.0, 100.0, -100.0, 0.0, 0.3, 0.2, 0.1];
        int[] labels = [0, 1, 2, 1];
        var model = new Sequential<double>(3, 4, LossKind.SoftmaxCrossEntropy, [new Activation(ActivationKind.Identity)]) { LabelSmoothing = epsilon };
        double loss = model.ComputeGradients(logits, labels, 4);
        double[] expected = Expected[$"smooth_{epsilon.ToString(System.Globalization.CultureInfo.InvariantCulture)}"];
        Assert.Equal(expected[0], loss, 1e-12);
        for (int i = 0; i < logits.Length; i++) Assert.Equal(expected[i + 1], model.InputGradient[i], 1e-14);
    }

    [Fact]
    public void Clip_grad_norm_scales_by_max_norm_over_norm_plus_1e_6()
    {
        // torch: grad (3, 4), max_norm 5 -> (2.99999940000012, 3.99999920000016): the 1e-6 scales even at the limit.
        var model = new Sequential<double>(2, 1, LossKind.MeanSquaredError, [new Dense(1) { Bias = false }]) { ClipGradNorm = 5 };
        model.Optimizer = new Sgd(lr: 1);
        model.AllParameters.Clear();
        // J = (w·x − t)², dJ/dw = 2(w·x − t)·x = −2t·x at w = 0: x = (3, 4), t = −0.5 gives the gradient (3, 4).
        model.TrainStep([3.0, 4.0], [-0.5], 1);
        Assert.Equal(5.0, model.LastGradientNorm, 1e-15);
        Assert.Equal(-2.99999940000012, model.AllParameters[0], 1e-14);
        Assert.Equal(-3.99999920000016, model.AllParameters[1], 1e-14);
    }
}
