using System.Text.Json;
using ZorgfraudeSignalen.Core.Run;

namespace ZorgfraudeSignalen.Core.Tests.Run;

public sealed class RiskConfigurationTests
{
    [Fact]
    public void The_hashed_configuration_is_the_text_it_had_when_the_run_id_was_its_first_property()
    {
        var configuration = new RiskConfiguration { Peildatum = new DateOnly(2025, 6, 30), PublicatieDrempel = 42.5, Rank = 3 };
        var withoutRunId = JsonSerializer.Serialize(configuration, ModelRunRecord.Json);

        // Earlier records serialised the run id as the configuration's first property; their hashes cover that text.
        var earlier = "{\"runId\":\"run-20250701T020000Z-0a1b2c3d\"," + withoutRunId[1..];

        Assert.Equal(earlier, configuration.HashedJson("run-20250701T020000Z-0a1b2c3d"));
        Assert.Equal("{\"runId\":\"\"," + withoutRunId[1..], configuration.HashedJson(""));
    }

    [Fact]
    public void A_configuration_read_back_from_a_record_that_still_carries_its_run_id_hashes_as_it_was_recorded()
    {
        var recorded = new RiskConfiguration { Seed = 7 }.HashedJson("run-oud");

        var read = JsonSerializer.Deserialize<RiskConfiguration>(recorded, ModelRunRecord.Json)!;

        Assert.Equal(recorded, read.HashedJson("run-oud"));
    }
}
