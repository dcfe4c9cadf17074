using System.Diagnostics;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>Finds the npm-installed test peers under tests/node (scripts/test.sh runs <c>npm ci</c> there).</summary>
public static class NodePeer
{
    public static string Folder { get; } = FindFolder();

    public static ProcessStartInfo Script(string script, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{Folder}/node_modules is missing: run `npm ci` there (scripts/test.sh does)."
            );
        }

        var start = new ProcessStartInfo("node", [Path.Combine(Folder, script), .. arguments])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return start;
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Taskforge.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "node");
            }
        }

        throw new InvalidOperationException("The repository root (Taskforge.slnx) is not above the test binaries.");
    }
}
