using System.Globalization;
using LlmEval.Running;
using LlmEval.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace LlmEval.Tests.Browser;

/// <summary>
/// Opens a report built from hostile replayed output in headless Chromium: it must render, run no injected
/// script and show the hostile text as text (C10 in a real browser).
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverDirectory = "/usr/bin";
    private const string HostileText = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> Use <b>bold</b> & a > b";

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Report_HostileReplayedOutput_RendersAsTextInChromium()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(Path.Combine(DriverDirectory, "chromedriver")))
        {
            Assert.Skip(
                $"needs Debian's chromium and chromium-driver ({ChromiumPath}, {DriverDirectory}/chromedriver): "
                + "apt-get install -y chromium chromium-driver");
        }

        var reportPath = await RunHostileSuiteAsync();

        using var driver = StartChromium();
        driver.Navigate().GoToUrl(new Uri(reportPath).AbsoluteUri);

        Assert.Equal("LlmEval report: tiny", driver.Title);
        Assert.True(driver.FindElement(By.Id("verdict")).Displayed);
        Assert.True(driver.FindElement(By.Id("matrix")).Displayed);

        // Open the hostile case the way a reader would, by clicking its summary.
        var hostileCase = driver.FindElements(By.CssSelector("details.case"))
            .Single(d => d.FindElement(By.TagName("summary")).Text.Contains("tiny/t-001", StringComparison.Ordinal));
        hostileCase.FindElement(By.TagName("summary")).Click();
        var responses = hostileCase.FindElements(By.CssSelector("pre.response"));
        Assert.Contains(responses, r => r.Displayed && r.Text.Contains(HostileText, StringComparison.Ordinal));

        Assert.Equal("undefined", Script(driver, "return typeof window.__pwned;"));

        var severe = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).ToList();
        Assert.True(severe.Count == 0, "console errors: " + string.Join(" | ", severe.Select(e => e.Message)));

        // Layout: long unbreakable tokens from model output stay inside their cards, and a failing run card is
        // outlined rather than painted in the failure colour (the badge style once leaked onto it).
        var pageWidth = Number(driver, "return document.documentElement.scrollWidth;");
        var windowWidth = Number(driver, "return document.documentElement.clientWidth;");
        Assert.True(pageWidth <= windowWidth, $"the page is {pageWidth} px wide in a {windowWidth} px window");
        Assert.Equal(
            Script(driver, "return getComputedStyle(document.body).color;"),
            Script(driver, "return getComputedStyle(document.querySelector('.run.fail pre.response')).color;"));

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var screenshot = Path.Combine(screenshots, "report-hostile-output.png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(screenshot);
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {screenshot}");
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView();", hostileCase);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(screenshots, "report-hostile-case.png"));
    }

    private async Task<string> RunHostileSuiteAsync()
    {
        directory.WriteText("replay.csv", "id,response\nt-001,\"" + HostileText.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n");
        var suite = TinySuite.Write(
            directory,
            targetsJson: """
                [
                  { "name": "offline", "kind": "offline", "settings": { "sentences": "1" } },
                  { "name": "replayed", "kind": "replay", "settings": { "path": "replay.csv" } }
                ]
                """);

        var prepared = SuiteRunner.Prepare(suite, new Dictionary<string, string?>());
        var outcome = await SuiteRunner.RunAsync(
            prepared,
            new RunOptions { OutputDirectory = directory.PathOf("out") },
            SharedModel.Services,
            TestContext.Current.CancellationToken);

        Assert.Contains(outcome.Results, r => r.Target == "replayed" && r.Response == HostileText);
        return Path.Combine(outcome.OutputDirectory, "index.html");
    }

    private static string? Script(IWebDriver driver, string script) =>
        Convert.ToString(((IJavaScriptExecutor)driver).ExecuteScript(script), CultureInfo.InvariantCulture);

    private static long Number(IWebDriver driver, string script) =>
        Convert.ToInt64(((IJavaScriptExecutor)driver).ExecuteScript(script), CultureInfo.InvariantCulture);

    private ChromeDriver StartChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,1400",
            "--user-data-dir=" + directory.PathOf("chromium-profile"));
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);

        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
