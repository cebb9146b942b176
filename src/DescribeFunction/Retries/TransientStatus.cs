namespace DescribeFunction.Retries;

/// <summary>The one rule for which HTTP answers are worth another try, for every Google API the function calls.</summary>
public static class TransientStatus
{
    /// <summary>408, 429 and 5xx may pass; every other status fails the same way again.</summary>
    public static bool IsTransient(int httpStatus) => httpStatus is 408 or 429 or >= 500;
}
