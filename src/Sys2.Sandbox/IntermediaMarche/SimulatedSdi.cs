using System.Globalization;

namespace Sys2.Sandbox.IntermediaMarche;

/// <summary>
/// What the simulated SdI and IntermediaMarche remember: each file delivered to an entity, the
/// outcome the entity sent for each of its invoices, and every message sent back. IdentificativoSdI
/// is SdI's progressive number of the file, unique across the system.
/// </summary>
public sealed class SimulatedSdi
{
    /// <summary>SdI's term for the outcome: 15 days from the delivery date in the RC (DM 55/2013 all. B), plain days.</summary>
    public static readonly TimeSpan OutcomeWindow = TimeSpan.FromDays(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeliveredFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string MessageId, DateTimeOffset At)> _outcomeKeys = new(StringComparer.Ordinal);
    private long _next = 4_100_000_001;
    private int _progressive;

    public sealed class DeliveredFile
    {
        public required string IdentificativoSdI { get; init; }
        public required string FileName { get; init; }
        public required string CodiceDestinatario { get; init; }
        public required string Sha256 { get; init; }
        public required DateTimeOffset DeliveredAt { get; init; }
        public required IReadOnlyList<string> Numbers { get; init; }
        public required string Supplier { get; init; }
        public Dictionary<int, string> Outcomes { get; } = [];
        public List<SentMessage> Messages { get; } = [];
        public int? DeliveryStatus { get; set; }
        public string? DeliveryAnswer { get; set; }
        public bool DecorrenzaSent { get; set; }
    }

    public sealed record SentMessage(string Type, string FileName, DateTimeOffset At, string Status);

    public string NextIdentificativo()
    {
        lock (_gate) return (_next++).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A supplier's progressive for the file name: 5 alphanumeric characters.</summary>
    public string NextProgressive()
    {
        lock (_gate) return (++_progressive).ToString("D5", CultureInfo.InvariantCulture);
    }

    public void Add(DeliveredFile file)
    {
        lock (_gate) _files[file.IdentificativoSdI] = file;
    }

    public DeliveredFile? Find(string identificativoSdI)
    {
        lock (_gate) return _files.GetValueOrDefault(identificativoSdI);
    }

    public IReadOnlyList<DeliveredFile> All
    {
        get { lock (_gate) return _files.Values.OrderBy(f => f.IdentificativoSdI, StringComparer.Ordinal).ToList(); }
    }

    /// <summary>The same idempotency key gets the same acceptance: a retried outcome is not a second outcome.</summary>
    public (string MessageId, DateTimeOffset At, bool First) AcceptOutcome(string key, Func<(string, DateTimeOffset)> accept)
    {
        lock (_gate)
        {
            if (_outcomeKeys.TryGetValue(key, out var known)) return (known.MessageId, known.At, false);
            var fresh = accept();
            _outcomeKeys[key] = fresh;
            return (fresh.Item1, fresh.Item2, true);
        }
    }

    public void Record(DeliveredFile file, SentMessage message)
    {
        lock (_gate) file.Messages.Add(message);
    }

    /// <summary>Files whose 15 days have run out with an invoice still without an outcome, and no DT sent yet.</summary>
    public IReadOnlyList<DeliveredFile> DueForDecorrenza(DateTimeOffset now)
    {
        lock (_gate)
            return _files.Values.Where(f => !f.DecorrenzaSent && f.DeliveryStatus is 200 && now - f.DeliveredAt >= OutcomeWindow
                                            && f.Outcomes.Count < f.Numbers.Count).ToList();
    }
}
