namespace DescribeFunction.Tests.Browser;

/// <summary>A fact that needs Chromium: skipped, saying so, only when no browser is installed (CI installs one).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.FindExecutable() is null)
        {
            Skip = "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH); .ci/run installs it.";
        }
    }
}
