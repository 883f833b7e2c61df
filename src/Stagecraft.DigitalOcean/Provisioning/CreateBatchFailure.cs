namespace Stagecraft.DigitalOcean.Provisioning;

/// <summary>How a create batch failed.</summary>
/// <param name="Message">The operator-ready message.</param>
/// <param name="ListsNotCreated">True when the final error appends "; not created: …" (every host of the run without a droplet).</param>
/// <param name="Inner">The API failure behind it, if any.</param>
internal sealed record CreateBatchFailure(string Message, bool ListsNotCreated, Exception? Inner);
