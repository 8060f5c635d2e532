namespace Sys2.Sandbox.ProcediMarche;

/// <summary>The procedures of the shipped workflow definitions (their <c>procedure:</c> codes).</summary>
internal static class ShippedProcedures
{
    private const string Tar = "Ricorso al TAR Marche entro 60 giorni o ricorso straordinario al Presidente della Repubblica entro 120 giorni.";

    public static IReadOnlyList<ProcedureTemplate> All { get; } =
    [
        new("SUAP-SCIA",
            "SCIA – segnalazione certificata di inizio attività (SUAP)",
            "Segnalazione per l'avvio immediato di un'attività produttiva; l'amministrazione ha 60 giorni per vietarla o chiederne la conformazione.",
            "DPR 160/2010 art. 5; L. 241/1990 art. 19",
            "Sportello Unico per le Attività Produttive", "Responsabile del SUAP",
            [new("Modulo SCIA unificata", "https://www.impresainungiorno.gov.it/"), new("Procura speciale", null), new("Documento d'identità del segnalante", null)],
            60, [new("Conformazione dell'attività (L. 241/1990 art. 19 c.3)", 30)],
            Scia: true, SilenzioAssenso: false, Istruttoria: (3_000, 8_000), Segreteria: (0, 2_000), Remedies: Tar),
        new("SUAP-ORD",
            "Procedimento ordinario SUAP",
            "Istanza per attività non soggette a SCIA: provvedimento espresso entro 30 giorni, salvo conferenza di servizi.",
            "DPR 160/2010 art. 7; L. 241/1990 art. 2, 10-bis, 20",
            "Sportello Unico per le Attività Produttive", "Responsabile del SUAP",
            [new("Istanza unica", "https://www.impresainungiorno.gov.it/"), new("Relazione tecnica", null), new("Documento d'identità del richiedente", null)],
            30, [new("Richiesta di integrazioni (DPR 160/2010 art. 7 c.1)", 30), new("Osservazioni al preavviso di rigetto (L. 241/1990 art. 10-bis)", 10)],
            Scia: false, SilenzioAssenso: true, Istruttoria: (5_000, 15_000), Segreteria: (1_000, 3_000), Remedies: Tar),
        new("SUE-CILA",
            "CILA – comunicazione di inizio lavori asseverata",
            "Comunicazione asseverata da un tecnico abilitato: i lavori possono iniziare dalla presentazione.",
            "DPR 380/2001 art. 6-bis; DL 8/1993 conv. L. 68/1993 art. 10 c.10",
            "Sportello Unico per l'Edilizia", "Responsabile del SUE",
            [new("Modulo CILA unificato", "https://www.funzionepubblica.gov.it/"), new("Elaborato progettuale", null), new("Asseverazione del tecnico", null)],
            30, [new("Integrazione della comunicazione", 30)],
            Scia: false, SilenzioAssenso: false, Istruttoria: (0, 0), Segreteria: (3_000, 10_000), Remedies: Tar),
        new("SUE-PDC",
            "Permesso di costruire",
            "Titolo per gli interventi di nuova costruzione e di ristrutturazione urbanistica; proposta entro 60 giorni, provvedimento nei 30 successivi.",
            "DPR 380/2001 art. 20; L. 241/1990 art. 10-bis",
            "Sportello Unico per l'Edilizia", "Dirigente dell'Area Urbanistica",
            [new("Domanda di permesso di costruire", "https://www.funzionepubblica.gov.it/"), new("Progetto architettonico", null), new("Relazione tecnica asseverata", null), new("Titolo di proprietà o di disponibilità", null)],
            60, [new("Adozione del provvedimento dopo la proposta (art. 20 c.6)", 30), new("Integrazione documentale (interruzione, art. 20 c.5)", 15)],
            Scia: false, SilenzioAssenso: true, Istruttoria: (10_000, 30_000), Segreteria: (5_000, 50_000), Remedies: Tar),
        new("SUE-SCIA",
            "SCIA edilizia",
            "Segnalazione asseverata per gli interventi dell'art. 22 DPR 380/2001: i lavori iniziano dalla presentazione, l'amministrazione controlla entro 30 giorni.",
            "DPR 380/2001 art. 22-23; L. 241/1990 art. 19 c.6-bis",
            "Sportello Unico per l'Edilizia", "Responsabile del SUE",
            [new("Modulo SCIA edilizia unificato", "https://www.funzionepubblica.gov.it/"), new("Elaborati progettuali", null), new("Asseverazione del tecnico", null)],
            30, [new("Conformazione degli interventi (L. 241/1990 art. 19 c.3)", 30)],
            Scia: true, SilenzioAssenso: false, Istruttoria: (5_000, 15_000), Segreteria: (3_000, 10_000), Remedies: Tar),
        new("SUAP-SCIA-COND",
            "SCIA condizionata ad atti di assenso (SCIA unica o condizionata)",
            "Segnalazione che richiede atti di assenso di altre amministrazioni: lo sportello convoca la conferenza di servizi semplificata entro 5 giorni.",
            "L. 241/1990 art. 19-bis c.3 e art. 14-bis; DPR 160/2010 art. 5",
            "Sportello Unico per le Attività Produttive", "Responsabile del SUAP",
            [new("Modulo SCIA unificata", "https://www.impresainungiorno.gov.it/"), new("Istanze per gli atti di assenso", null), new("Documento d'identità del segnalante", null)],
            60, [new("Conferenza di servizi semplificata (L. 241/1990 art. 14-bis)", 45)],
            Scia: true, SilenzioAssenso: true, Istruttoria: (5_000, 12_000), Segreteria: (1_000, 3_000), Remedies: Tar),
    ];
}
