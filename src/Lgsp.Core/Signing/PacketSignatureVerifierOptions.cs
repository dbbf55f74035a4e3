namespace Lgsp.Core.Signing;

/// <summary>What a <see cref="PacketSignatureVerifier"/> accepts beyond the profile (see <c>Signing/README.md</c>).</summary>
public sealed record PacketSignatureVerifierOptions
{
    /// <summary>The profile, nothing else: the defaults.</summary>
    public static readonly PacketSignatureVerifierOptions Default = new();

    /// <summary>
    /// Also accept a packet that is its document's root signed the way hubs signed before 2026-12: its single Reference
    /// <c>URI="#&lt;Id&gt;"</c> instead of <c>URI=""</c>, with every other check unchanged (the Id unique under any
    /// Id-like attribute, resolution pinned to the root). Off by default: such a packet verifies here but not in
    /// <c>xmlsec1</c> or Santuario without naming the Id attribute, and one accepted form per position keeps what this
    /// verifier accepts what standard verifiers accept. Turn it on only to check answers kept from before the change.
    /// </summary>
    public bool AcceptLegacyRootIdReference { get; init; }
}
