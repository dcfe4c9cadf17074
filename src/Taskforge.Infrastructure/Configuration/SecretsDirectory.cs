using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Configuration;

/// <summary>
/// Secrets as files, the way Docker and Kubernetes mount them: one file per key, the file name
/// the key with <c>__</c> for <c>:</c> (<c>Jwt__SigningKeys__k2</c> is <c>Jwt:SigningKeys:k2</c>),
/// the content its value.
/// </summary>
public static class SecretsDirectory
{
    /// <summary>The environment variable naming the directory (e.g. <c>/run/secrets</c>).</summary>
    public const string Variable = "TASKFORGE_SECRETS_DIR";

    /// <summary>
    /// Adds the directory last, so a mounted secret wins over appsettings, the environment and
    /// the command line: the secret store is where an operator rotates keys.
    /// </summary>
    public static IConfigurationBuilder AddSecretsDirectory(this IConfigurationBuilder configuration)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } directory)
        {
            return configuration;
        }

        if (!Directory.Exists(directory))
        {
            throw new StartupException($"{Variable} is '{directory}', which is not a directory.");
        }

        // The provider drops a file's trailing newline (echo and most editors add one); names
        // starting with "." (editor and Kubernetes bookkeeping files) are skipped.
        return configuration.AddKeyPerFile(files =>
        {
            files.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(
                Path.GetFullPath(directory)
            );
            files.Optional = false;
            files.IgnoreCondition = name => name.StartsWith('.');
        });
    }
}
