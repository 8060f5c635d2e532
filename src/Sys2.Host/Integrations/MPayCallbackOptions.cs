namespace Sys2.Host.Integrations;

/// <summary>
/// <c>Sys2:Integrations:mpay:CallbackSecret</c>: the secret MPay signs its receipts with. Without
/// it every receipt is refused: an unauthenticated endpoint would let anyone mark a case paid.
/// In sandbox mode a fresh random secret is shared with the simulator at start-up.
/// </summary>
public sealed class MPayCallbackOptions
{
    public string? CallbackSecret { get; set; }
}
