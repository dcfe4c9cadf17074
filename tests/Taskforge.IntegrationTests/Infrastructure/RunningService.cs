namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: the built service in its own process (real Kestrel, its defaults, a SQLite
/// file of its own), shared by the tests of one class.
/// </summary>
public sealed class RunningService : IAsyncLifetime
{
    private ServiceProcess? _process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _process = ServiceProcess.Start();
        Address = await _process.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
