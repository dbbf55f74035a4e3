using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Signing;

internal static class Rejection
{
    /// <summary>Asserts the action is refused with exactly <paramref name="expected"/>'s catalogue code.</summary>
    public static LgspException Assert(ErrorDescriptor expected, Action act)
    {
        var ex = Xunit.Assert.Throws<LgspException>(act);
        Xunit.Assert.Equal(expected.Code, ex.Error.Code);
        return ex;
    }
}
