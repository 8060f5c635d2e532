using Marten;
using Npgsql;
using Sys2.Workflows.Definitions;

namespace Sys2.Host.Cases;

/// <summary>
/// Case numbers a person can read and quote on the phone: <c>SUAP-H769-2026-0000123</c>
/// (kind, entity, year, a sequence per entity, kind and year). The number is taken in the
/// same transaction as the case's first events, so a failed opening gives its number back
/// (no gaps) and the row lock serialises concurrent openings (no repeats).
/// </summary>
public sealed class CaseNumbers
{
    public const string Table = "sys2.case_numbers";

    public static string Format(CaseKind kind, string tenant, int year, long sequence) =>
        $"{Prefix(kind)}-{tenant.ToUpperInvariant()}-{year}-{sequence:0000000}";

    public async Task<string> NextAsync(IDocumentSession session, CaseKind kind, string tenant, int year, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)session.Connection!;
        await using var command = new NpgsqlCommand($"""
            insert into {Table} (tenant, kind, year, last) values (@tenant, @kind, @year, 1)
            on conflict (tenant, kind, year) do update set last = {Table}.last + 1
            returning last
            """, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("kind", Prefix(kind));
        command.Parameters.AddWithValue("year", year);
        var last = (long)(await command.ExecuteScalarAsync(ct))!;
        return Format(kind, tenant, year, last);
    }

    public static string CreateTableSql => $"""
        create schema if not exists sys2;
        create table if not exists {Table} (
            tenant text not null, kind text not null, year int not null, last bigint not null,
            primary key (tenant, kind, year));
        """;

    private static string Prefix(CaseKind kind) => kind switch
    {
        CaseKind.Suap => "SUAP",
        CaseKind.Sue => "SUE",
        _ => "FATT",
    };
}
