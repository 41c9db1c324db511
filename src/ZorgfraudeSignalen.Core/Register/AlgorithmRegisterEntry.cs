using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZorgfraudeSignalen.Core.Extracts;
using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.RiskList;

namespace ZorgfraudeSignalen.Core.Register;

/// <summary>
/// An entry for the Dutch Algoritmeregister (algoritmes.overheid.nl), generated from the system's actual
/// configuration so that it cannot drift from what runs. The fields follow the register's publication standard;
/// the texts are Dutch, as published. Rendered as Markdown and as JSON (snake_case keys, as the register's API).
/// </summary>
public sealed record AlgorithmRegisterEntry(
    string Name,
    string Organization,
    string Department,
    string DescriptionShort,
    string Type,
    string Status,
    string Goal,
    string Impact,
    string Proportionality,
    IReadOnlyList<string> LawfulBasis,
    string HumanIntervention,
    string RiskManagement,
    IReadOnlyList<RegisterDataSource> SourceData,
    string MethodsAndModels,
    IReadOnlyList<RegisterIndicator> Indicators,
    IReadOnlyList<string> ModelFeatures,
    IReadOnlyDictionary<string, string> Parameters,
    string? Dpia,
    string? Iama,
    string Contact,
    string CodeVersion)
{
    public const string AlgorithmName = "ZorgfraudeSignalen";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep é and ë readable; the output is a file, not HTML
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Generates the entry from the configuration in force and the organisation's own part.</summary>
    public static AlgorithmRegisterEntry Generate(RegisterSource source, RegisterOrganisation? organisation = null)
    {
        organisation ??= new RegisterOrganisation();
        var days = ((int)Math.Round(source.EvidenceRetention.TotalDays)).ToString(CultureInfo.InvariantCulture);
        var indicatorCodes = string.Join(", ", source.Indicators.Select(i => i.Code));
        return new AlgorithmRegisterEntry(
            Name: AlgorithmName,
            Organization: organisation.Organisatie,
            Department: organisation.Afdeling,
            DescriptionShort:
                "Signaleert zorgaanbieders in de Wmo en het PGB bij wie declaraties, toewijzingen en woonadressen van cliënten " +
                "een patroon tonen dat op onrechtmatige zorg kan wijzen, zodat medewerkers kwaliteit en rechtmatigheid die " +
                "aanbieders als eerste bekijken. Het algoritme geeft signalen over aanbieders, nooit oordelen over personen.",
            Type: "Risicogestuurde selectie (regels en anomaliedetectie) ter ondersteuning van menselijke beoordeling",
            Status: organisation.Status,
            Goal:
                "Misbruik en oneigenlijk gebruik van Wmo-voorzieningen en PGB's eerder en gerichter opsporen, in het bijzonder " +
                "woonzorgconstructies waarbij een aanbieder cliënten huisvest in panden die hij beheert en zorg declareert die " +
                "niet of niet volledig wordt geleverd.",
            Impact:
                "Een signaal leidt alleen tot een beoordeling door een medewerker; een aanbieder op de lijst ondervindt daarvan " +
                "geen gevolg tot een medewerker met een vastgelegde motivering besluit tot nader onderzoek, bevestigd door een " +
                "tweede, andere medewerker. Cliënten zijn geen onderwerp van een signaal en worden alleen onder pseudoniem verwerkt.",
            Proportionality:
                $"Er worden alleen gegevens verwerkt die voor de indicatoren nodig zijn ({string.Join(", ", source.DataSources.Select(d => d.Name()))}); " +
                "cliënten alleen onder pseudoniem, een BSN wordt bij inlezen geweigerd, en kolommen met beschermde of onnodige " +
                "persoonsgegevens (zoals geboortedatum, geslacht, nationaliteit) worden geweigerd. Bewijs op cliëntniveau bij een " +
                $"signaal dat is afgesloten als '{ReviewStatus.GeenAanwijzing}' wordt na {days} dagen verwijderd. Alternatieven " +
                "(steekproeven, alleen meldingen) vinden de pandgebonden patronen niet of veel later.",
            LawfulBasis: organisation.WettelijkeGrondslag ?? RegisterOrganisation.DefaultGrondslag,
            HumanIntervention:
                $"Elk gepubliceerd signaal krijgt de status '{ReviewStatus.TeBeoordelen}'. Alleen een medewerker zet een signaal " +
                $"op '{ReviewStatus.GeenAanwijzing}', '{ReviewStatus.BuitenBeschouwing}' of '{ReviewStatus.NaderOnderzoekVoorgesteld}', " +
                $"altijd met een motivering. '{ReviewStatus.NaderOnderzoek}' vraagt de bevestiging van een tweede, andere medewerker " +
                "(vier ogen). Het systeem neemt zelf geen besluit en stuurt niets naar aanbieders of cliënten.",
            RiskManagement:
                "Elke run legt vast wat erin ging (snapshots met SHA-256), welke configuratie, code en seed werden gebruikt en wat " +
                "eruit kwam; een auditor speelt een run na met 'zfs verify' en krijgt dezelfde lijst, byte voor byte. Een " +
                "hashketen-auditlog legt inlezen, runs, publicaties, inzage in bewijs, beoordelingen en configuratiewijzigingen vast " +
                "('zfs audit verify'). Elke run krijgt een fairnessrapport: geen modelkenmerk mag een van de " +
                $"{ForbiddenAttributes.All.Select(a => a.Attribute).Distinct().Count()} verboden kenmerken of hun proxy's dragen " +
                "(leeftijd, geslacht, afkomst, woongebied als zodanig, inkomen, ...), en de selectie per postcode-4-gebied en " +
                $"productcategorie wordt getoetst (waarschuwing bij een aandeel van ten minste {Pct(source.Fairness.MinimumShare)} " +
                $"en ten minste {source.Fairness.MinimumFactor.ToString("0.0", Nl)} keer het aandeel in de populatie, tenzij de " +
                "feiten van locatie-indicatoren het verklaren).",
            SourceData: source.DataSources.Select(DataSource).ToList(),
            MethodsAndModels:
                $"Transparante indicatoren ({indicatorCodes}) met vaste, gedocumenteerde drempels, en een anomaliemodel: " +
                $"{source.ModelDescription} Het anomaliemodel ziet per kenmerk alleen hoever een aanbieder boven vergelijkbare " +
                "aanbieders ligt: minder declareren, een lager tarief of minder cliënten bij elkaar dan gebruikelijk telt niet als afwijking. " +
                "De risicoscore combineert beide; elk signaal heeft een toelichting in gewone taal " +
                "met de afgegane indicatoren, hun feiten en de kenmerken waarop de aanbieder boven vergelijkbare aanbieders uitsteekt." + LearningText(source.Leren),
            Indicators: source.Indicators,
            ModelFeatures: source.ModelFeatures,
            Parameters: new SortedDictionary<string, string>(source.Parameters.Concat(LearningParameters(source.Leren)).ToDictionary(), StringComparer.Ordinal),
            Dpia: organisation.Dpia,
            Iama: organisation.Iama,
            Contact: organisation.Contact,
            CodeVersion: source.CodeVersion);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The learning from assessments and its safeguards (docs/leren.md), from the settings in force.</summary>
    private static string LearningText(Learning.LearningSettings? leren) => leren switch
    {
        null => "",
        { Aan: false } => " Leren van beoordelingen staat uit: uitkomsten van beoordelingen veranderen de lijst niet.",
        _ =>
            " Leren van beoordelingen: bevestigd nader onderzoek (twee verschillende beoordelaars) telt als positief label, " +
            "'geen aanwijzing' als negatief, 'buiten beschouwing' niet; een label vervalt na " +
            $"{leren.LabelGeldigheidDagen.ToString(CultureInfo.InvariantCulture)} dagen" +
            (leren.NatuurlijkePersonenUitsluiten ? " en labels over natuurlijke personen worden niet gebruikt" : "") + ". " +
            "Elke gepubliceerde lijst bevat een willekeurige, vastgelegde steekproef van aanbieders onder de publicatiedrempel " +
            $"({Pct(leren.SteekproefAandeel)}, ten minste {leren.SteekproefMinimum.ToString(CultureInfo.InvariantCulture)}" +
            (leren.SteekproefNaarScore > 0 ? $"; {Pct(leren.SteekproefNaarScore)} ervan naar verhouding van de risicoscore getrokken, zodat aanbieders vlak onder de drempel vaker worden bekeken, de rest gelijk verdeeld" : "") +
            "), in het portaal gemarkeerd als steekproef met de kans waarmee hij getrokken werd, " +
            "zodat labels ook van buiten het bereik van de regels komen. Een model van beslisbomen (Microsoft.ML FastTree) wordt op de labels getraind, " +
            (leren.Wegen ? "elk label gewogen met de inverse van de kans dat het beoordeeld werd, " : "") +
            $"en telt pas mee bij ten minste {leren.MinimumPositief.ToString(CultureInfo.InvariantCulture)} positieve en " +
            $"{leren.MinimumNegatief.ToString(CultureInfo.InvariantCulture)} negatieve labels, met aandeel {leren.GewichtGeleerd.ToString("0.##", Nl)} in de score" +
            (leren.AlleenOphogen ? " en alleen ophogend (het geleerde deel zet een aanbieder nooit lager dan de regels)" : "") +
            leren.Optillen switch
            {
                Learning.Optilling.AchterRegels => ", en een aanbieder onder de publicatiedrempel hoogstens tot achter de signalen van de regels (die gaan altijd voor)",
                Learning.Optilling.AlleenOnderDrempel => ", alleen voor aanbieders onder de publicatiedrempel en hoogstens tot achter de signalen van de regels (die gaan altijd voor en houden hun score)",
                _ => "",
            } + "; " +
            (leren.KleineBomen || leren.Krimp != 0
                ? "met weinig labels is het voorzichtig (" + string.Join(", ", new[] { leren.KleineBomen ? "kleine bomen" : null, leren.Krimp != 0 ? "de kans naar het gemiddelde van de labels getrokken naarmate er minder labels zijn" : null }.OfType<string>()) + "); "
                : "") +
            "het gebruikt dezelfde kenmerken als het anomaliemodel en valt onder hetzelfde fairnessrapport. Elke run legt de labelset " +
            "(hash, aantallen, periode) en de hash van het getrainde model vast; 'zfs verify' speelt ook dit na. Een aanbieder die als " +
            $"'{ReviewStatus.GeenAanwijzing}' is beoordeeld, komt {leren.WachttijdGeenAanwijzingDagen.ToString(CultureInfo.InvariantCulture)} dagen niet opnieuw " +
            "op de lijst, tenzij zijn feiten wezenlijk veranderden (de verandering wordt genoemd). Een aanbieder met een lopend, bevestigd nader onderzoek " +
            "komt niet opnieuw op de lijst zolang dat onderzoek loopt (tot het afsluitende besluit).",
    };

    private static IEnumerable<KeyValuePair<string, string>> LearningParameters(Learning.LearningSettings? leren)
    {
        if (leren is null) yield break;
        var inv = CultureInfo.InvariantCulture;
        yield return new("leren_aan", leren.Aan ? "ja" : "nee");
        if (!leren.Aan) yield break;
        yield return new("leren_minimum_positief", leren.MinimumPositief.ToString(inv));
        yield return new("leren_minimum_negatief", leren.MinimumNegatief.ToString(inv));
        yield return new("leren_label_geldigheid_dagen", leren.LabelGeldigheidDagen.ToString(inv));
        yield return new("leren_natuurlijke_personen_uitsluiten", leren.NatuurlijkePersonenUitsluiten ? "ja" : "nee");
        yield return new("leren_steekproef_aandeel", leren.SteekproefAandeel.ToString(inv));
        yield return new("leren_steekproef_minimum", leren.SteekproefMinimum.ToString(inv));
        yield return new("leren_steekproef_naar_score", leren.SteekproefNaarScore.ToString(inv));
        yield return new("leren_gewicht_geleerd", leren.GewichtGeleerd.ToString(inv));
        yield return new("leren_alleen_ophogen", leren.AlleenOphogen ? "ja" : "nee");
        yield return new("leren_optillen", leren.Optillen switch
        {
            Learning.Optilling.AchterRegels => "achter_regels",
            Learning.Optilling.AlleenOnderDrempel => "alleen_onder_drempel",
            _ => "overal",
        });
        yield return new("leren_kleine_bomen", leren.KleineBomen ? "ja" : "nee");
        yield return new("leren_krimp", (leren.Krimp ?? Math.Min(leren.MinimumPositief, leren.MinimumNegatief)).ToString(inv));
        yield return new("leren_wachttijd_geen_aanwijzing_dagen", leren.WachttijdGeenAanwijzingDagen.ToString(inv));
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"# Algoritmeregister: {Name}").AppendLine();
        md.AppendLine($"_Gegenereerd uit de configuratie van versie `{CodeVersion}`. Pas de tekst niet met de hand aan: wijzig de configuratie en genereer opnieuw (`zfs register`)._").AppendLine();
        Field("Organisatie", $"{Organization}, {Department}");
        Field("Korte omschrijving", DescriptionShort);
        Field("Type", Type);
        Field("Status", Status);
        Field("Doel", Goal);
        Field("Impact", Impact);
        Field("Proportionaliteit", Proportionality);
        md.AppendLine("## Wettelijke grondslag").AppendLine();
        foreach (var basis in LawfulBasis) md.AppendLine($"- {basis}");
        md.AppendLine();
        Field("Menselijke tussenkomst", HumanIntervention);
        Field("Risicobeheer", RiskManagement);
        md.AppendLine("## Gegevensbronnen").AppendLine();
        md.AppendLine("| bron | gegevens |").AppendLine("|---|---|");
        foreach (var source in SourceData) md.AppendLine($"| {Cell(source.Name)} | {Cell(source.Description)} |");
        md.AppendLine();
        Field("Methoden en modellen", MethodsAndModels);
        md.AppendLine("## Gebruikte indicatoren").AppendLine();
        md.AppendLine("| code | naam | definitie | drempels |").AppendLine("|---|---|---|---|");
        foreach (var i in Indicators)
            md.AppendLine($"| `{i.Code}` | {Cell(i.Naam)} | {Cell(i.Definitie)} | {Cell(string.Join("; ", i.Drempels.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} = {d.Value}")))} |");
        md.AppendLine();
        md.AppendLine("## Kenmerken van het anomaliemodel").AppendLine();
        foreach (var feature in ModelFeatures) md.AppendLine($"- `{feature}`");
        md.AppendLine();
        md.AppendLine("## Parameters").AppendLine();
        md.AppendLine("| parameter | waarde |").AppendLine("|---|---|");
        foreach (var (key, value) in Parameters) md.AppendLine($"| `{key}` | {Cell(value)} |");
        md.AppendLine();
        if (Dpia is not null) Field("DPIA", Dpia);
        if (Iama is not null) Field("IAMA", Iama);
        Field("Contact", Contact);
        return md.ToString();

        void Field(string title, string text) => md.AppendLine($"## {title}").AppendLine().AppendLine(text).AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");
    private static string Pct(double share) => (share * 100).ToString("0", Nl) + "%";

    private static RegisterDataSource DataSource(ExtractType type) => new(type.Name(), type switch
    {
        ExtractType.Clienten => "Cliënten (pseudoniem) en hun woonadres met datum van inschrijving, uit de BRP via de backoffice. Geen naam, BSN, geboortedatum, geslacht of nationaliteit.",
        ExtractType.Aanbieders => "Zorgaanbieders: naam, KvK-nummer, vestigingsadres, inschrijfdatum, gepseudonimiseerde bestuurders en rekeningen.",
        ExtractType.Toewijzingen => "Wmo-toewijzingen (iWmo 301): cliënt, aanbieder, productcategorie, leveringsvorm, periode, volume.",
        ExtractType.PgbOvereenkomsten => "PGB-zorgovereenkomsten (SVB): budgethouder, zorgverlener, soort overeenkomst, gepseudonimiseerde rekening, uurtarief, uren.",
        ExtractType.Declaraties => "Declaraties (iWmo 323 en PGB): periode, productcategorie, volume, tarief, bedrag.",
        ExtractType.BagAdressen => "Basisregistratie Adressen en Gebouwen: adres, verblijfsobject, pand en gebruiksdoel (openbaar).",
        _ => type.Name(),
    });
}

/// <summary>A data source of the entry: the extract type and what it holds.</summary>
public sealed record RegisterDataSource(string Name, string Description);
