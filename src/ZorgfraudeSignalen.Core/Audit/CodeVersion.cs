using System.Reflection;

namespace ZorgfraudeSignalen.Core.Audit;

/// <summary>
/// The version of the code that ran: the assembly's informational version, which the .NET SDK completes with the
/// git commit (<c>1.0.0+&lt;sha&gt;</c>) when it builds from a git checkout. Without git it is the bare version, and the
/// build still works; a run record then says so by the missing <c>+</c>.
/// </summary>
public static class CodeVersion
{
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString()
        ?? "onbekend";
}
