namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// Word lists for street, place and provider names. Diacritics on purpose: they must survive every encoding. Every
/// character is representable in Windows-1252 (the aanbieders extract is written in it). Names are drawn independently
/// of any planted pattern, so no name (or its apparent origin) carries information about fraud. The organisation names
/// are invented; any likeness to a real organisation is unintended.
/// </summary>
internal static class Namen
{
    /// <summary>Municipalities with their CBS gemeentecode and (approximate) range of four-digit postcodes.</summary>
    public static readonly IReadOnlyList<(string Woonplaats, string Gemeentecode, int Pc4Van, int Pc4Tot)> Gemeenten =
    [
        ("Utrecht", "0344", 3511, 3585),
        ("Amsterdam", "0363", 1011, 1109),
        ("Rotterdam", "0599", 3011, 3089),
        ("'s-Gravenhage", "0518", 2491, 2597),
        ("Eindhoven", "0772", 5611, 5658),
        ("Groningen", "0014", 9711, 9747),
        ("Tilburg", "0855", 5011, 5049),
        ("Almere", "0034", 1311, 1363),
        ("Breda", "0758", 4811, 4839),
        ("Nijmegen", "0268", 6511, 6546),
        ("Apeldoorn", "0200", 7311, 7339),
        ("Arnhem", "0202", 6811, 6846),
        ("Haarlem", "0392", 2011, 2037),
        ("Enschede", "0153", 7511, 7548),
        ("Amersfoort", "0307", 3811, 3829),
        ("'s-Hertogenbosch", "0796", 5211, 5249),
        ("Zwolle", "0193", 8011, 8048),
        ("Leeuwarden", "0080", 8911, 8939),
        ("Maastricht", "0935", 6211, 6229),
        ("Leiden", "0546", 2311, 2334),
    ];

    /// <summary>Letters used in Dutch postcodes (F, I, O, Q, U and Y are not used).</summary>
    public const string PostcodeLetters = "ABCDEGHJKLMNPRSTVWXZ";

    public static readonly string[] StraatStammen =
    [
        "Linden", "Eiken", "Beuken", "Kastanje", "Populieren", "Wilgen", "Esdoorn", "Berken", "Iepen", "Meidoorn",
        "Vlier", "Hazelaar", "Kerk", "Molen", "School", "Dorps", "Haven", "Spoor", "Stations", "Markt", "Prins Hendrik",
        "Koningin Wilhelmina", "Juliana", "Beatrix", "Oranje", "Nassau", "Rembrandt", "Vermeer", "Van Gogh",
        "Mondriaan", "Händel", "Mozart", "Beethoven", "Chopin", "Curaçao", "Aruba", "Bonaire", "Rhône", "Citroën",
        "Goudsbloem", "Zonnebloem", "Tulpen", "Narcissen", "Rozen", "Lelie", "Akker", "Weide", "Beemd", "Brink",
        "Kamp", "Vondel", "Bilderdijk", "Da Costa", "Jan Steen", "Frans Hals", "Pieter de Hooch", "Ruysdael",
        "Thorbecke", "Troelstra", "Multatuli", "Couperus", "Nicolaas Beets", "Piet Heyn", "Michiel de Ruyter",
        "Tromp", "Kortenaer", "Fahrenheit", "Huygens", "Lorentz", "Zeeman", "Kamerlingh Onnes", "Descartes",
        "Erasmus", "Spinoza", "Grotius", "Brouwers", "Smeden", "Kuipers", "Bakkers", "Vissers", "Zeilmakers",
        "Gérard Philips", "Anne Frank", "Aletta Jacobs", "Annie M.G. Schmidt", "Hoëvelaken", "Zuidbroek", "Noordeinde",
    ];

    public static readonly string[] StraatAchtervoegsels =
        ["straat", "laan", "weg", "plein", "hof", "singel", "kade", "gracht", "pad", "dreef", "erf", "park"];

    public static readonly string[] StraatVoorvoegsels = ["", "Oude ", "Nieuwe ", "Korte ", "Lange "];

    public static readonly string[] OrganisatieKern =
    [
        "De Linde", "Het Anker", "De Brug", "Eikenhof", "Parelgras", "De Horizon", "Noorderlicht", "Het Baken",
        "De Wending", "Perspectief", "Kompas", "Samen Sterk", "Zorg op Maat", "De Regenboog", "Zevensprong",
        "Hervé", "Brückenhof", "Noël", "De Eendracht", "Ons Huis", "Het Zonnelied", "De Wilgenkamp", "Lindenhoeve",
        "De Overstap", "Het Gilde", "Veldzicht", "Ommezwaai", "Het Klaverblad", "De Tuinfluiter", "Het Vlonder",
        "Thuis Vóór Alles", "Maatwerk", "Het Palet", "De Kruidentuin", "Oosterlicht", "De Vaart", "De Zwaluwhoeve",
        "De Sleutel", "Het Kruispunt", "Fluitekruid", "Zorgzaam", "Welzijn+", "De Wijkhulp", "Ambulant Plus",
        "Het Atelier", "De Werkplaats", "Buitengewoon", "Altijd Thuis", "Het Rondeel", "Café Ontmoeting",
    ];

    public static readonly string[] Voorletters = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "W.", "Y."];

    public static readonly string[] Achternamen =
    [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
        "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
        "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
        "Prins", "Blom", "Huisman", "Peeters", "Kuipers", "Hoëvenaars", "Müller", "Öztürk", "El Amrani", "Çelik",
        "Bouzid", "Sánchez", "Kowalski",
    ];
}
