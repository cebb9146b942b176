using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("DescribeFunction.Tests.Infrastructure.TestRunFramework", "DescribeFunction.Tests")]

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// xUnit's own framework, plus what lives as long as the whole test run: the runner disposes the framework when the
/// assembly's tests are done, which (unlike process exit, which the test host may skip) reliably stops the run's
/// shared Firestore and Pub/Sub emulators.
/// </summary>
public sealed class TestRunFramework : XunitTestFramework
{
    public TestRunFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        DisposalTracker.Add(new SharedFirestoreEmulator.Stopper());
        DisposalTracker.Add(new SharedPubSubEmulator.Stopper());
    }
}
