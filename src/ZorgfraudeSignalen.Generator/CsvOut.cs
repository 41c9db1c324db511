using System.Text;

namespace ZorgfraudeSignalen.Generator;

/// <summary>How one extract type is written: the contract allows these variations and ingest must handle all of them.</summary>
internal sealed record CsvStijl(char Scheidingsteken, char Decimaalteken, bool DagEerst, Encoding Codering, string Regeleinde);

/// <summary>
/// A small streaming RFC 4180 writer. Hand-written rather than CsvHelper's writer because it formats millions of
/// declaration lines without allocating; the tests read every file back with CsvHelper.
/// </summary>
internal sealed class CsvOut : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly CsvStijl _stijl;
    private bool _eersteVeld = true;
    public long Regels { get; private set; }

    public CsvOut(string pad, CsvStijl stijl)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pad)!);
        _stijl = stijl;
        _writer = new StreamWriter(new FileStream(pad, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), stijl.Codering, 1 << 16)
        {
            NewLine = stijl.Regeleinde,
        };
    }

    public void Kop(params string[] velden)
    {
        foreach (var veld in velden) Tekst(veld);
        _writer.Write(_stijl.Regeleinde);
        _eersteVeld = true;
    }

    private void Scheiding()
    {
        if (!_eersteVeld) _writer.Write(_stijl.Scheidingsteken);
        _eersteVeld = false;
    }

    public void Leeg() => Scheiding();

    public void Tekst(string? waarde)
    {
        Scheiding();
        if (string.IsNullOrEmpty(waarde)) return;
        if (waarde.AsSpan().IndexOfAny(_stijl.Scheidingsteken, '"', '\n') < 0 && !waarde.Contains('\r'))
        {
            _writer.Write(waarde);
            return;
        }
        _writer.Write('"');
        _writer.Write(waarde.Replace("\"", "\"\""));
        _writer.Write('"');
    }

    public void Geheel(long waarde)
    {
        Scheiding();
        Span<char> buffer = stackalloc char[24];
        waarde.TryFormat(buffer, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        _writer.Write(buffer[..n]);
    }

    /// <summary>A decimal given in hundredths: <c>1234,50</c>, or <c>12</c> when whole and <paramref name="altijdCenten"/> is false.</summary>
    public void Honderdsten(long honderdsten, bool altijdCenten)
    {
        Scheiding();
        Span<char> buffer = stackalloc char[24];
        var pos = 0;
        if (honderdsten < 0)
        {
            buffer[pos++] = '-';
            honderdsten = -honderdsten;
        }
        (honderdsten / 100).TryFormat(buffer[pos..], out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        pos += n;
        var rest = (int)(honderdsten % 100);
        if (rest != 0 || altijdCenten)
        {
            buffer[pos++] = _stijl.Decimaalteken;
            buffer[pos++] = (char)('0' + rest / 10);
            buffer[pos++] = (char)('0' + rest % 10);
        }
        _writer.Write(buffer[..pos]);
    }

    public void Datum(int dagnummer)
    {
        Scheiding();
        var d = DateOnly.FromDayNumber(dagnummer);
        Span<char> b = stackalloc char[10];
        if (_stijl.DagEerst)
        {
            Twee(b, 0, d.Day); b[2] = '-'; Twee(b, 3, d.Month); b[5] = '-'; Vier(b, 6, d.Year);
        }
        else
        {
            Vier(b, 0, d.Year); b[4] = '-'; Twee(b, 5, d.Month); b[7] = '-'; Twee(b, 8, d.Day);
        }
        _writer.Write(b);
    }

    public void DatumOfLeeg(int dagnummer)
    {
        if (dagnummer is < 0 or ToewijzingModel.Open) Leeg();
        else Datum(dagnummer);
    }

    private static void Twee(Span<char> b, int at, int v)
    {
        b[at] = (char)('0' + v / 10);
        b[at + 1] = (char)('0' + v % 10);
    }

    private static void Vier(Span<char> b, int at, int v)
    {
        b[at] = (char)('0' + v / 1000);
        b[at + 1] = (char)('0' + v / 100 % 10);
        b[at + 2] = (char)('0' + v / 10 % 10);
        b[at + 3] = (char)('0' + v % 10);
    }

    public void Einde()
    {
        _writer.Write(_stijl.Regeleinde);
        _eersteVeld = true;
        Regels++;
    }

    public void Dispose() => _writer.Dispose();
}
