using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>Settings from a directory of files (Docker and Kubernetes secrets) named by TASKFORGE_SECRETS_DIR.</summary>
public sealed class SecretsDirectoryTests
{
    private const string K2 = "secret-file-signing-key-two-0123456789abcdef";

    [Fact]
    public async Task A_signing_key_and_the_active_key_id_read_from_files_sign_new_tokens()
    {
        var secrets = Directory.CreateTempSubdirectory("taskforge-secrets-");
        try
        {
            // As `echo` writes them: with a trailing newline, which is not part of the value.
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Jwt__SigningKeys__k2"), K2 + "\n");
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "Jwt__ActiveKeyId"), "k2\n");
            await using var service = ServiceProcess.Start(
                new Dictionary<string, string> { ["TASKFORGE_SECRETS_DIR"] = secrets.FullName }
            );
            using var client = new HttpClient
            {
                BaseAddress = await service.WaitUntilListeningAsync(TimeSpan.FromSeconds(60)),
            };

            var token = await TestUsers.RegisterAndLogInAsync(client, "secrets");

            var parts = token.Split('.');
            JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!["kid"]!.GetValue<string>().Should().Be("k2");
            var expected = HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(K2),
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])
            );
            Base64Url.DecodeFromChars(parts[2]).Should().Equal(expected, "the key from the file signed it");
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            (await client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }
}
