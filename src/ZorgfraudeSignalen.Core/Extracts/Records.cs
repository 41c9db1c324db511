namespace ZorgfraudeSignalen.Core.Extracts;

// The validated rows of each extract type, as the contract (shared/spec/extracts.md) defines them.
// Field names follow the contract; optional fields are null when empty.

/// <summary>A Dutch address as written in an extract, normalised: postcode <c>1234AB</c>, huisletter upper case.</summary>
public sealed record Adres(string Postcode, int Huisnummer, string? Huisletter, string? Toevoeging);

/// <summary>A client (pseudonymised) and the address where the client lives.</summary>
public sealed record Client(string ClientId, Adres Adres, DateOnly AdresSinds, string? NummeraanduidingId);

/// <summary>A care provider: Wmo contract partner or PGB care provider.</summary>
public sealed record Aanbieder(
    string AanbiederId,
    string Naam,
    string? KvkNummer,
    Adres? Vestiging,
    string? VestigingNummeraanduidingId,
    DateOnly? KvkInschrijving,
    IReadOnlyList<string> BestuurderIds,
    IReadOnlyList<string> RekeningIds);

public enum Leveringsvorm { Zin, Pgb }

/// <summary>A Wmo allocation (iWmo WMO301 'toegewezen product').</summary>
public sealed record Toewijzing(
    string ToewijzingId,
    string ClientId,
    string AanbiederId,
    string Productcategorie,
    string? Productcode,
    Leveringsvorm Leveringsvorm,
    DateOnly? Toewijzingsdatum,
    DateOnly Ingangsdatum,
    DateOnly? Einddatum,
    decimal Volume,
    string Eenheid,
    string Frequentie,
    decimal? Budget);

public enum OvereenkomstType { Arbeidsovereenkomst, Opdracht, Familie, Instelling }

/// <summary>A PGB care agreement as registered with the SVB.</summary>
public sealed record PgbOvereenkomst(
    string OvereenkomstId,
    string ClientId,
    string AanbiederId,
    OvereenkomstType OvereenkomstType,
    string? RekeningId,
    DateOnly Ingangsdatum,
    DateOnly? Einddatum,
    decimal Uurtarief,
    decimal UrenPerWeek);

/// <summary>A declaration of delivered care for a period (iWmo WMO323 'prestatie' or a PGB declaration).</summary>
public sealed record Declaratie(
    string DeclaratieId,
    string ClientId,
    string AanbiederId,
    string? ToewijzingId,
    DateOnly PeriodeStart,
    DateOnly PeriodeEind,
    string? Productcategorie,
    decimal Volume,
    string Eenheid,
    decimal? Tarief,
    decimal Bedrag);

/// <summary>
/// An address in the BAG with its adresseerbaar object and building (pand). <see cref="PandId"/> is null only for a
/// ligplaats or standplaats, which NLExtract's layout includes and which belongs to no building.
/// </summary>
public sealed record BagAdres(
    string NummeraanduidingId,
    Adres Adres,
    string VerblijfsobjectId,
    string? PandId,
    string? OpenbareRuimte,
    string? Woonplaats,
    IReadOnlyList<string> Gebruiksdoelen);
