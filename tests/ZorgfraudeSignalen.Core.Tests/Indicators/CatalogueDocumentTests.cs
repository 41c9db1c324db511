using ZorgfraudeSignalen.Core.Fairness;
using ZorgfraudeSignalen.Core.Indicators;
using ZorgfraudeSignalen.Core.Model;
using ZorgfraudeSignalen.Core.Register;

namespace ZorgfraudeSignalen.Core.Tests.Indicators;

public class CatalogueDocumentTests
{
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZorgfraudeSignalen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Docs_indicatoren_md_is_generated_from_the_catalogue()
    {
        var path = Path.Combine(RepositoryRoot(), IndicatorCatalogueDoc.RelativePath);
        var expected = IndicatorCatalogueDoc.Render();
        if (Environment.GetEnvironmentVariable("ZFS_UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), $"{path} is missing; run with ZFS_UPDATE_DOCS=1");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_catalogue_has_the_required_indicators_each_complete()
    {
        string[] required = ["COLOC_PAND", "COLOC_PANDEN", "COLOC_RIJ", "VERHUIS_START", "MAX_DECL", "GELIJK_BEDRAG", "PGB_TARIEF", "PGB_UREN", "BUITEN_TOEW", "GROEI", "NETWERK", "UREN_ZORGVERLENER"];
        Assert.Equal(required.Order(), IndicatorCatalogue.All.Select(i => i.Code).Order());
        foreach (var i in IndicatorCatalogue.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Naam));
            Assert.False(string.IsNullOrWhiteSpace(i.Definitie));
            Assert.False(string.IsNullOrWhiteSpace(i.Gegevens));
            Assert.NotEmpty(i.Drempels);
            Assert.All(i.Drempels, d => Assert.NotNull(typeof(IndicatorThresholds).GetProperty(d)));
        }
    }

    [Fact]
    public void No_model_feature_is_a_protected_attribute_or_a_proxy()
    {
        Assert.NotEmpty(ProviderFeatures.All);
        foreach (var f in ProviderFeatures.All)
        {
            Assert.Empty(ForbiddenAttributes.Matches(f.Code));
            // Location enters only as building facts (same pand, same row as the provider or its other clients), never
            // as an address field: no source may match a forbidden term.
            foreach (var source in f.Bronnen)
                Assert.True(ForbiddenAttributes.Matches(source).Count == 0, $"{f.Code} derives from {source}, a forbidden attribute");
        }
        Assert.Equal(ProviderFeatures.All.Count, ProviderFeatures.All.Select(f => f.Code).Distinct().Count());
    }

    [Fact]
    public void The_forbidden_list_catches_what_it_must()
    {
        // Guards the guard: a feature named like these would fail the test above.
        foreach (var name in new[] { "leeftijd_client", "geslacht", "nationaliteit", "geboorteland", "taal_thuis", "wijkcode", "postcode_gebied" })
            Assert.NotEmpty(ForbiddenAttributes.Matches(name));
    }
}
