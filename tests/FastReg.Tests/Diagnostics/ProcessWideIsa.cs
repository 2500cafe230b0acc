namespace FastReg.Tests.Diagnostics;

/// <summary>
/// Tests that set the process-wide <c>Isa.Active</c> run in this collection, alone: every other test
/// class runs in parallel and would otherwise see the path change under it.
/// </summary>
[CollectionDefinition(nameof(ProcessWideIsa), DisableParallelization = true)]
public sealed class ProcessWideIsa;
