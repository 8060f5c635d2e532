using System.Text.Json.Nodes;
using Sys2.Integrations.Notifications;

namespace Sys2.Integrations.Tests.Notifications;

public sealed class when_an_avviso_pagopa_is_worded
{
    [Fact]
    public void each_datum_a_payer_needs_is_under_its_italian_label()
    {
        var input = new JsonObject
        {
            ["to"] = new JsonObject { ["name"] = "Mario Rossi" },
            ["template"] = "avviso-pagopa",
            ["subject"] = "Avviso pagoPA dei diritti SUAP",
            ["noticeNumber"] = "302000000001234559",
            ["creditorFiscalCode"] = "00360140446",
            ["amount"] = "€ 30,00",
            ["dueDate"] = "2026-04-01",
        };

        NotificationText.Details(input).ShouldBe([
            ("Codice avviso", "302000000001234559"),
            ("Codice fiscale dell'ente creditore", "00360140446"),
            ("Importo", "€ 30,00"),
            ("Scadenza", "2026-04-01"),
        ]);
    }
}
