namespace Lgsp.Cli.Tests;

public sealed class ExitCodesTests
{
    [Theory]
    [InlineData(400, ExitCodes.Rejected)]
    [InlineData(401, ExitCodes.Unauthorized)]
    [InlineData(403, ExitCodes.Unauthorized)]
    [InlineData(404, ExitCodes.NotFound)]
    [InlineData(409, ExitCodes.Conflict)]
    [InlineData(412, ExitCodes.Conflict)]
    [InlineData(428, ExitCodes.Conflict)]
    [InlineData(500, ExitCodes.HubUnavailable)]
    [InlineData(502, ExitCodes.HubUnavailable)]
    [InlineData(503, ExitCodes.HubUnavailable)]
    public void ForStatus_HttpStatus_MapsToTheDocumentedExitCode(int status, int expected) =>
        Assert.Equal(expected, ExitCodes.ForStatus(status));

    [Fact]
    public void Codes_AreDistinctAndStable()
    {
        int[] codes = [ExitCodes.Success, ExitCodes.Usage, ExitCodes.Rejected, ExitCodes.Unauthorized, ExitCodes.NotFound,
            ExitCodes.Conflict, ExitCodes.HubUnavailable, ExitCodes.TargetUnreachable];

        Assert.Equal([0, 2, 3, 4, 5, 6, 7, 8], codes);
    }
}
