namespace Taskforge.Api.RateLimiting;

/// <summary>The <c>RateLimiting:*</c> configuration.</summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Anonymous calls to <c>/api/v1/auth/*</c>, per client IP: strict, to slow credential stuffing.</summary>
    public WindowPolicy Auth { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>Everything else under <c>/api</c>: per user, or per client IP when anonymous.</summary>
    public WindowPolicy General { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Proxies (IP addresses) whose X-Forwarded-For is believed; nobody's by default.</summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];
}

public sealed class WindowPolicy
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
