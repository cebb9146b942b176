using System.Globalization;

namespace DescribeFunction.Benchmarks.Faults;

/// <summary>
/// Picks faults for the load test: each model call, and each Firestore commit, fails with probability
/// <c>rate</c>. The kinds are the failures production sees: an unavailable or throttled model, a stream that breaks
/// midway, an outage that outlasts the client's own retries, and 503 or ABORTED from Firestore commits. Bursts
/// fail the same object's next requests to that service too. Seeded, so a run can be repeated.
/// </summary>
internal sealed class FaultSchedule(double rate, int seed, int answerChunks)
{
    /// <summary>The OpenAI client and the Firestore client each try a request this many times in all.</summary>
    private const int ModelClientAttempts = 4;
    private const int FirestoreClientAttempts = 3;
    private const int PubSubClientAttempts = 4;

    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Service, string Object), (FaultChoice Choice, int Remaining)> _bursts = [];

    public FaultChoice? ForModel(string path, string? objectName)
    {
        if (!path.Contains("chat/completions", StringComparison.Ordinal))
        {
            return null;
        }

        return Choose("model", objectName, 4, pick => pick switch
        {
            0 => (Status("model 503", 503), 1),
            1 => (Status("model 429", 429), 1),
            2 => (new FaultChoice("model stream cut", string.Create(CultureInfo.InvariantCulture, $"{{\"cutAfterChunks\":{1 + _random.Next(Math.Max(1, answerChunks - 1))}}}")), 1),
            _ => (Status($"model 503 x{ModelClientAttempts}", 503), ModelClientAttempts),
        });
    }

    public FaultChoice? ForFirestore(string path, string? objectName)
    {
        if (!path.Split('?')[0].EndsWith(":commit", StringComparison.Ordinal))
        {
            return null;
        }

        return Choose("firestore", objectName, 3, pick => pick switch
        {
            0 => (Status("commit 503", 503), 1),
            1 => (Status("commit ABORTED 409", 409), 1),
            _ => (Status($"commit 503 x{FirestoreClientAttempts}", 503), FirestoreClientAttempts),
        });
    }

    /// <summary>
    /// Publishes to Pub/Sub (through a relay, as the emulator reads no fault header): refused with 503, published but
    /// answered 503 (a lost answer: the retry publishes a duplicate), or unreachable for as long as the client retries,
    /// so the event is answered 500 and its redelivery publishes the owed notice.
    /// </summary>
    public FaultChoice? ForPubSub(string path, string? objectName)
    {
        if (!path.Split('?')[0].EndsWith(":publish", StringComparison.Ordinal))
        {
            return null;
        }

        return Choose("pubsub", objectName, 3, pick => pick switch
        {
            0 => (new FaultChoice("publish 503", "", 503), 1),
            1 => (new FaultChoice("publish 503 after publishing", "", 503, AfterForwarding: true), 1),
            _ => (new FaultChoice($"publish 503 x{PubSubClientAttempts}", "", 503), PubSubClientAttempts),
        });
    }

    private static FaultChoice Status(string kind, int status) => new(kind, $"{{\"status\":{status}}}");

    private FaultChoice? Choose(string service, string? objectName, int kinds, Func<int, (FaultChoice Choice, int Count)> kind)
    {
        lock (_lock)
        {
            var key = (service, objectName ?? "");
            if (_bursts.TryGetValue(key, out var burst))
            {
                if (burst.Remaining <= 1)
                {
                    _bursts.Remove(key);
                }
                else
                {
                    _bursts[key] = (burst.Choice, burst.Remaining - 1);
                }

                return burst.Choice;
            }

            if (_random.NextDouble() >= rate)
            {
                return null;
            }

            var (choice, count) = kind(_random.Next(kinds));
            if (count > 1)
            {
                _bursts[key] = (choice, count - 1);
            }

            return choice;
        }
    }
}
