using FastReg.Nn;
using FastReg.Nn.Training;
using FastReg.Tests.Support;
using FastReg.Tests.Nn.Training;

namespace FastReg.Tests.Nn;

/// <summary>
/// A model, a session and a trainer each have a single owner: a call that overlaps another one on a
/// second thread throws a clear <see cref="InvalidOperationException"/> instead of corrupting the
/// workspaces. The overlap is made deterministic by holding the object's guard on another thread.
/// </summary>
public class SingleOwnerTests
{
    /// <summary>Holds <paramref name="guard"/> as a call on another thread would, runs <paramref name="call"/>, then releases it.</summary>
    private static InvalidOperationException WhileHeldElsewhere(Func<Action> holdAndRelease, Action call)
    {
        Action release = holdAndRelease();
        try
        {
            return Assert.Throws<InvalidOperationException>(call);
        }
        finally
        {
            release();
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread of its own and waits for it.</summary>
    private static void OnAnotherThread(Action action)
    {
        var thread = new Thread(() => action());
        thread.Start();
        thread.Join();
    }

    private static Func<Action> Hold(Sequential<float> model) => () =>
    {
        OnAnotherThread(() => model.OwnerGuard.Enter("held by the test"));
        return () => model.OwnerGuard.Exit();
    };

    [Fact]
    public void Every_workspace_call_on_a_model_busy_on_another_thread_is_refused_naming_the_rule()
    {
        Sequential<float> model = InferenceSessionTests.Model<float>();
        float[] x = new float[2 * model.InputSize], y = new float[2 * model.OutputSize];
        int[] labels = [0, 1];
        Action[] calls =
        [
            () => model.TrainStep(x, labels, 2),
            () => model.ComputeGradients(x, labels, 2),
            () => model.Objective(x, labels, 2),
            () => model.Predict(x, y, 2),
        ];
        foreach (Action call in calls)
        {
            InvalidOperationException e = WhileHeldElsewhere(Hold(model), call);
            Assert.Contains("being used by another thread", e.Message, StringComparison.Ordinal);
            Assert.Contains("single owner", e.Message, StringComparison.Ordinal);
            Assert.Contains("CreateInferenceSession", e.Message, StringComparison.Ordinal);
        }
        // Released again: the owner carries on, and nothing was left half-updated.
        Assert.True(float.IsFinite(model.TrainStep(x, labels, 2)));
    }

    [Fact]
    public void A_call_that_throws_inside_the_guard_releases_it()
    {
        var model = new Sequential<float>(3, 4, LossKind.MeanSquaredError, [new Dense(2)]); // no optimizer yet
        Assert.Contains("Optimizer", Assert.Throws<InvalidOperationException>(() => model.TrainStep(new float[3], new float[2], 1)).Message, StringComparison.Ordinal);
        model.Optimizer = new Sgd(0.1);
        Assert.True(float.IsFinite(model.TrainStep(new float[3], new float[2], 1)));
    }

    [Fact]
    public void Sessions_keep_predicting_while_the_model_is_busy_and_refuse_overlapping_use_of_one_session()
    {
        Sequential<float> model = InferenceSessionTests.Model<float>();
        InferenceSession<float> session = model.CreateInferenceSession(4);
        float[] x = Generators.Uniform<float>(4 * model.InputSize, 1), y = new float[4 * model.OutputSize];

        // The model's owner computing gradients does not block sessions (they share no workspace).
        Action release = Hold(model)();
        try { session.Predict(x, y, 4); }
        finally { release(); }

        OnAnotherThread(() => session.OwnerGuard.Enter("held by the test"));
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => session.Predict(x, y, 4));
            Assert.Contains("InferenceSession is being used by another thread", e.Message, StringComparison.Ordinal);
            Assert.Contains("one session per thread", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            session.OwnerGuard.Exit();
        }
        session.Predict(x, y, 4);
    }

    [Fact]
    public void Scoring_from_another_thread_while_the_trainer_fits_is_refused()
    {
        Dataset<float> data = TrainerTests.Blobs(64, 1);
        Trainer<float>? trainer = null;
        Exception? seen = null;
        trainer = new Trainer<float>(TrainerTests.Mlp(), new TrainingOptions<float>
        {
            Epochs = 2,
            // Runs inside Fit: a real second thread calls into the same trainer meanwhile.
            Observer = _ => OnAnotherThread(() => seen ??= Record.Exception(() => trainer!.Score(data))),
        });
        trainer.Fit(data);
        var e = Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("Trainer is being used by another thread", e.Message, StringComparison.Ordinal);
        trainer.Score(data); // free again after Fit
    }
}
