using System.Globalization;
using System.Text;
using ZorgfraudeSignalen.Core.Deliveries;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Ingest;
using ZorgfraudeSignalen.Core.Review;

namespace ZorgfraudeSignalen.Core.Register;

/// <summary>A piece of a DPIA section: text the system can state about itself, or a question only people can answer.</summary>
public abstract record DpiaBlok
{
    public sealed record Alinea(string Tekst) : DpiaBlok;
    public sealed record Opsomming(IReadOnlyList<string> Punten) : DpiaBlok;
    public sealed record Tabel(IReadOnlyList<string> Kop, IReadOnlyList<IReadOnlyList<string>> Rijen) : DpiaBlok;
    /// <summary>Left to the organisation: the system does not know the answer and does not guess it.</summary>
    public sealed record InTeVullen(string Vraag) : DpiaBlok;
}

public sealed record DpiaSectie(string Titel, IReadOnlyList<DpiaBlok> Blokken);

/// <summary>What the DPIA is generated from: the register's source (run configuration, indicators, model, fairness, retention) and the delivery settings.</summary>
public sealed record DpiaSource(RegisterSource Register, DeliverySettings Leveringen, double QuarantaineDrempel);

/// <summary>
/// The factual parts of a DPIA (AVG art. 35) and a fundamental-rights impact assessment (AI Act art. 27; in the
/// Netherlands the IAMA) in Dutch, generated from the running configuration so that they cannot drift from what
/// runs. What only people can judge (necessity, proportionality, risks to rights, the decision) is marked
/// <see cref="DpiaBlok.InTeVullen"/> and never written by the system.
/// </summary>
public sealed record DpiaDocument(string CodeVersie, IReadOnlyList<DpiaSectie> Secties)
{
    public const string InTeVullenLabel = "IN TE VULLEN DOOR DE ORGANISATIE";
    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static DpiaDocument Generate(DpiaSource bron)
    {
        var r = bron.Register;
        string P(double fractie) => (fractie * 100).ToString("0.#", Nl) + " %";
        var dagen = ((int)Math.Round(r.EvidenceRetention.TotalDays)).ToString(Nl);
        var secties = new List<DpiaSectie>
        {
            new("1. Doel en aard van de verwerking",
            [
                new DpiaBlok.Alinea("ZorgfraudeSignalen vergelijkt gepseudonimiseerde gegevens uit de eigen Wmo- en pgb-administratie van de gemeente en maakt een gerangschikte lijst van signalen over zorgaanbieders. " +
                                    "Een signaal is een aanleiding voor een mens om te kijken, geen vaststelling van fraude en geen oordeel over een persoon. Er wordt niets automatisch besloten."),
                new DpiaBlok.Alinea($"Bronnen: {string.Join(", ", r.DataSources.Select(t => t.Name()))}. Elke risicorun is een zuivere functie van de ingelezen momentopnamen, de configuratie en een seed, en kan worden nagespeeld (zfs verify)."),
                new DpiaBlok.InTeVullen("Doelbinding en noodzaak: voor welke wettelijke taak is deze verwerking nodig, en waarom kan die taak niet met minder gegevens of zonder dit systeem worden uitgevoerd?"),
                new DpiaBlok.InTeVullen("Grondslag: bevestig of vervang de grondslagen die de registerbeschrijving voorstelt (" + string.Join("; ", RegisterOrganisation.DefaultGrondslag) + ")."),
            ]),
            new("2. Gegevens per extracttype",
            [
                new DpiaBlok.Alinea("Kolommen die het contract per extract kent (verplichte kolommen met *). Cliënten komen alleen voor als pseudoniem; andere kolommen worden genegeerd en in het inleesrapport genoemd."),
                new DpiaBlok.Tabel(["Extract", "Kolommen"], ExtractTypes.All.Select(t => (IReadOnlyList<string>)[t.Name(), string.Join(", ", ExtractSchemas.For(t).Columns.Select(c => c.Name + (c.Required ? "*" : "")))]).ToList()),
                new DpiaBlok.InTeVullen("Categorieën van betrokkenen en ontvangers buiten de gemeente, en of de gegevens voor dit doel verder mogen worden verwerkt dan waarvoor ze zijn verzameld."),
            ]),
            new("3. Geweigerde gegevens (dataminimalisatie)",
            [
                new DpiaBlok.Alinea("Een extract met een van deze kolommen wordt bij binnenkomst geweigerd en de inhoud wordt niet bewaard ('naam' en 'volledigenaam' mogen alleen in het extract aanbieders, als naam van de organisatie):"),
                new DpiaBlok.Opsomming(RefusedColumns.AlleNamen),
                new DpiaBlok.Alinea($"Een waarde van negen cijfers die de elfproef doorstaat (een mogelijk BSN) zet het hele extract in quarantaine zonder de inhoud te bewaren. Een extract met meer dan {P(bron.QuarantaineDrempel)} afgekeurde regels gaat in zijn geheel in quarantaine; het vorige extract blijft dan van kracht."),
            ]),
            new("4. Rollen en toegang",
            [
                new DpiaBlok.Tabel(["Rol", "Mag"], Rol.Alle.Select(rol => (IReadOnlyList<string>)[Rol.Omschrijving(rol), RolTaak(rol)]).ToList()),
                new DpiaBlok.InTeVullen("Wie krijgt welke rol (functies, aantallen), wie wijst rollen toe en hoe vaak wordt dat herzien?"),
            ]),
            new("5. Bewaartermijnen",
            [
                new DpiaBlok.Opsomming(
                [
                    $"Bewijs op cliëntniveau (pseudoniemen, panden, data) bij een signaal afgesloten met geen aanwijzing: verwijderd {dagen} dagen na de afsluitende beoordeling (zfs purge).",
                    "Momentopnamen van extracten: zolang een bewaarde run ernaar verwijst (nodig om de run na te spelen); het extract van kracht blijft bewaard.",
                    "Modelruns, risicolijsten, beoordelingen, kennisgevingen, zienswijzen en besluiten: zonder einddatum in het systeem.",
                    "Auditlog: zonder einddatum; het bevat geen persoonsgegevens van cliënten (ids, hashes en aantallen).",
                    "Bestanden in quarantaine: bewaard voor de data engineer, behalve wanneer er een mogelijk BSN of een geweigerde kolom in stond.",
                ]),
                new DpiaBlok.InTeVullen("Bewaartermijnen voor wat nu zonder einddatum wordt bewaard (runs, beoordelingen, besluiten), in lijn met de Archiefwet en de selectielijst."),
            ]),
            new("6. Indicatoren en drempels",
            [
                new DpiaBlok.Alinea("Transparante regels per aanbieder, met de drempels van de configuratie in gebruik:"),
                new DpiaBlok.Tabel(["Code", "Naam", "Drempels"], r.Indicators.Select(i => (IReadOnlyList<string>)[i.Code, i.Naam, string.Join(", ", i.Drempels.Select(d => $"{d.Key} = {d.Value}"))]).ToList()),
            ]),
            new("7. Model en parameters",
            [
                new DpiaBlok.Alinea("Anomaliemodel: " + r.ModelDescription),
                new DpiaBlok.Alinea("Kenmerken van het model: " + string.Join(", ", r.ModelFeatures) + "."),
                new DpiaBlok.Tabel(["Parameter", "Waarde"], r.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]).ToList()),
            ]),
            new("8. Waarborgen tegen discriminatie",
            [
                new DpiaBlok.Alinea("Geen kenmerk van het model mag een beschermd kenmerk of een bekende proxy daarvan dragen; elke run toetst de kenmerken tegen deze lijst:"),
                new DpiaBlok.Opsomming(ForbiddenAttributes.All.GroupBy(a => a.Attribute).Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Term))}").ToList()),
                new DpiaBlok.Alinea($"Elke run legt een fairnessrapport vast: selectie per postcodegebied en productcategorie. Een groep met ten minste {P(r.Fairness.MinimumShare)} van de selectie en ten minste {r.Fairness.MinimumFactor.ToString("0.##", Nl)} keer haar aandeel in de populatie wordt gemeld en moet worden verklaard."),
                new DpiaBlok.InTeVullen("Welke groepen (aanbieders, cliënten) kunnen onevenredig geraakt worden, wat is daarover bekend uit eerdere runs, en welke restrisico's worden aanvaard?"),
            ]),
            new("9. Menselijke tussenkomst",
            [
                new DpiaBlok.Opsomming(
                [
                    $"Alleen signalen met een risicoscore van ten minste {r.Parameters.GetValueOrDefault("publicatiedrempel", "?")} worden ter beoordeling gepubliceerd.",
                    "Een beoordelaar legt elke uitkomst vast met een inhoudelijke motivering: " + Motivering.Regel,
                    "Nader onderzoek gaat pas in als een tweede beoordelaar, een andere persoon dan wie het voorstelde, het met motivering bevestigt (vier ogen).",
                    $"Buiten beschouwing laten kan hoogstens {ReviewStateMachine.MaximaleTermijnDagen} dagen; daarna moet het signaal opnieuw worden beoordeeld.",
                    "Bij elk signaal staan de toelichting in gewone taal, de indicatoren met hun feiten, de basisfrequentie en wat het systeem niet weet.",
                    "Elke stap staat met wie, rol, tijdstip en een hash van de motivering in het hashgeketende auditlog.",
                ]),
            ]),
            new("10. Kennisgeving en zienswijze",
            [
                new DpiaBlok.Opsomming(
                [
                    "Na bevestigd nader onderzoek krijgt de aanbieder een kennisgeving: welke gegevens, welk signaal, welk doel, en tot wanneer hij kan reageren. De tekst wordt gemaakt uit de feiten van het signaal, zonder pseudoniemen, adressen of data van cliënten en zonder gegevens over andere aanbieders.",
                    $"De reactietermijn is standaard {KennisgevingProcedure.StandaardTermijnDagen} dagen (ten minste {KennisgevingProcedure.MinimumTermijnDagen}, hoogstens {KennisgevingProcedure.MaximumTermijnDagen}).",
                    "Een beoordelaar legt de zienswijze vast (tekst of documentverwijzing), ook als die te laat komt.",
                    "Het afsluitende besluit neemt een tweede beoordelaar. Het verwijst naar de vastgelegde zienswijze en beschrijft de weging; zonder zienswijze kan het pas na afloop van de termijn.",
                ]),
                new DpiaBlok.InTeVullen("Hoe worden cliënten geïnformeerd over het gebruik van hun gegevens (AVG art. 13/14), en hoe kunnen zij en aanbieders hun rechten uitoefenen?"),
            ]),
            new("11. Datakwaliteit van de leveringen",
            [
                new DpiaBlok.Alinea($"Verwachte cadans per extract: {string.Join(", ", ExtractTypes.All.Select(t => bron.Leveringen.Cadans(t) == 0 ? $"{t.Name()} geen verwachting" : $"{t.Name()} elke {bron.Leveringen.Cadans(t)} dagen"))}. " +
                                    $"Een wijziging van meer dan {P(bron.Leveringen.MaxRijWijziging)} in het aantal rijen ten opzichte van het vorige extract, een te late levering of een levering in quarantaine wordt gemeld, door de volgende risicorun vastgelegd en bij elk signaal van die run getoond."),
            ]),
            new("12. Afweging en besluit",
            [
                new DpiaBlok.InTeVullen("Proportionaliteit en subsidiariteit: wegen de inbreuk op de privacy van cliënten en de belangen van aanbieders op tegen het doel?"),
                new DpiaBlok.InTeVullen("Risico's voor de rechten en vrijheden van betrokkenen (waaronder non-discriminatie, behoorlijk bestuur, stigmatisering van aanbieders en hun cliënten) met kans, ernst en maatregelen."),
                new DpiaBlok.InTeVullen("Advies van de functionaris gegevensbescherming, en of voorafgaande raadpleging van de Autoriteit Persoonsgegevens nodig is."),
                new DpiaBlok.InTeVullen("Besluit van het college over inzet, met datum, en wanneer deze DPIA en IAMA opnieuw worden bekeken."),
            ]),
        };
        return new DpiaDocument(r.CodeVersion, secties);
    }

    private static string RolTaak(string rol) => rol switch
    {
        Rol.Beoordelaar => "risicolijst, toelichting en bewijs op cliëntniveau inzien (elke inzage gelogd); beoordelen, nader onderzoek voorstellen, heropenen, kennisgeving en zienswijze vastleggen",
        Rol.TweedeBeoordelaar => "als beoordelaar inzien; nader onderzoek van een ander bevestigen of afwijzen; het afsluitende besluit nemen",
        Rol.DataEngineer => "extracten aanleveren, inleesrapporten en leveringen inzien; geen signalen en geen beoordelingen",
        Rol.Auditor => "modelruns, fairnessrapporten, het auditlog, signalen en beoordelingen lezen; geen bewijs op cliëntniveau, niets wijzigen",
        _ => "",
    };

    /// <summary>The document as Markdown; the parts left to people are quoted blocks starting with <see cref="InTeVullenLabel"/>.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# DPIA en IAMA: ZorgfraudeSignalen (feitelijke delen)");
        sb.AppendLine();
        sb.AppendLine($"Gegenereerd uit de configuratie in gebruik, codeversie `{CodeVersie}`. De delen gemarkeerd met **{InTeVullenLabel}** kan alleen de organisatie schrijven; het systeem vult ze niet in.");
        foreach (var sectie in Secties)
        {
            sb.AppendLine();
            sb.AppendLine("## " + sectie.Titel);
            foreach (var blok in sectie.Blokken)
            {
                sb.AppendLine();
                switch (blok)
                {
                    case DpiaBlok.Alinea a: sb.AppendLine(a.Tekst); break;
                    case DpiaBlok.Opsomming o: foreach (var p in o.Punten) sb.AppendLine("- " + p); break;
                    case DpiaBlok.Tabel t:
                        sb.AppendLine("| " + string.Join(" | ", t.Kop.Select(Cel)) + " |");
                        sb.AppendLine("|" + string.Concat(t.Kop.Select(_ => "---|")));
                        foreach (var rij in t.Rijen) sb.AppendLine("| " + string.Join(" | ", rij.Select(Cel)) + " |");
                        break;
                    case DpiaBlok.InTeVullen v: sb.AppendLine($"> **{InTeVullenLabel}:** {v.Vraag}"); break;
                }
            }
        }
        return sb.ToString();
    }

    private static string Cel(string tekst) => tekst.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}

public static class DpiaSources
{
    /// <summary>
    /// The source for the configuration in force: that of the given run, else of the latest recorded run, else the
    /// configuration a run started now would use. Null when the given run is not recorded.
    /// </summary>
    public static async Task<DpiaSource?> FromStoreAsync(Storage.Store store, DeliverySettings leveringen, TimeSpan bewaartermijn, string? runId = null, CancellationToken ct = default)
    {
        Run.ModelRunRecord? record = null;
        if (runId is not null)
        {
            record = await Run.ModelRunRecord.ReadAsync(store.Tables, runId, ct);
            if (record is null) return null;
        }
        else
        {
            await foreach (var row in store.Tables.QueryAsync(Storage.StoreNames.RunsTable, Run.ModelRunRecord.Partition, ct))
                if (System.Text.Json.JsonSerializer.Deserialize<Run.ModelRunRecord>(row.Json, Run.ModelRunRecord.Json) is { } r && (record is null || r.Gestart > record.Gestart))
                    record = r;
        }
        var register = record is null
            ? RegisterSources.From(new Run.RiskConfiguration(), FairnessSettings.Default, bewaartermijn)
            : RegisterSources.From(record.Configuratie, FairnessSettings.Default, bewaartermijn, record.CodeVersie);
        return new DpiaSource(register, leveringen, IngestOptions.Default.QuarantineThreshold);
    }
}
