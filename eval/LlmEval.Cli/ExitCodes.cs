namespace LlmEval.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int GatePassed = 0;
    public const int GateFailed = 1;
    public const int BadInput = 2;
    public const int Crash = 3;
    public const int Cancelled = 130;
}
