namespace ZorgfraudeSignalen.Generator;

/// <summary>
/// Derives the declarations month by month from the allocations and agreements, without holding them: every random
/// choice is a hash of (seed, allocation, month), so the output does not depend on iteration order or memory.
/// </summary>
internal sealed class Declaraties(Populatie p, string[] clientIds)
{
    private readonly ulong _sleutel = Hash.Of((ulong)(uint)p.Opties.Seed, Hash.Of("declaraties"));
    private long _volgnummer;

    private static int MaandIndex(int dagnummer)
    {
        var d = DateOnly.FromDayNumber(dagnummer);
        return d.Year * 12 + d.Month - 1;
    }

    private double U(int i, int maand, int k) => Hash.Unit(Hash.Of(_sleutel, (ulong)i, (ulong)maand, (ulong)k));

    private double Normaal(int i, int maand, int k) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - U(i, maand, k))) * Math.Cos(2.0 * Math.PI * U(i, maand, k + 1));

    public void Schrijf(CsvOut csv)
    {
        csv.Kop("declaratie_id", "client_id", "aanbieder_id", "toewijzing_id", "periode_start", "periode_eind",
            "productcategorie", "volume", "eenheid", "tarief", "bedrag");
        var toewijzingen = p.Toewijzingen;
        for (var m = 0; m < p.Opties.Maanden; m++)
        {
            var maandStart = p.Opties.EersteMaand.AddMonths(m);
            var ms = maandStart.DayNumber;
            var dim = DateTime.DaysInMonth(maandStart.Year, maandStart.Month);
            var me = ms + dim - 1;
            for (var i = 0; i < toewijzingen.Count; i++)
            {
                var t = toewijzingen[i];
                if (!t.IsPgb) Zin(csv, i, in t, m, ms, me, dim);
            }
            for (var o = 0; o < p.Overeenkomsten.Count; o++) Pgb(csv, o, m, ms, me, dim);
        }
    }

    private void Zin(CsvOut csv, int i, in ToewijzingModel t, int m, int ms, int me, int dim)
    {
        int start, eind;
        var maand = MaandIndex(ms);
        if (t.Buiten.HasFlag(Buiten.NaEinde) && t.Eind <= me && t.Ingang <= me)
        {
            // The month the allocation ended is billed whole, and then one to three months more.
            var naMaanden = 1 + (int)(Hash.Of(_sleutel, (ulong)i) % 3);
            if (maand - MaandIndex(t.Eind) > naMaanden) return;
            (start, eind) = (Math.Max(ms, t.Ingang), me);
        }
        else if (t.Buiten.HasFlag(Buiten.VoorIngang) && maand == MaandIndex(t.Ingang) - 1)
        {
            // The whole month before the allocation's first month.
            (start, eind) = (ms, me);
        }
        else
        {
            start = Math.Max(ms, t.Ingang);
            eind = Math.Min(me, t.Eind);
            if (start > eind) return;
        }
        var product = Producten.Alle[t.Product];
        var dagen = eind - start + 1;
        var maximumH = Producten.MaximumH(t.VolumeH, product.Frequentie, dagen, dim);
        // Where whole units are the habit, the most a provider can bill is the maximum rounded down: 2 dagdelen a week
        // give 8 a month, not 8.67.
        if (p.W.HeleEenheden && product.Granulariteit == 100) maximumH = maximumH / 100 * 100;
        long volumeH;
        var gewoon = false;
        switch (t.Gedrag)
        {
            case Gedrag.Maximum:
                volumeH = maximumH;
                break;
            case Gedrag.Vast:
                volumeH = Producten.Deel((long)t.VastH * dagen, dim);
                break;
            case Gedrag.Etmalen:
                volumeH = 100L * (U(i, m, 1) < 0.92 || dagen < 3 ? dagen : dagen - 1 - (int)(U(i, m, 2) * Math.Min(5, dagen - 2)));
                break;
            default:
                gewoon = true;
                if (U(i, m, 1) < 0.03) return; // no care delivered this month (holiday, hospital)
                if (U(i, m, 2) < 0.06) volumeH = maximumH; // now and then the full allocation
                else
                {
                    var basis = 0.6 + 0.37 * Hash.Unit(Hash.Of(_sleutel, (ulong)i));
                    var f = Math.Clamp(basis * (1 + 0.08 * Normaal(i, m, 3)), 0.2, 1.0);
                    volumeH = (long)(maximumH * f / product.Granulariteit) * product.Granulariteit;
                }
                break;
        }
        if (volumeH <= 0) return;
        // Some honest providers always bill the whole month, also the month an allocation starts or ends in.
        if (gewoon && p.Aanbieders[t.Aanbieder].HeleMaanden) (start, eind) = (ms, me);
        Regel(csv, t.Client, t.Aanbieder, i, start, eind, product.Categorie, volumeH, product.Eenheid, product.TariefCent);
        if (gewoon && U(i, m, 6) < p.W.CreditAandeel)
        {
            // A credit note reversing the line, and a corrected line.
            Regel(csv, t.Client, t.Aanbieder, i, start, eind, product.Categorie, -volumeH, product.Eenheid, product.TariefCent);
            var gecorrigeerd = (long)(volumeH * 0.9 / product.Granulariteit) * product.Granulariteit;
            if (gecorrigeerd > 0) Regel(csv, t.Client, t.Aanbieder, i, start, eind, product.Categorie, gecorrigeerd, product.Eenheid, product.TariefCent);
        }
    }

    private void Pgb(CsvOut csv, int o, int m, int ms, int me, int dim)
    {
        var overeenkomst = p.Overeenkomsten[o];
        var start = Math.Max(ms, overeenkomst.Ingang);
        var eind = Math.Min(me, overeenkomst.Eind);
        if (start > eind) return;
        var key = -1 - o; // PGB agreements use negative keys so they never share random numbers with allocations
        if (U(key, m, 1) < 0.02) return;
        var dagen = eind - start + 1;
        var contractH = Producten.Deel((long)overeenkomst.UrenH * 52 * dagen, 12L * dim);
        var krap = p.W.KrappeBudgetten && p.Aanbieders[overeenkomst.Aanbieder].Patronen.HasFlag(Patroon.HoogTarief);
        var basis = (krap ? 0.97 : 0.85) + (krap ? 0.03 : 0.15) * Hash.Unit(Hash.Of(_sleutel, (ulong)(long)key));
        var f = Math.Min(1.0, basis * (1 + 0.05 * Normaal(key, m, 3)));
        var urenH = (long)(contractH * f / 25) * 25;
        if (urenH <= 0) return;
        var categorie = p.Toewijzingen[overeenkomst.Toewijzing].Categorie;
        Regel(csv, overeenkomst.Client, overeenkomst.Aanbieder, -1, start, eind, categorie, urenH, "04", overeenkomst.UurtariefCent);
    }

    private void Regel(CsvOut csv, int client, int aanbieder, int toewijzing, int start, int eind, string categorie, long volumeH, string eenheid, int tariefCent)
    {
        csv.Tekst("D" + (++_volgnummer).ToString("D10"));
        csv.Tekst(clientIds[client]);
        csv.Tekst(p.Aanbieders[aanbieder].Id);
        if (toewijzing >= 0) csv.Tekst(ExtractSchrijver.ToewijzingId(toewijzing));
        else csv.Leeg();
        csv.Datum(start);
        csv.Datum(eind);
        csv.Tekst(categorie);
        csv.Honderdsten(volumeH, altijdCenten: false);
        csv.Tekst(eenheid);
        csv.Honderdsten(tariefCent, altijdCenten: true);
        csv.Honderdsten(Producten.BedragCent(volumeH, tariefCent), altijdCenten: true);
        csv.Einde();
    }
}
